import { describe, expect, it } from "vitest";
import { boardPostEventSchema, presenceSnapshotSchema } from "@/lib/realtime/events";

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

describe("boardPostEventSchema", () => {
  it("carries the newest post's time and drops anything else a server might add", () => {
    expect(boardPostEventSchema.parse({ latestPostAt: "2026-11-01T12:00:00.000Z", title: "x" })).toEqual({ latestPostAt: "2026-11-01T12:00:00.000Z" });
  });

  it("rejects a time that is not an ISO instant", () => {
    expect(boardPostEventSchema.safeParse({ latestPostAt: "<script>" }).success).toBe(false);
    expect(boardPostEventSchema.safeParse({}).success).toBe(false);
  });
});
