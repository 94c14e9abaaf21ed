// The worker's side of roster contacts: adding one (roster set, subscription request, and for a
// contact a moderator chose, pre-approval of theirs), changing its name and groups, and asking again
// for its presence. Each is safe to run twice (a command left "running" by a crash is run again).
import { xml, type Client } from "@xmpp/client";
import type { CommandPayload } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { receivesPresence } from "@/lib/roster/roster-item";
import { setRosterItem } from "@/worker/roster";

type Context = { db: Db; logger: Logger; xmpp: Client };

export async function addContact(context: Context, payload: CommandPayload<"roster.add">): Promise<void> {
  const { db, xmpp } = context;
  const { jid, name, groups, preApprove } = payload;
  await setRosterItem(xmpp, jid, name, groups);
  const item = await db.rosterItem.findUnique({ where: { jid }, select: { subscription: true } });
  if (!item || !receivesPresence(item.subscription)) await xmpp.send(xml("presence", { to: jid, type: "subscribe" }));
  if (!preApprove) return;
  // RFC 6121 §3.4: "subscribed" before they ask is a pre-approval, so the server approves their request
  // itself; a request they already made (kept for moderators) is approved by it at once (§3.1.4).
  if (item?.subscription !== "from" && item?.subscription !== "both") await xmpp.send(xml("presence", { to: jid, type: "subscribed" }));
  await db.$transaction([db.subscriptionRequest.deleteMany({ where: { jid } }), db.rosterItem.updateMany({ where: { jid }, data: { pendingIn: false } })]);
}

/** A roster set with the new name and groups (RFC 6121 §2.4); nothing if the contact has left the roster meanwhile. */
export async function updateContact(context: Context, payload: CommandPayload<"roster.update">): Promise<void> {
  const { db, logger, xmpp } = context;
  // A set of a JID not on the roster would add it back (with no subscription): not what was asked.
  if (!(await db.rosterItem.findUnique({ where: { jid: payload.jid }, select: { jid: true } }))) {
    logger.info({ jid: payload.jid }, "not renaming a contact no longer on the roster");
    return;
  }
  await setRosterItem(xmpp, payload.jid, payload.name, payload.groups);
}

/** Asks again for the contact's presence (RFC 6121 §3.1.1), unless the bot already receives it. */
export async function requestSubscription(context: Context, jid: string): Promise<void> {
  const { db, logger, xmpp } = context;
  const item = await db.rosterItem.findUnique({ where: { jid }, select: { subscription: true } });
  if (!item) {
    logger.info({ jid }, "not asking for the presence of a contact no longer on the roster");
    return;
  }
  if (receivesPresence(item.subscription)) return;
  await xmpp.send(xml("presence", { to: jid, type: "subscribe" }));
}
