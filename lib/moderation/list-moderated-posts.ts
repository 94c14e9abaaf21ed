// The moderators' console's posts: every post carrying a moderator's mark (hidden, deleted, locked or
// pinned; deleted ones too, which the board no longer shows), narrowed to one mark or not, newest post
// first, a page at a time (keyset on (createdAt, id), the index the board's own date order uses). Each
// row says which marks are set and since when, and the last moderator action recorded in the audit log
// for it. A fixed number of queries whatever the page size: the posts, then the audit log's latest
// moderation entry per post on the page (its id per post, then the entries).
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { MODERATION_VERBS, type ModerationFlags, type ModerationState, type ModerationVerb } from "@/lib/board/post-moderation";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/members/create-member";

export const POST_MARKS = ["hidden", "deleted", "locked", "pinned"] as const;
export type PostMark = (typeof POST_MARKS)[number];
/** "any": a post carrying at least one of the marks. */
export type PostMarkFilter = PostMark | "any";

export type ModeratedPostRow = {
  id: string;
  title: string;
  author: { id: string; handle: string; displayName: string };
  category: { slug: string; name: string };
  createdAt: Date;
  replyCount: number;
  flags: ModerationFlags;
  /** When each mark was set (null: not set). */
  since: ModerationState;
  /** The newest moderation entry of the audit log for this post; null when none was recorded (a post its author deleted, or marked before the log). */
  lastAction: { verb: ModerationVerb; at: Date; actor: { id: string; displayName: string } | null } | null;
};

export type ModeratedPostsCursor = { at: Date; id: string };

export const MODERATED_POSTS_PAGE_SIZE = 25;
const MAX_LIMIT = 100;

export const MODERATED_POSTS_MESSAGES = {
  badState: "Choose hidden, deleted, locked, pinned or any of these.",
  /** The page's words for a `?state=` it does not know: what it shows instead. */
  unknownStateParam: "There is no such filter (choose hidden, deleted, locked, pinned or any of these), so here is every marked post.",
  badBefore: "That page link is not valid, so here is the newest page.",
  badLimit: "The page size must be a whole number of at least 1.",
} as const;

const MARK_FIELD: Record<PostMark, keyof ModerationState> = { hidden: "hiddenAt", deleted: "deletedAt", locked: "lockedAt", pinned: "pinnedAt" };

// A select box's "any" choice, an empty value or no value at all mean the same: every marked post.
const stateSchema = z.preprocess(
  (value) => (value === "" || value === undefined ? "any" : value),
  z.enum([...POST_MARKS, "any"], { error: MODERATED_POSTS_MESSAGES.badState }),
);

const optionsSchema = z.object({
  state: stateSchema,
  before: z
    .object({ at: z.date({ error: MODERATED_POSTS_MESSAGES.badBefore }), id: z.string({ error: MODERATED_POSTS_MESSAGES.badBefore }).max(64) }, { error: MODERATED_POSTS_MESSAGES.badBefore })
    .optional(),
  limit: z.int({ error: MODERATED_POSTS_MESSAGES.badLimit }).min(1, { error: MODERATED_POSTS_MESSAGES.badLimit }).optional(),
});

/** The post's marks as a where clause: this one mark, or any of them. */
function markedWhere(mark: PostMarkFilter): Prisma.PostWhereInput {
  if (mark !== "any") return { [MARK_FIELD[mark]]: { not: null } };
  return { OR: POST_MARKS.map((each) => ({ [MARK_FIELD[each]]: { not: null } })) };
}

/** `?state=` as the console's links write it; anything else is refused in words, never thrown. */
export function parseStateParam(value: unknown): Result<PostMarkFilter> {
  const parsed = stateSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: MODERATED_POSTS_MESSAGES.unknownStateParam };
}

const VERB_OF_ACTION = new Map<string, ModerationVerb>(MODERATION_VERBS.map((verb) => [`post.${verb}`, verb]));

export async function listModeratedPosts(
  db: Db,
  viewer: Viewer,
  options: { state?: unknown; before?: ModeratedPostsCursor; limit?: number } = {},
): Promise<Result<{ state: PostMarkFilter; posts: ModeratedPostRow[]; olderCursor: ModeratedPostsCursor | null }>> {
  // The console's readers, or anyone who may moderate posts (the same people today; either rule suffices).
  const allowed = authorize(viewer, "moderation.view");
  if (!allowed.ok && !authorize(viewer, "post.moderate").ok) return allowed;
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? MODERATED_POSTS_MESSAGES.badState };
  const { state, before } = parsed.data;
  const limit = Math.min(parsed.data.limit ?? MODERATED_POSTS_PAGE_SIZE, MAX_LIMIT);
  const where: Prisma.PostWhereInput = before
    ? { AND: [markedWhere(state), { OR: [{ createdAt: { lt: before.at } }, { createdAt: before.at, id: { lt: before.id } }] }] }
    : markedWhere(state);
  const rows = await db.post.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      title: true,
      createdAt: true,
      replyCount: true,
      pinnedAt: true,
      lockedAt: true,
      hiddenAt: true,
      deletedAt: true,
      author: { select: { id: true, handle: true, displayName: true } },
      category: { select: { slug: true, name: true } },
    },
  });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const olderCursor = rows.length > limit && last ? { at: last.createdAt, id: last.id } : null;
  const lastActions = await latestModerationEntries(
    db,
    shown.map((post) => post.id),
  );
  const posts = shown.map(({ pinnedAt, lockedAt, hiddenAt, deletedAt, ...post }) => ({
    ...post,
    flags: { pinned: pinnedAt !== null, locked: lockedAt !== null, hidden: hiddenAt !== null, deleted: deletedAt !== null },
    since: { pinnedAt, lockedAt, hiddenAt, deletedAt },
    lastAction: lastActions.get(post.id) ?? null,
  }));
  return { ok: true, value: { state, posts, olderCursor } };
}

/**
 * Each post's newest `post.<verb>` audit entry, in two queries however many posts and however often each
 * was moderated: the newest such entry's id per post (GROUP BY on the (targetType, targetId) index),
 * then those entries with their actors.
 */
async function latestModerationEntries(db: Db, postIds: string[]): Promise<Map<string, NonNullable<ModeratedPostRow["lastAction"]>>> {
  const latest = new Map<string, NonNullable<ModeratedPostRow["lastAction"]>>();
  if (postIds.length === 0) return latest;
  const newest = await db.auditEntry.groupBy({
    by: ["targetId"],
    where: { targetType: "post", targetId: { in: postIds }, action: { in: [...VERB_OF_ACTION.keys()] } },
    _max: { id: true },
  });
  const ids = newest.flatMap((group) => (group._max.id === null ? [] : [group._max.id]));
  if (ids.length === 0) return latest;
  const entries = await db.auditEntry.findMany({
    where: { id: { in: ids } },
    select: { targetId: true, action: true, createdAt: true, actor: { select: { id: true, displayName: true } } },
  });
  for (const entry of entries) {
    const verb = VERB_OF_ACTION.get(entry.action);
    if (verb !== undefined) latest.set(entry.targetId, { verb, at: entry.createdAt, actor: entry.actor });
  }
  return latest;
}
