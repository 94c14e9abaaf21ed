// Tracks presence per resource for every roster contact during one XMPP session and commits the
// per-bare-JID aggregate. Protocol choices:
// - Nothing is committed until the session has settled (roster fetched, initial presence sent and
//   the server's burst of current presences received), so a reconnect burst writes no history.
// - A subscribed contact not heard from by then gets a grace period before it is called offline
//   (a remote server may answer our probe late, RFC 6121 §4.3).
// - Commits are serialised and coalesced per JID: under a flood the latest state wins.
// - A contact going offline is held for `offlineHoldMs` before it is committed. A server that shuts
//   down closes every session and broadcasts their unavailable presence to us just before it closes
//   our own stream; those are not real departures and must not become history. If our session ends
//   within the hold, the held offline is dropped and the reconnect reconciles the truth.
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { aggregatePresence, applyPresenceStanza, EMPTY_CONTACT, type ContactPresence } from "@/lib/presence/aggregate-presence";
import type { PresenceChange } from "@/lib/presence/decide-presence-change";
import type { PresenceStanza } from "@/lib/presence/parse-presence-stanza";
import { receivesPresence, type RosterItemData, type RosterItemUpdate, type SubscriptionState } from "@/lib/roster/roster-item";
import { commitPresence } from "@/worker/presence-store";

type ContactStanza = Extract<PresenceStanza, { type: "available" | "unavailable" | "error" }>;

export type TrackerOptions = {
  db: Db;
  logger: Logger;
  onChange: (bareJid: string, change: Exclude<PresenceChange, { kind: "none" }>) => Promise<void>;
  now?: () => Date;
  /** Wait before retrying a commit the database refused (busy, locked). */
  retryMs?: number;
  offlineHoldMs?: number;
};

export class PresenceTracker {
  #contacts = new Map<string, ContactPresence>();
  #subscriptions = new Map<string, SubscriptionState>();
  #heard = new Set<string>();
  #dirty = new Map<string, Date | null>();
  #settled = false;
  #sequence = 0;
  #draining: Promise<void> | null = null;
  #graceTimer: NodeJS.Timeout | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #held = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: TrackerOptions) {}

  /** A new session: forget per-resource state, learn the roster, hold commits until settled. */
  beginSession(roster: RosterItemData[]): void {
    this.endSession();
    this.#contacts.clear();
    this.#heard.clear();
    this.#subscriptions = new Map(roster.map((item) => [item.jid, item.subscription]));
  }

  /** The session is gone: stop committing (the stored state stays; pages grey it out). */
  endSession(): void {
    this.#settled = false;
    this.#dirty.clear();
    for (const timer of this.#held.values()) clearTimeout(timer);
    this.#held.clear();
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#graceTimer = null;
  }

  isOnRoster(bareJid: string): boolean {
    return this.#subscriptions.has(bareJid);
  }

  /** Applies a contact's presence; returns false (and changes nothing) for JIDs not on the roster. */
  handlePresence(stanza: ContactStanza): boolean {
    if (!this.#subscriptions.has(stanza.bare)) return false;
    const contact = this.#contacts.get(stanza.bare) ?? EMPTY_CONTACT;
    this.#contacts.set(stanza.bare, applyPresenceStanza(contact, stanza, ++this.#sequence));
    this.#heard.add(stanza.bare);
    if (!this.#settled) return true;
    const delay = "delay" in stanza ? stanza.delay : null;
    const held = this.#held.get(stanza.bare);
    if (held) clearTimeout(held);
    this.#held.delete(stanza.bare);
    if (this.#aggregate(stanza.bare).state === "offline" && (this.options.offlineHoldMs ?? 0) > 0) {
      this.#held.set(
        stanza.bare,
        setTimeout(() => {
          this.#held.delete(stanza.bare);
          this.#markDirty(stanza.bare, delay);
        }, this.options.offlineHoldMs),
      );
    } else {
      this.#markDirty(stanza.bare, delay);
    }
    return true;
  }

  /** A roster push changed or removed a contact. */
  handleRosterUpdate(update: RosterItemUpdate): void {
    if (update.kind === "remove") {
      this.#subscriptions.delete(update.jid);
      this.#contacts.delete(update.jid);
      if (this.#settled) this.#markDirty(update.jid, null);
      return;
    }
    const previous = this.#subscriptions.get(update.item.jid);
    this.#subscriptions.set(update.item.jid, update.item.subscription);
    if (!receivesPresence(update.item.subscription)) this.#contacts.delete(update.item.jid);
    if (this.#settled && previous !== update.item.subscription) this.#markDirty(update.item.jid, null);
  }

  /** The initial burst is in: commit what we know, and give silent contacts `graceMs` to answer. */
  settle(graceMs: number): void {
    this.#settled = true;
    const silent: string[] = [];
    for (const [jid, subscription] of this.#subscriptions) {
      if (this.#heard.has(jid) || !receivesPresence(subscription)) this.#markDirty(jid, null);
      else silent.push(jid);
    }
    if (silent.length === 0) return;
    this.#graceTimer = setTimeout(() => {
      this.#graceTimer = null;
      for (const jid of silent) if (!this.#heard.has(jid)) this.#markDirty(jid, null);
    }, graceMs);
  }

  /** Resolves when every pending commit, held ones included, has been written. */
  async flush(): Promise<void> {
    while (this.#draining || this.#held.size > 0) {
      if (this.#draining) await this.#draining;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  stop(): void {
    this.endSession();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
  }

  #markDirty(bareJid: string, delay: Date | null): void {
    this.#dirty.delete(bareJid); // re-insert at the end: fair order under a flood
    this.#dirty.set(bareJid, delay);
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
  }

  async #drain(): Promise<void> {
    const { db, logger, onChange } = this.options;
    while (this.#dirty.size > 0 && this.#settled) {
      const [bareJid, delay] = this.#dirty.entries().next().value as [string, Date | null];
      this.#dirty.delete(bareJid);
      const aggregate = this.#aggregate(bareJid);
      let change: PresenceChange;
      try {
        change = await commitPresence(db, bareJid, aggregate, { now: this.options.now?.() ?? new Date(), delay });
      } catch (error) {
        logger.warn({ err: error, bareJid }, "presence commit failed; will retry");
        if (!this.#dirty.has(bareJid)) this.#dirty.set(bareJid, delay);
        this.#scheduleRetry();
        return;
      }
      if (change.kind === "none") continue;
      await onChange(bareJid, change).catch((error: unknown) => logger.error({ err: error, bareJid }, "presence push failed"));
    }
  }

  #aggregate(bareJid: string) {
    const subscription = this.#subscriptions.get(bareJid);
    return aggregatePresence(this.#contacts.get(bareJid) ?? EMPTY_CONTACT, subscription ? receivesPresence(subscription) : false);
  }

  #scheduleRetry(): void {
    if (this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      const [first] = this.#dirty.keys();
      if (first !== undefined) this.#markDirty(first, this.#dirty.get(first) ?? null);
    }, this.options.retryMs ?? 1_000);
  }
}
