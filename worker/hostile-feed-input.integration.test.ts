// Malformed and hostile input on the socket.io feed, against the real worker (real Prosody, SQLite):
// handshakes of the wrong shape are refused in words, events a browser has no business sending are
// ignored, an oversized packet and a broken frame cost only their own socket, and every other
// browser keeps getting presence (issue 7, hostile input).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { FEED_REFUSED, REALTIME_EVENTS } from "@/lib/realtime/events";
import { startTestStack, type FeedClient, type TestStack } from "@/scripts/lib/test-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";

let stack: TestStack;
let watcher: FeedClient;
let member: { memberId: string; jid: string; client: MemberClient };
let round = 0;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  watcher = await stack.feed();
  const added = await stack.addMember("dora", "Dora", { visibility: "public" });
  const client = await stack.connect("dora");
  await client.sendPresence({ status: "dora is here" });
  await stack.waitForSubscription(added.jid);
  member = { ...added, client };
  await watcher.waitFor((event) => event.type === "update" && event.view.statusText === "dora is here", { timeoutMs: 10_000 });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

function open(auth: unknown): Promise<{ socket: Socket; refused: string | null }> {
  const socket = io(`http://127.0.0.1:${stack.worker.realtimePort}`, { transports: ["websocket"], reconnection: false, auth: auth as Record<string, unknown> });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket, refused: null }));
    socket.once("connect_error", (error) => resolve({ socket, refused: error.message }));
    // A handshake too big for the feed's buffer is cut off with its connection.
    socket.io.on("close", (reason) => {
      if (reason !== "forced close") resolve({ socket, refused: reason });
    });
  });
}

/** Another browser's feed still follows the member's next change. */
async function expectFeedUnharmed(): Promise<void> {
  const status = `dora again ${(round += 1)}`;
  const after = watcher.events.length;
  await member.client.sendPresence({ status });
  await watcher.waitFor((event) => event.type === "update" && event.view.statusText === status, { after, timeoutMs: 3_000 });
  expect(watcher.socket.connected).toBe(true);
}

describe("hostile input on the presence feed", () => {
  it("refuses handshakes of the wrong shape in words", async () => {
    for (const auth of [{ token: 42 }, { token: { nested: ["x"] } }, { token: "x".repeat(600) }, { channel: "everything" }, { channel: "console" }, { token: "" }]) {
      const { socket, refused } = await open(auth);
      expect(refused, JSON.stringify(auth).slice(0, 60)).toBe(FEED_REFUSED);
      socket.close();
    }
    const huge = await open({ token: "x".repeat(100_000) });
    expect(huge.refused).toBe("transport close");
    huge.socket.close();
    await expectFeedUnharmed();
  });

  it("ignores events a browser sends, and drops a socket whose packet is too big", async () => {
    const { socket, refused } = await open({ channel: "presence" });
    expect(refused).toBeNull();
    // A browser pretending to be the worker reaches nobody.
    socket.emit(REALTIME_EVENTS.updates, [{ memberId: member.memberId, state: "offline", statusText: "forged" }]);
    socket.emit(REALTIME_EVENTS.status, { live: false, reason: "forged" });
    await expectFeedUnharmed();
    expect(JSON.stringify(watcher.events)).not.toContain("forged");

    const dropped = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    socket.emit("anything", "x".repeat(64 * 1024));
    expect(await dropped).toMatch(/transport (close|error)/);
    await expectFeedUnharmed();
  });

  it("closes a WebSocket that sends broken frames, and only that one", async () => {
    const url = `ws://127.0.0.1:${stack.worker.realtimePort}/socket.io/?EIO=4&transport=websocket`;
    const raw = new WebSocket(url);
    const closed = new Promise<void>((resolve) => raw.addEventListener("close", () => resolve()));
    await new Promise<void>((resolve) => raw.addEventListener("open", () => resolve()));
    raw.send("40");
    raw.send('42["presence:updates",[{"memberId":');
    raw.send("\u0000\u0001 not a packet at all");
    await closed;
    await expectFeedUnharmed();
  });
});
