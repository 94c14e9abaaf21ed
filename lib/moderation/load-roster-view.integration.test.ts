// The console's roster as a moderator sees it: each contact with its link's member, stored presence
// (whatever the member's visibility) and pending flags, requests newest first, the worker's liveness;
// refused to visitors and plain members; a fixed number of queries however long the roster is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { createMember } from "@/lib/members/create-member";
import { loadRosterView, type RosterRow } from "@/lib/moderation/load-roster-view";
import { createCountingDb, type CountingDb } from "@/scripts/lib/counting-db";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let counting: CountingDb;
const ids: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};
const at = (minutes: number) => new Date(Date.parse("2026-11-01T12:00:00Z") + minutes * 60_000);

beforeAll(async () => {
  temp = await createTempDatabase("roster-view");
  counting = createCountingDb(temp.url);
  const people = [
    ["mod", "moderator", "members"],
    ["admin", "admin", "members"],
    ["ann", "member", "members"],
    ["ada", "member", "hidden"],
    ["ben", "member", "public"],
    ["sue", "member", "members"],
  ] as const;
  for (const [handle, role, presenceVisibility] of people) {
    const created = await createMember(temp.db, { handle, displayName: handle.toUpperCase(), role, presenceVisibility });
    if (!created.ok) throw new Error(created.error);
    ids[handle] = created.value.id;
    viewers[handle] = await loadViewer(temp.db, created.value.id);
  }
  await temp.db.member.update({ where: { id: ids.sue ?? "" }, data: { suspendedAt: at(0) } });
  await temp.db.jabberLink.createMany({
    data: [
      { memberId: ids.ada ?? "", jid: "ada@example.org", verifiedAt: at(1) },
      { memberId: ids.ben ?? "", jid: "ben@example.org" }, // still confirming
      { memberId: ids.sue ?? "", jid: "sue@example.org", verifiedAt: at(1) },
      { memberId: ids.ann ?? "", jid: "ann@off-roster.example" }, // linked, not (yet) on the roster
    ],
  });
  await temp.db.rosterItem.createMany({
    data: [
      { jid: "zed@example.com", name: "Zed", pendingIn: true },
      { jid: "sue@example.org", groups: '{"group":"Choir"}', subscription: "to" },
      { jid: "stranger@example.net", subscription: "none" },
      { jid: "ben@example.org", groups: "not json", pendingOut: true },
      { jid: "ada@example.org", name: "Ada L.", groups: JSON.stringify(["Choir", "Elders"]), subscription: "both" },
    ],
  });
  await temp.db.presence.createMany({
    data: [
      { bareJid: "ada@example.org", state: "dnd", statusText: "At choir practice", since: at(5) },
      { bareJid: "sue@example.org", state: "offline", since: at(6) },
      { bareJid: "gone@example.org", state: "away", since: at(7) }, // no longer on the roster
    ],
  });
  await temp.db.subscriptionRequest.createMany({
    data: [
      { jid: "stranger@example.net", firstAt: at(2), lastAt: at(3) },
      { jid: "outsider@elsewhere.org", firstAt: at(1), lastAt: at(9) },
    ],
  });
});

afterAll(async () => {
  await counting?.dispose();
  await temp?.dispose();
});

const rowOf = (rows: RosterRow[], jid: string) => rows.find((row) => row.jid === jid);

describe("loadRosterView", () => {
  it("refuses visitors and plain members, returning nothing", async () => {
    expect(await loadRosterView(temp.db, VISITOR)).toEqual({ ok: false, error: "Please sign in to use the moderators' console." });
    expect(await loadRosterView(temp.db, viewers.ann ?? VISITOR)).toEqual({ ok: false, error: "Only moderators can use the moderators' console." });
    expect((await loadRosterView(temp.db, viewers.admin ?? VISITOR)).ok).toBe(true);
  });

  it("lists every contact by JID with its member, stored presence and flags", async () => {
    const view = await loadRosterView(temp.db, viewers.mod ?? VISITOR);
    if (!view.ok) throw new Error(view.error);
    const { rows } = view.value;
    expect(rows.map((row) => row.jid)).toEqual(["ada@example.org", "ben@example.org", "stranger@example.net", "sue@example.org", "zed@example.com"]);
    // Ada hides her presence from the board; moderators administer the roster and still see it.
    expect(rowOf(rows, "ada@example.org")).toEqual({
      jid: "ada@example.org",
      name: "Ada L.",
      groups: ["Choir", "Elders"],
      subscription: "both",
      pendingOut: false,
      pendingIn: false,
      member: { id: ids.ada, handle: "ada", displayName: "ADA", verified: true, suspended: false },
      presence: { state: "dnd", statusText: "At choir practice", since: at(5) },
    });
    expect(rowOf(rows, "ben@example.org")).toMatchObject({
      groups: [],
      subscription: "none",
      pendingOut: true,
      member: { id: ids.ben, handle: "ben", verified: false, suspended: false },
      presence: null,
    });
    expect(rowOf(rows, "sue@example.org")).toMatchObject({
      groups: [],
      subscription: "to",
      member: { id: ids.sue, verified: true, suspended: true },
      presence: { state: "offline", statusText: null, since: at(6) },
    });
    // A request kept for moderators counts as pending in, even when the mirror's flag was never set.
    expect(rowOf(rows, "stranger@example.net")).toMatchObject({ member: null, presence: null, pendingIn: true });
    expect(rowOf(rows, "zed@example.com")).toMatchObject({ name: "Zed", member: null, pendingIn: true });
  });

  it("lists pending requests newest first, saying whether each JID is on the roster", async () => {
    const view = await loadRosterView(temp.db, viewers.mod ?? VISITOR);
    if (!view.ok) throw new Error(view.error);
    expect(view.value.requests).toEqual([
      { jid: "outsider@elsewhere.org", firstAt: at(1), lastAt: at(9), onRoster: false },
      { jid: "stranger@example.net", firstAt: at(2), lastAt: at(3), onRoster: true },
    ]);
  });

  it("says whether the worker is live from its heartbeat and XMPP status", async () => {
    const live = async () => {
      const view = await loadRosterView(temp.db, viewers.mod ?? VISITOR);
      if (!view.ok) throw new Error(view.error);
      return view.value.workerLive;
    };
    expect(await live()).toBe(false); // never started
    const now = new Date();
    await temp.db.workerState.create({ data: { id: 1, xmppStatus: "online", heartbeatAt: now, startedAt: now } });
    expect(await live()).toBe(true);
    await temp.db.workerState.update({ where: { id: 1 }, data: { xmppStatus: "connecting" } });
    expect(await live()).toBe(false);
    await temp.db.workerState.update({ where: { id: 1 }, data: { xmppStatus: "online", heartbeatAt: new Date(Date.now() - 60_000) } });
    expect(await live()).toBe(false); // stale heartbeat
  });

  it("reads a fixed number of queries however long the roster is", async () => {
    counting.reset();
    const small = await loadRosterView(counting.db, viewers.mod ?? VISITOR);
    const fewRows = counting.queries().length;
    const members = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const created = await createMember(temp.db, { handle: `bulk-${index}`, displayName: `Bulk ${index}` });
        if (!created.ok) throw new Error(created.error);
        return created.value.id;
      }),
    );
    const jid = (index: number) => `bulk-${String(index).padStart(3, "0")}@example.org`;
    await temp.db.rosterItem.createMany({ data: members.map((_, index) => ({ jid: jid(index), groups: '["Bulk"]', subscription: "both" as const })) });
    await temp.db.jabberLink.createMany({ data: members.map((memberId, index) => ({ memberId, jid: jid(index), verifiedAt: at(1) })) });
    await temp.db.presence.createMany({ data: members.map((_, index) => ({ bareJid: jid(index), state: "available" as const, since: at(2) })) });
    counting.reset();
    const large = await loadRosterView(counting.db, viewers.mod ?? VISITOR);
    if (!small.ok || !large.ok) throw new Error("refused");
    expect(small.value.rows).toHaveLength(5);
    expect(large.value.rows).toHaveLength(205);
    expect(large.value.rows.filter((row) => row.member?.verified && row.presence?.state === "available")).toHaveLength(200);
    expect(counting.queries().length).toBe(fewRows);
    // Roster items, requests, worker state, links for those JIDs, the links' members, presence rows.
    expect(fewRows).toBe(6);
  });
});
