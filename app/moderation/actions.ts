"use server";
// The console's forms: the viewer, then the lib/moderation function (it authorises, validates, writes
// and audits in one transaction), then the console's pages are read afresh.
import { revalidatePath } from "next/cache";
import { revalidateBoard } from "@/app/cached-board/revalidate-board";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/forms/field-errors";
import { formText } from "@/lib/forms/form-text";
import { decideSubscriptionRequest } from "@/lib/moderation/decide-subscription-request";
import { addRosterContact, editRosterContact, removeRosterContact, requestContactSubscription, type ContactField } from "@/lib/moderation/manage-roster-contacts";

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

/** The roster contact forms (add, edit): what was typed comes back on a refusal, each error beside its field. */
export type ContactFormState = {
  error?: string;
  success?: string;
  /** The queued command, for a link to its state in the command queue. */
  commandId?: number;
  fieldErrors: FieldErrors<ContactField>;
  values: { jid: string; name: string; groups: string };
  /** Changes on every answer, so a form can start afresh after a success. */
  round: number;
};

const contactValues = (formData: FormData) => ({ jid: formText(formData, "jid"), name: formText(formData, "name"), groups: formText(formData, "groups") });

export async function addContactAction(previous: ContactFormState, formData: FormData): Promise<ContactFormState> {
  const values = contactValues(formData);
  const result = await addRosterContact(getDb(), await getViewer(), values);
  const round = previous.round + 1;
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values, round };
  revalidatePath("/moderation", "layout");
  const { jid, commandId } = result.value;
  return {
    success: `${jid} will be added to the roster and asked to share their presence; they may see the bot's presence too.`,
    commandId,
    fieldErrors: {},
    values: { jid: "", name: "", groups: "" },
    round,
  };
}

export async function editContactAction(previous: ContactFormState, formData: FormData): Promise<ContactFormState> {
  const values = contactValues(formData);
  const result = await editRosterContact(getDb(), await getViewer(), values);
  const round = previous.round + 1;
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values, round };
  revalidatePath("/moderation", "layout");
  const { jid, name, groups, commandId } = result.value;
  return {
    success: `${jid} will be ${name ? `called "${name}"` : "left without a name"}, ${groups.length > 0 ? `in ${groups.join(", ")}` : "in no group"}.`,
    commandId,
    fieldErrors: {},
    values: { jid, name: name ?? "", groups: groups.join(", ") },
    round,
  };
}

/** Removing a contact: a linked member's JID first answers with what will happen and a confirmation. */
export type RemoveContactState = { error?: string; success?: string; confirm?: { message: string; memberId: string }; round: number };

export async function removeContactAction(previous: RemoveContactState, formData: FormData): Promise<RemoveContactState> {
  const confirmMemberId = formText(formData, "confirmMemberId");
  const result = await removeRosterContact(getDb(), await getViewer(), { jid: formText(formData, "jid"), confirmMemberId: confirmMemberId || undefined });
  const round = previous.round + 1;
  if (!result.ok) return { error: result.error, round };
  if (!result.value.removed) return { confirm: result.value.confirm, round };
  revalidatePath("/moderation", "layout");
  const { jid, unlinked } = result.value;
  if (unlinked) revalidateBoard(); // the member's dot and chat address go
  return {
    success: unlinked
      ? `${jid} will be removed from the roster and is unlinked from ${unlinked.displayName}'s profile.`
      : `${jid} will be removed from the roster; the bot stops seeing their presence and they stop seeing the bot's.`,
    round,
  };
}

export async function requestSubscriptionAction(_previous: DecisionFormState, formData: FormData): Promise<DecisionFormState> {
  const result = await requestContactSubscription(getDb(), await getViewer(), { jid: formText(formData, "jid") });
  if (!result.ok) return { error: result.error };
  revalidatePath("/moderation", "layout");
  return { success: `The bot will ask ${result.value.jid} again to share their presence.` };
}
