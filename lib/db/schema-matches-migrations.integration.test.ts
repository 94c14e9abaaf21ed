// The committed SQL migrations and prisma/schema.prisma must describe the same database: every
// model is a table with exactly the model's columns, and every model can be read through Prisma.
// In the PostgreSQL pass, PostgreSQL's migrations must also build what SQLite's build: the same
// columns (and which may be null), indexes and foreign keys, so neither dialect falls behind.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { migrateDatabase, migrationsDirFor } from "@/lib/db/migrate";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTempDatabase, testDialect, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let url: string;
let db: Db;

beforeAll(async () => {
  temp = await createTempDatabase("narthex-schema");
  ({ url, db } = temp);
});

afterAll(async () => {
  await temp?.dispose();
});

const models = Object.values(Prisma.ModelName);

type Shape = {
  columns: Record<string, string[]>;
  indexes: string[];
  foreignKeys: string[];
};

async function sqliteShape(sqliteUrl: string): Promise<Shape> {
  const client = createClient({ url: sqliteUrl });
  try {
    const shape: Shape = { columns: {}, indexes: [], foreignKeys: [] };
    const tables = await client.execute(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`);
    for (const { name } of tables.rows) {
      const table = String(name);
      const info = await client.execute(`PRAGMA table_info("${table}")`);
      shape.columns[table] = info.rows.map((row) => `${String(row.name)}${Number(row.notnull) ? " not null" : ""}`).sort();
      const indexes = await client.execute(`PRAGMA index_list("${table}")`);
      for (const index of indexes.rows) {
        if (String(index.origin) === "pk") continue;
        const columns = await client.execute(`PRAGMA index_info("${String(index.name)}")`);
        shape.indexes.push(`${String(index.name)} on ${table}(${columns.rows.map((c) => String(c.name)).join(", ")})${Number(index.unique) ? " unique" : ""}`);
      }
      const keys = await client.execute(`PRAGMA foreign_key_list("${table}")`);
      for (const key of keys.rows) {
        shape.foreignKeys.push(`${table}.${String(key.from)} -> ${String(key.table)}.${String(key.to)} on delete ${String(key.on_delete)} on update ${String(key.on_update)}`);
      }
    }
    shape.indexes.sort();
    shape.foreignKeys.sort();
    return shape;
  } finally {
    client.close();
  }
}

const POSTGRES_ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

async function postgresShape(postgresUrl: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const shape: Shape = { columns: {}, indexes: [], foreignKeys: [] };
    const columns = await client.query<{ table: string; column: string; nullable: string }>(
      `SELECT table_name AS table, column_name AS column, is_nullable AS nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
    );
    for (const row of columns.rows) (shape.columns[row.table] ??= []).push(`${row.column}${row.nullable === "NO" ? " not null" : ""}`);
    for (const list of Object.values(shape.columns)) list.sort();
    const indexes = await client.query<{ name: string; table: string; unique: boolean; columns: string[] }>(
      `SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = current_schema() AND NOT ix.indisprimary
       GROUP BY i.relname, t.relname, ix.indisunique`,
    );
    shape.indexes = indexes.rows.map((row) => `${row.name} on ${row.table}(${row.columns.join(", ")})${row.unique ? " unique" : ""}`).sort();
    const keys = await client.query<{ table: string; column: string; target: string; targetColumn: string; onDelete: string; onUpdate: string }>(
      `SELECT t.relname AS table, a.attname AS column, r.relname AS target, ra.attname AS "targetColumn",
              c.confdeltype::text AS "onDelete", c.confupdtype::text AS "onUpdate"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = r.oid AND ra.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    );
    shape.foreignKeys = keys.rows
      .map((row) => `${row.table}.${row.column} -> ${row.target}.${row.targetColumn} on delete ${POSTGRES_ACTIONS[row.onDelete]} on update ${POSTGRES_ACTIONS[row.onUpdate]}`)
      .sort();
    return shape;
  } finally {
    await client.end();
  }
}

const shapeOf = (databaseUrl: string) => (testDialect() === "postgresql" ? postgresShape(databaseUrl) : sqliteShape(databaseUrl));

describe("migrations match the Prisma schema", () => {
  it.each(models)("table %s has exactly the model's columns", async (model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`];
    const { columns } = await shapeOf(url);
    expect(columns[model]?.map((column) => column.replace(/ not null$/, "")).sort()).toEqual(Object.values(fields ?? {}).sort());
  });

  it("has no tables beyond the models", async () => {
    expect(Object.keys((await shapeOf(url)).columns).sort()).toEqual([...models].sort());
  });

  it.each(models)("model %s can be read through Prisma", async (model) => {
    const delegate = (db as unknown as Record<string, { findMany(args: object): Promise<unknown[]> }>)[model.charAt(0).toLowerCase() + model.slice(1)];
    await expect(delegate!.findMany({ take: 1 })).resolves.toEqual([]);
  });

  it("applying the migrations again changes nothing", async () => {
    const committed = readdirSync(migrationsDirFor(url), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    await expect(migrateDatabase(url)).resolves.toEqual({ applied: [], alreadyApplied: committed.length });
  });
});

// Only the PostgreSQL pass has both databases at hand.
if (testDialect() === "postgresql") {
  it("PostgreSQL's migrations build what SQLite's build: the same columns, nullability, indexes and foreign keys", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "narthex-schema-sqlite-"));
    try {
      const sqliteUrl = `file:${path.join(dir, "schema.db")}`;
      await migrateDatabase(sqliteUrl);
      const sqlite = await sqliteShape(sqliteUrl);
      expect(sqlite.indexes).toContain("Member_handle_key on Member(handle) unique");
      expect(sqlite.foreignKeys).toContain("Reply.postId -> Post.id on delete CASCADE on update CASCADE");
      expect(await postgresShape(url)).toEqual(sqlite);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
