// The durable command queue's promises, on a real SQLite database with the worker's queue consumer:
// commands run in id order and once each; one left "running" by a crash is run again on restart (the
// handlers are idempotent); a transient failure is retried after a pause, a refusal fails for good with
// the reason in words; nothing runs while the session is down, and a stop waits for the command under
// way. The XMPP side of each command is tested with a real Prosody in the worker's own tests; here the
// execute function records what it was asked, as the session would carry it out.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueCommand, type Command } from "@/lib/commands";
import { createDb } from "@/lib/db/client";
import { createLogger } from "@/lib/logger";
import { CommandQueue, PermanentCommandError } from "@/worker/command-queue";
import { startDatabaseLockHolder } from "@/scripts/lib/database-lock";
import { eventually } from "@/scripts/lib/test-stack";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
const queues: CommandQueue[] = [];
const logger = createLogger("command-queue-test", "silent");

beforeEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.stop()));
  await temp?.dispose();
  temp = await createTempDatabase("command-queue");
});

afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.stop()));
  await temp?.dispose();
});

function startQueue(execute: (command: Command) => Promise<void>, isReady: () => boolean = () => true): CommandQueue {
  const queue = new CommandQueue({ db: temp.db, logger, execute, isReady, pollMs: 20, retryMs: 50 });
  queues.push(queue);
  queue.start();
  return queue;
}

const jidOf = (command: Command) => ("jid" in command.payload ? command.payload.jid : command.kind);
const rows = () => temp.db.command.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, attempts: true, lastError: true } });

describe("the command queue", () => {
  it("does not run a command again because the database was locked when it came to mark it done", async () => {
    await enqueueCommand(temp.db, "roster.add", { jid: "once@example.org" });
    // As in the worker: the queue's writes wait at most a second for a lock, then are refused.
    const writer = createDb(temp.url, { busyTimeoutMs: 1_000 });
    const holder = await startDatabaseLockHolder(temp.url);
    const carried: string[] = [];
    const queue = new CommandQueue({
      db: writer,
      logger,
      isReady: () => true,
      pollMs: 20,
      retryMs: 50,
      execute: async (command) => {
        carried.push(jidOf(command));
        // Another process takes the write lock the moment the effect is out, for longer than the wait.
        await holder.lock();
        setTimeout(() => void holder.release(), 2_500);
      },
    });
    queues.push(queue);
    queue.start();
    try {
      await eventually(async () => expect(await rows()).toEqual([expect.objectContaining({ status: "done", attempts: 1, lastError: null })]), 10_000);
      expect(carried).toEqual(["once@example.org"]);
    } finally {
      await queue.stop();
      await holder.stop();
      await writer.$disconnect();
    }
  });

  it("carries commands out in id order, once each, and marks them done", async () => {
    for (const name of ["ann", "bob", "cy"]) await enqueueCommand(temp.db, "roster.add", { jid: `${name}@example.org` });
    const carried: string[] = [];
    startQueue(async (command) => void carried.push(jidOf(command)));
    await eventually(async () => expect((await rows()).every((row) => row.status === "done")).toBe(true));
    expect(carried).toEqual(["ann@example.org", "bob@example.org", "cy@example.org"]);
    expect((await rows()).map((row) => row.attempts)).toEqual([1, 1, 1]);
  });

  it("after a crash, runs again the command left running, then the rest; nothing done is repeated", async () => {
    const done = await enqueueCommand(temp.db, "roster.add", { jid: "done@example.org" });
    const crashed = await enqueueCommand(temp.db, "roster.add", { jid: "crashed@example.org" });
    await enqueueCommand(temp.db, "roster.add", { jid: "waiting@example.org" });
    await temp.db.command.update({ where: { id: done.id }, data: { status: "done", attempts: 1, finishedAt: new Date() } });
    await temp.db.command.update({ where: { id: crashed.id }, data: { status: "running", attempts: 1, startedAt: new Date() } });
    const carried: string[] = [];
    startQueue(async (command) => void carried.push(jidOf(command)));
    await eventually(async () => expect((await rows()).every((row) => row.status === "done")).toBe(true));
    expect(carried).toEqual(["crashed@example.org", "waiting@example.org"]);
    expect((await rows()).map((row) => row.attempts)).toEqual([1, 2, 1]);
  });

  it("retries a transient failure after a pause, and fails a refusal for good in words, keeping the order", async () => {
    await enqueueCommand(temp.db, "roster.add", { jid: "flaky@example.org" });
    await enqueueCommand(temp.db, "roster.add", { jid: "refused@example.org" });
    await enqueueCommand(temp.db, "roster.add", { jid: "fine@example.org" });
    const carried: string[] = [];
    let flakyTries = 0;
    startQueue(async (command) => {
      const jid = jidOf(command);
      carried.push(jid);
      if (jid === "flaky@example.org" && ++flakyTries < 3) throw new Error("not connected to the XMPP server");
      if (jid === "refused@example.org") throw Object.assign(new Error("forbidden"), { name: "StanzaError", condition: "not-allowed" });
    });
    await eventually(async () => expect((await rows()).every((row) => row.status === "done" || row.status === "failed")).toBe(true), 5_000);
    expect(carried).toEqual(["flaky@example.org", "flaky@example.org", "flaky@example.org", "refused@example.org", "fine@example.org"]);
    expect(await rows()).toMatchObject([
      { status: "done", attempts: 3 },
      { status: "failed", attempts: 1, lastError: "the XMPP server refused: not allowed" },
      { status: "done", attempts: 1, lastError: null },
    ]);
  });

  it("fails a command the worker's own rules refuse, and one it cannot read, without trying the XMPP server", async () => {
    await enqueueCommand(temp.db, "block.add", { jid: "troll@example.net" });
    await temp.db.command.create({ data: { kind: "roster.teleport", payload: "{}" } });
    const carried: string[] = [];
    startQueue(async (command) => {
      carried.push(command.kind);
      throw new PermanentCommandError("the XMPP server does not support blocking (XEP-0191)");
    });
    await eventually(async () => expect((await rows()).every((row) => row.status === "failed")).toBe(true));
    expect(carried).toEqual(["block.add"]);
    expect(await rows()).toMatchObject([
      { lastError: "the XMPP server does not support blocking (XEP-0191)" },
      { lastError: 'unknown command kind "roster.teleport"' },
    ]);
  });

  it("runs nothing while the session is down, then everything once it is up", async () => {
    await enqueueCommand(temp.db, "presence.resync", {});
    let up = false;
    const carried: string[] = [];
    startQueue(async (command) => void carried.push(command.kind), () => up);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(carried).toEqual([]);
    expect(await rows()).toMatchObject([{ status: "pending", attempts: 0 }]);
    up = true;
    await eventually(async () => expect(await rows()).toMatchObject([{ status: "done", attempts: 1 }]));
    expect(carried).toEqual(["presence.resync"]);
  });

  it("stops only after the command under way is finished and recorded", async () => {
    await enqueueCommand(temp.db, "presence.resync", {});
    let release: () => void = () => undefined;
    let signalStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (signalStarted = resolve));
    const queue = startQueue(
      () =>
        new Promise<void>((finish) => {
          release = finish;
          signalStarted();
        }),
    );
    await started;
    let stopped = false;
    const stopping = queue.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await rows()).toMatchObject([{ status: "done", attempts: 1 }]);
  });
});
