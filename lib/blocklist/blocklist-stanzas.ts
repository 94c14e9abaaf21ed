// Blocking rules (XEP-0191): whether the server offers it, reading the blocklist and its pushes, and
// whom to believe about a push. Pure: the worker's XMPP edge is worker/blocklist.ts.
import { fullJid, parseJid } from "@/lib/jid";
import type { XmlElementLike } from "@/lib/presence/parse-presence-stanza";
import { isTrustedRosterPush } from "@/lib/roster/roster-item";

export const NS_BLOCKING = "urn:xmpp:blocking";
const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
/** A server keeps blocklists of any size; the mirror takes this many items at most. */
const MAX_ITEMS = 10_000;

type ElementWithChildren = XmlElementLike & { getChildren(name: string, xmlns?: string): XmlElementLike[] };

/** XEP-0191 §2: the server's disco#info answer lists the feature "urn:xmpp:blocking" when it supports blocking. */
export function offersBlocking(query: ElementWithChildren | undefined): boolean {
  if (!query || query.name !== "query" || query.attrs.xmlns !== NS_DISCO_INFO) return false;
  return query.getChildren("feature").some((feature) => feature.attrs.var === NS_BLOCKING);
}

/**
 * The JIDs of a <blocklist/>, <block/> or <unblock/> element's <item/>s, normalised as stored (a bare
 * JID, a domain, or a full JID when the item names a resource, §3.1); malformed items are skipped.
 */
export function blocklistItems(element: ElementWithChildren): string[] {
  const jids = element.getChildren("item").flatMap((item) => {
    const parsed = parseJid(item.attrs.jid ?? "");
    return parsed.ok ? [fullJid(parsed.jid)] : [];
  });
  return [...new Set(jids)].slice(0, MAX_ITEMS);
}

export type BlocklistPush = { kind: "block"; jids: string[] } | { kind: "unblock"; jids: string[] } | { kind: "unblock-all" };

/**
 * Reads a blocklist push (an iq set carrying <block/> or <unblock/>, §3.3, §3.4). Only the bot's own
 * account may push (no `from`, or its own bare JID, as for roster pushes, RFC 6121 §2.1.6); anything
 * else, or a push naming no valid JID, is refused (null). An <unblock/> without items empties the list.
 */
export function parseBlocklistPush(from: string | undefined, ownBareJid: string, payload: ElementWithChildren): BlocklistPush | null {
  if (!isTrustedRosterPush(from, ownBareJid)) return null;
  if (payload.attrs.xmlns !== NS_BLOCKING || (payload.name !== "block" && payload.name !== "unblock")) return null;
  const jids = blocklistItems(payload);
  if (payload.name === "unblock" && payload.getChildren("item").length === 0) return { kind: "unblock-all" };
  if (jids.length === 0) return null;
  return { kind: payload.name, jids };
}
