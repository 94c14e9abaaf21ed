// Web app, worker and CLI write to one SQLite file from separate processes. A read-then-write
// transaction in one process must not fail because another process wrote in between.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let url: string;
let db: Db;

beforeAll(async () => {
  temp = await createTempDatabase("narthex-busy");
  ({ url, db } = temp);
});

afterAll(async () => {
  await temp?.dispose();
});

/** Another process that keeps writing for `ms` milliseconds. */
function busyWriter(ms: number): Promise<void> {
  const script = `
    import { createClient } from "@libsql/client";
    const client = createClient({ url: ${JSON.stringify(url)}, timeout: 5000 });
    const end = Date.now() + ${ms};
    let i = 0;
    while (Date.now() < end) {
      await client.execute({ sql: 'INSERT INTO "Setting" (key, value, updatedAt) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', args: ["writer", String(i++), new Date().toISOString()] });
      await new Promise((resolve) => setTimeout(resolve, 2)); // a busy worker, not a lock hog
    }
    client.close();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`))));
  });
}

it("read-then-write transactions succeed while another process writes", async () => {
  const writer = busyWriter(2_500);
  await new Promise((resolve) => setTimeout(resolve, 300));
  let done = 0;
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    await db.$transaction(async (tx) => {
      const count = await tx.member.count();
      await new Promise((resolve) => setTimeout(resolve, 5)); // the other process writes meanwhile
      await tx.member.create({ data: { handle: `m${count}`, displayName: `Member ${count}` } });
    });
    done++;
  }
  await writer;
  expect(done).toBeGreaterThanOrEqual(5);
  expect(await db.member.count()).toBe(done);
});
