"use server";
// The moderation toolbar's one action: the viewer, then lib/board/moderate-post (it authorises,
// validates, writes and audits), then the board, the post and the console's posts list are rendered afresh.
import { revalidatePath } from "next/cache";
import { revalidateBoard } from "@/app/cached-board/revalidate-board";
import { getViewer } from "@/lib/auth/current-viewer";
import { moderatePost } from "@/lib/board/moderate-post";
import { getDb } from "@/lib/db/client";
import { formText } from "@/lib/forms/form-text";

export type ModerationFormState = { error?: string };

export async function moderatePostAction(_previous: ModerationFormState, formData: FormData): Promise<ModerationFormState> {
  const result = await moderatePost(getDb(), await getViewer(), { postId: formText(formData, "postId"), action: formText(formData, "action") });
  if (!result.ok) return { error: result.error };
  revalidateBoard();
  revalidatePath(`/posts/${result.value.postId}`);
  revalidatePath("/moderation/posts");
  return {};
}
