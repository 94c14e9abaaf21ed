// Fault injection: a member's client flaps, sending hundreds of presence changes a second for
// seconds, through a real Prosody to the real worker and database, watched by a browser's socket.
// What must hold: the stored state ends on the last change, every history row is a state the member
// really held (and when), the database and every browser get a bounded rate of writes and updates,
// and another member's change still reaches browsers at once.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresenceShow } from "@/scripts/lib/xmpp-test-client";
import { eventually, startTestStack, type FeedClient, type TestStack } from "@/scripts/lib/test-stack";

const COALESCE_MS = 250; // the worker's default presenceCoalesceMs
const RATE_PER_SECOND = 400;
const FLOOD_MS = 4_000;

let stack: TestStack;
let feed: FeedClient;

beforeAll(async () => {
  stack = await startTestStack({ tuning: { presenceCoalesceMs: COALESCE_MS } });
  await stack.startWorker();
  const viewer = await stack.addViewer("viewer");
  feed = await stack.feed({ viewerMemberId: viewer.memberId });
});

afterAll(async () => {
  await stack?.stop();
});

async function onlineMember(handle: string) {
  const member = await stack.addMember(handle);
  const client = await stack.connect(handle);
  await client.sendPresence();
  await stack.waitForSubscription(member.jid);
  await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: member.jid } })).toMatchObject({ state: "available" }));
  return { ...member, client };
}

describe("a member whose client flaps", () => {
  it("ends on the last state, keeps a truthful history at a bounded write rate, and leaves the feed responsive", async () => {
    const flo = await onlineMember("flo");
    const gil = await onlineMember("gil");
    await stack.worker.flush();
    const rowsBefore = await stack.db.presenceEvent.count({ where: { bareJid: flo.jid } });
    const heardBefore = stack.worker.presenceStanzasHeard(flo.jid);
    const m = feed.events.length;

    // Each stanza a real change (its own status text), so the history could in principle take them all.
    const shows: (PresenceShow | undefined)[] = ["away", "dnd", undefined, "xa", "chat"];
    const sent: { status: string; state: string; at: number }[] = [];
    const gilLatencies: number[] = [];
    const startedAt = Date.now();
    const flood = (async () => {
      for (let tick = 0; Date.now() - startedAt < FLOOD_MS; tick++) {
        const due = Math.floor(((Date.now() - startedAt) / 1_000) * RATE_PER_SECOND) - sent.length;
        const batch = [];
        for (let i = 0; i < due; i++) {
          const show = shows[sent.length % shows.length];
          const status = `flap ${sent.length}`;
          sent.push({ status, state: show ?? "available", at: Date.now() });
          batch.push(flo.client.sendPresence({ show, status }));
        }
        await Promise.all(batch);
        await sleep(5);
      }
      sent.push({ status: "Final", state: "dnd", at: Date.now() });
      await flo.client.sendPresence({ show: "dnd", status: "Final" });
    })();
    // Meanwhile another member changes presence: browsers hear of it at once.
    for (const [index, show] of (["away", "xa", "dnd"] as const).entries()) {
      await sleep(1_000);
      const mark = feed.events.length;
      const changedAt = Date.now();
      await gil.client.sendPresence({ show, status: `gil ${index}` });
      await feed.waitFor((event) => event.type === "update" && event.view.memberId === gil.memberId && event.view.statusText === `gil ${index}`, { after: mark, timeoutMs: 5_000 });
      gilLatencies.push(Date.now() - changedAt);
    }
    await flood;
    const floodMs = Date.now() - startedAt;
    expect(sent.length).toBeGreaterThanOrEqual((300 * FLOOD_MS) / 1_000); // at least 300 a second got out

    // Every stanza reached the worker (no server-side rate limit hid the flood from it).
    await eventually(() => expect(stack.worker.presenceStanzasHeard(flo.jid) - heardBefore).toBe(sent.length), 10_000);
    await stack.worker.flush();
    expect(Math.max(...gilLatencies)).toBeLessThan(1_000);

    // The stored state is the last one sent.
    expect(await stack.db.presence.findUnique({ where: { bareJid: flo.jid } })).toMatchObject({ state: "dnd", statusText: "Final" });

    // The history is truthful: each row is a state Flo really sent, no earlier than she sent it,
    // in the order sent, each row starting from the one before, ending on the final state.
    const rows = (await stack.db.presenceEvent.findMany({ where: { bareJid: flo.jid }, orderBy: { id: "asc" } })).slice(rowsBefore);
    const indexOf = new Map(sent.map((entry, index) => [entry.status, index]));
    let previous = { index: -1, state: "available" };
    for (const row of rows) {
      const index = indexOf.get(row.statusText ?? "");
      expect(index, `a history row with a status never sent: ${row.statusText}`).toBeDefined();
      const entry = sent[index!]!;
      expect(row.toState).toBe(entry.state);
      expect(row.fromState).toBe(previous.state);
      expect(index!).toBeGreaterThan(previous.index);
      expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(entry.at - 5);
      expect(row.occurredAt.getTime()).toBeLessThan(entry.at + 1_000);
      previous = { index: index!, state: row.toState };
    }
    expect(rows.at(-1)).toMatchObject({ toState: "dnd", statusText: "Final" });

    // Bounded rates: one history write per contact per COALESCE_MS, and as many updates per browser.
    const bound = Math.ceil(floodMs / COALESCE_MS) + 3;
    expect(rows.length).toBeLessThanOrEqual(bound);
    const floUpdates = feed.events.slice(m).filter((event) => event.type === "update" && event.view.memberId === flo.memberId);
    expect(floUpdates.length).toBeLessThanOrEqual(bound);
    expect(floUpdates.at(-1)).toMatchObject({ view: { state: "dnd", statusText: "Final" } });
  });
});
