import { describe, expect, it } from "vitest";
import { presenceSnapshotSchema } from "@/lib/realtime/events";

const view = { memberId: "m1", state: "available", statusText: null, since: null, idleSince: null, lastSeenAt: null, chatUri: "xmpp:a@x.org?message" };

describe("presenceSnapshotSchema", () => {
  it("keeps the valid members of a snapshot and drops malformed ones", () => {
    const parsed = presenceSnapshotSchema.parse({
      status: { live: true, reason: null },
      members: [view, { ...view, memberId: "m2", state: "sleeping" }, { ...view, memberId: "m3", chatUri: "javascript:alert(1)" }, "junk"],
    });
    expect(parsed.members.map((member) => member.memberId)).toEqual(["m1"]);
  });

  it("rejects a snapshot without a valid status", () => {
    expect(presenceSnapshotSchema.safeParse({ status: { live: "yes" }, members: [] }).success).toBe(false);
  });
});
