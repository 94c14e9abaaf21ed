// A post's visible replies, oldest first, a page at a time. A later page continues from a keyset
// cursor (`?after=`: createdAt, then id for replies written in the same millisecond), so every page is
// one range read on Reply(postId, createdAt, id) however long the thread is, and no reply is skipped or
// shown twice. Pages are aligned (replies 1–50, 51–100, …) so the page a reply is on has one address,
// whether a member walks there or lands there after writing it.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { encodeCursor, type BoardCursor } from "@/lib/board/board-cursor";
import { AUTHOR_SELECT, type PostAuthor, type PostPage } from "@/lib/board/load-post";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type PostReply = { id: string; body: string; createdAt: Date; editedAt: Date | null; author: PostAuthor; mine: boolean };

/** Where a page of replies starts: `after` the reply that ends the page before it; null is the first page. */
export type ReplyPageAddress = { after: string | null };

export type ReplyPage = {
  replies: PostReply[];
  /** How many of the post's visible replies come before this page: the first shown is number `earlierCount + 1`. */
  earlierCount: number;
  /** The page before this one; null on the first page. */
  earlier: ReplyPageAddress | null;
  /** The page after this one; null on the last page. */
  later: ReplyPageAddress | null;
};

export const REPLIES_PAGE_SIZE = 50;
const MAX_LIMIT = 100;

export const MALFORMED_REPLIES_CURSOR = "That page link is not valid, so here are the first replies.";

export const FIRST_REPLY_PAGE: ReplyPageAddress = { after: null };

const VISIBLE = { hiddenAt: null, deletedAt: null } satisfies Prisma.ReplyWhereInput;
const OLDEST_FIRST: Prisma.ReplyOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];
const NEWEST_FIRST: Prisma.ReplyOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
const POSITION = { id: true, createdAt: true } as const;

const laterThan = (cursor: BoardCursor): Prisma.ReplyWhereInput => ({
  OR: [{ createdAt: { gt: cursor.at } }, { createdAt: cursor.at, id: { gt: cursor.id } }],
});
const atOrBefore = (cursor: BoardCursor): Prisma.ReplyWhereInput => ({
  OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lte: cursor.id } }],
});
const earlierThan = (cursor: BoardCursor): Prisma.ReplyWhereInput => ({
  OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
});

const cursorOf = (reply: { id: string; createdAt: Date }): string => encodeCursor({ at: reply.createdAt, id: reply.id });

const pageSize = (limit: number | undefined): number => Math.min(Math.max(Math.trunc(limit ?? REPLIES_PAGE_SIZE), 1), MAX_LIMIT);

/** One page of the replies of a post the viewer was given by loadPost (so it may see them). */
export async function listPostReplies(db: Db, viewer: Viewer, post: PostPage, options: { after?: BoardCursor; limit?: number } = {}): Promise<ReplyPage> {
  const limit = pageSize(options.limit);
  const { after } = options;
  const ofPost: Prisma.ReplyWhereInput = { postId: post.id, ...VISIBLE };
  const rows = await db.reply.findMany({
    where: after ? { ...ofPost, ...laterThan(after) } : ofPost,
    orderBy: OLDEST_FIRST,
    take: limit + 1,
    select: { id: true, body: true, createdAt: true, editedAt: true, author: AUTHOR_SELECT },
  });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const later = rows.length > limit && last ? { after: cursorOf(last) } : null;

  const upToCursor: Prisma.ReplyWhereInput | null = after ? { ...ofPost, ...atOrBefore(after) } : null;
  const earlierCount = upToCursor ? await db.reply.count({ where: upToCursor }) : 0;
  let earlier: ReplyPageAddress | null = null;
  if (upToCursor && earlierCount > 0) {
    // The page before is the aligned page holding reply number `earlierCount` (the one findReplyPage
    // gives; a link kept while earlier replies were hidden may start off the grid): it begins after
    // reply number `start`.
    const start = Math.floor((earlierCount - 1) / limit) * limit;
    const anchor = start > 0 ? await db.reply.findFirst({ where: upToCursor, orderBy: NEWEST_FIRST, skip: earlierCount - start, select: POSITION }) : null;
    earlier = anchor ? { after: cursorOf(anchor) } : FIRST_REPLY_PAGE;
  }

  const viewerId = viewer.kind === "member" ? viewer.id : null;
  const onBoard = !post.hidden && !post.deleted;
  const mayEditOwn = onBoard && authorize(viewer, "reply.edit-own").ok;
  const replies = shown.map((reply) => ({ ...reply, mine: mayEditOwn && viewerId === reply.author.id }));
  return { replies, earlierCount, earlier, later };
}

/**
 * The page a reply is on (the one listPostReplies walks to), for sending its author there after
 * writing or editing it. An unknown reply, or one of another post, gives the first page.
 */
export async function findReplyPage(db: Db, reply: { id: string; postId: string }, options: { limit?: number } = {}): Promise<ReplyPageAddress> {
  const limit = pageSize(options.limit);
  const row = await db.reply.findUnique({ where: { id: reply.id }, select: { postId: true, createdAt: true } });
  if (!row || row.postId !== reply.postId) return FIRST_REPLY_PAGE;
  const before: Prisma.ReplyWhereInput = { postId: reply.postId, ...VISIBLE, ...earlierThan({ at: row.createdAt, id: reply.id }) };
  const earlierCount = await db.reply.count({ where: before });
  if (earlierCount < limit) return FIRST_REPLY_PAGE;
  // Its page starts at a multiple of `limit`: step back to the reply that ends the page before.
  const anchor = await db.reply.findFirst({ where: before, orderBy: NEWEST_FIRST, skip: earlierCount % limit, select: POSITION });
  return anchor ? { after: cursorOf(anchor) } : FIRST_REPLY_PAGE;
}
