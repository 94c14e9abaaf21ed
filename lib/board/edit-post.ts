// A member edits their own post (title, body, category); the post then carries an "edited" mark.
// Editing does not count as new activity, so the post keeps its place on the board.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { categoryRefusal } from "@/lib/board/category-check";
import { POST_FIELDS, postEditSchema, type PostField } from "@/lib/board/post-input";
import { inactiveAuthorRefusal } from "@/lib/board/posting-guard";
import type { Db } from "@/lib/db/client";
import { correctFieldsMessage, fieldErrorsOf, formRefusal, type FormResult } from "@/lib/forms/field-errors";

export async function editPost(db: Db, viewer: Viewer, input: unknown): Promise<FormResult<{ id: string; editedAt: Date }, PostField>> {
  const allowed = authorize(viewer, "post.edit-own");
  if (!allowed.ok) return formRefusal(allowed.error);
  const parsed = postEditSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, POST_FIELDS);
    return formRefusal(correctFieldsMessage(Object.keys(fieldErrors).length), fieldErrors);
  }
  const { postId, categoryId, title, body } = parsed.data;
  const editorId = allowed.value.id;
  return db.$transaction(async (tx) => {
    const inactive = await inactiveAuthorRefusal(tx, editorId);
    if (inactive) return formRefusal<PostField>(inactive);
    const post = await tx.post.findUnique({ where: { id: postId }, select: { authorId: true, categoryId: true, deletedAt: true, hiddenAt: true } });
    if (!post || post.deletedAt || post.hiddenAt) return formRefusal<PostField>(BOARD_MESSAGES.postGone);
    if (post.authorId !== editorId) return formRefusal<PostField>(BOARD_MESSAGES.notYourPost);
    // A post already in an archived category may stay there; moving it needs a live category.
    if (categoryId !== post.categoryId) {
      const badCategory = await categoryRefusal(tx, categoryId);
      if (badCategory) return formRefusal<PostField>(correctFieldsMessage(1), { categoryId: badCategory });
    }
    const editedAt = new Date();
    await tx.post.update({ where: { id: postId }, data: { categoryId, title, body, editedAt } });
    return { ok: true as const, value: { id: postId, editedAt } };
  });
}
