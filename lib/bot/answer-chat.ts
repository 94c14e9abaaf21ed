// What the Narthex bot makes of a chat message and the words it answers with (capability 9). Pure:
// the worker looks up who is online or the sender's link and hands the facts in. Replies are plain
// text; the XML layer escapes them.
import { findCodeInText } from "@/lib/jabber-links/link-code";

export type ChatIntent = { kind: "help" } | { kind: "who" } | { kind: "status" } | { kind: "code"; code: string } | { kind: "unknown" };

const MAX_NAMES = 50;

/** Reads a message body: a command word (any case, "/who", "who?"), a one-time code, or neither. */
export function readChatIntent(body: string): ChatIntent {
  const word = body
    .trim()
    .toLowerCase()
    .replace(/^[/!]+/, "")
    .replace(/[?!.\s]+$/, "");
  if (word === "help" || word === "hi" || word === "hello") return { kind: "help" };
  if (word === "who") return { kind: "who" };
  if (word === "status") return { kind: "status" };
  // Our own code message coming back (an echo bot, an auto-reply quoting it) proves nothing.
  if (body.includes(CODE_MESSAGE_MARK)) return { kind: "unknown" };
  const code = findCodeInText(body);
  if (code) return { kind: "code", code };
  return { kind: "unknown" };
}

export function helpReply(profileUrl: string): string {
  return [
    "I am the Narthex presence bot. Send me:",
    "help - this list",
    "who - members online now",
    "status - the state of your own Jabber ID link",
    `To link this Jabber ID, add it on your profile at ${profileUrl} and send me the code I give you.`,
  ].join("\n");
}

/** `who`: display names only, never addresses; `null` when presence is not live right now. */
export function whoReply(names: readonly string[] | null): string {
  if (names === null) return "Presence is unavailable right now. Please try again in a little while.";
  if (names.length === 0) return "Nobody is online right now.";
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  const shown = sorted.slice(0, MAX_NAMES);
  const more = sorted.length - shown.length;
  return `Online now: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}

/** `status`: the sender's link in the same words as the profile, or how to link. */
export function statusReply(senderJid: string, linkWords: string | null, profileUrl: string): string {
  if (linkWords === null) return `${senderJid} is not linked to a Narthex member. To link it, sign in and add it on your profile at ${profileUrl}.`;
  return `${senderJid}: ${linkWords}`;
}

export function unknownReply(): string {
  return "Sorry, I didn't understand that. Send help to see what I can do.";
}

/** After a code from chat was checked: the outcome in words. */
export function codeReply(outcome: { ok: true } | { ok: false; error: string }): string {
  return outcome.ok ? "Thank you, your Jabber ID is confirmed. Once your client approves my subscription request, your presence shows on Narthex." : outcome.error;
}

const CODE_MESSAGE_MARK = "Your Narthex code is";

/**
 * The chat message that carries a one-time code to the JID being linked. It names the account that
 * asked, so nobody confirms an address into someone else's account by replying without reading.
 */
export function codeMessage(input: { jid: string; code: string; profileUrl: string; ttlMinutes: number; requestedBy: { displayName: string; handle: string } }): string {
  return [
    `${input.requestedBy.displayName} (@${input.requestedBy.handle}) asked to link ${input.jid} to their Narthex account.`,
    `${CODE_MESSAGE_MARK} ${input.code}`,
    `If that is you, enter it on ${input.profileUrl}, or simply reply to this message with the code. It expires in ${input.ttlMinutes} minutes.`,
    "If it is not you, ignore this message: nothing is linked without the code.",
  ].join("\n");
}
