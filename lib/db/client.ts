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
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function isSqliteUrl(url: string): boolean {
  return url.startsWith("file:");
}

/**
 * SQLite shared by several processes (web, worker, CLI) in WAL mode: a transaction that reads and
 * then writes must take the write lock up front (BEGIN IMMEDIATE). Started "deferred", as the libSQL
 * adapter does, it fails with SQLITE_BUSY_SNAPSHOT whenever another process wrote in between, and
 * the busy timeout cannot help. With IMMEDIATE it simply waits its turn.
 */
class PrismaLibSqlImmediate extends PrismaLibSql {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    const begin = client.transaction.bind(client);
    client.transaction = (mode?: TransactionMode) => begin(mode === undefined || mode === "deferred" ? "write" : mode);
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
const POSTGRES_TRANSACTION_LOCK = 0x4e617274; // "Nart"

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

/** `logQueries`: the client emits a "query" event per SQL statement (tests that count them). */
export function createDb(url: string, options: { logQueries?: boolean } = {}): Db {
  const log = options.logQueries ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  if (isPostgresUrl(url)) {
    return new PostgresPrismaClient({ adapter: new PrismaPgSerialized({ connectionString: url }), log }) as unknown as Db;
  }
  if (!isSqliteUrl(url)) {
    throw new Error(`DATABASE_URL must be a file: URL (embedded SQLite) or a postgres:// URL; got a ${url.split(":")[0]}: URL`);
  }
  const adapter = new PrismaLibSqlImmediate({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter, log });
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
