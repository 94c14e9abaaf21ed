// The bot's answer to an inbound subscription request (RFC 6121 §3.1.3), decided by the pure rule in
// lib/roster: an active member's JID is approved (and asked back); anyone else's request is answered
// by the request policy, read when the request arrives: approved or denied at once, or (the default)
// left pending on the server and kept for moderators (the server redelivers it at every login too),
// until a moderator's answer arrives as a command (sendModeratorAnswer). A JID the bot has blocked is
// not kept: its server should not have delivered it, and blocking is meant to silence it.
import { xml, type Client } from "@xmpp/client";
import type { Db } from "@/lib/db/client";
import { isActiveMemberJid } from "@/lib/jabber-links/active-member-jid";
import type { Logger } from "@/lib/logger";
import { answerSubscriptionRequest } from "@/lib/roster/answer-subscription-request";
import { readRequestPolicy } from "@/lib/roster/request-policy";
import { isBlocked } from "@/worker/blocklist";

export async function answerSubscribe(context: { db: Db; logger: Logger; xmpp: Client }, jid: string): Promise<void> {
  const { db, logger, xmpp } = context;
  const [fromActiveMember, item, policy, blocked] = await Promise.all([
    isActiveMemberJid(db, jid),
    db.rosterItem.findUnique({ where: { jid }, select: { subscription: true } }),
    readRequestPolicy(db),
    isBlocked(db, jid),
  ]);
  if (blocked && !fromActiveMember) {
    logger.info({ from: jid }, "ignored a subscription request from a blocked JID");
    return;
  }
  const { answer, subscribeBack } = answerSubscriptionRequest({ fromActiveMember, subscription: item?.subscription ?? null, policy });
  if (answer !== "keep") await xmpp.send(xml("presence", { to: jid, type: answer }));
  if (subscribeBack) await xmpp.send(xml("presence", { to: jid, type: "subscribe" }));
  if (answer !== "keep") {
    await db.$transaction([db.subscriptionRequest.deleteMany({ where: { jid } }), db.rosterItem.updateMany({ where: { jid }, data: { pendingIn: false } })]);
    if (!fromActiveMember) logger.info({ from: jid, policy }, `subscription request from an unlinked JID answered "${answer}" by the request policy`);
    return;
  }
  await db.rosterItem.updateMany({ where: { jid }, data: { pendingIn: true } });
  const now = new Date();
  await db.subscriptionRequest.upsert({ where: { jid }, create: { jid, firstAt: now, lastAt: now }, update: { lastAt: now } });
  logger.info({ from: jid }, "subscription request from an unlinked JID left pending");
}

/**
 * A moderator's answer to a stranger's request: "subscribed" lets them see the bot's presence,
 * "unsubscribed" says no (RFC 6121 §3.1.4, §3.1.5); either way the server stops holding it and so
 * do we (a redelivery at login, before this command ran, may have stored it again).
 */
export async function sendModeratorAnswer(context: { db: Db; xmpp: Client }, jid: string, approve: boolean): Promise<void> {
  const { db, xmpp } = context;
  await xmpp.send(xml("presence", { to: jid, type: approve ? "subscribed" : "unsubscribed" }));
  await db.$transaction([db.subscriptionRequest.deleteMany({ where: { jid } }), db.rosterItem.updateMany({ where: { jid }, data: { pendingIn: false } })]);
}
