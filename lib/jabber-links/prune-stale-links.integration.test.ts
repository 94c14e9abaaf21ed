import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneStaleLinks, STALE_LINK_AFTER_MS } from "@/lib/jabber-links/prune-stale-links";
import { createMember } from "@/lib/members/create-member";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
beforeAll(async () => {
  temp = await createTempDatabase("narthex-prune");
});
afterAll(async () => {
  await temp?.dispose();
});

const NOW = new Date("2026-11-24T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe("pruneStaleLinks", () => {
  it("unlinks only links never confirmed for a week since their last code, as a member's own unlink would", async () => {
    const { db } = temp;
    const member = await createMember(db, { handle: "ada", displayName: "Ada" });
    if (!member.ok) throw new Error(member.error);
    const memberId = member.value.id;
    const week = STALE_LINK_AFTER_MS;
    await db.jabberLink.createMany({
      data: [
        { memberId, jid: "stale@example.org", createdAt: ago(week + 60_000), codeSentAt: ago(week + 1_000) },
        { memberId, jid: "never-sent@example.org", createdAt: ago(week + 60_000) },
        { memberId, jid: "recent-code@example.org", createdAt: ago(week + 60_000), codeSentAt: ago(60_000) },
        { memberId, jid: "new@example.org", createdAt: ago(60_000) },
        { memberId, jid: "verified@example.org", createdAt: ago(10 * week), verifiedAt: ago(9 * week) },
      ],
    });
    await db.presence.create({ data: { bareJid: "stale@example.org", state: "offline", since: ago(week) } });

    const result = await pruneStaleLinks(db, NOW);

    expect(result.pruned.sort()).toEqual(["never-sent@example.org", "stale@example.org"]);
    const left = await db.jabberLink.findMany({ select: { jid: true }, orderBy: { jid: "asc" } });
    expect(left.map((link) => link.jid)).toEqual(["new@example.org", "recent-code@example.org", "verified@example.org"]);
    expect(await db.presence.findUnique({ where: { bareJid: "stale@example.org" } })).toBeNull();
    const commands = await db.command.findMany({ orderBy: { id: "asc" }, select: { kind: true, payload: true } });
    expect(commands.filter((command) => command.kind === "roster.remove").map((command) => JSON.parse(command.payload) as { jid: string }).map((p) => p.jid).sort()).toEqual([
      "never-sent@example.org",
      "stale@example.org",
    ]);
    expect(await pruneStaleLinks(db, NOW)).toEqual({ pruned: [] });
  });
});
