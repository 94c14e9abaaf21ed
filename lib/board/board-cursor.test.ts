import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, FROM_NEWEST_UNPINNED, MALFORMED_CURSOR } from "@/lib/board/board-cursor";

describe("board cursor", () => {
  it("round-trips a position and stays opaque and URL-safe", () => {
    const cursor = { at: new Date("2026-11-20T08:30:00.123Z"), id: "cmabc123xyz" };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded).not.toContain("cmabc123xyz");
    expect(decodeCursor(encoded)).toEqual({ ok: true, value: cursor });
  });

  it("round-trips the start of the unpinned posts", () => {
    expect(decodeCursor(encodeCursor(FROM_NEWEST_UNPINNED))).toEqual({ ok: true, value: FROM_NEWEST_UNPINNED });
  });

  it.each([
    undefined,
    "",
    ["a", "b"],
    "not a cursor!",
    "%3Cscript%3E",
    Buffer.from("yesterday.abc").toString("base64url"),
    Buffer.from("123.a b").toString("base64url"), Buffer.from("123.<script>").toString("base64url"),
    Buffer.from("123").toString("base64url"),
    Buffer.from(`${"9".repeat(17)}.abc`).toString("base64url"),
    Buffer.from("99999999999999999.abc").toString("base64url"),
    "x".repeat(500),
  ])("refuses %j in words", (value) => {
    expect(decodeCursor(value)).toEqual({ ok: false, error: MALFORMED_CURSOR });
  });

  it("refuses in the words of the list it pages, when given them", () => {
    const words = "That page link is not valid, so here are the first replies.";
    expect(decodeCursor("not a cursor!", words)).toEqual({ ok: false, error: words });
  });
});
