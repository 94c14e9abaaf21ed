"use server";
// The settings page's form: the viewer, then lib/presence-history/set-history-retention (it
// authorises, validates, writes and audits in one transaction), then the page is read afresh.
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { formText } from "@/lib/forms/form-text";
import { setHistoryRetention } from "@/lib/presence-history/set-history-retention";

export type RetentionFormState = { error?: string; success?: string; values: { days: string } };

export async function setHistoryRetentionAction(_previous: RetentionFormState, formData: FormData): Promise<RetentionFormState> {
  const values = { days: formText(formData, "days") };
  const result = await setHistoryRetention(getDb(), await getViewer(), values);
  if (!result.ok) return { error: result.error, values };
  revalidatePath("/admin/settings");
  const { days, previous } = result.value;
  const note = days < previous ? " Older history is removed within the hour." : "";
  return { success: `Presence history is now kept for ${days} days (it was ${previous}).${note}`, values: { days: String(days) } };
}
