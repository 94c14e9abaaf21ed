// A second worker process started with the same bot account and database (issue 7): whichever
// logs in last holds the session; the other stops at the resource conflict without fighting back,
// says why in plain words, and leaves the board's worker state to the live one, so pages read live.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";
import { startWorker, type RunningWorker } from "@/worker/worker";
import { eventually, startTestStack, type TestStack } from "@/scripts/lib/test-stack";

let stack: TestStack;
let second: RunningWorker | null = null;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
});

afterAll(async () => {
  await second?.stop();
  await stack?.stop();
});

it("the first worker stops at the conflict and says why; the board's state follows the live one without flapping", async () => {
  const firstFeed = await stack.feed();
  second = await startWorker({ env: stack.env, db: stack.db, logger: createLogger("second-worker", "error"), tuning: { heartbeatMs: 200, commandPollMs: 200, settleMs: 100, probeGraceMs: 500 } });
  await second.whenLive(15_000);
  const paused = await firstFeed.waitFor((event) => event.type === "status" && !event.status.live, { timeoutMs: 10_000 });
  expect(paused.type === "status" && paused.status.reason).toMatch(/Another connection logged in to the bot account/);

  // For several heartbeats of both, the shared row says what is true: presence is followed live.
  const seen = new Set<string>();
  for (let i = 0; i < 20; i += 1) {
    seen.add((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).xmppStatus);
    await sleep(150);
  }
  expect([...seen]).toEqual(["online"]);
  expect(stack.worker.isLive()).toBe(false);
  expect(second.isLive()).toBe(true);
  await eventually(async () => expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).xmppStatus).toBe("online"));
});
