"use server";
// The console's forms: the viewer, then the lib/moderation function (it authorises, validates, writes
// and audits in one transaction), then the console's pages are read afresh.
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { formText } from "@/lib/forms/form-text";
import { decideSubscriptionRequest } from "@/lib/moderation/decide-subscription-request";

export type DecisionFormState = { error?: string; success?: string };

export async function decideRequestAction(_previous: DecisionFormState, formData: FormData): Promise<DecisionFormState> {
  const result = await decideSubscriptionRequest(getDb(), await getViewer(), { jid: formText(formData, "jid"), decision: formText(formData, "decision") });
  revalidatePath("/moderation", "layout");
  if (!result.ok) return { error: result.error };
  const { jid, decision } = result.value;
  return {
    success:
      decision === "approve"
        ? `Approved: ${jid} may now see the bot's presence. The answer is on its way to their server.`
        : `Denied: ${jid}'s request is turned down. The answer is on its way to their server.`,
  };
}
