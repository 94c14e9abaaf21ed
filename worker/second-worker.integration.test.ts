// A second worker started with the same bot account and database (issues 7 and 8): it stands by
// while the first holds the worker lease — it never logs in, so the first is never kicked off and
// pages stay live — says so in plain words, and takes over within a poll when the first stops.
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "@/worker/worker";
import { FAST_TUNING, eventually, startTestStack, type TestStack } from "@/scripts/lib/test-stack";

let stack: TestStack;
let second: RunningWorker | null = null;
const secondLog: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
});

afterAll(async () => {
  await second?.stop();
  await stack?.stop();
});

it("stands by without logging in while the first holds the lease, leaves the board's state to it, and takes over when it stops", async () => {
  const firstFeed = await stack.feed();
  const logger = pino(
    { name: "second-worker", level: "info" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        secondLog.push(...chunk.toString().split("\n").filter(Boolean).map((line) => String((JSON.parse(line) as { msg?: string }).msg)));
        done();
      },
    }),
  );
  second = await startWorker({ env: stack.env, db: stack.db, logger, tuning: FAST_TUNING });
  expect(secondLog.find((msg) => msg.startsWith("standing by: "))).toMatch(/^standing by: worker .+ pid \d+ holds the bot's XMPP session; this worker will not log in unless that worker's lease lapses$/);

  // For several lease renewals of the first, nothing changes for the board: no pause, still online, by the first.
  const eventsBefore = firstFeed.events.length;
  const { startedAt } = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
  const seen = new Set<string>();
  for (let i = 0; i < 20; i += 1) {
    const state = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
    seen.add(`${state.xmppStatus} ${state.startedAt.getTime() === startedAt.getTime() ? "by the first" : "by another"}`);
    await sleep(150);
  }
  expect([...seen]).toEqual(["online by the first"]);
  expect(firstFeed.events.slice(eventsBefore).filter((event) => event.type === "status")).toEqual([]);
  expect(stack.worker.isLive()).toBe(true);
  expect(second.isLive()).toBe(false);
  expect(secondLog).not.toContain("xmpp session online");

  // The first stops (SIGTERM): it lets its lease go, and the second takes over at its next poll.
  const stoppedAt = Date.now();
  await stack.stopWorker();
  await second.whenLive(10_000);
  expect(Date.now() - stoppedAt).toBeLessThan(5_000);
  expect(secondLog).toContain("xmpp session online");
  await eventually(async () => expect(await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ xmppStatus: "online" }));
  expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).startedAt.getTime()).not.toBe(startedAt.getTime());
});
