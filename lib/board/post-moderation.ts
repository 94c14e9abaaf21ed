// What each moderation verb does to a post's moderation fields, and why it is refused when it would
// change nothing. Pure, so the rules are tested without a database; moderate-post.ts writes and audits.
import type { Result } from "@/lib/members/create-member";

export const MODERATION_VERBS = ["pin", "unpin", "lock", "unlock", "hide", "unhide", "delete", "restore"] as const;
export type ModerationVerb = (typeof MODERATION_VERBS)[number];

/** The post's moderation fields, as stored. */
export type ModerationState = { pinnedAt: Date | null; lockedAt: Date | null; hiddenAt: Date | null; deletedAt: Date | null };
export type ModerationField = keyof ModerationState;
export type ModerationFlags = { pinned: boolean; locked: boolean; hidden: boolean; deleted: boolean };

export const MODERATION_FIELDS: readonly ModerationField[] = ["pinnedAt", "lockedAt", "hiddenAt", "deletedAt"];

const VERBS: Record<ModerationVerb, { field: ModerationField; set: boolean; noChange: string }> = {
  pin: { field: "pinnedAt", set: true, noChange: "This post is already pinned." },
  unpin: { field: "pinnedAt", set: false, noChange: "This post is not pinned." },
  lock: { field: "lockedAt", set: true, noChange: "This post is already locked." },
  unlock: { field: "lockedAt", set: false, noChange: "This post is not locked." },
  hide: { field: "hiddenAt", set: true, noChange: "This post is already hidden." },
  unhide: { field: "hiddenAt", set: false, noChange: "This post is not hidden." },
  delete: { field: "deletedAt", set: true, noChange: "This post is already deleted." },
  restore: { field: "deletedAt", set: false, noChange: "This post is not deleted." },
};

export const MODERATION_MESSAGES = {
  unknownVerb: "Choose pin, unpin, lock, unlock, hide, unhide, delete or restore.",
  noSuchPost: "There is no such post.",
  restoreFirst: "This post is deleted; restore it before changing anything else.",
} as const;

/** The one field a verb changes and its new value, or why nothing should change. */
export function planModeration(state: ModerationState, verb: ModerationVerb, now: Date): Result<{ field: ModerationField; value: Date | null }> {
  const { field, set, noChange } = VERBS[verb];
  if ((state[field] !== null) === set) return { ok: false, error: noChange };
  // A deleted post is out of everyone's sight but moderators'; it is restored before it is changed.
  if (state.deletedAt !== null && verb !== "restore") return { ok: false, error: MODERATION_MESSAGES.restoreFirst };
  return { ok: true, value: { field, value: set ? now : null } };
}

/** The audit log's before/after snapshot: every moderation field as an ISO time or null. */
export function moderationSnapshot(state: ModerationState): Record<ModerationField, string | null> {
  return {
    pinnedAt: state.pinnedAt?.toISOString() ?? null,
    lockedAt: state.lockedAt?.toISOString() ?? null,
    hiddenAt: state.hiddenAt?.toISOString() ?? null,
    deletedAt: state.deletedAt?.toISOString() ?? null,
  };
}

export function moderationFlags(state: ModerationState): ModerationFlags {
  return { pinned: state.pinnedAt !== null, locked: state.lockedAt !== null, hidden: state.hiddenAt !== null, deleted: state.deletedAt !== null };
}

/** The post's standing as a moderator reads it on the toolbar, one phrase per concern. */
export function moderationStateInWords(flags: ModerationFlags): string[] {
  const sight = flags.deleted ? "Deleted: only moderators can see it" : flags.hidden ? "Hidden: only moderators can see it" : "Visible to everyone";
  return [flags.pinned ? "Pinned to the top of the board" : "Not pinned", flags.locked ? "Locked: no new replies" : "Open for replies", sight];
}

/** The verbs that would change a post in this state, one per standing: a deleted post can only be restored. */
export function availableVerbs(flags: ModerationFlags): ModerationVerb[] {
  if (flags.deleted) return ["restore"];
  return [flags.pinned ? "unpin" : "pin", flags.locked ? "unlock" : "lock", flags.hidden ? "unhide" : "hide", "delete"];
}
