// The console's command queue as a moderator sees it: newest first, every command once across pages,
// each said in words (an unknown or malformed one says so), who asked; refused to visitors and plain
// members; the same queries for a page of 2 as for a page of 50.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { commandSchemas, enqueueCommand } from "@/lib/commands";
import { createMember } from "@/lib/members/create-member";
import { COMMANDS_PAGE_SIZE, listCommands, type CommandRow } from "@/lib/moderation/list-commands";
import { createCountingDb, type CountingDb } from "@/scripts/lib/counting-db";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let counting: CountingDb;
let moderator: Viewer;
let member: Viewer;
let moderatorId: string;
const seeded: Record<string, number> = {};

async function person(handle: string, role: "member" | "moderator"): Promise<string> {
  const created = await createMember(temp.db, { handle, displayName: handle.toUpperCase(), role });
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}

beforeAll(async () => {
  temp = await createTempDatabase("list-commands");
  counting = createCountingDb(temp.url);
  moderatorId = await person("mod", "moderator");
  moderator = await loadViewer(temp.db, moderatorId);
  member = await loadViewer(temp.db, await person("ann", "member"));
  const leaver = await person("leaver", "member");
  seeded.addNamed = (await enqueueCommand(temp.db, "roster.add", { jid: "nora@example.org", name: "Nora" }, moderatorId)).id;
  seeded.add = (await enqueueCommand(temp.db, "roster.add", { jid: "olaf@example.org" }, leaver)).id;
  seeded.remove = (await enqueueCommand(temp.db, "roster.remove", { jid: "nora@example.org" })).id;
  seeded.sendCode = (await enqueueCommand(temp.db, "jabber-link.send-code", { jid: "pia@example.org" })).id;
  seeded.confirmed = (await enqueueCommand(temp.db, "jabber-link.confirmed", { jid: "pia@example.org" })).id;
  seeded.resync = (await enqueueCommand(temp.db, "presence.resync", {})).id;
  seeded.approve = (await enqueueCommand(temp.db, "subscription.approve", { jid: "stranger@example.net" }, moderatorId)).id;
  seeded.deny = (await enqueueCommand(temp.db, "subscription.deny", { jid: "spammer@example.net" }, moderatorId)).id;
  seeded.block = (await enqueueCommand(temp.db, "block.add", { jid: "spammer@example.net" }, moderatorId)).id;
  seeded.unblock = (await enqueueCommand(temp.db, "block.remove", { jid: "spam.example" }, moderatorId)).id;
  seeded.addContact = (await enqueueCommand(temp.db, "roster.add", { jid: "quinn@example.org", name: "Quinn", groups: ["Choir", "Wardens"], preApprove: true }, moderatorId)).id;
  seeded.update = (await enqueueCommand(temp.db, "roster.update", { jid: "quinn@example.org", name: "Quinn Q.", groups: ["Choir"] }, moderatorId)).id;
  seeded.updateBare = (await enqueueCommand(temp.db, "roster.update", { jid: "quinn@example.org", name: null, groups: [] }, moderatorId)).id;
  seeded.request = (await enqueueCommand(temp.db, "subscription.request", { jid: "quinn@example.org" }, moderatorId)).id;
  const raw = async (kind: string, payload: string) => (await temp.db.command.create({ data: { kind, payload }, select: { id: true } })).id;
  seeded.notJson = await raw("roster.add", "{not json");
  seeded.invalid = await raw("roster.remove", JSON.stringify({ jid: "x" }));
  seeded.unknown = await raw("roster.block", JSON.stringify({ jid: "spam@example.org" }));
  await temp.db.member.delete({ where: { id: leaver } });
  await temp.db.command.update({
    where: { id: seeded.remove },
    data: { status: "failed", attempts: 3, lastError: "The server said the item was not found.", startedAt: new Date("2026-11-01T12:00:00Z"), finishedAt: new Date("2026-11-01T12:00:05Z") },
  });
  for (let index = 0; index < 111; index += 1) await enqueueCommand(temp.db, "presence.resync", {});
});

afterAll(async () => {
  await counting?.dispose();
  await temp?.dispose();
});

async function page(options: { before?: number; limit?: number } = {}, viewer: Viewer = moderator) {
  const result = await listCommands(temp.db, viewer, options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function everyCommand(limit: number): Promise<CommandRow[]> {
  const rows: CommandRow[] = [];
  let before: number | undefined;
  for (;;) {
    const { commands, olderCursor } = await page({ before, limit });
    rows.push(...commands);
    if (olderCursor === null) return rows;
    before = olderCursor;
  }
}

describe("listCommands", () => {
  it("refuses visitors and plain members, returning nothing", async () => {
    expect(await listCommands(temp.db, VISITOR)).toEqual({ ok: false, error: "Please sign in to use the moderators' console." });
    expect(await listCommands(temp.db, member)).toEqual({ ok: false, error: "Only moderators can use the moderators' console." });
  });

  it("shows the newest page first and pages through every command once, newest first", async () => {
    const total = await temp.db.command.count();
    const first = await page();
    expect(first.commands).toHaveLength(COMMANDS_PAGE_SIZE);
    expect(first.commands[0]?.id).toBe(total);
    expect(first.olderCursor).toBe(first.commands.at(-1)?.id);
    for (const limit of [7, 40, 120]) {
      const ids = (await everyCommand(limit)).map((row) => row.id);
      expect(ids).toEqual(Array.from({ length: total }, (_, index) => total - index));
    }
  });

  it("starts below `before` and says when there is nothing older", async () => {
    const { commands, olderCursor } = await page({ before: 4 });
    expect(commands.map((row) => row.id)).toEqual([3, 2, 1]);
    expect(olderCursor).toBeNull();
    expect(await page({ before: 1 })).toEqual({ commands: [], olderCursor: null });
  });

  it("says each command in words, and says so when the worker cannot read one", async () => {
    const rows = await everyCommand(100);
    const summaryOf = (id: number | undefined) => rows.find((row) => row.id === id)?.summary;
    expect(summaryOf(seeded.addNamed)).toBe(`Add nora@example.org to the bot's roster as "Nora"`);
    expect(summaryOf(seeded.add)).toBe("Add olaf@example.org to the bot's roster");
    expect(summaryOf(seeded.remove)).toBe("Remove nora@example.org from the bot's roster");
    expect(summaryOf(seeded.sendCode)).toBe("Send a linking code to pia@example.org");
    expect(summaryOf(seeded.confirmed)).toBe("Approve pia@example.org's subscription now that its link is confirmed");
    expect(summaryOf(seeded.resync)).toBe("Resend everyone's presence to every open page");
    expect(summaryOf(seeded.approve)).toBe("Approve stranger@example.net's request to see the bot's presence");
    expect(summaryOf(seeded.deny)).toBe("Deny spammer@example.net's request to see the bot's presence");
    expect(summaryOf(seeded.block)).toBe("Block spammer@example.net on the bot's XMPP server");
    expect(summaryOf(seeded.unblock)).toBe("Unblock spam.example on the bot's XMPP server");
    expect(summaryOf(seeded.addContact)).toBe(`Add quinn@example.org to the bot's roster as "Quinn" in groups "Choir" and "Wardens", and let them see the bot's presence`);
    expect(summaryOf(seeded.update)).toBe(`Change quinn@example.org on the bot's roster: name "Quinn Q.", in group "Choir"`);
    expect(summaryOf(seeded.updateBare)).toBe("Change quinn@example.org on the bot's roster: no name, in no group");
    expect(summaryOf(seeded.request)).toBe("Ask quinn@example.org again to share their presence with the bot");
    expect(summaryOf(seeded.notJson)).toBe(`Malformed "roster.add" command, which the worker cannot carry out (payload is not JSON)`);
    expect(summaryOf(seeded.invalid)).toMatch(/^Malformed "roster.remove" command, which the worker cannot carry out \(invalid payload: .+\)$/);
    expect(summaryOf(seeded.unknown)).toBe(`Unknown command "roster.block", which the worker cannot carry out`);
    const kinds = new Set(rows.filter((row) => !/^(Malformed|Unknown) /.test(row.summary)).map((row) => row.kind));
    expect([...kinds].sort()).toEqual(Object.keys(commandSchemas).sort());
  });

  it("shows state, attempts, last error and who asked (none for the operator or a member since removed)", async () => {
    const rows = await everyCommand(100);
    const rowOf = (id: number | undefined) => rows.find((row) => row.id === id);
    expect(rowOf(seeded.addNamed)).toMatchObject({ kind: "roster.add", status: "pending", attempts: 0, lastError: null, requestedBy: { id: moderatorId, displayName: "MOD" }, startedAt: null, finishedAt: null });
    expect(rowOf(seeded.add)?.requestedBy).toBeNull();
    expect(rowOf(seeded.remove)).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "The server said the item was not found.",
      requestedBy: null,
      startedAt: new Date("2026-11-01T12:00:00Z"),
      finishedAt: new Date("2026-11-01T12:00:05Z"),
    });
    expect(rowOf(seeded.remove)?.createdAt).toBeInstanceOf(Date);
  });

  it("refuses malformed page options in words", async () => {
    const refusal = (options: { before?: number; limit?: number }) => listCommands(temp.db, moderator, options);
    expect(await refusal({ before: 0 })).toEqual({ ok: false, error: "That page link is not valid, so here is the newest page." });
    expect(await refusal({ before: 2.5 })).toEqual({ ok: false, error: "That page link is not valid, so here is the newest page." });
    expect(await refusal({ limit: 0 })).toEqual({ ok: false, error: "The page size must be a whole number of at least 1." });
  });

  it("reads a page of 50 with the same queries as a page of 2", async () => {
    counting.reset();
    const small = await listCommands(counting.db, moderator, { limit: 2, before: 3 });
    const few = counting.queries().length;
    counting.reset();
    const large = await listCommands(counting.db, moderator);
    expect(small.ok && small.value.commands.length).toBe(2);
    expect(large.ok && large.value.commands.length).toBe(50);
    expect(few).toBeGreaterThan(0);
    expect(counting.queries().length).toBe(few);
    expect(few).toBeLessThanOrEqual(2); // the commands, and the members who asked
  });
});
