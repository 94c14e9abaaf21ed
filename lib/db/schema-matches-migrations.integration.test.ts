// The committed SQL migrations and prisma/schema.prisma must describe the same database: every
// model is a table with exactly the model's columns, and every model can be read through Prisma.
import { readdirSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

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

describe("migrations match the Prisma schema", () => {
  it.each(models)("table %s has exactly the model's columns", async (model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`];
    const client = createClient({ url });
    const info = await client.execute(`PRAGMA table_info("${model}")`);
    client.close();
    expect(info.rows.map((row) => String(row.name)).sort()).toEqual(Object.values(fields ?? {}).sort());
  });

  it.each(models)("model %s can be read through Prisma", async (model) => {
    const delegate = (db as unknown as Record<string, { findMany(args: object): Promise<unknown[]> }>)[model.charAt(0).toLowerCase() + model.slice(1)];
    await expect(delegate!.findMany({ take: 1 })).resolves.toEqual([]);
  });

  it("applying the migrations again changes nothing", async () => {
    const committed = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    await expect(migrateDatabase(url)).resolves.toEqual({ applied: [], alreadyApplied: committed.length });
  });
});
