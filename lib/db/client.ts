// The one place that knows which database Narthex talks to. SQLite (libSQL, embedded) today;
// PostgreSQL is added here later, chosen by the URL scheme, without touching callers.
import type { Client, Config, TransactionMode } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** How long a writer waits for another process's write lock before giving up (SQLite). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Pauses between tries for a lock held by another process: SQLite's own busy handler's steps. */
const BUSY_PAUSES_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

/**
 * True when Prisma reports that the database refused a query because another process held its lock
 * past the busy timeout (nothing was written; trying again later is safe).
 */
export function isDatabaseBusyError(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } } | null)?.meta?.driverAdapterError?.cause;
  // SQLITE_BUSY (5) and SQLITE_LOCKED (6), and their extended codes (busy snapshot 517, …).
  const primary = Number(cause?.originalCode) & 0xff;
  if (primary === 5 || primary === 6) return true;
  // A transaction that could not begin within maxWait (it was waiting for the lock).
  return (error as { code?: unknown } | null)?.code === "P2028" || isBusy(error);
}

/**
 * Runs `attempt` until it is not refused for a lock held by another process, pausing between tries,
 * for at most `timeoutMs`; then the last refusal is thrown. libSQL's own busy timeout waits inside a
 * synchronous native call and so freezes the whole process (socket.io, XMPP pings, timers) for as
 * long as another process holds the lock; these pauses leave the event loop free.
 */
export async function whileBusy<T>(attempt: () => Promise<T>, options: { timeoutMs?: number; onBusy?: () => Promise<void> } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? SQLITE_BUSY_TIMEOUT_MS);
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      await options.onBusy?.();
      const pause = BUSY_PAUSES_MS[Math.min(tries, BUSY_PAUSES_MS.length - 1)]!;
      if (Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

export function isSqliteUrl(url: string): boolean {
  return url.startsWith("file:");
}

/**
 * SQLite shared by several processes (web, worker, CLI) in WAL mode: a transaction that reads and
 * then writes must take the write lock up front (BEGIN IMMEDIATE). Started "deferred", as the libSQL
 * adapter does, it fails with SQLITE_BUSY_SNAPSHOT whenever another process wrote in between, and
 * the busy timeout cannot help. With IMMEDIATE it simply waits its turn, without blocking the
 * process (`whileBusy`): statements outside a transaction and BEGIN are retried while the lock is held
 * (a refused statement or BEGIN did nothing, so trying it again is safe).
 */
class PrismaLibSqlImmediate extends PrismaLibSql {
  constructor(
    config: Config,
    private readonly busyTimeoutMs: number,
  ) {
    super(config);
  }

  override createClient(config: Config): Client {
    const client = super.createClient(config);
    const begin = client.transaction.bind(client);
    const execute = client.execute.bind(client) as (...args: unknown[]) => ReturnType<Client["execute"]>;
    // libSQL leaves a refused statement unfinished on its connection, and SQLite then refuses to
    // COMMIT a later transaction there ("SQL statements in progress"): try again on a fresh one.
    const onBusy = async () => {
      try {
        await client.reconnect();
      } catch {
        // the old connection may refuse to close with its unfinished statement; the new one is open
      }
    };
    const options = { onBusy, timeoutMs: this.busyTimeoutMs };
    client.transaction = (mode?: TransactionMode) => whileBusy(() => begin(mode === undefined || mode === "deferred" ? "write" : mode), options);
    client.execute = ((...args: unknown[]) => whileBusy(() => execute(...args), options)) as Client["execute"];
    return client;
  }
}

/**
 * A client of the database at `url`. `busyTimeoutMs`: how long a write waits for another process's
 * lock before it is refused (shorter for writers that retry by themselves, so that one waiting write
 * does not hold up the client's other queries for long).
 */
export function createDb(url: string, { busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS }: { busyTimeoutMs?: number } = {}): Db {
  if (!isSqliteUrl(url)) {
    throw new Error(`DATABASE_URL must be a file: URL (embedded SQLite); got a ${url.split(":")[0]}: URL`);
  }
  // No native busy timeout: whileBusy waits instead, leaving the event loop free.
  const adapter = new PrismaLibSqlImmediate({ url, timeout: 0 }, busyTimeoutMs);
  // A transaction may wait out another process's lock for the whole busy timeout before it starts.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: busyTimeoutMs + 1_000 } });
}

const globalForDb = globalThis as unknown as { narthexDb?: Db };

/** Process-wide client for the web app and CLI (kept across Next dev reloads). */
export function getDb(): Db {
  if (!globalForDb.narthexDb) {
    globalForDb.narthexDb = createDb(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  }
  return globalForDb.narthexDb;
}

export const DEFAULT_DATABASE_URL = "file:.data/narthex.db";
