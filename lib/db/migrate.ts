// Applies the committed SQL migrations (prisma/migrations/*/migration.sql) in name order, once each.
// Bookkeeping uses Prisma's own _prisma_migrations table so `prisma migrate deploy` can take over
// wherever its schema engine is reachable. Each migration runs in one transaction: all or nothing.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { isSqliteUrl } from "@/lib/db/client";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export type MigrationResult = { applied: string[]; alreadyApplied: number };

export async function migrateDatabase(url: string, migrationsDir = MIGRATIONS_DIR): Promise<MigrationResult> {
  if (!isSqliteUrl(url)) throw new Error("Only file: (SQLite) database URLs are supported so far");
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
    for (const name of listMigrations(migrationsDir)) {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = appliedChecksums.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
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

function listMigrations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function ensureParentFolder(url: string): void {
  const file = url.slice("file:".length);
  if (file && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}
