// The console's roster standing in words: every subscription, both pending directions, and a link's state.
import { describe, expect, it } from "vitest";
import { memberLinkInWords, pendingInWords, subscriptionInWords } from "@/lib/moderation/roster-in-words";

const member = { id: "m", handle: "nora", displayName: "Nora", verified: true, suspended: false };

describe("roster in words", () => {
  it("says which way presence flows for every subscription", () => {
    expect(["none", "to", "from", "both"].map((value) => subscriptionInWords(value as "none"))).toEqual([
      "none: no presence either way",
      "to: we see theirs",
      "from: they see ours",
      "both: each sees the other",
    ]);
  });
  it("names the requests waiting in either direction, or a dash", () => {
    expect(pendingInWords({ pendingOut: false, pendingIn: false })).toBe("—");
    expect(pendingInWords({ pendingOut: true, pendingIn: false })).toBe("our request is waiting");
    expect(pendingInWords({ pendingOut: true, pendingIn: true })).toBe("our request is waiting; their request is waiting");
  });
  it("says a suspended member's link is suspended, else linked or still confirming", () => {
    expect(memberLinkInWords({ ...member, suspended: true })).toBe("suspended");
    expect(memberLinkInWords(member)).toBe("linked");
    expect(memberLinkInWords({ ...member, verified: false })).toBe("confirming the link");
  });
});
