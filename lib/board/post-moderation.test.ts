import { describe, expect, it } from "vitest";
import {
  availableVerbs,
  MODERATION_MESSAGES,
  MODERATION_VERBS,
  moderationFlags,
  moderationSnapshot,
  moderationStateInWords,
  planModeration,
  type ModerationState,
} from "@/lib/board/post-moderation";

const now = new Date("2026-11-01T12:00:00Z");
const earlier = new Date("2026-10-01T08:30:00Z");
const plain: ModerationState = { pinnedAt: null, lockedAt: null, hiddenAt: null, deletedAt: null };

describe("planModeration", () => {
  it.each([
    ["pin", "pinnedAt"],
    ["lock", "lockedAt"],
    ["hide", "hiddenAt"],
    ["delete", "deletedAt"],
  ] as const)("%s sets %s to now on a plain post", (verb, field) => {
    expect(planModeration(plain, verb, now)).toEqual({ ok: true, value: { field, value: now } });
  });

  it.each([
    ["unpin", "pinnedAt"],
    ["unlock", "lockedAt"],
    ["unhide", "hiddenAt"],
  ] as const)("%s clears %s", (verb, field) => {
    expect(planModeration({ ...plain, [field]: earlier }, verb, now)).toEqual({ ok: true, value: { field, value: null } });
  });

  it("restores a deleted post", () => {
    expect(planModeration({ ...plain, deletedAt: earlier }, "restore", now)).toEqual({ ok: true, value: { field: "deletedAt", value: null } });
  });

  it.each([
    ["pin", { pinnedAt: earlier }, "This post is already pinned."],
    ["unpin", {}, "This post is not pinned."],
    ["lock", { lockedAt: earlier }, "This post is already locked."],
    ["unlock", {}, "This post is not locked."],
    ["hide", { hiddenAt: earlier }, "This post is already hidden."],
    ["unhide", {}, "This post is not hidden."],
    ["delete", { deletedAt: earlier }, "This post is already deleted."],
    ["restore", {}, "This post is not deleted."],
  ] as const)("refuses %s when it would change nothing", (verb, state, error) => {
    expect(planModeration({ ...plain, ...state }, verb, now)).toEqual({ ok: false, error });
  });

  it.each(MODERATION_VERBS.filter((verb) => verb !== "restore" && verb !== "delete"))("asks to restore a deleted post before %s", (verb) => {
    const deleted = { pinnedAt: earlier, lockedAt: earlier, hiddenAt: earlier, deletedAt: earlier };
    const state = verb.startsWith("un") ? deleted : { ...plain, deletedAt: earlier };
    expect(planModeration(state, verb, now)).toEqual({ ok: false, error: MODERATION_MESSAGES.restoreFirst });
  });
});

describe("moderationSnapshot", () => {
  it("gives every moderation field as an ISO time or null", () => {
    expect(moderationSnapshot({ ...plain, pinnedAt: earlier })).toEqual({ pinnedAt: "2026-10-01T08:30:00.000Z", lockedAt: null, hiddenAt: null, deletedAt: null });
  });
});

describe("moderationStateInWords", () => {
  it("says a plain post is unpinned, open and visible", () => {
    expect(moderationStateInWords({ pinned: false, locked: false, hidden: false, deleted: false })).toEqual(["Not pinned", "Open for replies", "Visible to everyone"]);
  });
  it("says a deleted post is deleted even when it is also hidden", () => {
    expect(moderationStateInWords({ pinned: true, locked: true, hidden: true, deleted: true })).toEqual([
      "Pinned to the top of the board",
      "Locked: no new replies",
      "Deleted: only moderators can see it",
    ]);
    expect(moderationStateInWords({ pinned: false, locked: false, hidden: true, deleted: false })[2]).toBe("Hidden: only moderators can see it");
  });
});

describe("availableVerbs", () => {
  const at = new Date("2026-11-01T12:00:00Z");
  const states: ModerationState[] = [
    { pinnedAt: null, lockedAt: null, hiddenAt: null, deletedAt: null },
    { pinnedAt: at, lockedAt: at, hiddenAt: at, deletedAt: null },
    { pinnedAt: at, lockedAt: null, hiddenAt: at, deletedAt: at },
  ];
  it("offers one verb per standing, and only restore for a deleted post", () => {
    expect(availableVerbs(moderationFlags(states[0] as ModerationState))).toEqual(["pin", "lock", "hide", "delete"]);
    expect(availableVerbs(moderationFlags(states[1] as ModerationState))).toEqual(["unpin", "unlock", "unhide", "delete"]);
    expect(availableVerbs(moderationFlags(states[2] as ModerationState))).toEqual(["restore"]);
  });
  it("offers only verbs the moderation rule accepts", () => {
    for (const state of states) for (const verb of availableVerbs(moderationFlags(state))) expect(planModeration(state, verb, at).ok).toBe(true);
  });
});
