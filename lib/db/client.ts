// The one place that knows which database Narthex talks to, chosen by the URL scheme: `file:` is the
// embedded SQLite (libSQL), `postgres://` or `postgresql://` a PostgreSQL server. Callers see one type.
import type { Client, Config, TransactionMode } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";

/** Typed by the SQLite client; the PostgreSQL one is generated from the same models and accepts the same queries. */
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
  const cause = adapterCause(error);
  const code = String(cause?.originalCode ?? "");
  // PostgreSQL's lock_not_available: a lock waited for past lock_timeout (its busy timeout).
  if (code === "55P03") return true;
  // SQLITE_BUSY (5) and SQLITE_LOCKED (6), and their extended codes (busy snapshot 517, …). SQLite's
  // codes are short numbers; PostgreSQL's SQLSTATEs are five characters and never read this way.
  const primary = /^\d{1,4}$/.test(code) ? Number(code) & 0xff : -1;
  if (primary === 5 || primary === 6) return true;
  // A transaction that could not begin within maxWait (it was waiting for the lock).
  return (error as { code?: unknown } | null)?.code === "P2028" || isBusy(error);
}

/** What @prisma/adapter-pg reports when it cannot reach the server or loses the connection. */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/**
 * PostgreSQL's SQLSTATEs for a lost connection (class 08, but not 08P01, a protocol violation, which
 * trying again would not cure), a server shutting down or starting (57P01–57P03), and a write sent to
 * a standby, as just after a failover (25006).
 */
const UNAVAILABLE_SQLSTATES = new Set(["08000", "08001", "08003", "08004", "08006", "08007", "57P01", "57P02", "57P03", "25006"]);
/** Socket errors that @prisma/adapter-pg passes on as they are (it maps only a few). */
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);
/** node-postgres says one of these, with no code, when the server or network has dropped a connection. */
const CONNECTION_LOST = /^(Connection terminated\b|Client has encountered a connection error and is not queryable)/;

type AdapterErrorCause = { kind?: unknown; originalCode?: unknown; originalMessage?: unknown };

/**
 * The driver adapter's account of an error: in Prisma's `meta` for a query, or, for a failed COMMIT
 * (which Prisma passes on unconverted), on the adapter's own error.
 */
function adapterCause(error: unknown): AdapterErrorCause | undefined {
  const err = error as { name?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: AdapterErrorCause } } } | null;
  return err?.meta?.driverAdapterError?.cause ?? (err?.name === "DriverAdapterError" ? (err.cause as AdapterErrorCause | undefined) : undefined);
}

/**
 * True when the database server could not be reached or dropped the connection (a restart, a failover,
 * a network fault): nothing may have been written, and trying again once it is back is how to get the
 * write done. Unlike a busy error a commit cut off this way may have landed, so only idempotent writes
 * should be tried again on it. SQLite is a file in the process: it never reports this.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const cause = adapterCause(error);
  if (UNAVAILABLE_KINDS.has(String(cause?.kind))) return true;
  if (UNAVAILABLE_SQLSTATES.has(String(cause?.originalCode ?? ""))) return true;
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  // Prisma's own: the server cannot be reached (P1001), or closed the connection (P1017).
  if (code === "P1001" || code === "P1017" || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  return error instanceof Error && CONNECTION_LOST.test(error.message);
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

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

/**
 * PostgreSQL: every transaction first takes one transaction-scoped advisory lock, so transactions run
 * one at a time as SQLite's IMMEDIATE ones do. The code's read-then-write transactions (re-check the
 * actor, count then insert, claim a command) rely on that; under READ COMMITTED alone two of them
 * could both read the old state. Statements outside a transaction are not held up.
 */
export const POSTGRES_TRANSACTION_LOCK = 0x4e617274; // "Nart"

class PrismaPgSerialized extends PrismaPg {
  override async connect(): ReturnType<PrismaPg["connect"]> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await start(isolationLevel);
      try {
        await tx.executeRaw({ sql: `SELECT pg_advisory_xact_lock(${POSTGRES_TRANSACTION_LOCK})`, args: [], argTypes: [] });
      } catch (error) {
        await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
        await tx.rollback();
        throw error;
      }
      return tx;
    };
    return adapter;
  }
}

/**
 * A client of the database at `url`. `busyTimeoutMs`: how long a write waits for another process's
 * lock before it is refused (shorter for writers that retry by themselves, so that one waiting write
 * does not hold up the client's other queries for long); on PostgreSQL, the session's lock_timeout.
 * `logQueries`: the client emits a "query" event per SQL statement (tests that count them).
 */
export function createDb(url: string, { busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS, logQueries = false }: { busyTimeoutMs?: number; logQueries?: boolean } = {}): Db {
  const log = logQueries ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  // A transaction may wait out another process's lock for the whole busy timeout before it starts.
  const transactionOptions = { maxWait: busyTimeoutMs + 1_000 };
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPgSerialized({ connectionString: url, options: `-c lock_timeout=${Math.max(1, Math.round(busyTimeoutMs))}` });
    return new PostgresPrismaClient({ adapter, log, transactionOptions }) as unknown as Db;
  }
  if (!isSqliteUrl(url)) {
    throw new Error(`DATABASE_URL must be a file: URL (embedded SQLite) or a postgres:// URL; got a ${url.split(":")[0]}: URL`);
  }
  // No native busy timeout: whileBusy waits instead, leaving the event loop free.
  const adapter = new PrismaLibSqlImmediate({ url, timeout: 0 }, busyTimeoutMs);
  return new PrismaClient({ adapter, log, transactionOptions });
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
