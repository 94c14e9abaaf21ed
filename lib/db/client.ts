// The one place that knows which database Narthex talks to. SQLite (libSQL, embedded) today;
// PostgreSQL is added here later, chosen by the URL scheme, without touching callers.
import type { Client, Config, TransactionMode } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";

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

export function createDb(url: string): Db {
  if (!isSqliteUrl(url)) {
    throw new Error(`DATABASE_URL must be a file: URL (embedded SQLite); got a ${url.split(":")[0]}: URL`);
  }
  const adapter = new PrismaLibSqlImmediate({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
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
