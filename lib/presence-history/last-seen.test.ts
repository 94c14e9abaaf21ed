import { describe, expect, it } from "vitest";
import { lastSeen } from "@/lib/presence-history/last-seen";
import type { MemberPresenceView } from "@/lib/presence/member-presence";

const view = (state: MemberPresenceView["state"], lastSeenAt: string | null): MemberPresenceView => ({
  memberId: "m1",
  state,
  statusText: null,
  since: null,
  idleSince: null,
  lastSeenAt,
  chatUri: null,
});
const SEEN = "2026-03-09T09:00:00.000Z";

describe("lastSeen", () => {
  it("says online now in every online state, busy and away too", () => {
    for (const state of ["chat", "available", "away", "xa", "dnd"] as const) expect(lastSeen(view(state, SEEN))).toEqual({ words: "Online now", seenAt: null });
  });

  it("says when an offline member was last seen, or that they never were", () => {
    expect(lastSeen(view("offline", SEEN))).toEqual({ words: "Last seen", seenAt: new Date(SEEN) });
    expect(lastSeen(view("offline", null))).toEqual({ words: "Not seen online yet", seenAt: null });
  });

  it("keeps last seen while presence is unknown, and adds nothing to unknown otherwise", () => {
    expect(lastSeen(view("unknown", SEEN))).toEqual({ words: "Last seen", seenAt: new Date(SEEN) });
    expect(lastSeen(view("unknown", null))).toBeNull();
  });
});
