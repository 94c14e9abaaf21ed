// Tracks presence per resource for every roster contact during one XMPP session and commits the
// per-bare-JID aggregate. Protocol choices:
// - Nothing is committed until the session has settled (roster fetched, initial presence sent and
//   the server's burst of current presences received), so a reconnect burst writes no history.
// - A subscribed contact not heard from yet (after settling, or just after approving our
//   subscription) gets `probeGraceMs` before it is called offline: a server may answer our probe
//   late (RFC 6121 §4.3), and a fresh approval is followed by the contact's presence (§3.1.5).
// - A contact going offline is held for `offlineHoldMs` before it is committed. A server that shuts
//   down closes every session and broadcasts their unavailable presence to us just before it closes
//   our own stream; those are not real departures and must not become history. If our session ends
//   within the hold, the held offline is dropped and the reconnect reconciles the truth.
// - A change is dated by its XEP-0203 stamp when believable, else by when its stanza arrived.
// - Commits are serialised and coalesced per JID: under a flood the latest state wins.
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { aggregatePresence, applyPresenceStanza, EMPTY_CONTACT, type ContactPresence } from "@/lib/presence/aggregate-presence";
import type { PresenceChange } from "@/lib/presence/decide-presence-change";
import type { PresenceStanza } from "@/lib/presence/parse-presence-stanza";
import { receivesPresence, type RosterItemData, type RosterItemUpdate, type SubscriptionState } from "@/lib/roster/roster-item";
import { commitPresence } from "@/worker/presence-store";

type ContactStanza = Extract<PresenceStanza, { type: "available" | "unavailable" | "error" }>;
type EventTimes = { delay: Date | null; receivedAt: Date };

export type TrackerOptions = {
  db: Db;
  logger: Logger;
  onChange: (bareJid: string, change: Exclude<PresenceChange, { kind: "none" }>) => Promise<void>;
  now?: () => Date;
  /** Wait before retrying a commit the database refused (busy, locked). */
  retryMs?: number;
  offlineHoldMs?: number;
  probeGraceMs?: number;
};

export class PresenceTracker {
  #contacts = new Map<string, ContactPresence>();
  #subscriptions = new Map<string, SubscriptionState>();
  #heard = new Map<string, EventTimes>();
  #dirty = new Map<string, EventTimes>();
  #deferred = new Map<string, NodeJS.Timeout>();
  #settled = false;
  #sequence = 0;
  #draining: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;

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
    for (const timer of this.#deferred.values()) clearTimeout(timer);
    this.#deferred.clear();
  }

  /** Applies a contact's presence; returns false (and changes nothing) for JIDs not on the roster. */
  handlePresence(stanza: ContactStanza): boolean {
    if (!this.#subscriptions.has(stanza.bare)) return false;
    const contact = this.#contacts.get(stanza.bare) ?? EMPTY_CONTACT;
    this.#contacts.set(stanza.bare, applyPresenceStanza(contact, stanza, ++this.#sequence));
    const times: EventTimes = { delay: "delay" in stanza ? stanza.delay : null, receivedAt: this.#now() };
    this.#heard.set(stanza.bare, times);
    if (!this.#settled) return true;
    if (this.#aggregate(stanza.bare).state === "offline") this.#defer(stanza.bare, this.options.offlineHoldMs ?? 0, times);
    else this.#markDirty(stanza.bare, times);
    return true;
  }

  /** A roster push changed or removed a contact. */
  handleRosterUpdate(update: RosterItemUpdate): void {
    const jid = update.kind === "remove" ? update.jid : update.item.jid;
    const previous = this.#subscriptions.get(jid);
    if (update.kind === "remove") {
      this.#subscriptions.delete(jid);
      this.#contacts.delete(jid);
    } else {
      this.#subscriptions.set(jid, update.item.subscription);
      if (!receivesPresence(update.item.subscription)) this.#contacts.delete(jid);
    }
    const next = this.#subscriptions.get(jid);
    if (!this.#settled || previous === next) return; // before settling, settle() covers it
    const times = { delay: null, receivedAt: this.#now() };
    const startsReceiving = next !== undefined && receivesPresence(next) && !(previous !== undefined && receivesPresence(previous));
    if (startsReceiving) {
      // What we heard before the subscription counts for nothing; the contact's presence follows.
      this.#heard.delete(jid);
      this.#defer(jid, this.options.probeGraceMs ?? 0, times);
    } else {
      this.#markDirty(jid, times);
    }
  }

  /**
   * The initial burst is in: commit what we know, give silent contacts the probe grace, and
   * reconcile `storedJids` (rows in the database) that are no longer on the roster.
   */
  settle(storedJids: readonly string[] = []): void {
    this.#settled = true;
    const now = this.#now();
    for (const [jid, subscription] of this.#subscriptions) {
      const heard = this.#heard.get(jid);
      if (heard || !receivesPresence(subscription)) this.#markDirty(jid, heard ?? { delay: null, receivedAt: now });
      else this.#defer(jid, this.options.probeGraceMs ?? 0, { delay: null, receivedAt: now });
    }
    for (const jid of storedJids) if (!this.#subscriptions.has(jid)) this.#markDirty(jid, { delay: null, receivedAt: now });
  }

  /**
   * Resolves when pending commits are written; with `deferred` (the default) also those waiting
   * out a hold or a probe grace.
   */
  async flush({ deferred = true }: { deferred?: boolean } = {}): Promise<void> {
    while (this.#draining || this.#retryTimer || (deferred && this.#deferred.size > 0)) {
      if (this.#draining) await this.#draining;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  stop(): void {
    this.endSession();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  #defer(bareJid: string, ms: number, times: EventTimes): void {
    this.#cancelDeferred(bareJid);
    if (ms <= 0) return this.#markDirty(bareJid, times);
    this.#deferred.set(
      bareJid,
      setTimeout(() => {
        this.#deferred.delete(bareJid);
        this.#markDirty(bareJid, times);
      }, ms),
    );
  }

  #cancelDeferred(bareJid: string): void {
    const timer = this.#deferred.get(bareJid);
    if (timer) clearTimeout(timer);
    this.#deferred.delete(bareJid);
  }

  #markDirty(bareJid: string, times: EventTimes): void {
    this.#cancelDeferred(bareJid);
    this.#dirty.delete(bareJid); // re-insert at the end: fair order under a flood
    this.#dirty.set(bareJid, times);
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
  }

  async #drain(): Promise<void> {
    const { db, logger, onChange } = this.options;
    while (this.#dirty.size > 0 && this.#settled) {
      const [bareJid, times] = this.#dirty.entries().next().value as [string, EventTimes];
      this.#dirty.delete(bareJid);
      let change: PresenceChange;
      try {
        change = await commitPresence(db, bareJid, this.#aggregate(bareJid), { now: times.receivedAt, delay: times.delay });
      } catch (error) {
        logger.warn({ err: error, bareJid }, "presence commit failed; will retry");
        if (!this.#dirty.has(bareJid)) this.#dirty.set(bareJid, times);
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
      const [first] = this.#dirty.entries();
      if (first) this.#markDirty(first[0], first[1]);
    }, this.options.retryMs ?? 1_000);
  }
}
