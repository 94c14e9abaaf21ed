// Trying a failed command again from the console: a new command with the same request and an audit
// row, in one transaction; refused in words, with nothing written, for visitors and members, for a
// command waiting, running or done, for one already tried again, and for one the worker cannot read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { createMember } from "@/lib/members/create-member";
import { retryCommand } from "@/lib/moderation/retry-command";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let moderator: Viewer;
let member: Viewer;
const ids: Record<string, number> = {};

beforeAll(async () => {
  temp = await createTempDatabase("retry-command");
  for (const [handle, role] of [["mo", "moderator"], ["sam", "member"]] as const) {
    const created = await createMember(temp.db, { handle, displayName: handle, role });
    if (!created.ok) throw new Error(created.error);
  }
  moderator = await loadViewer(temp.db, (await temp.db.member.findUniqueOrThrow({ where: { handle: "mo" } })).id);
  member = await loadViewer(temp.db, (await temp.db.member.findUniqueOrThrow({ where: { handle: "sam" } })).id);
  const add = async (name: string, data: { kind?: string; payload?: string; status: "pending" | "running" | "done" | "failed"; lastError?: string }) => {
    ids[name] = (await temp.db.command.create({ data: { kind: data.kind ?? "roster.add", payload: data.payload ?? '{"jid":"ann@example.org","name":null}', status: data.status, lastError: data.lastError ?? null } })).id;
  };
  await add("failed", { status: "failed", lastError: "the XMPP server refused: remote server not found" });
  await add("waiting", { status: "pending" });
  await add("running", { status: "running" });
  await add("done", { status: "done" });
  await add("unreadable", { kind: "roster.teleport", payload: "{}", status: "failed" });
});

afterAll(async () => {
  await temp?.dispose();
});

const everything = async () => ({ commands: await temp.db.command.findMany({ orderBy: { id: "asc" } }), audit: await temp.db.auditEntry.findMany() });

type Refusal = [what: string, who: () => Viewer, id: () => unknown, error: () => string];

describe("retryCommand", () => {
  it.each<Refusal>([
    // Thunks: the ids exist once beforeAll has run.
    ["a visitor", () => VISITOR, () => ids.failed, () => "Please sign in to try a failed command again."],
    ["a member", () => member, () => ids.failed, () => "Only moderators can try a failed command again."],
    ["a waiting command", () => moderator, () => ids.waiting, () => `Command #${ids.waiting} is still waiting; only a failed command can be tried again.`],
    ["a running command", () => moderator, () => ids.running, () => `Command #${ids.running} is running now; only a failed command can be tried again.`],
    ["a done command", () => moderator, () => ids.done, () => `Command #${ids.done} is already done; only a failed command can be tried again.`],
    ["an unreadable command", () => moderator, () => ids.unreadable, () => `Command #${ids.unreadable} is not one the worker can carry out, so it cannot be tried again.`],
    ["an unknown command", () => moderator, () => 99_999, () => "There is no such command, so nothing was queued."],
    ["a malformed id", () => moderator, () => "12abc", () => "That is not a command of the queue."],
  ])("refuses %s and writes nothing", async (_what, who, id, error) => {
    const before = await everything();
    expect(await retryCommand(temp.db, who(), { id: id() })).toEqual({ ok: false, error: error() });
    expect(await everything()).toEqual(before);
  });

  it("queues the same request again once, audited, and refuses a second try of the same command", async () => {
    const result = await retryCommand(temp.db, moderator, { id: String(ids.failed) });
    expect(result).toMatchObject({ ok: true, value: { failedId: ids.failed } });
    const newId = result.ok ? result.value.newId : 0;
    const [failed, again] = await Promise.all([temp.db.command.findUniqueOrThrow({ where: { id: ids.failed } }), temp.db.command.findUniqueOrThrow({ where: { id: newId } })]);
    expect(failed.status).toBe("failed"); // history stays as it was
    expect(again).toMatchObject({ kind: failed.kind, payload: failed.payload, status: "pending", attempts: 0, requestedById: moderator.kind === "member" ? moderator.id : "" });
    expect(await temp.db.auditEntry.findMany()).toMatchObject([{ action: "command.retry", targetType: "command", targetId: String(ids.failed), after: JSON.stringify({ retriedAs: newId }) }]);

    const before = await everything();
    expect(await retryCommand(temp.db, moderator, { id: ids.failed })).toEqual({ ok: false, error: `Command #${ids.failed} was already tried again as #${newId}, so nothing was queued.` });
    expect(await everything()).toEqual(before);
  });
});
