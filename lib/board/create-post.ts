// A member writes a post: title and Markdown body in a live category. The post starts the board's
// newest activity. Refusals change nothing.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { categoryRefusal } from "@/lib/board/category-check";
import { newPostSchema, POST_FIELDS, type PostField } from "@/lib/board/post-input";
import { inactiveAuthorRefusal, postingLimitRefusal } from "@/lib/board/posting-guard";
import type { Db } from "@/lib/db/client";
import { correctFieldsMessage, fieldErrorsOf, formRefusal, type FormResult } from "@/lib/forms/field-errors";

export async function createPost(db: Db, viewer: Viewer, input: unknown): Promise<FormResult<{ id: string }, PostField>> {
  const allowed = authorize(viewer, "post.create");
  if (!allowed.ok) return formRefusal(allowed.error);
  const parsed = newPostSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, POST_FIELDS);
    return formRefusal(correctFieldsMessage(Object.keys(fieldErrors).length), fieldErrors);
  }
  const { categoryId, title, body } = parsed.data;
  const authorId = allowed.value.id;
  const tooFast = await postingLimitRefusal(authorId);
  if (tooFast) return formRefusal(tooFast);
  return db.$transaction(async (tx) => {
    const inactive = await inactiveAuthorRefusal(tx, authorId);
    if (inactive) return formRefusal<PostField>(inactive);
    const badCategory = await categoryRefusal(tx, categoryId);
    if (badCategory) return formRefusal<PostField>(correctFieldsMessage(1), { categoryId: badCategory });
    const now = new Date();
    const post = await tx.post.create({
      data: { categoryId, authorId, title, body, createdAt: now, lastActivityAt: now },
      select: { id: true },
    });
    return { ok: true as const, value: post };
  });
}
