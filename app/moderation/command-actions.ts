"use server";
// The command queue's form: trying a failed command again (lib/moderation/retry-command.ts authorises,
// checks and writes the new command with its audit row in one transaction).
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { formText } from "@/lib/forms/form-text";
import { retryCommand } from "@/lib/moderation/retry-command";

export type RetryFormState = { error?: string; success?: string };

export async function retryCommandAction(_previous: RetryFormState, formData: FormData): Promise<RetryFormState> {
  const result = await retryCommand(getDb(), await getViewer(), { id: formText(formData, "id") });
  revalidatePath("/moderation", "layout");
  if (!result.ok) return { error: result.error };
  return { success: `Queued again as command #${result.value.newId}.` };
}
