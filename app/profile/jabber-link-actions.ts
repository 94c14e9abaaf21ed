"use server";
// The profile's Jabber ID forms: the viewer, then the lib function (which authorises, validates and
// writes), then a fresh profile. Each returns a message for the form that sent it.
import { revalidatePath } from "next/cache";
import { revalidateBoard } from "@/app/cached-board/revalidate-board";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { formText } from "@/lib/forms/form-text";
import { confirmJabberLink } from "@/lib/jabber-links/confirm-link";
import { removeJabberLink } from "@/lib/jabber-links/remove-link";
import { requestNewLinkCode } from "@/lib/jabber-links/request-new-code";
import { startJabberLink } from "@/lib/jabber-links/start-link";

/** What a form shows after submitting; `value` is what goes back into its text input. */
export type LinkFormState = { ok: boolean; message: string; value: string } | null;

export async function addJabberIdAction(_previous: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const typed = formText(formData, "jid");
  const result = await startJabberLink(getDb(), await getViewer(), { jid: typed });
  if (!result.ok) return { ok: false, message: result.error, value: typed };
  revalidatePath("/profile");
  return { ok: true, message: `We are sending a code to ${result.value.jid} by chat. Enter it below, or simply reply to the bot with it.`, value: "" };
}

export async function confirmCodeAction(_previous: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const code = formText(formData, "code");
  const result = await confirmJabberLink(getDb(), await getViewer(), { jid: formText(formData, "jid"), code }, getWebEnv().NARTHEX_FEED_SECRET);
  if (!result.ok) return { ok: false, message: result.error, value: code };
  revalidatePath("/profile");
  revalidateBoard(); // the member's dot and chat address
  return { ok: true, message: `${result.value.jid} is confirmed. Now approve Narthex's subscription request in your Jabber client.`, value: "" };
}

export async function requestCodeAction(_previous: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const result = await requestNewLinkCode(getDb(), await getViewer(), { jid: formText(formData, "jid") });
  if (!result.ok) return { ok: false, message: result.error, value: "" };
  revalidatePath("/profile");
  return { ok: true, message: `A new code is on its way to ${result.value.jid}. Earlier codes no longer work.`, value: "" };
}

export async function unlinkAction(_previous: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const result = await removeJabberLink(getDb(), await getViewer(), { jid: formText(formData, "jid") });
  if (!result.ok) return { ok: false, message: result.error, value: "" };
  revalidatePath("/profile");
  revalidateBoard(); // the member's dot and chat address
  return { ok: true, message: `${result.value.jid} is unlinked.`, value: "" };
}
