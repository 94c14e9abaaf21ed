// What badges and the presence API read, on a real SQLite database: every state, each visibility per
// audience, suspension, links not yet verified, several Jabber IDs, a paused worker; and the same
// single indexed statement whether the handle is a visible member, a hidden one or nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember } from "@/lib/members/create-member";
import { loadPresenceByHandle, loadPresenceOfAll } from "@/lib/presence/load-presence-by-handle";
import { PRESENCE_STATES, type PresenceState } from "@/lib/presence/states";
import { queryPlan, readsIndex, SCANS_A_TABLE } from "@/scripts/lib/query-plan";
import { createCountingDb, type CountingDb } from "@/scripts/lib/counting-db";
import { createTempDatabase, testDialect, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let counting: CountingDb;
const NOW = new Date("2026-11-01T12:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** One public member per state, `pub-<state>`, with status text `<state> text`. */
const STATE_HANDLES = PRESENCE_STATES.map((state) => `pub-${state}`);

async function addMember(handle: string, presenceVisibility: "public" | "members" | "hidden", jids: Array<{ jid: string; verified?: boolean }>) {
  const created = await createMember(temp.db, { handle, displayName: `${handle.toUpperCase()} <b>&</b>`, presenceVisibility });
  if (!created.ok) throw new Error(created.error);
  for (const { jid, verified = true } of jids) {
    await temp.db.jabberLink.create({ data: { memberId: created.value.id, jid, verifiedAt: verified ? at(-60) : null, createdAt: at(-90) } });
  }
  return created.value.id;
}

async function setWorker(xmppStatus: "online" | "connecting", heartbeatAt: Date) {
  await temp.db.workerState.upsert({ where: { id: 1 }, create: { xmppStatus, heartbeatAt, startedAt: at(-120) }, update: { xmppStatus, heartbeatAt } });
}

beforeAll(async () => {
  temp = await createTempDatabase("presence-by-handle");
  counting = createCountingDb(temp.url);
  for (const state of PRESENCE_STATES) {
    await addMember(`pub-${state}`, "public", [{ jid: `${state}@example.org` }]);
    await temp.db.presence.create({
      data: { bareJid: `${state}@example.org`, state, statusText: `${state} text`, since: at(-5), idleSince: state === "xa" ? at(-30) : null, lastSeenAt: at(-1) },
    });
  }
  await addMember("max", "members", [{ jid: "max@example.org" }]);
  await addMember("hedy", "hidden", [{ jid: "hedy@example.org" }]);
  const sue = await addMember("sue", "public", [{ jid: "sue@example.org" }]);
  await temp.db.member.update({ where: { id: sue }, data: { suspendedAt: at(-10) } });
  await addMember("una", "public", [{ jid: "una@example.org", verified: false }]);
  await addMember("nia", "public", []);
  await addMember("newt", "public", [{ jid: "newt@example.org" }]); // verified, nothing stored yet
  await addMember("tom", "public", [{ jid: "tom-phone@example.org" }, { jid: "tom-desk@example.net" }]);
  await temp.db.presence.createMany({
    data: [
      { bareJid: "max@example.org", state: "away", statusText: "max text", since: at(-3) },
      { bareJid: "hedy@example.org", state: "dnd", statusText: "hedy text", since: at(-3) },
      { bareJid: "sue@example.org", state: "available", statusText: "sue text", since: at(-3) },
      { bareJid: "una@example.org", state: "available", statusText: "una text", since: at(-3) },
      { bareJid: "tom-phone@example.org", state: "offline", since: at(-2), lastSeenAt: at(-2) },
      { bareJid: "tom-desk@example.net", state: "dnd", statusText: "In a meeting", since: at(-20), lastSeenAt: at(-20) },
    ],
  });
  await setWorker("online", at(0));
});

afterAll(async () => {
  await counting?.dispose();
  await temp?.dispose();
});

describe("loadPresenceByHandle", () => {
  it.each(PRESENCE_STATES)("reads a public member who is %s, with status, since, idle and last seen", async (state: PresenceState) => {
    const found = await loadPresenceByHandle(temp.db, "public", `pub-${state}`, NOW);
    expect(found).toEqual({
      handle: `pub-${state}`,
      displayName: `PUB-${state.toUpperCase()} <b>&</b>`,
      view: expect.objectContaining({
        state,
        statusText: `${state} text`,
        since: at(-5).toISOString(),
        idleSince: state === "xa" ? at(-30).toISOString() : null,
        lastSeenAt: at(-1).toISOString(),
      }),
    });
  });

  it("shows a members-only member to members only, and a hidden one to nobody", async () => {
    expect(await loadPresenceByHandle(temp.db, "public", "max", NOW)).toBeNull();
    expect((await loadPresenceByHandle(temp.db, "members", "max", NOW))?.view).toMatchObject({ state: "away", statusText: "max text" });
    expect(await loadPresenceByHandle(temp.db, "public", "hedy", NOW)).toBeNull();
    expect(await loadPresenceByHandle(temp.db, "members", "hedy", NOW)).toBeNull();
  });

  it("has nothing for a suspended member, one without a verified Jabber ID, or nobody", async () => {
    for (const handle of ["sue", "una", "nia", "nobody", ""]) {
      expect(await loadPresenceByHandle(temp.db, "members", handle, NOW), handle).toBeNull();
    }
  });

  it("reads a verified Jabber ID with nothing stored yet as unknown since it was linked", async () => {
    expect((await loadPresenceByHandle(temp.db, "public", "newt", NOW))?.view).toMatchObject({ state: "unknown", statusText: null, since: at(-90).toISOString(), lastSeenAt: null });
  });

  it("takes the most reachable of several Jabber IDs, and the latest last seen of all", async () => {
    expect((await loadPresenceByHandle(temp.db, "public", "tom", NOW))?.view).toMatchObject({ state: "dnd", statusText: "In a meeting", lastSeenAt: at(-2).toISOString() });
  });

  it("greys everything to unknown, with no status or times, while the worker is not live", async () => {
    try {
      await setWorker("connecting", at(0));
      expect((await loadPresenceByHandle(temp.db, "public", "pub-available", NOW))?.view).toMatchObject({ state: "unknown", statusText: null, since: null, idleSince: null, lastSeenAt: at(-1).toISOString() });
      await setWorker("online", at(-1)); // a heartbeat a minute old: the worker stopped answering
      expect((await loadPresenceByHandle(temp.db, "public", "pub-chat", NOW))?.view.state).toBe("unknown");
      await temp.db.workerState.deleteMany();
      expect((await loadPresenceOfAll(temp.db, "public", NOW)).map((member) => member.view.state)).toEqual(Array(STATE_HANDLES.length + 2).fill("unknown")) // and newt, tom;
    } finally {
      await setWorker("online", at(0));
    }
  });

  it("runs one indexed statement, the same for a visible member, a hidden one and an unknown handle", async () => {
    const statements: string[] = [];
    for (const handle of ["pub-available", "hedy", "max", "nobody"]) {
      counting.reset();
      await loadPresenceByHandle(counting.db, "public", handle, NOW);
      expect(counting.queries(), handle).toHaveLength(1);
      statements.push(counting.queries()[0] ?? "");
    }
    expect(new Set(statements).size).toBe(1);
    const plan = await queryPlan(temp.db, statements[0] ?? "", "public", "nobody");
    expect(plan).toMatch(readsIndex("Member_handle_key"));
    expect(plan).toMatch(readsIndex("JabberLink_memberId_idx"));
    expect(plan).toMatch(readsIndex(testDialect() === "sqlite" ? "sqlite_autoindex_Presence_1" : "Presence_pkey"));
    expect(plan).not.toMatch(SCANS_A_TABLE);
  });
});

describe("loadPresenceOfAll", () => {
  it("lists what each audience may see, by handle, in one statement", async () => {
    counting.reset();
    const everyone = await loadPresenceOfAll(counting.db, "public", NOW);
    expect(counting.queries()).toHaveLength(1);
    expect(everyone.map((member) => member.handle)).toEqual([...STATE_HANDLES, "newt", "tom"].sort());
    const members = await loadPresenceOfAll(temp.db, "members", NOW);
    expect(members.map((member) => member.handle)).toEqual([...STATE_HANDLES, "max", "newt", "tom"].sort());
  });
});
