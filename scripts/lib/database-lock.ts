// Another process holding the database's write lock, for fault-injection tests: what a long
// migration, a backup tool or a stuck CLI does to the worker. The holder is a separate process with
// its own connection. SQLite: BEGIN IMMEDIATE (in WAL mode writers wait, readers carry on).
// PostgreSQL, to the same effect: a transaction holding Narthex's transaction lock (lib/db/client.ts)
// and every table in EXCLUSIVE mode, which stops writes and lets reads through.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { isPostgresUrl, POSTGRES_TRANSACTION_LOCK } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export type Statement = { sql: string; args?: (string | number | null)[] };

export type DatabaseLockHolder = {
  /**
   * Takes the write lock; resolves once it is held. `first` are run (and committed) just before, so
   * a row they write is there the moment the lock is taken, too late for anyone else to change it.
   */
  lock(first?: Statement[]): Promise<void>;
  /** Lets go of it; resolves once released. */
  release(): Promise<void>;
  /** Holds the lock for `holdMs`, lets go for `gapMs`, over and over for `totalMs` (a slow database). */
  bursts(options: { holdMs: number; gapMs: number; totalMs: number }): Promise<void>;
  stop(): Promise<void>;
};

const HOLDER_SCRIPT = `
  import { createClient } from "@libsql/client";
  import { createInterface } from "node:readline";
  const client = createClient({ url: process.argv[1], timeout: 30000 });
  await client.execute("SELECT 1");
  console.log("ready");
  for await (const line of createInterface({ input: process.stdin })) {
    const order = JSON.parse(line);
    if (order.do === "lock") {
      for (const statement of order.first) await client.execute(statement);
      await client.execute("BEGIN IMMEDIATE");
    }
    if (order.do === "release") await client.execute("COMMIT");
    console.log(order.do === "lock" ? "locked" : "released");
  }
  client.close();
`;

const POSTGRES_HOLDER_SCRIPT = `
  import pg from "pg";
  import { createInterface } from "node:readline";
  const client = new pg.Client({ connectionString: process.argv[1] });
  await client.connect();
  const tables = JSON.parse(process.argv[2]).map((table) => '"' + table + '"').join(", ");
  const numbered = (sql) => { let n = 0; return sql.replace(/\\?/g, () => "$" + ++n); };
  console.log("ready");
  for await (const line of createInterface({ input: process.stdin })) {
    const order = JSON.parse(line);
    if (order.do === "lock") {
      for (const statement of order.first) await client.query(numbered(statement.sql), statement.args ?? []);
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(" + process.argv[3] + ")");
      await client.query("LOCK TABLE " + tables + " IN EXCLUSIVE MODE");
    }
    if (order.do === "release") await client.query("COMMIT");
    console.log(order.do === "lock" ? "locked" : "released");
  }
  await client.end();
`;

export async function startDatabaseLockHolder(url: string): Promise<DatabaseLockHolder> {
  const args = isPostgresUrl(url)
    ? [POSTGRES_HOLDER_SCRIPT, url, JSON.stringify(Object.values(Prisma.ModelName)), String(POSTGRES_TRANSACTION_LOCK)]
    : [HOLDER_SCRIPT, url];
  const child = spawn(process.execPath, ["--input-type=module", "-e", ...args], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const expect = async (word: string) => {
    const next = await lines.next();
    if (next.done || next.value !== word) throw new Error(`lock holder said ${next.done ? "nothing" : next.value}, expected ${word}`);
  };
  await expect("ready");
  const say = async (word: "lock" | "release", first: Statement[] = []) => {
    child.stdin.write(`${JSON.stringify({ do: word, first })}\n`);
    await expect(word === "lock" ? "locked" : "released");
  };
  return {
    lock: (first) => say("lock", first),
    release: () => say("release"),
    async bursts({ holdMs, gapMs, totalMs }) {
      const end = Date.now() + totalMs;
      while (Date.now() < end) {
        await say("lock");
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        await say("release");
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    },
    async stop() {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
