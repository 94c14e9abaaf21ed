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
// - Every change is kept, in order, in a bounded buffer until the database has stored it: a locked
//   or slow database delays history, it does not lose it. Commits are serialised, but each stores
//   every waiting change that may go now, of different contacts (at most `MAX_BATCH`, never waiting
//   for more), in one transaction: a contact's changes still go one after another, in order. A
//   batch refused for another reason than a lock or an unreachable server is retried one change at
//   a time, so that the change at fault is held back alone. One refused because another worker holds
//   the lease ends this tracker's commits for good: the worker steps down and drops it.
// - Flapping is coalesced per JID: at most one commit every `coalesceMs`, and a state that was
//   replaced less than `coalesceMs` after it began, before it was stored, is left out of history.
//   So every history row is a state the contact really held at the row's time, rows keep their
//   order, the last row is the current state, and a flood costs at most 1000/coalesceMs writes a
//   second per contact (and as many feed updates, which follow commits).
import { isDatabaseBusyError, isDatabaseUnavailableError, type Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { aggregatePresence, applyPresenceStanza, EMPTY_CONTACT, type AggregatePresence, type ContactPresence } from "@/lib/presence/aggregate-presence";
import type { PresenceChange } from "@/lib/presence/decide-presence-change";
import type { PresenceStanza } from "@/lib/presence/parse-presence-stanza";
import { receivesPresence, type RosterItemData, type RosterItemUpdate, type SubscriptionState } from "@/lib/roster/roster-item";
import { commitPresences } from "@/worker/presence-store";
import { LeaseLostError, type Fence } from "@/worker/worker-lease";

/** What one commit came to: the changes stored, or why none were (see #commit). */
type CommitOutcome = StoredChange[] | "refused" | "lost" | "failed";
type ContactStanza = Extract<PresenceStanza, { type: "available" | "unavailable" | "error" }>;
type EventTimes = { delay: Date | null; receivedAt: Date };
/** A change waiting to be stored: the contact's aggregate as it was then, and when it began. */
type PendingCommit = { bareJid: string; aggregate: AggregatePresence; times: EventTimes; eligibleAt: number; inFlight: boolean; failures: number };
/** A change the database stored. */
export type StoredChange = { bareJid: string; change: Exclude<PresenceChange, { kind: "none" }> };

/** Changes stored in one transaction at most: they share its lock, lease check and commit. */
const MAX_BATCH = 100;

/**
 * Tries of one change that fails for a reason other than a lock (a full disk, a broken row) before
 * it is given up, loudly, so that it does not hold up every other contact's changes behind it.
 */
const MAX_COMMIT_FAILURES = 10;
const FAILED_COMMIT_PAUSE_MS = 250;
const MAX_FAILED_COMMIT_PAUSE_MS = 8_000;

/** Changes kept while the database refuses them; past this, a contact's newest change replaces its last waiting one. */
const MAX_PENDING = 10_000;

export type TrackerOptions = {
  db: Db;
  logger: Logger;
  /** After each commit, the changes it stored (one per contact, in the order they were heard). */
  onChanges: (changes: StoredChange[]) => Promise<void>;
  now?: () => Date;
  /** Wait before retrying a commit the database refused (busy, locked, out of reach). */
  retryMs?: number;
  /** Flapping: at most one commit per contact this often; states held shorter and not yet stored are left out. */
  coalesceMs?: number;
  /** Changes kept while the database refuses them (default 10,000). */
  maxPending?: number;
  offlineHoldMs?: number;
  probeGraceMs?: number;
  /** Commits run through it (the worker lease, worker/worker-lease.ts). */
  fence?: Fence;
};

export class PresenceTracker {
  #contacts = new Map<string, ContactPresence>();
  #subscriptions = new Map<string, SubscriptionState>();
  #heard = new Map<string, EventTimes>();
  #pending: PendingCommit[] = [];
  /** Per contact, when its newest change (waiting or stored) could first be committed. */
  #lastEligibleAt = new Map<string, number>();
  #deferred = new Map<string, NodeJS.Timeout>();
  #settled = false;
  #sequence = 0;
  #draining: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #waitTimer: NodeJS.Timeout | null = null;
  /** When the database first refused a commit, while it still does. */
  #refusedSince: Date | null = null;
  /** Another worker holds the lease: this tracker stores nothing more (the worker drops it and steps down). */
  #leaseLost = false;
  #overflowLogged = false;
  #stanzasHeard = new Map<string, number>();

  constructor(private readonly options: TrackerOptions) {}

  /** A new session: forget per-resource state, learn the roster, hold commits until settled. */
  beginSession(roster: RosterItemData[]): void {
    this.endSession();
    this.#contacts.clear();
    this.#heard.clear();
    this.#subscriptions = new Map(roster.map((item) => [item.jid, item.subscription]));
  }

  /**
   * The session is gone: nothing new is committed (the stored state stays; pages grey it out). Held
   * departures are dropped (see above); changes already heard and waiting for the database are
   * still stored, with their own times.
   */
  endSession(): void {
    this.#settled = false;
    for (const timer of this.#deferred.values()) clearTimeout(timer);
    this.#deferred.clear();
  }

  /** Applies a contact's presence; returns false (and changes nothing) for JIDs not on the roster. */
  handlePresence(stanza: ContactStanza): boolean {
    if (!this.#subscriptions.has(stanza.bare)) return false;
    this.#stanzasHeard.set(stanza.bare, (this.#stanzasHeard.get(stanza.bare) ?? 0) + 1);
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
  async flush({ deferred = true, timeoutMs = Infinity }: { deferred?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.#draining || this.#pending.length > 0 || (deferred && this.#deferred.size > 0)) && !this.#leaseLost && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Presence stanzas heard from a roster contact since the worker started (for health checks and tests). */
  stanzasHeard(bareJid: string): number {
    return this.#stanzasHeard.get(bareJid) ?? 0;
  }

  /** Changes heard but not stored yet. */
  get waiting(): number {
    return this.#pending.length;
  }

  /** A commit found another worker in the lease: this tracker stores nothing more. */
  get leaseLost(): boolean {
    return this.#leaseLost;
  }

  /**
   * How long the oldest change that could be stored has been waiting for the database (0 when none);
   * a change held back because it alone failed does not count, nor any once the lease is lost (this
   * worker is not behind: it is stepping down, and must not tell browsers the database is).
   */
  behindMs(now = Date.now()): number {
    if (this.#leaseLost) return 0;
    const oldest = this.#pending.reduce((min, entry) => (entry.failures > 0 ? min : Math.min(min, entry.eligibleAt)), Infinity);
    return oldest === Infinity ? 0 : Math.max(0, now - oldest);
  }

  /** No more commits: what is still waiting is dropped (the caller may flush first). */
  stop(): void {
    this.endSession();
    for (const timer of [this.#retryTimer, this.#waitTimer]) if (timer) clearTimeout(timer);
    this.#retryTimer = null;
    this.#waitTimer = null;
    const lost = this.#pending.length;
    this.#pending = [];
    if (lost > 0 && this.#leaseLost) this.options.logger.info({ left: lost }, "stopped with presence changes left to the worker that holds the lease now");
    else if (lost > 0) this.options.logger.warn({ lost }, "stopped with presence changes the database had not accepted; they are not in the history");
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

  /** Keeps the contact's current aggregate as a change to store (see the coalescing rule above). */
  #markDirty(bareJid: string, times: EventTimes): void {
    this.#cancelDeferred(bareJid);
    const aggregate = this.#aggregate(bareJid);
    const coalesceMs = this.options.coalesceMs ?? 0;
    const last = this.#pending.findLast((entry) => entry.bareJid === bareJid && !entry.inFlight);
    const full = this.#pending.length >= (this.options.maxPending ?? MAX_PENDING);
    if (last && (times.receivedAt.getTime() - last.times.receivedAt.getTime() < coalesceMs || full)) {
      // The waiting state was held less than coalesceMs (or the buffer is full): store the newer one instead.
      const sameStanding = last.aggregate.state === aggregate.state && last.aggregate.statusText === aggregate.statusText;
      last.aggregate = aggregate;
      if (!sameStanding) last.times = times; // details only: the change still began when it did
      if (full && !this.#overflowLogged) {
        this.#overflowLogged = true;
        this.options.logger.warn({ waiting: this.#pending.length }, "presence buffer is full; a contact's newest change now replaces its last waiting one");
      }
    } else {
      const eligibleAt = Math.max(Date.now(), (this.#lastEligibleAt.get(bareJid) ?? -Infinity) + coalesceMs);
      this.#pending.push({ bareJid, aggregate, times, eligibleAt, inFlight: false, failures: 0 });
      this.#lastEligibleAt.set(bareJid, eligibleAt);
    }
    this.#kick();
  }

  #kick(): void {
    if (this.#retryTimer) return; // the database refused: wait for the retry
    if (this.#leaseLost) return;
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
  }

  async #drain(): Promise<void> {
    const { logger, onChanges } = this.options;
    if (this.#waitTimer) clearTimeout(this.#waitTimer);
    this.#waitTimer = null;
    for (;;) {
      const now = Date.now();
      // Per contact its oldest waiting change, if eligible: per contact, in order. One that failed
      // alone before goes alone again (it may be the broken one).
      const ahead = new Set<string>();
      const batch: PendingCommit[] = [];
      let next = Infinity;
      for (const candidate of this.#pending) {
        if (ahead.has(candidate.bareJid)) continue;
        ahead.add(candidate.bareJid);
        if (candidate.eligibleAt > now) {
          next = Math.min(next, candidate.eligibleAt);
          continue;
        }
        if (candidate.failures > 0) {
          if (batch.length > 0) continue;
          batch.push(candidate);
          break;
        }
        batch.push(candidate);
        if (batch.length >= MAX_BATCH) break;
      }
      if (batch.length === 0) {
        if (next !== Infinity) this.#waitTimer = setTimeout(() => this.#kick(), next - now);
        return;
      }
      let outcome = await this.#commit(batch);
      if (stopsDrain(outcome)) return;
      if (outcome === "failed" && batch.length > 1) {
        // Which of them is at fault is unknown: each alone now, so that only that one is held back.
        logger.warn({ changes: batch.length }, "a batch of presence changes could not be stored; storing them one at a time");
        const stored: StoredChange[] = [];
        for (const entry of batch) {
          if (!this.#pending.includes(entry)) continue; // stopped meanwhile: dropped
          outcome = await this.#commit([entry]);
          if (stopsDrain(outcome)) break;
          if (outcome !== "failed") stored.push(...outcome);
        }
        if (stored.length > 0) await this.#publish(onChanges, stored);
        if (stopsDrain(outcome)) return;
        continue;
      }
      if (outcome !== "failed" && outcome.length > 0) await this.#publish(onChanges, outcome);
    }
  }

  /**
   * Stores `batch` (distinct contacts) in one transaction. "refused": the database is busy or out of
   * reach, all of it waits for the retry; "lost": another worker holds the lease, so this one stores nothing more (it
   * is stepping down: worker.ts) and blames no change; "failed": refused for another reason (for a
   * single change, counted against it).
   */
  async #commit(batch: PendingCommit[]): Promise<CommitOutcome> {
    const { db, logger, fence } = this.options;
    for (const entry of batch) entry.inFlight = true;
    let changes: PresenceChange[];
    try {
      changes = await commitPresences(
        db,
        batch.map((entry) => ({ bareJid: entry.bareJid, aggregate: entry.aggregate, now: entry.times.receivedAt, delay: entry.times.delay })),
        { fence },
      );
    } catch (error) {
      for (const entry of batch) entry.inFlight = false;
      // Busy, or the server out of reach: nobody's change is at fault; all of it waits. (A commit that
      // landed but was never acknowledged is found stored on the retry: no history row is doubled,
      // though browsers then see that change only with the contact's next one or a resync.)
      if (isDatabaseBusyError(error) || isDatabaseUnavailableError(error)) {
        this.#refused(error);
        return "refused";
      }
      if (error instanceof LeaseLostError) {
        this.#leaseLost = true;
        logger.warn({ waiting: this.#pending.length }, "presence changes left unstored: another worker holds the lease and stores them from its own session");
        return "lost";
      }
      const [entry] = batch;
      if (batch.length > 1 || !entry) return "failed";
      // This change alone: it waits longer each time (the contact's later ones behind it), and the
      // rest go on.
      entry.failures += 1;
      logger.error({ bareJid: entry.bareJid, tries: entry.failures, reason: describeDbError(error) }, "a presence change could not be stored");
      if (entry.failures >= MAX_COMMIT_FAILURES) {
        this.#remove(entry);
        logger.error({ bareJid: entry.bareJid }, "gave up storing this presence change; the contact's next change will be stored as usual");
      } else {
        entry.eligibleAt = Date.now() + Math.min(FAILED_COMMIT_PAUSE_MS * 2 ** (entry.failures - 1), MAX_FAILED_COMMIT_PAUSE_MS);
      }
      return "failed";
    }
    const done = new Set(batch);
    this.#pending = this.#pending.filter((entry) => !done.has(entry));
    this.#accepted();
    return batch.flatMap((entry, index) => {
      const change = changes[index];
      return change && change.kind !== "none" ? [{ bareJid: entry.bareJid, change }] : [];
    });
  }

  #remove(entry: PendingCommit): void {
    const index = this.#pending.indexOf(entry);
    if (index >= 0) this.#pending.splice(index, 1);
  }

  async #publish(onChanges: TrackerOptions["onChanges"], stored: StoredChange[]): Promise<void> {
    await onChanges(stored).catch((error: unknown) => this.options.logger.error({ err: error, changes: stored.length }, "presence push failed"));
  }

  /** The database refused a commit (locked past the busy timeout, or gone): keep everything, retry later. */
  #refused(error: unknown): void {
    if (!this.#refusedSince) {
      this.#refusedSince = new Date();
      this.options.logger.warn(
        { waiting: this.#pending.length, reason: describeDbError(error) },
        "the database refused a presence change; changes are kept in order and retried until it accepts them",
      );
    }
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#kick();
    }, this.options.retryMs ?? 250);
  }

  #accepted(): void {
    if (!this.#refusedSince) return;
    const waitedMs = Date.now() - this.#refusedSince.getTime();
    this.#refusedSince = null;
    this.#overflowLogged = false;
    this.options.logger.info({ waitedMs, stillWaiting: this.#pending.length }, "the database accepts presence changes again; catching up in order");
  }

  #aggregate(bareJid: string) {
    const subscription = this.#subscriptions.get(bareJid);
    return aggregatePresence(this.#contacts.get(bareJid) ?? EMPTY_CONTACT, subscription ? receivesPresence(subscription) : false);
  }
}

/** A database error in a few words, without the query or its values. */
/** A commit's outcome after which nothing more is tried now: the retry timer, or nothing (the lease is lost). */
const stopsDrain = (outcome: CommitOutcome): outcome is "refused" | "lost" => outcome === "refused" || outcome === "lost";

function describeDbError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? (error.message.trim().split("\n").at(-1) ?? "") : String(error);
  return [typeof code === "string" ? code : null, message.slice(0, 200)].filter(Boolean).join(": ");
}
