// The bot's roster: fetched before initial presence (RFC 6121 §2.2), mirrored into the database,
// kept true by roster pushes, and changed on request from the command queue.
import { xml, type Client } from "@xmpp/client";
import type { Db } from "@/lib/db/client";
import { parseRosterItem, type RosterItemData, type RosterItemUpdate } from "@/lib/roster/roster-item";

const NS_ROSTER = "jabber:iq:roster";
const IQ_TIMEOUT_MS = 15_000;

export async function fetchRoster(xmpp: Client): Promise<RosterItemData[]> {
  const query = await xmpp.iqCaller.get(xml("query", { xmlns: NS_ROSTER }), undefined, IQ_TIMEOUT_MS);
  return (query?.getChildren("item") ?? []).flatMap((item) => {
    const update = parseRosterItem(item);
    return update?.kind === "upsert" ? [update.item] : [];
  });
}

/** Replaces the mirror with the roster the server just sent. */
export async function mirrorRoster(db: Db, items: RosterItemData[]): Promise<void> {
  await db.$transaction([
    db.rosterItem.deleteMany({ where: { jid: { notIn: items.map((item) => item.jid) } } }),
    ...items.map((item) => db.rosterItem.upsert({ where: { jid: item.jid }, create: toRow(item), update: toRow(item) })),
  ]);
}

export async function applyRosterUpdate(db: Db, update: RosterItemUpdate): Promise<void> {
  if (update.kind === "remove") {
    await db.rosterItem.deleteMany({ where: { jid: update.jid } });
    return;
  }
  await db.rosterItem.upsert({ where: { jid: update.item.jid }, create: toRow(update.item), update: toRow(update.item) });
}

export async function setRosterItem(xmpp: Client, jid: string, name: string | null, groups: string[] = []): Promise<void> {
  await xmpp.iqCaller.set(
    xml("query", { xmlns: NS_ROSTER }, xml("item", { jid, ...(name ? { name } : {}) }, ...groups.map((group) => xml("group", {}, group)))),
    undefined,
    IQ_TIMEOUT_MS,
  );
}

export async function removeRosterItem(xmpp: Client, jid: string): Promise<void> {
  await xmpp.iqCaller.set(xml("query", { xmlns: NS_ROSTER }, xml("item", { jid, subscription: "remove" })), undefined, IQ_TIMEOUT_MS);
}

function toRow(item: RosterItemData) {
  return {
    jid: item.jid,
    name: item.name,
    groups: JSON.stringify(item.groups),
    subscription: item.subscription,
    pendingOut: item.pendingOut,
  };
}
