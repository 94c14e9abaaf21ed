// Another login takes the worker's resource: the worker must not fight back in a reconnect loop,
// and the operator (and the page) must be told in plain words.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectMemberClient } from "@/scripts/lib/xmpp-test-client";
import { BOT_PASSWORD, BOT_USER, eventually, startTestStack, type TestStack } from "@/scripts/lib/test-stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
});

afterAll(async () => {
  await stack?.stop();
});

it("stops reconnecting on a resource conflict and says why", async () => {
  const feed = await stack.feed();
  const intruder = await connectMemberClient({
    service: stack.prosody.service,
    domain: stack.prosody.domain,
    username: BOT_USER,
    password: BOT_PASSWORD,
    resource: stack.env.NARTHEX_BOT_RESOURCE,
  });
  const paused = await feed.waitFor((event) => event.type === "status" && !event.status.live);
  expect(paused.type === "status" && paused.status.reason).toMatch(/Another connection logged in to the bot account/);
  const state = await eventually(async () => {
    const row = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.xmppStatus).toBe("conflict");
    return row;
  });
  expect(state.detail).toMatch(/NARTHEX_BOT_RESOURCE/);

  // Had the worker reconnected, it would have kicked the intruder off with its own conflict error.
  await sleep(2_500);
  expect(intruder.errors.filter((error) => error.condition === "conflict")).toEqual([]);
  expect(intruder.xmpp.status).toBe("online");
  expect(stack.worker.isLive()).toBe(false);
  await intruder.stop();
});
