// A member edits their own reply; it then carries an "edited" mark. Not new activity.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { REPLY_FIELDS, replyEditSchema, type ReplyField } from "@/lib/board/post-input";
import { inactiveAuthorRefusal } from "@/lib/board/posting-guard";
import type { Db } from "@/lib/db/client";
import { correctFieldsMessage, fieldErrorsOf, formRefusal, type FormResult } from "@/lib/forms/field-errors";

export async function editReply(db: Db, viewer: Viewer, input: unknown): Promise<FormResult<{ id: string; postId: string; editedAt: Date }, ReplyField>> {
  const allowed = authorize(viewer, "reply.edit-own");
  if (!allowed.ok) return formRefusal(allowed.error);
  const parsed = replyEditSchema.safeParse(input);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === "replyId")) return formRefusal(BOARD_MESSAGES.replyGone);
    return formRefusal(correctFieldsMessage(1), fieldErrorsOf(parsed.error, REPLY_FIELDS));
  }
  const { replyId, body } = parsed.data;
  const editorId = allowed.value.id;
  return db.$transaction(async (tx) => {
    const inactive = await inactiveAuthorRefusal(tx, editorId);
    if (inactive) return formRefusal<ReplyField>(inactive);
    const reply = await tx.reply.findUnique({
      where: { id: replyId },
      select: { authorId: true, postId: true, deletedAt: true, hiddenAt: true, post: { select: { deletedAt: true, hiddenAt: true } } },
    });
    if (!reply || reply.deletedAt || reply.hiddenAt) return formRefusal<ReplyField>(BOARD_MESSAGES.replyGone);
    if (reply.post.deletedAt || reply.post.hiddenAt) return formRefusal<ReplyField>(BOARD_MESSAGES.postGone);
    if (reply.authorId !== editorId) return formRefusal<ReplyField>(BOARD_MESSAGES.notYourReply);
    const editedAt = new Date();
    await tx.reply.update({ where: { id: replyId }, data: { body, editedAt } });
    return { ok: true as const, value: { id: replyId, postId: reply.postId, editedAt } };
  });
}
