// What a person may submit for posts and replies, validated once at the boundary: trimmed title and
// body within their limits, ids as opaque strings. Messages are sentences shown beside the fields.
import { z } from "zod";

export const TITLE_MAX = 140;
export const BODY_MAX = 20_000;

const idSchema = (what: string) => z.string({ error: `Choose ${what}.` }).trim().min(1, `Choose ${what}.`).max(64, `Choose ${what}.`);

export const titleSchema = z
  .string({ error: "Give your post a title." })
  .trim()
  .min(1, "Give your post a title.")
  .max(TITLE_MAX, `Keep the title to ${TITLE_MAX} characters or fewer.`);

export const bodySchema = z
  .string({ error: "Write something first." })
  .trim()
  .min(1, "Write something first.")
  .max(BODY_MAX, `Keep it to ${BODY_MAX.toLocaleString("en")} characters or fewer.`);

export const newPostSchema = z.object({ categoryId: idSchema("a category"), title: titleSchema, body: bodySchema });
export const postEditSchema = z.object({ postId: idSchema("a post"), categoryId: idSchema("a category"), title: titleSchema, body: bodySchema });
export const postRefSchema = z.object({ postId: idSchema("a post") });
export const newReplySchema = z.object({ postId: idSchema("a post"), body: bodySchema });
export const replyEditSchema = z.object({ replyId: idSchema("a reply"), body: bodySchema });
export const replyRefSchema = z.object({ replyId: idSchema("a reply") });

export type PostField = "categoryId" | "title" | "body";
export type ReplyField = "body";
export const POST_FIELDS: readonly PostField[] = ["categoryId", "title", "body"];
export const REPLY_FIELDS: readonly ReplyField[] = ["body"];
