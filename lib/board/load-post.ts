// One post as its page shows it: the post and what the viewer may do with it (its replies come a page at
// a time from list-post-replies). A hidden or deleted post (and so its replies) exists only for
// moderators, flagged as such; for everyone else it is not there at all. Who may do what comes from
// authorize, not the page.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";

export type PostAuthor = { id: string; handle: string; displayName: string };

export type PostPage = {
  id: string;
  title: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  lastActivityAt: Date;
  replyCount: number;
  pinned: boolean;
  locked: boolean;
  /** Only ever true for moderators: nobody else gets a hidden or deleted post. */
  hidden: boolean;
  deleted: boolean;
  category: { id: string; slug: string; name: string };
  author: PostAuthor;
  /** The author may edit and delete it (while it is on the board). */
  mine: boolean;
  canReply: boolean;
  canModerate: boolean;
};

export const AUTHOR_SELECT = { select: { id: true, handle: true, displayName: true } } as const;

export async function loadPost(db: Db, viewer: Viewer, postId: string): Promise<PostPage | null> {
  if (postId.length === 0 || postId.length > 64) return null;
  const post = await db.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      title: true,
      body: true,
      createdAt: true,
      editedAt: true,
      lastActivityAt: true,
      replyCount: true,
      pinnedAt: true,
      lockedAt: true,
      hiddenAt: true,
      deletedAt: true,
      category: { select: { id: true, slug: true, name: true } },
      author: AUTHOR_SELECT,
    },
  });
  if (!post) return null;
  const canModerate = authorize(viewer, "post.moderate").ok;
  const onBoard = post.hiddenAt === null && post.deletedAt === null;
  if (!onBoard && !canModerate) return null;
  const viewerId = viewer.kind === "member" ? viewer.id : null;
  const { pinnedAt, lockedAt, hiddenAt, deletedAt, ...rest } = post;
  return {
    ...rest,
    pinned: pinnedAt !== null,
    locked: lockedAt !== null,
    hidden: hiddenAt !== null,
    deleted: deletedAt !== null,
    mine: onBoard && viewerId === post.author.id && authorize(viewer, "post.edit-own").ok,
    canReply: onBoard && lockedAt === null && authorize(viewer, "reply.create").ok,
    canModerate,
  };
}

/** A reply for its edit page: only the author's own, on a post still on the board. */
export async function loadOwnReply(db: Db, viewer: Viewer, replyId: string): Promise<{ id: string; body: string; postId: string; postTitle: string } | null> {
  if (viewer.kind !== "member" || replyId.length === 0 || replyId.length > 64) return null;
  const reply = await db.reply.findUnique({
    where: { id: replyId },
    select: { id: true, body: true, postId: true, authorId: true, deletedAt: true, hiddenAt: true, post: { select: { title: true, deletedAt: true, hiddenAt: true } } },
  });
  if (!reply || reply.deletedAt || reply.hiddenAt || reply.post.deletedAt || reply.post.hiddenAt || reply.authorId !== viewer.id) return null;
  return { id: reply.id, body: reply.body, postId: reply.postId, postTitle: reply.post.title };
}
