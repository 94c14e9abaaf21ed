// A throwaway database with the committed migrations applied, for tests and benchmarks: a SQLite file
// in a temp folder, or, in the integration tests' PostgreSQL pass (NARTHEX_TEST_DATABASE=postgresql),
// a fresh database on that run's private server (scripts/lib/postgres-test-server.ts). One per test
// file, so files never see each other's rows.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

export type TempDatabase = { url: string; db: Db; dispose(): Promise<void> };
export type EmptyDatabase = { url: string; dispose(): Promise<void> };

export type TestDialect = "sqlite" | "postgresql";

/** Which database this test run uses. */
export function testDialect(): TestDialect {
  return process.env.NARTHEX_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

export async function createTempDatabase(name = "narthex"): Promise<TempDatabase> {
  const empty = await createEmptyDatabase(name);
  await migrateDatabase(empty.url);
  const db = createDb(empty.url);
  return {
    url: empty.url,
    db,
    async dispose() {
      await db.$disconnect();
      await empty.dispose();
    },
  };
}

/** A database with nothing in it yet (not even the migrations), for code that migrates it itself. */
export async function createEmptyDatabase(name = "narthex"): Promise<EmptyDatabase> {
  if (testDialect() === "postgresql") return createEmptyPostgresDatabase(name);
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  return {
    url: `file:${path.join(dir, `${name}.db`)}`,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createEmptyPostgresDatabase(name: string): Promise<EmptyDatabase> {
  const serverUrl = process.env.NARTHEX_TEST_POSTGRES_URL;
  if (!serverUrl) {
    throw new Error("NARTHEX_TEST_DATABASE=postgresql needs NARTHEX_TEST_POSTGRES_URL (set by the integration project's global setup)");
  }
  const database = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${database}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    async dispose() {
      // FORCE: a worker process a test left running must not keep the database alive.
      await onServer(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}

/** Runs one statement on a PostgreSQL server (CREATE/DROP DATABASE need a connection of their own). */
export async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
