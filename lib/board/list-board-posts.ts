// The board's index: visible posts, pinned first, then newest activity first.
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

const EXCERPT_LENGTH = 240;

export async function listBoardPosts(db: Db, options: { limit?: number } = {}): Promise<BoardPost[]> {
  const posts = await db.post.findMany({
    where: { hiddenAt: null, deletedAt: null },
    orderBy: [{ pinnedAt: { sort: "desc", nulls: "last" } }, { lastActivityAt: "desc" }],
    take: options.limit ?? 30,
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
    excerpt: body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body,
  }));
}
