// The worker's side of roster contacts: adding one (roster set, subscription request, and for a
// contact a moderator chose, pre-approval of theirs), changing its name and groups, and asking again
// for its presence. Each is safe to run twice (a command left "running" by a crash is run again),
// and a retried one first compares the roster mirror, fetched from the server on every login before
// any command runs, with what was asked, so what the first attempt already did is not sent again.
import { xml, type Client } from "@xmpp/client";
import type { CommandPayload } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { receivesPresence } from "@/lib/roster/roster-item";
import type { CommandAttempt } from "@/worker/command-queue";
import { setRosterItem } from "@/worker/roster";

type Context = { db: Db; logger: Logger; xmpp: Client };

const FIRST_ATTEMPT: CommandAttempt = { retried: false };

export async function addContact(context: Context, payload: CommandPayload<"roster.add">, attempt = FIRST_ATTEMPT): Promise<void> {
  const { db, xmpp } = context;
  const { jid, name, groups, preApprove } = payload;
  if (!(attempt.retried && (await mirrorHolds(db, jid, name, groups)))) await setRosterItem(xmpp, jid, name, groups);
  const item = await db.rosterItem.findUnique({ where: { jid }, select: { subscription: true, pendingOut: true } });
  // A retried add whose request is pending on the server (ask="subscribe") already asked.
  const alreadyAsked = attempt.retried && item?.pendingOut === true;
  if ((!item || !receivesPresence(item.subscription)) && !alreadyAsked) await xmpp.send(xml("presence", { to: jid, type: "subscribe" }));
  if (!preApprove) return;
  // RFC 6121 §3.4: "subscribed" before they ask is a pre-approval, so the server approves their request
  // itself; a request they already made (kept for moderators) is approved by it at once (§3.1.4).
  if (item?.subscription !== "from" && item?.subscription !== "both") await xmpp.send(xml("presence", { to: jid, type: "subscribed" }));
  await db.$transaction([db.subscriptionRequest.deleteMany({ where: { jid } }), db.rosterItem.updateMany({ where: { jid }, data: { pendingIn: false } })]);
}

/** A roster set with the new name and groups (RFC 6121 §2.4); nothing if the contact has left the roster meanwhile. */
export async function updateContact(context: Context, payload: CommandPayload<"roster.update">, attempt = FIRST_ATTEMPT): Promise<void> {
  const { db, logger, xmpp } = context;
  // A set of a JID not on the roster would add it back (with no subscription): not what was asked.
  if (!(await db.rosterItem.findUnique({ where: { jid: payload.jid }, select: { jid: true } }))) {
    logger.info({ jid: payload.jid }, "not renaming a contact no longer on the roster");
    return;
  }
  if (attempt.retried && (await mirrorHolds(db, payload.jid, payload.name, payload.groups))) return;
  await setRosterItem(xmpp, payload.jid, payload.name, payload.groups);
}

/**
 * Whether the roster mirror already holds the contact with this name and groups. Only a retried
 * command asks: it runs first after a restart (the mirror was fetched from the server at login,
 * before the queue ran) or after a pause of seconds (its earlier attempt's push is in), whereas
 * for a first attempt the mirror may trail the pushes of the commands just before.
 */
async function mirrorHolds(db: Db, jid: string, name: string | null, groups: readonly string[]): Promise<boolean> {
  const item = await db.rosterItem.findUnique({ where: { jid }, select: { name: true, groups: true } });
  if (!item || (item.name ?? null) !== (name || null)) return false;
  const held = new Set(JSON.parse(item.groups) as string[]);
  return held.size === new Set(groups).size && groups.every((group) => held.has(group));
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
