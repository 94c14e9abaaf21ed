// Where a Jabber ID link stands, in one word for code and in plain sentences for people: the profile
// and the bot's `status` say the same thing. Linked means ownership proven (verified) and the bot
// receives the JID's presence (roster subscription "to" or "both", RFC 6121 §2.1.2.5).
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS } from "@/lib/jabber-links/link-code";
import { receivesPresence, type SubscriptionState } from "@/lib/roster/roster-item";

export type LinkState = "sending-code" | "waiting-for-code" | "code-expired" | "too-many-attempts" | "waiting-for-approval" | "linked" | "failed";

export type LinkFacts = {
  jid: string;
  verifiedAt: Date | null;
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeAttempts: number;
  codeSentAt: Date | null;
  failureReason: string | null;
};

export type LinkDescription = { state: LinkState; words: string };

export function describeLinkState(link: LinkFacts, rosterItem: { subscription: SubscriptionState } | null, now: Date): LinkDescription {
  if (link.verifiedAt) {
    if (rosterItem && receivesPresence(rosterItem.subscription)) return { state: "linked", words: "Linked." };
    return { state: "waiting-for-approval", words: "Waiting for your Jabber client to approve Narthex's subscription request." };
  }
  if (link.failureReason) return { state: "failed", words: `Failed: ${link.failureReason}.` };
  if (!link.codeHash) return { state: "sending-code", words: `Sending a code to ${link.jid} by chat.` };
  if (link.codeAttempts >= MAX_CODE_ATTEMPTS) return { state: "too-many-attempts", words: "Too many wrong codes. Ask for a new one." };
  if (!link.codeExpiresAt || now.getTime() >= link.codeExpiresAt.getTime()) {
    return { state: "code-expired", words: `The code we sent to ${link.jid} has expired. Ask for a new one.` };
  }
  return { state: "waiting-for-code", words: `Waiting for the code we sent to ${link.jid} by chat.` };
}

/** Whether an unverified link of someone else still holds its JID (a stale one may be taken over). */
export function isPendingLinkFresh(link: { verifiedAt: Date | null; createdAt: Date; codeSentAt: Date | null; failureReason: string | null }, now: Date): boolean {
  if (link.verifiedAt) return true;
  if (link.failureReason) return false;
  const started = Math.max(link.createdAt.getTime(), link.codeSentAt?.getTime() ?? 0);
  return now.getTime() - started < CODE_TTL_MS;
}
