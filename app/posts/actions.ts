"use server";
// The board's forms: the viewer, then one lib/board function (it authorises, validates and writes),
// then back to the post (a reply's own page of the thread, scrolled to it). What was typed comes back
// with any refusal so nothing is lost.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { revalidateBoard } from "@/app/cached-board/revalidate-board";
import { replyPageHref } from "@/app/posts/reply-page-href";
import { getViewer } from "@/lib/auth/current-viewer";
import { createPost } from "@/lib/board/create-post";
import { createReply } from "@/lib/board/create-reply";
import { deletePost } from "@/lib/board/delete-post";
import { deleteReply } from "@/lib/board/delete-reply";
import { editPost } from "@/lib/board/edit-post";
import { editReply } from "@/lib/board/edit-reply";
import { findReplyPage } from "@/lib/board/list-post-replies";
import type { PostField, ReplyField } from "@/lib/board/post-input";
import { getDb } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/forms/field-errors";
import { formText } from "@/lib/forms/form-text";

export type PostFormState = { error?: string; fieldErrors: FieldErrors<PostField>; values: { categoryId: string; title: string; body: string } };
export type ReplyFormState = { error?: string; fieldErrors: FieldErrors<ReplyField>; values: { body: string } };
export type DeleteState = { error?: string };

const postValues = (formData: FormData) => ({
  categoryId: formText(formData, "categoryId"),
  title: formText(formData, "title"),
  body: formText(formData, "body"),
});

export async function createPostAction(_previous: PostFormState, formData: FormData): Promise<PostFormState> {
  const values = postValues(formData);
  const result = await createPost(getDb(), await getViewer(), values);
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  revalidateBoard();
  redirect(`/posts/${result.value.id}`);
}

export async function editPostAction(_previous: PostFormState, formData: FormData): Promise<PostFormState> {
  const values = postValues(formData);
  const result = await editPost(getDb(), await getViewer(), { ...values, postId: formText(formData, "postId") });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  revalidateBoard();
  redirect(`/posts/${result.value.id}`);
}

export async function deletePostAction(_previous: DeleteState, formData: FormData): Promise<DeleteState> {
  const result = await deletePost(getDb(), await getViewer(), { postId: formText(formData, "postId") });
  if (!result.ok) return { error: result.error };
  revalidateBoard();
  redirect("/?deleted=post");
}

export async function createReplyAction(_previous: ReplyFormState, formData: FormData): Promise<ReplyFormState> {
  const values = { body: formText(formData, "body") };
  const result = await createReply(getDb(), await getViewer(), { ...values, postId: formText(formData, "postId") });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  revalidateBoard();
  revalidatePath(`/posts/${result.value.postId}`);
  redirect(await replyLocation(result.value));
}

export async function editReplyAction(_previous: ReplyFormState, formData: FormData): Promise<ReplyFormState> {
  const values = { body: formText(formData, "body") };
  const result = await editReply(getDb(), await getViewer(), { ...values, replyId: formText(formData, "replyId") });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  revalidatePath(`/posts/${result.value.postId}`);
  redirect(await replyLocation(result.value));
}

export async function deleteReplyAction(_previous: DeleteState, formData: FormData): Promise<DeleteState> {
  const result = await deleteReply(getDb(), await getViewer(), { replyId: formText(formData, "replyId") });
  if (!result.ok) return { error: result.error };
  revalidateBoard();
  revalidatePath(`/posts/${result.value.postId}`);
  redirect(`/posts/${result.value.postId}`);
}

/** The page of the thread a reply is on, scrolled to it: a long thread's newest reply is on a later page. */
async function replyLocation(reply: { id: string; postId: string }): Promise<string> {
  return `${replyPageHref(reply.postId, await findReplyPage(getDb(), reply))}#reply-${reply.id}`;
}
