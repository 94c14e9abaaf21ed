// A member deletes their own post. Soft: the row keeps its content with `deletedAt`, so a moderator
// can restore it; it leaves the board and takes no more replies.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Result } from "@/lib/members/create-member";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { postRefSchema } from "@/lib/board/post-input";
import { inactiveAuthorRefusal } from "@/lib/board/posting-guard";
import type { Db } from "@/lib/db/client";

export async function deletePost(db: Db, viewer: Viewer, input: unknown): Promise<Result<{ id: string }>> {
  const allowed = authorize(viewer, "post.delete-own");
  if (!allowed.ok) return allowed;
  const parsed = postRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: BOARD_MESSAGES.postGone };
  const { postId } = parsed.data;
  const memberId = allowed.value.id;
  return db.$transaction(async (tx) => {
    const inactive = await inactiveAuthorRefusal(tx, memberId);
    if (inactive) return { ok: false as const, error: inactive };
    const post = await tx.post.findUnique({ where: { id: postId }, select: { authorId: true, deletedAt: true, hiddenAt: true } });
    if (!post || post.deletedAt || post.hiddenAt) return { ok: false as const, error: BOARD_MESSAGES.postGone };
    if (post.authorId !== memberId) return { ok: false as const, error: BOARD_MESSAGES.notYourPostToDelete };
    await tx.post.update({ where: { id: postId }, data: { deletedAt: new Date() } });
    return { ok: true as const, value: { id: postId } };
  });
}
