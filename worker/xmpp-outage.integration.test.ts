// The XMPP server goes away while members are online, for real: stopped for a while (not merely
// restarted) and frozen (SIGSTOP: the process hangs, the kernel keeps the TCP connection open).
// Within 5 s every browser hears that live presence is paused and its dots read unknown; no history
// row claims anyone went offline; the worker retries with backoff and jitter without hammering the
// port; when the server is back the stored state is reconciled with the truth.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay, type BackoffOptions } from "@/lib/backoff";
import { eventually, FAST_TUNING, startTestStack, type FeedClient, type FeedEvent, type TestStack } from "@/scripts/lib/test-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";

/** What the product promises: from the server's fault to grey dots in every browser. */
const GREY_WITHIN_MS = 5_000;
const BACKOFF = FAST_TUNING.backoff as BackoffOptions;

let stack: TestStack;
let feed: FeedClient;
let dave: { memberId: string; jid: string };
let erin: { memberId: string; jid: string };
let daveClient: MemberClient;
let erinClient: MemberClient | null;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  const viewer = await stack.addViewer("viewer");
  feed = await stack.feed({ viewerMemberId: viewer.memberId });
  dave = await stack.addMember("dave", "Dave");
  erin = await stack.addMember("erin", "Erin");
  daveClient = await stack.connect("dave");
  erinClient = await stack.connect("erin");
  await daveClient.sendPresence({ status: "Reading" });
  await erinClient.sendPresence({ show: "away" });
  await stack.waitForSubscription(dave.jid);
  await stack.waitForSubscription(erin.jid);
  await eventually(async () => {
    expect(await current(dave.jid)).toMatchObject({ state: "available", statusText: "Reading" });
    expect(await current(erin.jid)).toMatchObject({ state: "away" });
  });
  await stack.worker.flush();
}, 60_000);

afterAll(async () => {
  stack?.prosody.thaw();
  await stack?.stop();
});

async function current(jid: string) {
  return stack.db.presence.findUnique({ where: { bareJid: jid } });
}

async function history(jid: string) {
  const rows = await stack.db.presenceEvent.findMany({ where: { bareJid: jid }, orderBy: { id: "asc" } });
  return rows.map((row) => `${row.fromState}->${row.toState}${row.statusText ? ` (${row.statusText})` : ""}`);
}

const isPaused = (event: FeedEvent) => event.type === "status" && !event.status.live;
const isLiveSnapshot = (event: FeedEvent) => event.type === "snapshot" && event.snapshot.status.live;

/** Every member the viewer sees, as the browser would draw them (a paused feed greys all). */
function dotsAfter(mark: number): Map<string, string> {
  const dots = new Map<string, string>();
  let live = true;
  for (const event of feed.events.slice(0, mark)) {
    if (event.type === "snapshot") {
      live = event.snapshot.status.live;
      for (const view of event.snapshot.members) dots.set(view.memberId, view.state);
    } else if (event.type === "update") dots.set(event.view.memberId, event.view.state);
    else if (event.type === "status") live = event.status.live;
  }
  return new Map([...dots].map(([id, state]) => [id, live ? state : "unknown"]));
}

/**
 * Listens on the stopped server's port and records when the worker knocks. Each connection is reset
 * at once (as a refused port would be) so that the client's own timeouts do not stretch the gaps.
 */
async function recordConnectionAttempts(port: number): Promise<{ times: number[]; close(): Promise<void> }> {
  const times: number[] = [];
  const server = net.createServer((socket) => {
    times.push(performance.now());
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { times, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Whether consecutive gaps follow the backoff schedule from some attempt number on (jitter allowed). */
function followsBackoff(gaps: number[], options: BackoffOptions): boolean {
  const slack = 150; // connect, reset and timers on a busy two-core machine
  for (let first = 0; first < 20; first++) {
    const fits = gaps.every((gap, i) => {
      const low = backoffDelay(first + i, options, () => 0);
      const high = backoffDelay(first + i, options, () => 1);
      return gap >= low - 20 && gap <= high + slack;
    });
    if (fits) return true;
  }
  return false;
}

describe("the XMPP server stops while members are online", () => {
  it("greys every dot within 5 s, writes no offline history, retries with backoff and jitter, and reconciles when the server is back", async () => {
    const before = { dave: await history(dave.jid), erin: await history(erin.jid) };
    const eventsBefore = await stack.db.presenceEvent.count();
    let m = feed.events.length;

    const stoppedAt = performance.now();
    const stopping = stack.prosody.shutDown(); // every session drops, the bot's included
    const paused = await feed.waitFor(isPaused, { after: m, timeoutMs: GREY_WITHIN_MS });
    const greyAfterMs = performance.now() - stoppedAt;
    const pausedAt = feed.events.indexOf(paused);
    expect(greyAfterMs).toBeLessThan(GREY_WITHIN_MS);
    expect(dotsAfter(feed.events.length).get(dave.memberId)).toBe("unknown");
    expect(dotsAfter(feed.events.length).get(erin.memberId)).toBe("unknown");
    await stopping;
    console.info(`XMPP server stopped: the feed paused after ${Math.round(greyAfterMs)} ms`);

    // While it is down the worker knocks with growing, jittered delays, never in a tight loop.
    const knocks = await recordConnectionAttempts(stack.prosody.port);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await knocks.close();
    const gaps = knocks.times.slice(1).map((time, i) => time - (knocks.times[i] ?? time));
    expect(knocks.times.length, `attempts at ${knocks.times.map(Math.round).join(", ")}`).toBeGreaterThanOrEqual(4);
    expect(knocks.times.length).toBeLessThanOrEqual(14); // 6 s of a 200 ms–1 s backoff, never a storm
    expect(followsBackoff(gaps, BACKOFF), `gaps ${gaps.map(Math.round).join(", ")} ms`).toBe(true);
    const capped = gaps.filter((gap) => gap >= BACKOFF.maxMs / 2 - 20);
    expect(Math.max(...capped) - Math.min(...capped), "jitter spreads the capped delays").toBeGreaterThan(20);

    // Nobody's stored presence or history changed while nothing could be known.
    const workerState = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
    expect(workerState.xmppStatus).toBe("offline");
    expect(workerState.xmppDownSince).not.toBeNull();
    expect(await stack.db.presenceEvent.count()).toBe(eventsBefore);
    expect(await current(dave.jid)).toMatchObject({ state: "available" });
    expect(feed.events.slice(pausedAt).filter((event) => event.type === "update")).toEqual([]);

    // The server comes back. Dave's client logs in again; Erin's does not (she logged off meanwhile).
    m = feed.events.length;
    const backAt = new Date();
    await stack.prosody.startAgain();
    await daveClient.stop();
    daveClient = await stack.connect("dave");
    await daveClient.sendPresence({ status: "Reading" });
    await erinClient?.stop();
    erinClient = null;

    await feed.waitFor(isLiveSnapshot, { after: m, timeoutMs: 15_000 });
    await stack.worker.flush();
    const dots = dotsAfter(feed.events.length);
    expect(dots.get(dave.memberId)).toBe("available");
    expect(dots.get(erin.memberId)).toBe("offline");
    expect(await current(dave.jid)).toMatchObject({ state: "available", statusText: "Reading" });
    expect(await current(erin.jid)).toMatchObject({ state: "offline" });
    expect(await history(dave.jid)).toEqual(before.dave);
    expect(await history(erin.jid)).toEqual([...before.erin, "away->offline"]);
    const erinLeft = await stack.db.presenceEvent.findFirstOrThrow({ where: { bareJid: erin.jid }, orderBy: { id: "desc" } });
    expect(erinLeft.occurredAt.getTime(), "her departure is dated when it was learned, not during the outage").toBeGreaterThanOrEqual(backAt.getTime());
    expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).xmppDownSince).toBeNull();
  }, 60_000);

  it("greys every dot within 5 s when the server hangs without closing the connection, and recovers when it wakes", async () => {
    await stack.worker.whenLive();
    const before = { dave: await history(dave.jid), erin: await history(erin.jid) };
    const m = feed.events.length;

    const frozenAt = performance.now();
    stack.prosody.freeze(); // TCP stays open and silent: only the worker's own pings can tell
    try {
      await feed.waitFor(isPaused, { after: m, timeoutMs: GREY_WITHIN_MS + 1_000 });
      const greyAfterMs = performance.now() - frozenAt;
      console.info(`XMPP server frozen: the feed paused after ${Math.round(greyAfterMs)} ms`);
      expect(greyAfterMs).toBeLessThan(GREY_WITHIN_MS);
      expect(dotsAfter(feed.events.length).get(dave.memberId)).toBe("unknown");
      expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).xmppStatus).toBe("offline");
    } finally {
      stack.prosody.thaw();
    }

    // Dave's session lived through the freeze; Erin is still offline. Nothing new is history.
    await feed.waitFor(isLiveSnapshot, { after: m, timeoutMs: 20_000 });
    await stack.worker.flush();
    const dots = dotsAfter(feed.events.length);
    expect(dots.get(dave.memberId)).toBe("available");
    expect(dots.get(erin.memberId)).toBe("offline");
    expect(await history(dave.jid)).toEqual(before.dave);
    expect(await history(erin.jid)).toEqual(before.erin);
  }, 60_000);
});
