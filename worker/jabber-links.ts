// The worker's part in linking a Jabber ID: make and send the one-time code, finish the
// subscription once the link is verified, and record why linking failed when a stanza bounces.
import { xml, type Client } from "@xmpp/client";
import { codeMessage } from "@/lib/bot/answer-chat";
import type { Db } from "@/lib/db/client";
import { describeDeliveryFailure } from "@/lib/jabber-links/failure-reason";
import { CODE_TTL_MS, generateLinkCode, hashLinkCode } from "@/lib/jabber-links/link-code";
import type { Logger } from "@/lib/logger";
import { receivesPresence, type SubscriptionState } from "@/lib/roster/roster-item";

export type LinkCommandContext = { db: Db; logger: Logger; xmpp: Client; profileUrl: string; codeKey: string; now?: () => Date };

/**
 * jabber-link.send-code: a fresh code replaces any earlier one. The hash is stored before the
 * message leaves, so a reply can never arrive for a code the database does not know.
 */
export async function sendLinkCode(context: LinkCommandContext, jid: string): Promise<void> {
  const { db, xmpp, logger } = context;
  const now = context.now?.() ?? new Date();
  const code = generateLinkCode();
  const stored = await db.jabberLink.updateMany({
    where: { jid, verifiedAt: null },
    data: { codeHash: hashLinkCode(context.codeKey, jid, code), codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS), codeAttempts: 0, codeSentAt: now },
  });
  if (stored.count === 0) {
    logger.info({ jid }, "no unverified link for this JID any more; no code sent");
    return;
  }
  const link = await db.jabberLink.findUnique({ where: { jid }, select: { member: { select: { displayName: true, handle: true } } } });
  if (!link) return;
  const body = codeMessage({ jid, code, profileUrl: context.profileUrl, ttlMinutes: Math.round(CODE_TTL_MS / 60_000), requestedBy: link.member });
  await xmpp.send(xml("message", { to: jid, type: "chat" }, xml("body", {}, body)));
}

/**
 * jabber-link.confirmed: let the member see the bot (approve their request, or pre-approve one yet
 * to come, RFC 6121 §3.4) and ask for their presence unless we have it or already asked.
 */
export async function finishConfirmedLink(context: LinkCommandContext, jid: string): Promise<void> {
  const { db, xmpp } = context;
  const link = await db.jabberLink.findUnique({ where: { jid }, select: { verifiedAt: true } });
  if (!link?.verifiedAt) return; // unlinked meanwhile
  const item = await db.rosterItem.findUnique({ where: { jid }, select: { subscription: true, pendingOut: true } });
  const subscription: SubscriptionState = item?.subscription ?? "none";
  if (subscription !== "from" && subscription !== "both") await xmpp.send(xml("presence", { to: jid, type: "subscribed" }));
  if (!receivesPresence(subscription) && !item?.pendingOut) await xmpp.send(xml("presence", { to: jid, type: "subscribe" }));
  await db.rosterItem.updateMany({ where: { jid }, data: { pendingIn: false } });
}

/**
 * A presence or message of type="error" from `jid`: if it belongs to a link still waiting for proof,
 * the bot's subscription request or code did not arrive. The link says why, in words.
 */
export async function recordDeliveryFailure(
  context: { db: Db; logger: Logger; botDomain: string },
  error: { jid: string; condition: string },
): Promise<boolean> {
  const reason = describeDeliveryFailure({ jid: error.jid, condition: error.condition, botDomain: context.botDomain });
  const updated = await context.db.jabberLink.updateMany({ where: { jid: error.jid, verifiedAt: null }, data: { failureReason: reason } });
  if (updated.count > 0) context.logger.info({ jid: error.jid, condition: error.condition }, "linking a Jabber ID failed");
  return updated.count > 0;
}
