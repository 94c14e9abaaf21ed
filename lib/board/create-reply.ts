// A member replies to a post. The reply, the post's reply count and its newest activity change in one
// transaction, so the board's order and counts never disagree with the replies.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { newReplySchema, REPLY_FIELDS, type ReplyField } from "@/lib/board/post-input";
import { inactiveAuthorRefusal, postingLimitRefusal } from "@/lib/board/posting-guard";
import type { Db } from "@/lib/db/client";
import { correctFieldsMessage, fieldErrorsOf, formRefusal, type FormResult } from "@/lib/forms/field-errors";

export async function createReply(db: Db, viewer: Viewer, input: unknown): Promise<FormResult<{ id: string; postId: string }, ReplyField>> {
  const allowed = authorize(viewer, "reply.create");
  if (!allowed.ok) return formRefusal(allowed.error);
  const parsed = newReplySchema.safeParse(input);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === "postId")) return formRefusal(BOARD_MESSAGES.postGone);
    return formRefusal(correctFieldsMessage(1), fieldErrorsOf(parsed.error, REPLY_FIELDS));
  }
  const { postId, body } = parsed.data;
  const authorId = allowed.value.id;
  const tooFast = await postingLimitRefusal(authorId);
  if (tooFast) return formRefusal(tooFast);
  return db.$transaction(async (tx) => {
    const inactive = await inactiveAuthorRefusal(tx, authorId);
    if (inactive) return formRefusal<ReplyField>(inactive);
    const post = await tx.post.findUnique({ where: { id: postId }, select: { lockedAt: true, deletedAt: true, hiddenAt: true } });
    if (!post || post.deletedAt || post.hiddenAt) return formRefusal<ReplyField>(BOARD_MESSAGES.postGone);
    if (post.lockedAt) return formRefusal<ReplyField>(BOARD_MESSAGES.postLocked);
    const now = new Date();
    const reply = await tx.reply.create({ data: { postId, authorId, body, createdAt: now }, select: { id: true } });
    await tx.post.update({ where: { id: postId }, data: { replyCount: { increment: 1 }, lastActivityAt: now } });
    return { ok: true as const, value: { id: reply.id, postId } };
  });
}
