import { describe, expect, it } from "vitest";
import { DEFAULT_REQUEST_POLICY, parseRequestPolicy, REQUEST_POLICIES } from "@/lib/roster/request-policy";

describe("parseRequestPolicy", () => {
  it("reads each stored policy", () => {
    for (const policy of REQUEST_POLICIES) expect(parseRequestPolicy(policy)).toBe(policy);
  });

  it("falls back to keeping requests for moderators when nothing or something unknown is stored", () => {
    expect(DEFAULT_REQUEST_POLICY).toBe("queue");
    for (const stored of [null, undefined, "", "approve", "APPROVE-ALL", " deny-all"]) expect(parseRequestPolicy(stored)).toBe("queue");
  });
});
