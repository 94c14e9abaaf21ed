// A member deletes their own reply (soft, restorable); the post's reply count follows in the same
// transaction. The post's newest activity stays: something did happen then.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { replyRefSchema } from "@/lib/board/post-input";
import { inactiveAuthorRefusal } from "@/lib/board/posting-guard";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";

export async function deleteReply(db: Db, viewer: Viewer, input: unknown): Promise<Result<{ id: string; postId: string }>> {
  const allowed = authorize(viewer, "reply.delete-own");
  if (!allowed.ok) return allowed;
  const parsed = replyRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: BOARD_MESSAGES.replyGone };
  const { replyId } = parsed.data;
  const memberId = allowed.value.id;
  return db.$transaction(async (tx) => {
    const inactive = await inactiveAuthorRefusal(tx, memberId);
    if (inactive) return { ok: false as const, error: inactive };
    const reply = await tx.reply.findUnique({ where: { id: replyId }, select: { authorId: true, postId: true, deletedAt: true, hiddenAt: true } });
    if (!reply || reply.deletedAt || reply.hiddenAt) return { ok: false as const, error: BOARD_MESSAGES.replyGone };
    if (reply.authorId !== memberId) return { ok: false as const, error: BOARD_MESSAGES.notYourReplyToDelete };
    await tx.reply.update({ where: { id: replyId }, data: { deletedAt: new Date() } });
    await tx.post.update({ where: { id: reply.postId }, data: { replyCount: { decrement: 1 } } });
    return { ok: true as const, value: { id: replyId, postId: reply.postId } };
  });
}
