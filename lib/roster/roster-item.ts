// Roster rules (RFC 6121 §2): reading <item/> elements and deciding whom to believe about them.
import { z } from "zod";
import { parseJid } from "@/lib/jid";
import type { XmlElementLike } from "@/lib/presence/parse-presence-stanza";

export const SUBSCRIPTIONS = ["none", "to", "from", "both"] as const;
export type SubscriptionState = (typeof SUBSCRIPTIONS)[number];

export type RosterItemData = {
  jid: string;
  name: string | null;
  groups: string[];
  subscription: SubscriptionState;
  /** ask="subscribe" (RFC 6121 §2.1.2.2). */
  pendingOut: boolean;
};

export type RosterItemUpdate = { kind: "upsert"; item: RosterItemData } | { kind: "remove"; jid: string };

const MAX_NAME = 200;
const MAX_GROUPS = 50;

type ItemElement = XmlElementLike & { getChildren?(name: string): Array<{ text(): string }> };

/** Reads one roster <item/>; returns null for an item that is not a valid contact. */
export function parseRosterItem(item: ItemElement): RosterItemUpdate | null {
  const parsed = parseJid(item.attrs.jid ?? "");
  if (!parsed.ok || parsed.jid.resource) return null;
  const subscription = item.attrs.subscription ?? "none";
  if (subscription === "remove") return { kind: "remove", jid: parsed.bare };
  if (!(SUBSCRIPTIONS as readonly string[]).includes(subscription)) return null;
  const groups = (item.getChildren?.("group") ?? [])
    .map((group) => group.text().trim().slice(0, MAX_NAME))
    .filter(Boolean)
    .slice(0, MAX_GROUPS);
  return {
    kind: "upsert",
    item: {
      jid: parsed.bare,
      name: item.attrs.name?.trim().slice(0, MAX_NAME) || null,
      groups: [...new Set(groups)],
      subscription: subscription as SubscriptionState,
      pendingOut: item.attrs.ask === "subscribe",
    },
  };
}

const storedGroupsSchema = z.array(z.string());

/** The groups of a stored roster item (a JSON array in RosterItem.groups); malformed counts as none. */
export function parseStoredGroups(stored: string): string[] {
  try {
    return storedGroupsSchema.safeParse(JSON.parse(stored)).data ?? [];
  } catch {
    return [];
  }
}

/**
 * RFC 6121 §2.1.6: a roster push is legitimate only without a `from` or from the user's own bare
 * JID; anything else is a spoofing attempt and must be ignored.
 */
export function isTrustedRosterPush(from: string | undefined, ownBareJid: string): boolean {
  if (!from) return true;
  const parsed = parseJid(from);
  return parsed.ok && !parsed.jid.resource && parsed.bare === ownBareJid;
}

/** Whether the bot receives this contact's presence (RFC 6121 §2.1.2.5). */
export function receivesPresence(subscription: SubscriptionState): boolean {
  return subscription === "to" || subscription === "both";
}
