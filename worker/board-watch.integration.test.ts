// The board's "new posts" signal as a browser's socket receives it: one event per new visible post,
// with its time only; hidden and deleted posts never announced; a socket connecting later is told the
// newest visible post; a failed database read costs a tick, not the watch.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { createPost } from "@/lib/board/create-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { REALTIME_EVENTS } from "@/lib/realtime/events";
import { eventually, startTestStack, type TestStack } from "@/scripts/lib/test-stack";

const POLL_MS = 100;
let stack: TestStack;
let ruth: Viewer;
let general: string;
/** Every board event each socket received, in order. */
const received = new Map<Socket, unknown[]>();

beforeAll(async () => {
  stack = await startTestStack({ tuning: { boardPollMs: POLL_MS } });
  await seedDefaultCategories(stack.db);
  general = (await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  ruth = await loadViewer(stack.db, (await stack.addViewer("ruth")).memberId);
  await stack.startWorker();
});

afterAll(async () => {
  for (const socket of received.keys()) socket.close();
  await stack?.stop();
});

/** A browser's socket, listening for board events before it connects (so it hears the greeting). */
async function boardSocket(): Promise<unknown[]> {
  const socket = io(`http://127.0.0.1:${stack.worker.realtimePort}`, { transports: ["websocket"], autoConnect: false });
  const events: unknown[] = [];
  received.set(socket, events);
  socket.on(REALTIME_EVENTS.boardPost, (event: unknown) => events.push(event));
  const snapshot = new Promise((resolve) => socket.once(REALTIME_EVENTS.snapshot, resolve));
  socket.connect();
  await snapshot;
  return events;
}

async function post(title: string): Promise<string> {
  const result = await createPost(stack.db, ruth, { categoryId: general, title, body: "Details inside." });
  if (!result.ok) throw new Error(result.error);
  const { createdAt } = await stack.db.post.findUniqueOrThrow({ where: { id: result.value.id } });
  return createdAt.toISOString();
}

const settle = () => new Promise((resolve) => setTimeout(resolve, POLL_MS * 6));

describe("board watch", () => {
  it("tells a connected socket of a new post once, with its time and nothing else", async () => {
    const events = await boardSocket();
    const feed = await stack.feed(); // the test stack's own client, as a visitor
    await settle();
    expect(events).toEqual([]); // an empty board has nothing to announce

    const at = await post("Harvest supper <b>Friday</b>");
    await eventually(() => expect(events).toEqual([{ latestPostAt: at }]));
    await settle();
    expect(events).toEqual([{ latestPostAt: at }]);
    expect(JSON.stringify(events)).not.toContain("Harvest");
    expect(feed.socket.connected).toBe(true);
  });

  it("never announces a hidden or deleted post, and announces the next visible one", async () => {
    const events = await boardSocket();
    const greeting = events.length;
    const hiddenAt = new Date(Date.now() + 1_000);
    const author = ruth.kind === "member" ? ruth.id : "";
    for (const [title, data] of [
      ["Spam", { hiddenAt: new Date() }],
      ["Removed", { deletedAt: new Date() }],
    ] as const) {
      await stack.db.post.create({ data: { title, body: "x", categoryId: general, authorId: author, createdAt: hiddenAt, lastActivityAt: hiddenAt, ...data } });
    }
    await settle();
    expect(events.slice(greeting)).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, hiddenAt.getTime() - Date.now()) + 10));
    const at = await post("Choir practice moves to Thursday");
    await eventually(() => expect(events.slice(greeting)).toEqual([{ latestPostAt: at }]));
    expect(JSON.stringify(events)).not.toContain(hiddenAt.toISOString());
  });

  it("greets a socket that connects later with the newest visible post, also after it was hidden", async () => {
    const before = await post("Bible study notes");
    const newest = await post("Parking this Sunday");
    await eventually(async () => expect(await boardSocket()).toEqual([{ latestPostAt: newest }]));

    await stack.db.post.updateMany({ where: { title: "Parking this Sunday" }, data: { hiddenAt: new Date() } });
    await eventually(async () => expect(await boardSocket()).toEqual([{ latestPostAt: before }]));
  });

  it("keeps watching after the database refuses a read", async () => {
    const events = await boardSocket();
    const greeting = events.length;
    await stack.db.$executeRawUnsafe(`ALTER TABLE "Post" RENAME TO "PostAway"`);
    await settle(); // several failed reads
    await stack.db.$executeRawUnsafe(`ALTER TABLE "PostAway" RENAME TO "Post"`);
    const at = await post("Still here after the outage");
    await eventually(() => expect(events.slice(greeting)).toEqual([{ latestPostAt: at }]));
    expect(stack.worker.isLive()).toBe(true);
  });
});
