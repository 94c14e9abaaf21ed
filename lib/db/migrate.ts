// Applies the committed SQL migrations in name order, once each: prisma/migrations/*/migration.sql for
// SQLite, prisma/migrations-postgresql/*/migration.sql for PostgreSQL (each dialect has its own SQL,
// both describe prisma/schema.prisma). Bookkeeping uses Prisma's own _prisma_migrations table so
// `prisma migrate deploy` can take over wherever its schema engine is reachable. Each migration runs
// in one transaction: all or nothing.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { isPostgresUrl, isSqliteUrl } from "@/lib/db/client";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const POSTGRES_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations-postgresql");

/** Held for the whole run, so processes starting together (web, worker, CLI) migrate one at a time. */
const POSTGRES_MIGRATION_LOCK = 0x4e61724d; // "NarM"

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/** The committed migrations folder for a database URL's dialect. */
export function migrationsDirFor(url: string): string {
  return isPostgresUrl(url) ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR;
}

export async function migrateDatabase(url: string, migrationsDir = migrationsDirFor(url)): Promise<MigrationResult> {
  if (isPostgresUrl(url)) return migratePostgres(url, migrationsDir);
  if (!isSqliteUrl(url)) throw new Error(`Unsupported database URL (${url.split(":")[0]}:): use file: (SQLite) or postgres://`);
  ensureParentFolder(url);
  const client = createClient({ url });
  try {
    // WAL lets the web app read while the worker writes; it is a property of the file, set once.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const done = await client.execute(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const appliedChecksums = new Map(done.rows.map((row) => [String(row.migration_name), String(row.checksum)]));
    const applied: string[] = [];
    for (const { name, sql, checksum } of migrationsToApply(migrationsDir, appliedChecksums)) {
      const startedAt = new Date().toISOString();
      await client.executeMultiple(
        `BEGIN;\n${sql}\nINSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) ` +
          `VALUES ('${randomUUID()}', '${checksum}', '${new Date().toISOString()}', '${name.replaceAll("'", "''")}', '${startedAt}', 1);\nCOMMIT;`,
      );
      applied.push(name);
    }
    return { applied, alreadyApplied: appliedChecksums.size };
  } finally {
    client.close();
  }
}

async function migratePostgres(url: string, migrationsDir: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [POSTGRES_MIGRATION_LOCK]);
    // Prisma's own definition of the table for PostgreSQL.
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const appliedChecksums = new Map(done.rows.map((row) => [row.migration_name, row.checksum]));
    const applied: string[] = [];
    for (const { name, sql, checksum } of migrationsToApply(migrationsDir, appliedChecksums)) {
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        await client.query(sql); // simple query protocol: the file's statements run as one script
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), checksum, name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    return { applied, alreadyApplied: appliedChecksums.size };
  } finally {
    await client.end(); // ends the session, and with it the advisory lock
  }
}

/**
 * The committed migrations not applied yet, in name order. One that was applied and has changed
 * since is refused: a new migration is the way to change a schema.
 */
function migrationsToApply(dir: string, appliedChecksums: ReadonlyMap<string, string>): Array<{ name: string; sql: string; checksum: string }> {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const pending = [];
  for (const name of names) {
    const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const previous = appliedChecksums.get(name);
    if (previous === undefined) pending.push({ name, sql, checksum });
    else if (previous !== checksum) throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead`);
  }
  return pending;
}

function ensureParentFolder(url: string): void {
  const file = url.slice("file:".length);
  if (file && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}
