// The feed's frames under load, with real sockets: a change goes out at once while the feed is quiet;
// when a room's frames would cost more writes a second than the node allows, the changes made
// meanwhile go out together in the room's next frame, the latest view per member, none lost, and
// always before a status that follows them.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { REALTIME_EVENTS, type FeedStatus, type PresenceSnapshot } from "@/lib/realtime/events";
import { attachFeedServer, MAX_UPDATE_SPACING_MS, type FeedServer } from "@/lib/realtime/feed-server";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

const live: FeedStatus = { live: true, reason: null };
const view = (memberId: string, statusText: string): MemberPresenceView => ({
  memberId,
  state: "away",
  statusText,
  since: null,
  idleSince: null,
  lastSeenAt: null,
  chatUri: null,
});

describe("the feed's update frames", () => {
  let database: TempDatabase;
  const servers: HttpServer[] = [];
  const feeds: FeedServer[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await createTempDatabase("feed_server");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const feed of feeds) await feed.close();
    await database.dispose();
  });

  /** A feed allowing this many writes a second, and one visitor's socket recording every frame. */
  async function feedWithVisitor(updateWritesPerSecond?: number, snapshot: () => Promise<PresenceSnapshot> = async () => ({ status: live, members: [] })) {
    const http = createServer();
    servers.push(http);
    const feed = attachFeedServer(http, {
      origins: [],
      logger: createLogger("feed-server-test", "error"),
      db: database.db,
      feedSecret: "feed-server-test-secret-0123456789abcdef",
      snapshot,
      latestBoardPost: () => null,
      updateWritesPerSecond,
    });
    feeds.push(feed);
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ["websocket"], reconnection: false });
    sockets.push(socket);
    const frames: Array<{ at: number; kind: "updates" | "status"; texts: Array<string | null> }> = [];
    socket.on(REALTIME_EVENTS.updates, (views: MemberPresenceView[]) => frames.push({ at: performance.now(), kind: "updates", texts: views.map((v) => v.statusText) }));
    socket.on(REALTIME_EVENTS.status, (status: FeedStatus) => frames.push({ at: performance.now(), kind: "status", texts: [status.reason] }));
    await new Promise<void>((resolve) => socket.once(REALTIME_EVENTS.snapshot, () => resolve()));
    return { feed, frames };
  }

  it("sends each change on its own while the writes stay within the node's rate", async () => {
    // One socket: a frame costs one write, so frames may follow each other a tenth of a millisecond apart.
    const { feed, frames } = await feedWithVisitor();
    for (let i = 1; i <= 5; i++) {
      feed.publishUpdates([{ view: view(`m${i}`, `change ${i}`), visibility: "public" }]);
      await expect.poll(() => frames.length, { timeout: 5_000 }).toBe(i);
    }
    expect(frames.map((frame) => frame.texts)).toEqual([["change 1"], ["change 2"], ["change 3"], ["change 4"], ["change 5"]]);
  });

  it("under load sends the changes made meanwhile in the room's next frame: the latest per member, none lost, before a status", async () => {
    // One socket and 10 writes a second: one frame per MAX_UPDATE_SPACING_MS at most.
    const { feed, frames } = await feedWithVisitor(10);
    const startedAt = performance.now();
    feed.publishUpdates([{ view: view("ann", "ann 1"), visibility: "public" }]);
    feed.publishUpdates([{ view: view("bob", "bob 1"), visibility: "public" }]);
    feed.publishUpdates([{ view: view("ann", "ann 2"), visibility: "public" }]);
    feed.publishUpdates([{ view: view("cy", "cy 1"), visibility: "public" }]);
    feed.publishUpdates([{ view: view("hid", "never"), visibility: "hidden" }]);
    await expect.poll(() => frames.length, { timeout: 5_000 }).toBe(2);
    expect(frames.map((frame) => frame.texts)).toEqual([["ann 1"], ["bob 1", "ann 2", "cy 1"]]);
    expect(frames[1]!.at - startedAt).toBeGreaterThanOrEqual(MAX_UPDATE_SPACING_MS - 15);

    // A status never overtakes the changes waiting before it.
    feed.publishUpdates([{ view: view("dee", "dee 1"), visibility: "public" }]);
    feed.publishStatus({ live: false, reason: "paused for the test" });
    await expect.poll(() => frames.length, { timeout: 5_000 }).toBe(4);
    expect(frames.slice(2).map((frame) => [frame.kind, ...frame.texts])).toEqual([
      ["updates", "dee 1"],
      ["status", "paused for the test"],
    ]);
  });

  it("never sends after a resync's snapshot a view queued meanwhile of a member the snapshot leaves out", async () => {
    let whileReading: (() => void) | null = null;
    const { feed, frames } = await feedWithVisitor(10, async () => {
      whileReading?.();
      return { status: live, members: [view("kept", "kept 1")] };
    });
    feed.publishUpdates([{ view: view("ann", "ann 1"), visibility: "public" }]); // out at once; the next frame waits
    // Read before the member turned hidden, queued while the resync reads the snapshot without them.
    whileReading = () => {
      feed.publishUpdates([{ view: view("gone", "stale view"), visibility: "public" }]);
      feed.publishUpdates([{ view: view("kept", "kept 2"), visibility: "public" }]);
    };
    await feed.resync(live, "here");
    await expect.poll(() => frames.flatMap((frame) => frame.texts), { timeout: 5_000 }).toContain("kept 2");
    await new Promise((resolve) => setTimeout(resolve, MAX_UPDATE_SPACING_MS * 2));
    expect(frames.flatMap((frame) => frame.texts)).not.toContain("stale view");
  });
});
