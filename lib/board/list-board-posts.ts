// The board's index: visible posts (not hidden, not deleted), pinned first, then newest activity
// first, a page at a time. The first page starts with the pinned posts; later pages continue from a
// keyset cursor (lastActivityAt, id) over unpinned posts only, so every page is one indexed range read
// however deep it is. Unpinned posts (pinnedAt NULL) come last: SQLite sorts NULL below every value,
// PostgreSQL above, so it is said (NULLS LAST), and PostgreSQL's index is built to match.
import { encodeCursor, FROM_NEWEST_UNPINNED, type BoardCursor } from "@/lib/board/board-cursor";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type BoardPost = {
  id: string;
  title: string;
  excerpt: string;
  replyCount: number;
  createdAt: Date;
  editedAt: Date | null;
  lastActivityAt: Date;
  pinned: boolean;
  locked: boolean;
  category: { slug: string; name: string };
  author: { id: string; handle: string; displayName: string };
};

export type BoardPage = {
  posts: BoardPost[];
  /** `?before=` for the next (older) page; null on the last page. */
  olderCursor: string | null;
};

export const BOARD_PAGE_SIZE = 20;
const MAX_LIMIT = 100;
const EXCERPT_LENGTH = 240;

const VISIBLE = { hiddenAt: null, deletedAt: null } satisfies Prisma.PostWhereInput;

export async function listBoardPosts(db: Db, options: { before?: BoardCursor; limit?: number } = {}): Promise<BoardPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? BOARD_PAGE_SIZE), 1), MAX_LIMIT);
  const { before } = options;
  const where: Prisma.PostWhereInput = before
    ? {
        ...VISIBLE,
        pinnedAt: null,
        OR: [{ lastActivityAt: { lt: before.at } }, { lastActivityAt: before.at, id: { lt: before.id } }],
      }
    : VISIBLE;
  // Later pages hold only unpinned posts, but keep pinnedAt in the order: PostgreSQL walks the index
  // in order only when the ORDER BY names its first column (an IS NULL condition does not suffice).
  const orderBy: Prisma.PostOrderByWithRelationInput[] = [{ pinnedAt: { sort: "desc", nulls: "last" } }, { lastActivityAt: "desc" }, { id: "desc" }];
  const rows = await db.post.findMany({
    where,
    orderBy,
    take: limit + 1,
    select: {
      id: true,
      title: true,
      body: true,
      replyCount: true,
      createdAt: true,
      editedAt: true,
      lastActivityAt: true,
      pinnedAt: true,
      lockedAt: true,
      category: { select: { slug: true, name: true } },
      author: { select: { id: true, handle: true, displayName: true } },
    },
  });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const olderCursor =
    rows.length > limit && last ? encodeCursor(last.pinnedAt ? FROM_NEWEST_UNPINNED : { at: last.lastActivityAt, id: last.id }) : null;
  const posts = shown.map(({ body, pinnedAt, lockedAt, ...post }) => ({
    ...post,
    pinned: pinnedAt !== null,
    locked: lockedAt !== null,
    excerpt: excerptOf(body),
  }));
  return { posts, olderCursor };
}

/** A plain-text teaser: collapsed whitespace, cut at a word boundary. Rendered as text, never HTML. */
function excerptOf(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_LENGTH) return text;
  const cut = text.slice(0, EXCERPT_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > EXCERPT_LENGTH / 2 ? cut.slice(0, lastSpace) : cut}…`;
}
