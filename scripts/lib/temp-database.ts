// A throwaway SQLite database with the committed migrations applied, for tests and benchmarks.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

export type TempDatabase = { url: string; db: Db; dispose(): Promise<void> };

export async function createTempDatabase(name = "narthex"): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const url = `file:${path.join(dir, `${name}.db`)}`;
  await migrateDatabase(url);
  const db = createDb(url);
  return {
    url,
    db,
    async dispose() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
