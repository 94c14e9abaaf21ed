// The board's index: visible posts (not hidden, not deleted), pinned first, then newest activity first.
import type { Db } from "@/lib/db/client";

export type BoardPost = {
  id: string;
  title: string;
  excerpt: string;
  replyCount: number;
  createdAt: Date;
  lastActivityAt: Date;
  pinned: boolean;
  category: { slug: string; name: string };
  author: { id: string; handle: string; displayName: string };
};

export const BOARD_PAGE_SIZE = 30;
const MAX_LIMIT = 100;
const EXCERPT_LENGTH = 240;

export async function listBoardPosts(db: Db, options: { limit?: number } = {}): Promise<BoardPost[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? BOARD_PAGE_SIZE), 1), MAX_LIMIT);
  const posts = await db.post.findMany({
    where: { hiddenAt: null, deletedAt: null },
    orderBy: [{ pinnedAt: { sort: "desc", nulls: "last" } }, { lastActivityAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      title: true,
      body: true,
      replyCount: true,
      createdAt: true,
      lastActivityAt: true,
      pinnedAt: true,
      category: { select: { slug: true, name: true } },
      author: { select: { id: true, handle: true, displayName: true } },
    },
  });
  return posts.map(({ body, pinnedAt, ...post }) => ({
    ...post,
    pinned: pinnedAt !== null,
    excerpt: excerptOf(body),
  }));
}

/** A plain-text teaser: collapsed whitespace, cut at a word boundary. Rendered as text, never HTML. */
function excerptOf(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_LENGTH) return text;
  const cut = text.slice(0, EXCERPT_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > EXCERPT_LENGTH / 2 ? cut.slice(0, lastSpace) : cut}…`;
}
