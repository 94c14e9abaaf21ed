// The lease that decides which of several worker processes on one database holds the bot's XMPP
// session (issue 8). One `WorkerLease` row names its holder (a random id per process) and when the
// lease lapses. The holder renews it every `renewMs` with an update that only matches while the row
// still names it; any other worker polls as often and takes the row only once `expiresAt` has passed.
// Writes that matter run through `fenced`: one transaction that first finds this worker in the row,
// so a holder that was frozen past its lease and replaced writes nothing after the takeover. Clocks
// of the hosts running workers must agree to well under the lease (expiry is each worker's own time).
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";

export const DEFAULT_LEASE_MS = 5_000;
export const DEFAULT_LEASE_RENEW_MS = 1_000;

const LEASE_ID = 1;

/** A fenced write found another worker in the lease row: this one must stop acting. */
export class LeaseLostError extends Error {
  constructor() {
    super("this worker no longer holds the worker lease; another worker has taken over");
    this.name = "LeaseLostError";
  }
}

export type LeaseHolder = { holderId: string; holderName: string; expiresAt: Date };

export interface WorkerLeaseEvents {
  /** This worker now holds the lease (`from`: the holder whose lease had lapsed, if any). */
  acquired: [from: LeaseHolder | null];
  /** Another worker holds the lease now; this one must stop its session. */
  lost: [to: LeaseHolder | null];
  /** Another worker holds a live lease; this one waits (emitted when the holder changes). */
  standingBy: [holder: LeaseHolder];
}

export type WorkerLeaseOptions = { db: Db; logger: Logger; leaseMs?: number; renewMs?: number };

export class WorkerLease extends EventEmitter<WorkerLeaseEvents> {
  readonly holderId = randomUUID();
  readonly holderName = `${hostname()} pid ${process.pid}`;
  readonly leaseMs: number;
  readonly renewMs: number;
  #held = false;
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<void> | null = null;
  #stopped = false;
  #standingByFor: string | null = null;

  constructor(private readonly options: WorkerLeaseOptions) {
    super();
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.renewMs = options.renewMs ?? DEFAULT_LEASE_RENEW_MS;
  }

  /** What this worker last found: true from taking the lease until a renewal or a fenced write finds another holder. */
  get held(): boolean {
    return this.#held;
  }

  /** Tries once at once (so a lone worker starts without waiting a poll), then every `renewMs`. */
  async start(): Promise<void> {
    await this.#tick();
    this.#schedule();
  }

  /** Looks again now (e.g. the XMPP server ended our session with a conflict: was it the new holder?). */
  checkNow(): Promise<void> {
    return this.#tick();
  }

  /** Stops renewing and, if held, lets the lease lapse at once so a standby takes over within one poll. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#ticking;
    await this.release();
  }

  /** Lets the lease lapse now, if held (this worker may take it again at a later poll). */
  async release(): Promise<void> {
    if (!this.#held) return;
    this.#held = false;
    this.#standingByFor = null;
    await this.options.db.workerLease
      .updateMany({ where: { id: LEASE_ID, holderId: this.holderId }, data: { expiresAt: new Date(0) } })
      .catch((error: unknown) => this.options.logger.warn({ err: error }, "could not release the worker lease; a standby takes over once it lapses"));
  }

  /**
   * Runs `write` in one transaction that first checks this worker still holds the lease; throws
   * LeaseLostError (and reports the loss) when another worker has taken it. An expired lease that
   * nobody took is still ours: nobody else has acted.
   */
  async fenced<T>(db: Db, write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    let lost = false;
    try {
      return await db.$transaction(async (tx) => {
        // A write, not a read: it locks the lease row until commit on any database (a plain read
        // would not stop a standby's take on PostgreSQL), so nobody takes it between check and write.
        const mine = await tx.workerLease.updateMany({ where: { id: LEASE_ID, holderId: this.holderId }, data: { holderId: this.holderId } });
        if (mine.count === 0) {
          lost = true;
          throw new LeaseLostError();
        }
        return write(tx);
      });
    } finally {
      if (lost && this.#held) void this.checkNow();
    }
  }

  /** True when the row names this worker right now (the XMPP session logs in only then). */
  async confirm(): Promise<boolean> {
    const row = await this.options.db.workerLease.findUnique({ where: { id: LEASE_ID } });
    return row?.holderId === this.holderId;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.#tick().finally(() => this.#schedule());
    }, this.renewMs);
  }

  #tick(): Promise<void> {
    this.#ticking ??= this.#renewOrTake()
      .catch((error: unknown) => {
        // A busy or absent database: try again at the next tick. The lease lapses meanwhile, and a
        // standby may take it; then the fenced writes and the next renewal tell this worker so.
        this.options.logger.warn({ reason: error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error) }, "could not renew or take the worker lease");
      })
      .finally(() => {
        this.#ticking = null;
      });
    return this.#ticking;
  }

  async #renewOrTake(): Promise<void> {
    if (this.#stopped) return;
    const { db } = this.options;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.leaseMs);
    if (this.#held) {
      const renewed = await db.workerLease.updateMany({ where: { id: LEASE_ID, holderId: this.holderId }, data: { expiresAt } });
      if (renewed.count === 1 || this.#stopped) return;
      this.#held = false;
      this.#standingByFor = null; // the next poll says, in the log, for whom this worker stands by now
      this.emit("lost", await this.#current());
      return;
    }
    const before = await this.#current();
    const data = { holderId: this.holderId, holderName: this.holderName, expiresAt, acquiredAt: now };
    let taken = false;
    if (!before) {
      taken = await db.workerLease.create({ data: { id: LEASE_ID, ...data } }).then(
        () => true,
        () => false, // another worker created it first
      );
    } else if (before.expiresAt < now || before.holderId === this.holderId) {
      // Conditional on the row being exactly what we read: of two standbys, one wins.
      const took = await db.workerLease.updateMany({ where: { id: LEASE_ID, holderId: before.holderId, expiresAt: before.expiresAt }, data });
      taken = took.count === 1;
    }
    if (this.#stopped) return;
    if (taken) {
      this.#held = true;
      this.#standingByFor = null;
      this.emit("acquired", before && before.holderId !== this.holderId ? before : null);
      return;
    }
    const holder = await this.#current();
    if (holder && holder.holderId !== this.#standingByFor) {
      this.#standingByFor = holder.holderId;
      this.emit("standingBy", holder);
    }
  }

  async #current(): Promise<LeaseHolder | null> {
    return this.options.db.workerLease.findUnique({ where: { id: LEASE_ID }, select: { holderId: true, holderName: true, expiresAt: true } });
  }
}

/** A fence for code that may run without a lease (unit tests, tools): writes straight through. */
export type Fence = <T>(db: Db, write: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;
