// Web app, worker and CLI write to one database from separate processes. A read-then-write
// transaction in one process must not fail because another process wrote in between, and two such
// transactions never both act on what they read before the other's write (SQLite: BEGIN IMMEDIATE;
// PostgreSQL: the transaction lock in lib/db/client.ts).
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTempDatabase, testDialect, type TempDatabase } from "@/scripts/lib/temp-database";

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
  const upsert = `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`;
  const connect =
    testDialect() === "sqlite"
      ? `import { createClient } from "@libsql/client";
         const client = createClient({ url: ${JSON.stringify(url)}, timeout: 5000 });
         const write = (args) => client.execute({ sql: ${JSON.stringify(upsert)}, args });
         const close = async () => client.close();`
      : `import pg from "pg";
         const client = new pg.Client({ connectionString: ${JSON.stringify(url)} });
         await client.connect();
         const write = (args) => client.query(${JSON.stringify(upsert.replace("?, ?, ?", "$1, $2, $3"))}, args);
         const close = () => client.end();`;
  const script = `
    ${connect}
    const end = Date.now() + ${ms};
    let i = 0;
    while (Date.now() < end) {
      await write(["writer", String(i++), new Date().toISOString()]);
      await new Promise((resolve) => setTimeout(resolve, 2)); // a busy worker, not a lock hog
    }
    await close();
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

it("read-then-write transactions started together run one after the other, each seeing the last one's write", async () => {
  const before = await db.member.count();
  await Promise.all(
    Array.from({ length: 5 }, () =>
      db.$transaction(async (tx) => {
        const count = await tx.member.count();
        await new Promise((resolve) => setTimeout(resolve, 20)); // the others start meanwhile
        await tx.member.create({ data: { handle: `together${count}`, displayName: `Member ${count}` } });
      }),
    ),
  );
  const handles = (await db.member.findMany({ where: { handle: { startsWith: "together" } }, select: { handle: true } })).map((member) => member.handle);
  expect(handles.sort()).toEqual(Array.from({ length: 5 }, (_, i) => `together${before + i}`).sort());
});
