// Per-resource presence of one contact and its aggregate per bare JID (RFC 6121 §4.7.2.3, §8.5.2).
//
// Aggregation rule: the available resource with the highest priority wins. Negative priorities are
// still online (they only opt out of bare-JID message delivery, RFC 6121 §4.7.2.3). Ties on priority
// go to the more reachable show (AVAILABILITY_RANK: chat, available, dnd, away, xa), then to the
// resource whose presence arrived last.
import type { PresenceStanza } from "@/lib/presence/parse-presence-stanza";
import { AVAILABILITY_RANK, type OnlineState, type PresenceState } from "@/lib/presence/states";

export type ResourcePresence = {
  show: OnlineState;
  priority: number;
  status: string | null;
  idleSince: Date | null;
  /** Arrival order, for the last tie-break. */
  sequence: number;
};

export type ContactPresence = {
  resources: ReadonlyMap<string, ResourcePresence>;
  /** Status text of the last unavailable presence, shown while offline ("Gone home"). */
  offlineStatus: string | null;
  /** Stanza error condition from the contact's server; presence is unknown until it recovers. */
  error: string | null;
};

export const EMPTY_CONTACT: ContactPresence = { resources: new Map(), offlineStatus: null, error: null };

export type AggregatePresence = {
  state: PresenceState;
  statusText: string | null;
  resourceCount: number;
  priority: number | null;
  idleSince: Date | null;
};

type ContactStanza = Extract<PresenceStanza, { type: "available" | "unavailable" | "error" }>;

/** Applies one presence stanza from the contact to its per-resource state. */
export function applyPresenceStanza(contact: ContactPresence, stanza: ContactStanza, sequence: number): ContactPresence {
  const resources = new Map(contact.resources);
  const key = stanza.resource ?? "";
  switch (stanza.type) {
    case "available":
      resources.set(key, { show: stanza.show, priority: stanza.priority, status: stanza.status, idleSince: stanza.idleSince, sequence });
      return { resources, offlineStatus: null, error: null };
    case "unavailable":
      // From the bare JID it means every resource is gone (e.g. the answer to a probe, §4.3.2).
      if (stanza.resource === null) resources.clear();
      else resources.delete(key);
      return { resources, offlineStatus: stanza.status, error: null };
    case "error":
      return { resources: new Map(), offlineStatus: null, error: stanza.condition };
  }
}

/**
 * The contact's state as Narthex shows it. `subscribedTo` is whether the bot's subscription lets
 * presence flow (subscription "to" or "both"); without it silence means nothing, so it is unknown.
 */
export function aggregatePresence(contact: ContactPresence, subscribedTo: boolean): AggregatePresence {
  if (contact.error) return { state: "unknown", statusText: null, resourceCount: 0, priority: null, idleSince: null };
  let best: ResourcePresence | undefined;
  for (const resource of contact.resources.values()) {
    if (!best || outranks(resource, best)) best = resource;
  }
  if (best) {
    return {
      state: best.show,
      statusText: best.status,
      resourceCount: contact.resources.size,
      priority: best.priority,
      idleSince: best.idleSince,
    };
  }
  return {
    state: subscribedTo ? "offline" : "unknown",
    statusText: subscribedTo ? contact.offlineStatus : null,
    resourceCount: 0,
    priority: null,
    idleSince: null,
  };
}

function outranks(a: ResourcePresence, b: ResourcePresence): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  const rank = AVAILABILITY_RANK[a.show] - AVAILABILITY_RANK[b.show];
  if (rank !== 0) return rank > 0;
  return a.sequence > b.sequence;
}
