// Presence visibility on the socket.io feed, against a real Prosody and SQLite: each socket proves who
// its viewer is with a feed token; visitors receive only public members, members also members-only
// ones, and a hidden member never appears in any event for anyone (issue 3, item 4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueCommand } from "@/lib/commands";
import { signFeedToken } from "@/lib/realtime/feed-token";
import { eventually, startTestStack, TEST_FEED_SECRET, type FeedClient, type FeedEvent, type TestStack } from "@/scripts/lib/test-stack";
import type { MemberClient, PresenceOptions } from "@/scripts/lib/xmpp-test-client";

type Member = { memberId: string; jid: string; client: MemberClient };

let stack: TestStack;
let pia: Member; // public
let mo: Member; // members only
let hugo: Member; // hidden
let viewerId: string;
let suspendedId: string;
/** Sockets open from before anyone came online until the end: every event of the session. */
let anonymous: FeedClient;
let member: FeedClient;
let suspended: FeedClient;
const allFeeds: FeedClient[] = [];

async function feed(options?: { viewerMemberId?: string }): Promise<FeedClient> {
  const client = await stack.feed(options);
  allFeeds.push(client);
  return client;
}

const memberIds = (event: FeedEvent | undefined) =>
  event?.type === "snapshot" ? event.snapshot.members.map((view) => view.memberId).sort() : [];

/** The first snapshot a feed received after index `after`. */
const snapshotAfter = (client: FeedClient, after: number) => client.waitFor((event) => event.type === "snapshot", { after });

const updateFor = (client: FeedClient, after: number, memberId: string, statusText: string) =>
  client.waitFor((event) => event.type === "update" && event.view.memberId === memberId && event.view.statusText === statusText, { after });

/** Queues presence.resync as the board does; resolves with the next snapshot each socket receives. */
async function resync(...clients: FeedClient[]): Promise<FeedEvent[]> {
  const marks = clients.map((client) => client.events.length);
  await enqueueCommand(stack.db, "presence.resync", {});
  return Promise.all(clients.map((client, index) => snapshotAfter(client, marks[index] ?? 0)));
}

async function stored(jid: string) {
  return stack.db.presence.findUnique({ where: { bareJid: jid } });
}

async function bringOnline(handle: string, visibility: "public" | "members" | "hidden"): Promise<Member> {
  const added = await stack.addMember(handle, handle, { visibility });
  const client = await stack.connect(handle);
  await client.sendPresence();
  await stack.waitForSubscription(added.jid);
  await eventually(async () => expect(await stored(added.jid)).toMatchObject({ state: "available" }));
  return { ...added, client };
}

/** Everything any socket of any viewer has received, as the browser would see it on the wire. */
const everythingSent = () => JSON.stringify(allFeeds.map((client) => client.events));

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  viewerId = (await stack.addViewer("vera")).memberId;
  suspendedId = (await stack.addViewer("sam")).memberId;
  await stack.db.member.update({ where: { id: suspendedId }, data: { suspendedAt: new Date() } });
  anonymous = await feed();
  member = await feed({ viewerMemberId: viewerId });
  suspended = await feed({ viewerMemberId: suspendedId });
  pia = await bringOnline("pia", "public");
  mo = await bringOnline("mo", "members");
  hugo = await bringOnline("hugo", "hidden");
});

afterAll(async () => {
  await stack?.stop();
});

describe("the presence feed honours each member's visibility", () => {
  it("gives a connecting visitor the public members and a signed-in member the members-only ones too", async () => {
    const [visitorSnapshot, memberSnapshot, suspendedSnapshot] = await Promise.all([
      feed().then((client) => client.events[0]),
      feed({ viewerMemberId: viewerId }).then((client) => client.events[0]),
      feed({ viewerMemberId: suspendedId }).then((client) => client.events[0]),
    ]);
    expect(memberIds(visitorSnapshot)).toEqual([pia.memberId]);
    expect(memberIds(memberSnapshot)).toEqual([pia.memberId, mo.memberId].sort());
    // A suspended member's (validly signed) token counts for nothing more than a visitor's.
    expect(memberIds(suspendedSnapshot)).toEqual([pia.memberId]);
    expect(memberSnapshot?.type === "snapshot" && memberSnapshot.snapshot.members.every((view) => view.state === "available")).toBe(true);
  });

  it("pushes members-only changes to members and never to visitors or suspended members", async () => {
    const start = { anonymous: anonymous.events.length, member: member.events.length, suspended: suspended.events.length };
    const steps: { options: PresenceOptions; state: string }[] = [
      { options: { show: "away", status: "away-1" }, state: "away" },
      { options: { show: "dnd", status: "dnd-2" }, state: "dnd" },
      { options: { type: "unavailable", status: "gone-3" }, state: "offline" },
      { options: { show: "chat", status: "back-4" }, state: "chat" },
    ];
    for (const { options, state } of steps) {
      const text = options.status ?? "";
      const mark = member.events.length;
      const anonymousMark = anonymous.events.length;
      await Promise.all([pia, mo, hugo].map((who, index) => who.client.sendPresence({ ...options, status: `${["pia", "mo", "hugo"][index]}-${text}` })));
      await updateFor(member, mark, pia.memberId, `pia-${text}`);
      await updateFor(member, mark, mo.memberId, `mo-${text}`);
      await updateFor(anonymous, anonymousMark, pia.memberId, `pia-${text}`);
      await eventually(async () => expect(await stored(hugo.jid)).toMatchObject({ state, statusText: `hugo-${text}` }));
    }
    // A last public change: once every socket has it, whatever the changes above caused has arrived.
    await stack.worker.flush();
    const mark = { anonymous: anonymous.events.length, member: member.events.length, suspended: suspended.events.length };
    await pia.client.sendPresence({ status: "pia-sentinel" });
    await Promise.all([
      updateFor(anonymous, mark.anonymous, pia.memberId, "pia-sentinel"),
      updateFor(member, mark.member, pia.memberId, "pia-sentinel"),
      updateFor(suspended, mark.suspended, pia.memberId, "pia-sentinel"),
    ]);

    const seenBy = (client: FeedClient, from: number) => JSON.stringify(client.events.slice(from));
    expect(seenBy(member, start.member)).toContain("mo-back-4"); // the members-only changes were sent...
    for (const [client, from] of [[anonymous, start.anonymous], [suspended, start.suspended]] as const) {
      const sent = seenBy(client, from);
      expect(sent).toContain("pia-back-4");
      for (const secret of [mo.memberId, mo.jid, "mo-away-1", "mo-dnd-2", "mo-gone-3", "mo-back-4"]) expect(sent).not.toContain(secret); // ...to members only
    }
  });

  it("refuses a forged, foreign or expired token", async () => {
    const forged = `${(await signFeedToken(TEST_FEED_SECRET, { kind: "member", id: viewerId })).slice(0, -4)}AAAA`;
    const foreign = await signFeedToken("some-other-secret-0123456789abcdefgh", { kind: "member", id: viewerId });
    const expired = await signFeedToken(TEST_FEED_SECRET, { kind: "member", id: viewerId }, { now: new Date(Date.now() - 11 * 60_000) });
    for (const token of ["not-a-token", forged, foreign, expired]) {
      await expect(stack.feed({ token })).rejects.toThrow(/invalid feed token/);
    }
  });

  it("moves a member suspended while connected to the visitors' view at the next resync", async () => {
    const tess = await stack.addViewer("tess");
    const meanwhile = await feed({ viewerMemberId: tess.memberId });
    expect(memberIds(meanwhile.events[0])).toEqual([pia.memberId, mo.memberId].sort());
    await stack.db.member.update({ where: { id: tess.memberId }, data: { suspendedAt: new Date() } });
    const [tessSees, veraSees] = await resync(meanwhile, member, anonymous, suspended);
    expect(memberIds(tessSees)).toEqual([pia.memberId]);
    expect(memberIds(veraSees)).toEqual([pia.memberId, mo.memberId].sort());
    meanwhile.close();
  });

  it("resends every viewer their own snapshot when visibility changes, and follows it from then on", async () => {
    // Members-only → hidden: Mo disappears for members.
    await stack.db.member.update({ where: { id: mo.memberId }, data: { presenceVisibility: "hidden" } });
    let [memberSees, anonymousSees] = await resync(member, anonymous, suspended);
    expect(memberIds(memberSees)).toEqual([pia.memberId]);
    expect(memberIds(anonymousSees)).toEqual([pia.memberId]);
    const beforeHiding = member.events.length;
    await mo.client.sendPresence({ show: "xa", status: "mo-now-hidden" });
    await eventually(async () => expect(await stored(mo.jid)).toMatchObject({ statusText: "mo-now-hidden" }));

    // Public → members only: Pia disappears for visitors and stays for members.
    await stack.db.member.update({ where: { id: pia.memberId }, data: { presenceVisibility: "members" } });
    const mark = { anonymous: anonymous.events.length, member: member.events.length };
    [memberSees, anonymousSees] = await resync(member, anonymous, suspended);
    expect(memberIds(anonymousSees)).toEqual([]);
    expect(memberIds(memberSees)).toEqual([pia.memberId]);
    await pia.client.sendPresence({ show: "away", status: "pia-members-only" });
    await updateFor(member, mark.member, pia.memberId, "pia-members-only");

    expect(JSON.stringify(member.events.slice(beforeHiding))).not.toContain("mo-now-hidden");
    expect(JSON.stringify(member.events.slice(beforeHiding))).not.toContain(mo.memberId);
    expect(JSON.stringify(anonymous.events.slice(mark.anonymous))).not.toContain("pia-members-only");
  });

  it("never lets a hidden member's id, JID or presence reach any viewer", async () => {
    // Hugo really was online and changing all along (stored, so the bot knew)...
    expect(await stored(hugo.jid)).toMatchObject({ state: "chat", statusText: "hugo-back-4" });
    expect(allFeeds.length).toBeGreaterThanOrEqual(7);
    // ...yet nothing any socket received says so.
    const sent = everythingSent();
    for (const secret of [hugo.memberId, hugo.jid, "hugo"]) expect(sent).not.toContain(secret);
  });
});
