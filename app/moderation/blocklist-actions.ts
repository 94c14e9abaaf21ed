"use server";
// The console's blocking and request-policy forms, in the style of actions.ts: the viewer, then the
// lib/moderation function (it authorises, validates, writes and audits in one transaction), then the
// console's pages are read afresh.
import { revalidatePath } from "next/cache";
import { decideRequestAction, type DecisionFormState } from "@/app/moderation/actions";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { formText } from "@/lib/forms/form-text";
import { blockJid, unblockJid, type BlocklistChange } from "@/lib/moderation/change-blocklist";
import { setRequestPolicy } from "@/lib/moderation/set-request-policy";
import { REQUEST_POLICY_WORDS } from "@/lib/roster/request-policy";

export type BlockFormState = { error?: string; success?: string; value?: string };

function blockedInWords({ jid, droppedRequest }: BlocklistChange): string {
  const request = droppedRequest ? " Its subscription request was taken off the list." : "";
  return `Blocked ${jid}: the bot's server will turn away everything it sends. It is listed here once the server confirms.${request}`;
}

export async function blockAction(_previous: BlockFormState, formData: FormData): Promise<BlockFormState> {
  const jid = formText(formData, "jid");
  const result = await blockJid(getDb(), await getViewer(), { jid });
  revalidatePath("/moderation", "layout");
  if (!result.ok) return { error: result.error, value: jid };
  return { success: blockedInWords(result.value) };
}

export async function unblockAction(_previous: BlockFormState, formData: FormData): Promise<BlockFormState> {
  const result = await unblockJid(getDb(), await getViewer(), { jid: formText(formData, "jid") });
  revalidatePath("/moderation", "layout");
  if (!result.ok) return { error: result.error };
  return { success: `Unblocked ${result.value.jid}: it can reach the bot again once the server confirms.` };
}

/** A stranger's request answered with Approve, Deny or Block (the third blocks the JID, and the request goes with it). */
export async function answerOrBlockRequestAction(previous: DecisionFormState, formData: FormData): Promise<DecisionFormState> {
  if (formText(formData, "decision") !== "block") return decideRequestAction(previous, formData);
  const result = await blockJid(getDb(), await getViewer(), { jid: formText(formData, "jid") });
  revalidatePath("/moderation", "layout");
  if (!result.ok) return { error: result.error };
  return { success: `Blocked ${result.value.jid}: its request is off the list and the bot's server will turn away everything it sends.` };
}

export type PolicyFormState = { error?: string; success?: string };

export async function setRequestPolicyAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const result = await setRequestPolicy(getDb(), await getViewer(), { policy: formText(formData, "policy") });
  revalidatePath("/moderation", "layout");
  if (!result.ok) return { error: result.error };
  return { success: `Saved. Requests from Jabber IDs no member has linked: ${REQUEST_POLICY_WORDS[result.value.policy].label.toLowerCase()}.` };
}
