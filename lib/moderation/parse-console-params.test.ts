import { describe, expect, it } from "vitest";
import { parseBeforeParam } from "@/lib/moderation/parse-console-params";

const refused = { ok: false, error: "That page link is not valid, so here is the newest page." };

const malformed: Array<[unknown, string]> = [
  ["", "empty"],
  ["0", "zero"],
  ["-3", "negative"],
  ["007", "leading zeros"],
  ["1.5", "a fraction"],
  ["1e3", "an exponent"],
  [" 12", "a space"],
  ["12abc", "trailing text"],
  ["9999999999999999", "beyond a safe integer"],
  ["99999999999999999999", "far too long"],
  [["1", "2"], "repeated"],
  [null, "null"],
  [0, "the number zero"],
  [2.5, "a fractional number"],
];

describe("parseBeforeParam", () => {
  it("is the newest page when absent", () => {
    expect(parseBeforeParam(undefined)).toEqual({ ok: true, value: undefined });
  });

  it("reads a positive whole id", () => {
    expect(parseBeforeParam("51")).toEqual({ ok: true, value: 51 });
    expect(parseBeforeParam("1")).toEqual({ ok: true, value: 1 });
    expect(parseBeforeParam(9_007_199_254_740_991)).toEqual({ ok: true, value: 9_007_199_254_740_991 });
  });

  it.each(malformed)("refuses %j (%s) in words", (value) => {
    expect(parseBeforeParam(value)).toEqual(refused);
  });
});
