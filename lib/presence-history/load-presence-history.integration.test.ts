// A profile's history read from a real SQLite database: the member's verified JIDs only, the state
// carried in from before the window (a row, or the current presence once retention removed the rows),
// unknown after a dead worker's last heartbeat, and nothing at all for anyone the audience may not see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresenceState } from "@/lib/generated/prisma/enums";
import { createMember } from "@/lib/members/create-member";
import { loadPresenceHistory } from "@/lib/presence-history/load-presence-history";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
const now = new Date("2026-03-09T12:00:00Z");

async function member(handle: string, presenceVisibility: "public" | "members" | "hidden", links: Array<{ jid: string; verifiedAt: string | null }>): Promise<void> {
  const created = await createMember(temp.db, { handle, displayName: handle, presenceVisibility });
  if (!created.ok) throw new Error(created.error);
  for (const link of links) {
    await temp.db.jabberLink.create({ data: { memberId: created.value.id, jid: link.jid, verifiedAt: link.verifiedAt ? new Date(link.verifiedAt) : null } });
  }
}

async function event(bareJid: string, occurredAt: string, fromState: PresenceState, toState: PresenceState): Promise<void> {
  await temp.db.presenceEvent.create({ data: { bareJid, fromState, toState, resourceCount: 1, occurredAt: new Date(occurredAt) } });
}

const words = (history: Awaited<ReturnType<typeof loadPresenceHistory>>) =>
  history?.bands.map((band) => `${band.state} ${band.from.toISOString()}–${band.to.toISOString()}`);

beforeAll(async () => {
  temp = await createTempDatabase("presence-history");
  await temp.db.workerState.create({ data: { id: 1, xmppStatus: "online", heartbeatAt: now, startedAt: new Date("2026-01-01T00:00:00Z") } });
  await member("grace", "members", [
    { jid: "grace@example.org", verifiedAt: "2026-01-01T00:00:00Z" },
    { jid: "grace@work.example", verifiedAt: "2026-03-08T00:00:00Z" },
    { jid: "not-grace@example.org", verifiedAt: null }, // never proven hers
  ]);
  await event("grace@example.org", "2026-02-20T09:00:00Z", "offline", "available"); // long before the window
  await event("grace@example.org", "2026-02-20T17:00:00Z", "available", "offline"); // the state it opens in
  await event("grace@example.org", "2026-03-05T08:00:00Z", "offline", "away");
  await event("grace@example.org", "2026-03-05T10:00:00Z", "away", "offline");
  await event("grace@work.example", "2026-03-09T09:00:00Z", "unknown", "dnd"); // its first stored state
  await event("not-grace@example.org", "2026-03-06T00:00:00Z", "offline", "chat");
  // Ada's rows before the window are gone (retention): her current row says online since February.
  await member("ada", "public", [{ jid: "ada@example.org", verifiedAt: "2026-01-01T00:00:00Z" }]);
  await temp.db.presence.create({ data: { bareJid: "ada@example.org", state: "chat", resourceCount: 1, since: new Date("2026-02-01T00:00:00Z") } });
  // Bob's rows before the window are gone too, and his current state began inside it: his first change
  // in the window still says what he was before it.
  await member("bob", "public", [{ jid: "bob@example.org", verifiedAt: "2026-01-01T00:00:00Z" }]);
  await event("bob@example.org", "2026-03-07T18:00:00Z", "offline", "available");
  await temp.db.presence.create({ data: { bareJid: "bob@example.org", state: "available", resourceCount: 1, since: new Date("2026-03-07T18:00:00Z") } });
  await member("hidden", "hidden", [{ jid: "hidden@example.org", verifiedAt: "2026-01-01T00:00:00Z" }]);
  await member("nojid", "public", []);
  await member("gone", "public", [{ jid: "gone@example.org", verifiedAt: "2026-01-01T00:00:00Z" }]);
  await temp.db.member.update({ where: { handle: "gone" }, data: { suspendedAt: now } });
});

afterAll(async () => {
  await temp?.dispose();
});

describe("loadPresenceHistory", () => {
  it("gives the member's bands over the last seven UTC days from their verified JIDs", async () => {
    const history = await loadPresenceHistory(temp.db, "members", "grace", now);
    expect(history?.days.map((day) => day.start.toISOString().slice(0, 10))).toEqual(["03", "04", "05", "06", "07", "08", "09"].map((day) => `2026-03-${day}`));
    expect(words(history)).toEqual([
      "offline 2026-03-03T00:00:00.000Z–2026-03-05T08:00:00.000Z",
      "away 2026-03-05T08:00:00.000Z–2026-03-05T10:00:00.000Z",
      "offline 2026-03-05T10:00:00.000Z–2026-03-08T00:00:00.000Z",
      // The work JID, linked on the 8th, has no stored state until its first change: unknown outranks offline.
      "unknown 2026-03-08T00:00:00.000Z–2026-03-09T09:00:00.000Z",
      "dnd 2026-03-09T09:00:00.000Z–2026-03-09T12:00:00.000Z",
    ]);
  });

  it("takes the state at the window's start from the current row when older rows are gone", async () => {
    expect(words(await loadPresenceHistory(temp.db, "public", "ada", now))).toEqual(["chat 2026-03-03T00:00:00.000Z–2026-03-09T12:00:00.000Z"]);
  });

  it("takes it from the window's first change when older rows are gone and the current state began inside it", async () => {
    expect(words(await loadPresenceHistory(temp.db, "public", "bob", now))).toEqual([
      "offline 2026-03-03T00:00:00.000Z–2026-03-07T18:00:00.000Z",
      "available 2026-03-07T18:00:00.000Z–2026-03-09T12:00:00.000Z",
    ]);
  });

  it("stops believing stored presence at the last heartbeat of a worker that died", async () => {
    await temp.db.workerState.update({ where: { id: 1 }, data: { heartbeatAt: new Date("2026-03-09T06:00:00Z") } });
    try {
      expect(words(await loadPresenceHistory(temp.db, "public", "ada", now))).toEqual([
        "chat 2026-03-03T00:00:00.000Z–2026-03-09T06:00:00.000Z",
        "unknown 2026-03-09T06:00:00.000Z–2026-03-09T12:00:00.000Z",
      ]);
    } finally {
      await temp.db.workerState.update({ where: { id: 1 }, data: { heartbeatAt: now } });
    }
  });

  it("stops believing it when the worker's XMPP session went down, though the worker still beats", async () => {
    await temp.db.workerState.update({ where: { id: 1 }, data: { xmppStatus: "conflict", xmppDownSince: new Date("2026-03-09T07:30:00Z") } });
    try {
      expect(words(await loadPresenceHistory(temp.db, "public", "ada", now))).toEqual([
        "chat 2026-03-03T00:00:00.000Z–2026-03-09T07:30:00.000Z",
        "unknown 2026-03-09T07:30:00.000Z–2026-03-09T12:00:00.000Z",
      ]);
    } finally {
      await temp.db.workerState.update({ where: { id: 1 }, data: { xmppStatus: "online", xmppDownSince: null } });
    }
  });

  it.each([
    ["a visitor, for a members-only member", "public", "grace"],
    ["anyone, for a hidden member", "members", "hidden"],
    ["a member without a verified Jabber ID", "members", "nojid"],
    ["a suspended member", "members", "gone"],
    ["no such member", "members", "nobody"],
  ] as const)("gives nothing to %s", async (_what, audience, handle) => {
    expect(await loadPresenceHistory(temp.db, audience, handle, now)).toBeNull();
  });
});
