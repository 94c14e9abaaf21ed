// Fault injection: another process holds the database's write lock (past the busy timeout, then in
// bursts) while members change presence, the roster changes, a stranger asks to subscribe and a
// roster command waits. Real Prosody, real SQLite file, the real worker and a socket.io client as a
// browser. What must hold: the worker keeps its XMPP session and keeps answering, browsers are told
// presence is paused instead of seeing stale dots, and once the lock is gone every change is in the
// history, in order, with the time it happened, and nothing else heard meanwhile is lost.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandSchemas } from "@/lib/commands";
import { PRESENCE_LABELS } from "@/lib/presence/states";
import { startDatabaseLockHolder, type DatabaseLockHolder } from "@/scripts/lib/database-lock";
import { BOT_PASSWORD, BOT_USER, eventually, startTestStack, type FeedClient, type TestStack } from "@/scripts/lib/test-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";

let stack: TestStack;
let holder: DatabaseLockHolder;
let feed: FeedClient;
let viewerId: string;

beforeAll(async () => {
  stack = await startTestStack({ tuning: { databaseBehindMs: 1_000 } });
  await stack.startWorker();
  viewerId = (await stack.addViewer("viewer")).memberId;
  feed = await stack.feed({ viewerMemberId: viewerId });
  holder = await startDatabaseLockHolder(stack.env.DATABASE_URL);
});

afterAll(async () => {
  await holder?.stop();
  await stack?.stop();
});

async function history(jid: string) {
  return stack.db.presenceEvent.findMany({ where: { bareJid: jid }, orderBy: { id: "asc" } });
}
const words = (rows: Awaited<ReturnType<typeof history>>) =>
  rows.map((row) => `${row.fromState}->${row.toState}${row.statusText ? ` (${row.statusText})` : ""}`);

async function onlineMember(handle: string, visibility: "members" | "public" = "members"): Promise<{ memberId: string; jid: string; client: MemberClient }> {
  const member = await stack.addMember(handle, handle, { visibility });
  const client = await stack.connect(handle);
  await client.sendPresence();
  await stack.waitForSubscription(member.jid);
  await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: member.jid } })).toMatchObject({ state: "available" }));
  return { ...member, client };
}

/** How long the bot takes to answer "help" in chat (no database involved in the answer). */
async function chatRoundTrip(client: MemberClient): Promise<number> {
  const startedAt = Date.now();
  const answer = client.waitFor((stanza) => stanza.is("message") && stanza.attrs.from?.startsWith(stack.botJid) === true && !!stanza.getChildText("body"), 5_000);
  await client.sendMessage(stack.botJid, "help");
  await answer;
  return Date.now() - startedAt;
}

describe("a database locked by another process", () => {
  it("keeps every presence change heard during a lock longer than the busy timeout, in order, and catches up after", async () => {
    const alice = await onlineMember("alice");
    const bob = await onlineMember("bob", "public");
    await stack.prosody.register("grace", "grace-password");
    // Another client of the bot's account (a moderator's chat client) edits the roster during the lock.
    const otherBotClient = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: BOT_USER, password: BOT_PASSWORD, resource: "phone" });
    // A stranger asks to see the bot's presence during the lock: the request is kept for moderators.
    await stack.prosody.register("ivan", "ivan-password");
    const ivan = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: "ivan", password: "ivan-password", resource: "desktop" });
    await stack.worker.flush();
    const before = { alice: words(await history(alice.jid)), bob: words(await history(bob.jid)) };

    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const m = feed.events.length;
    // A moderator's roster command is queued the moment the lock is taken: the worker meets it under the lock.
    const payload = JSON.stringify(commandSchemas["roster.add"].parse({ jid: `grace@${stack.prosody.domain}`, name: "Grace" }));
    await holder.lock([{ sql: `INSERT INTO "Command" ("kind", "payload", "createdAt") VALUES ('roster.add', ?, ?)`, args: [payload, new Date().toISOString()] }]);
    const lockedAt = Date.now();

    const sent: { who: string; at: number }[] = [];
    const change = async (who: { client: MemberClient }, name: string, presence: Parameters<MemberClient["sendPresence"]>[0]) => {
      sent.push({ who: name, at: Date.now() });
      await who.client.sendPresence(presence);
    };
    await change(alice, "alice away", { show: "away", status: "Lunch" });
    await ivan.sendPresence({ to: stack.botJid, type: "subscribe" });
    await otherBotClient.xmpp.iqCaller.set(xml("query", { xmlns: "jabber:iq:roster" }, xml("item", { jid: `helen@${stack.prosody.domain}`, name: "Helen" })));
    await sleep(1_500);
    await change(bob, "bob xa", { show: "xa", status: "Gone fishing" });
    // Browsers are told, in words, that presence is paused (no stale green while nothing is stored).
    const paused = await feed.waitFor((event) => event.type === "status" && !event.status.live, { after: m, timeoutMs: 4_000 });
    expect(paused.type === "status" && paused.status.reason).toMatch(/waiting for the board's database/);
    await sleep(1_500);
    await change(alice, "alice dnd", { show: "dnd", status: "On a call" });
    await sleep(1_500);
    await change(alice, "alice back", { status: "Back" });

    // The worker keeps answering meanwhile: chat replies come at once, a browser opening the board
    // gets its (paused) snapshot, and the XMPP session stays up.
    expect(await chatRoundTrip(alice.client)).toBeLessThan(1_000);
    const openedAt = Date.now();
    const late = await stack.feed({ viewerMemberId: viewerId });
    expect(Date.now() - openedAt).toBeLessThan(1_500);
    const lateSnapshot = late.events.find((event) => event.type === "snapshot");
    expect(lateSnapshot?.type === "snapshot" && lateSnapshot.snapshot.status.live).toBe(false);
    // Bob's public badge, read from the stored state, says "unknown" too rather than a stale "available".
    const badge = await fetch(`http://127.0.0.1:${stack.worker.realtimePort}/badges/bob.svg`).then((response) => response.text());
    expect(badge).toContain(`>${PRESENCE_LABELS.unknown}</text>`);

    await sleep(Math.max(0, lockedAt + 8_000 - Date.now())); // held well past the 5 s busy timeout
    expect(await stack.db.presenceEvent.count({ where: { occurredAt: { gte: new Date(lockedAt) } } })).toBe(0); // nothing could be stored
    await holder.release();
    const releasedAt = Date.now();
    stalls.disable();
    // The process never froze while waiting for the lock (libSQL's own busy wait blocks the event loop).
    expect(stalls.max / 1e6).toBeLessThan(500);

    // Caught up within a bound: browsers get a live snapshot with the final states.
    const resumed = await feed.waitFor((event) => event.type === "snapshot" && event.snapshot.status.live, { after: m, timeoutMs: 3_000 });
    expect(Date.now() - releasedAt).toBeLessThan(3_000);
    const views = resumed.type === "snapshot" ? resumed.snapshot.members : [];
    expect(views.find((view) => view.memberId === alice.memberId)).toMatchObject({ state: "available", statusText: "Back" });
    expect(views.find((view) => view.memberId === bob.memberId)).toMatchObject({ state: "xa", statusText: "Gone fishing" });
    const badgeAfter = await fetch(`http://127.0.0.1:${stack.worker.realtimePort}/badges/bob.svg`).then((response) => response.text());
    expect(badgeAfter).toContain(`>${PRESENCE_LABELS.xa}</text>`);

    // Every change, once, in order, dated when it happened (not when the database let us store it).
    const aliceRows = await history(alice.jid);
    expect(words(aliceRows)).toEqual([...before.alice, "available->away (Lunch)", "away->dnd (On a call)", "dnd->available (Back)"]);
    expect(words(await history(bob.jid))).toEqual([...before.bob, "available->xa (Gone fishing)"]);
    const aliceSent = sent.filter((entry) => entry.who.startsWith("alice"));
    aliceRows.slice(-3).forEach((row, index) => {
      expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(aliceSent[index]!.at - 5);
      expect(row.occurredAt.getTime()).toBeLessThan(aliceSent[index]!.at + 500);
    });
    expect(await stack.db.presence.findUnique({ where: { bareJid: alice.jid } })).toMatchObject({ state: "available", statusText: "Back" });

    // The roster change pushed during the lock is mirrored; the command waited and was carried out;
    // the session never dropped.
    expect(await stack.db.rosterItem.findUnique({ where: { jid: `helen@${stack.prosody.domain}` } })).toMatchObject({ name: "Helen" });
    await eventually(async () => expect(await stack.db.subscriptionRequest.findUnique({ where: { jid: `ivan@${stack.prosody.domain}` } })).not.toBeNull());
    await eventually(async () => {
      expect(await stack.db.command.findFirstOrThrow({ where: { payload: { contains: "grace@" } } })).toMatchObject({ status: "done" });
      expect(await stack.db.rosterItem.findUnique({ where: { jid: `grace@${stack.prosody.domain}` } })).toMatchObject({ name: "Grace" });
    }, 5_000);
    expect(feed.events.slice(m).filter((event) => event.type === "status" && !event.status.live).length).toBe(1);
    const state = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
    expect(state).toMatchObject({ xmppStatus: "online", xmppDownSince: null });
    expect(Date.now() - state.heartbeatAt.getTime()).toBeLessThan(3_000);
    late.close();
    await otherBotClient.stop();
    await ivan.stop();
  });

  it("loses nothing and stays responsive while the database is slow (locked in bursts shorter than the busy timeout)", async () => {
    const carol = await onlineMember("carol");
    await stack.worker.flush();
    const before = words(await history(carol.jid));
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const slow = holder.bursts({ holdMs: 700, gapMs: 100, totalMs: 6_000 });

    const shows = ["away", "dnd", "xa", "chat"] as const;
    const expected: string[] = [];
    let previous = "available";
    const chatTimes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const show = shows[i % shows.length]!;
      await carol.client.sendPresence({ show, status: `step ${i}` });
      const state = show === "chat" ? "chat" : show;
      expected.push(`${previous}->${state} (step ${i})`);
      previous = state;
      if (i % 4 === 3) chatTimes.push(await chatRoundTrip(carol.client));
      await sleep(400);
    }
    await carol.client.sendPresence({ status: "Final" });
    expected.push(`${previous}->available (Final)`);
    await slow;
    stalls.disable();

    await eventually(async () => expect(words(await history(carol.jid))).toEqual([...before, ...expected]), 8_000);
    expect(await stack.db.presence.findUnique({ where: { bareJid: carol.jid } })).toMatchObject({ state: "available", statusText: "Final" });
    expect(Math.max(...chatTimes)).toBeLessThan(1_000);
    expect(stalls.max / 1e6).toBeLessThan(500);
    // Browsers end on the truth: the last thing they were told about Carol is her final state.
    await eventually(() => {
      const last = feed.events
        .flatMap((event) => (event.type === "update" ? [event.view] : event.type === "snapshot" ? event.snapshot.members : []))
        .filter((view) => view.memberId === carol.memberId)
        .at(-1);
      expect(last).toMatchObject({ state: "available", statusText: "Final" });
    }, 5_000);
  });
});
