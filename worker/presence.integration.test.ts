// The presence path against a real Prosody and a real database: member clients change presence,
// and we check the stored state, the exact history rows and what a browser's socket receives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xml } from "@xmpp/client";
import { eventually, startTestStack, type FeedClient, type TestStack } from "@/scripts/lib/test-stack";

let stack: TestStack;
let feed: FeedClient;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  // Members' presence is for members only unless they choose otherwise: watch as a signed-in member.
  const viewer = await stack.addViewer("viewer");
  feed = await stack.feed({ viewerMemberId: viewer.memberId });
});

afterAll(async () => {
  await stack?.stop();
});

async function history(jid: string) {
  const rows = await stack.db.presenceEvent.findMany({ where: { bareJid: jid }, orderBy: { id: "asc" } });
  return rows.map((row) => `${row.fromState}->${row.toState}${row.statusText ? ` (${row.statusText})` : ""} x${row.resourceCount}`);
}

async function current(jid: string) {
  return stack.db.presence.findUnique({ where: { bareJid: jid } });
}

/** The next update (after `mark`, an index into the feed's events) putting the member in `state`. */
function updateFor(mark: number, memberId: string, state: string, statusText?: string) {
  return feed.waitFor(
    (event) =>
      event.type === "update" && event.view.memberId === memberId && event.view.state === state && (statusText === undefined || event.view.statusText === statusText),
    { after: mark },
  );
}

const mark = () => feed.events.length;

describe("presence tracking against a real XMPP server", () => {
  it("follows one member's client through online, away, busy and logging out", async () => {
    const alice = await stack.addMember("alice", "Alice");
    const client = await stack.connect("alice");
    let m = mark();
    await client.sendPresence(); // initial presence: the bot's subscription request is delivered and approved
    await stack.waitForSubscription(alice.jid);

    await updateFor(m, alice.memberId, "available");
    expect(await current(alice.jid)).toMatchObject({ state: "available", resourceCount: 1 });

    // A verified member asking for the bot's presence is approved at once: the bot's presence,
    // which only subscribers receive, reaches the member's client.
    const approved = client.waitFor(
      (stanza) => stanza.is("presence") && stanza.attrs.type === undefined && stanza.attrs.from?.startsWith(`${stack.botJid}/`) === true,
    );
    await client.sendPresence({ to: stack.botJid, type: "subscribe" });
    await approved;

    m = mark();
    await client.sendPresence({ show: "away", status: "Back after lunch" });
    const away = await updateFor(m, alice.memberId, "away", "Back after lunch");
    expect(away.type === "update" && away.view.chatUri).toBe(`xmpp:${alice.jid}?message`);

    m = mark();
    await client.sendPresence({ show: "dnd", status: "In a meeting" });
    await updateFor(m, alice.memberId, "dnd", "In a meeting");

    m = mark();
    await client.stop();
    const offline = await updateFor(m, alice.memberId, "offline");
    expect(offline.type === "update" && offline.view.chatUri).toBeNull();

    await stack.worker.flush();
    // Approving the subscription is followed by the member's presence: no "offline" in between.
    expect(await history(alice.jid)).toEqual([
      "unknown->available x1",
      "available->away (Back after lunch) x1",
      "away->dnd (In a meeting) x1",
      "dnd->offline x0",
    ]);
    expect(await current(alice.jid)).toMatchObject({ state: "offline", resourceCount: 0 });
  });

  it("aggregates two resources by priority and writes history only for real changes", async () => {
    const bob = await stack.addMember("bob", "Bob");
    const desktop = await stack.connect("bob", "desktop");
    let m = mark();
    await desktop.sendPresence({ priority: 5 });
    await stack.waitForSubscription(bob.jid);
    await updateFor(m, bob.memberId, "available");

    const phone = await stack.connect("bob", "phone");
    await phone.sendPresence({ show: "away", priority: -1, status: "on the phone" });
    await eventually(async () => expect(await current(bob.jid)).toMatchObject({ state: "available", resourceCount: 2 }));

    // Identical presence again, and a caps-only change: no history rows.
    await desktop.sendPresence({ priority: 5 });
    await desktop.sendPresence({ priority: 5, extra: [xml("c", { xmlns: "http://jabber.org/protocol/caps", hash: "sha-1", node: "n", ver: "abc=" })] });

    m = mark();
    await desktop.stop(); // the remaining resource has negative priority and is still online
    await updateFor(m, bob.memberId, "away", "on the phone");
    expect(await current(bob.jid)).toMatchObject({ state: "away", resourceCount: 1, priority: -1 });

    m = mark();
    await phone.sendPresence({ type: "unavailable", status: "Good night" });
    await updateFor(m, bob.memberId, "offline");

    await stack.worker.flush();
    expect(await history(bob.jid)).toEqual([
      "unknown->available x1",
      "available->away (on the phone) x1",
      "away->offline (Good night) x0",
    ]);
  });

  it("stores unknown show values as online and hostile status text capped and inert", async () => {
    const carol = await stack.addMember("carol", "Carol");
    const client = await stack.connect("carol");
    let m = mark();
    await client.sendPresence();
    await stack.waitForSubscription(carol.jid);
    await updateFor(m, carol.memberId, "available");

    // \u202e (right-to-left override) is valid XML but would garble the page: it is dropped.
    const hostile = `<script>alert("x")</script>\u202e${"z".repeat(3000)}`;
    m = mark();
    await client.sendRaw(xml("presence", {}, xml("show", {}, "sleeping"), xml("status", {}, hostile)));
    const update = await feed.waitFor((event) => event.type === "update" && event.view.memberId === carol.memberId && !!event.view.statusText, { after: m });
    const status = update.type === "update" ? update.view.statusText ?? "" : "";
    expect(status.startsWith('<script>alert("x")</script>zzz')).toBe(true); // kept as text; React escapes it
    expect(Array.from(status).length).toBe(500);
    expect(await current(carol.jid)).toMatchObject({ state: "available" });

    // XEP-0319: idle time is kept with the presence, quietly (not a history row of its own).
    const rowsBefore = await history(carol.jid);
    m = mark();
    await client.sendRaw(xml("presence", {}, xml("show", {}, "away"), xml("idle", { xmlns: "urn:xmpp:idle:1", since: "2026-11-23T08:00:00Z" })));
    const idle = await updateFor(m, carol.memberId, "away");
    expect(idle.type === "update" && idle.view.idleSince).toBe("2026-11-23T08:00:00.000Z");
    expect((await current(carol.jid))?.idleSince?.toISOString()).toBe("2026-11-23T08:00:00.000Z");
    expect(await history(carol.jid)).toEqual([...rowsBefore, "available->away x1"]);
    await client.stop();
  });

  it("ignores presence from JIDs not on the roster and roster pushes from anyone but the bot's account", async () => {
    await stack.prosody.register("mallory", "member-password-for-tests");
    const mallory = await stack.connect("mallory");
    // A stranger's subscription request is not approved.
    await mallory.sendPresence({ to: stack.botJid, type: "subscribe" });
    await mallory.sendPresence({ to: stack.botJid, show: "chat" });
    const reply = mallory.waitFor((stanza) => stanza.is("iq") && stanza.attrs.id === "spoof-1");
    await mallory.sendRaw(
      xml("iq", { type: "set", to: `${stack.botJid}/narthex`, id: "spoof-1" }, xml("query", { xmlns: "jabber:iq:roster" }, xml("item", { jid: "evil@localhost", subscription: "both" }))),
    );
    expect((await reply).attrs.type).toBe("error");
    await stack.worker.flush();
    expect(await stack.db.presence.findUnique({ where: { bareJid: "mallory@localhost" } })).toBeNull();
    expect(await stack.db.rosterItem.findUnique({ where: { jid: "evil@localhost" } })).toBeNull();
    expect(mallory.stanzas.some((stanza) => stanza.is("presence") && stanza.attrs.from?.startsWith(stack.botJid))).toBe(false);
    await mallory.stop();
  });

  it("greys everything out while the XMPP server is down and reconciles without fake history", async () => {
    const dave = await stack.addMember("dave", "Dave");
    const erin = await stack.addMember("erin", "Erin");
    const daveClient = await stack.connect("dave");
    const erinClient = await stack.connect("erin");
    let m = mark();
    await daveClient.sendPresence();
    await erinClient.sendPresence({ show: "away" });
    await stack.waitForSubscription(dave.jid);
    await stack.waitForSubscription(erin.jid);
    await updateFor(m, dave.memberId, "available");
    await updateFor(m, erin.memberId, "away");
    await stack.worker.flush();
    const before = { dave: await history(dave.jid), erin: await history(erin.jid) };

    m = mark();
    const restartedAt = Date.now();
    await stack.prosody.restart(); // every session drops, the bot's included
    await feed.waitFor((event) => event.type === "status" && !event.status.live, { after: m });
    const down = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
    expect(down.xmppStatus).not.toBe("online");
    // Profiles draw "unknown" from the moment the session dropped (lib/presence-history).
    expect(down.xmppDownSince?.getTime()).toBeGreaterThanOrEqual(restartedAt);

    // Dave comes back before the bot does; Erin does not.
    await daveClient.stop();
    const daveAgain = await stack.connect("dave", "desktop");
    await daveAgain.sendPresence();
    await erinClient.stop();

    await stack.worker.whenLive(15_000);
    expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).xmppDownSince).toBeNull();
    // Going live again, the worker resynchronises every browser with a full snapshot.
    const snapshot = await feed.waitFor((event) => event.type === "snapshot" && event.snapshot.status.live, { after: m });
    const members = snapshot.type === "snapshot" ? snapshot.snapshot.members : [];
    expect(members.find((view) => view.memberId === erin.memberId)?.state).toBe("offline");
    expect(members.find((view) => view.memberId === dave.memberId)?.state).toBe("available");
    await stack.worker.flush();
    expect(await history(dave.jid)).toEqual(before.dave);
    expect(await history(erin.jid)).toEqual([...before.erin, "away->offline x0"]);
    expect(await current(dave.jid)).toMatchObject({ state: "available" });
    await daveAgain.stop();
  });
});

describe("the durable command queue", () => {
  it("carries out a roster command queued while the worker was stopped, exactly once", async () => {
    feed.close();
    await stack.stopWorker();
    const frank = await stack.addMember("frank", "Frank"); // queues roster.add while nobody consumes it
    expect(await stack.db.command.findFirstOrThrow({ where: { payload: { contains: frank.jid } } })).toMatchObject({ status: "pending" });

    await stack.startWorker();
    const client = await stack.connect("frank");
    await client.sendPresence();
    await stack.waitForSubscription(frank.jid);
    const command = await eventually(async () => {
      const row = await stack.db.command.findFirstOrThrow({ where: { payload: { contains: frank.jid } } });
      expect(row.status).toBe("done");
      return row;
    });
    expect(command.attempts).toBe(1);
    await eventually(async () => expect(await current(frank.jid)).toMatchObject({ state: "available" }));
    await client.stop();
  });
});
