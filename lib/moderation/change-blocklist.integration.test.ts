// A moderator's block or unblock: queued for the worker and audited in one transaction, a stranger's
// waiting request dropped with the block; a visitor, a plain member, a malformed JID, a server not yet
// asked or without blocking, a JID already blocked (or already waiting to be), or not blocked, are
// refused in words and nothing is written. (Against a real server: worker/blocklist.integration.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VISITOR, type Viewer } from "@/lib/auth/viewer";
import { parseCommand } from "@/lib/commands";
import { BLOCK_MESSAGES, blockJid, unblockJid } from "@/lib/moderation/change-blocklist";
import { addModeratorAndMember, requestsQueueAndAudit } from "@/scripts/lib/console-viewers";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let moderator: Viewer;
let member: Viewer;

beforeAll(async () => {
  temp = await createTempDatabase("change-blocklist");
  ({ moderator, member } = await addModeratorAndMember(temp.db));
  await temp.db.subscriptionRequest.createMany({ data: [{ jid: "stranger@example.net" }, { jid: "other@example.net" }] });
});

afterAll(async () => {
  await temp?.dispose();
});

const written = () => requestsQueueAndAudit(temp.db);

const setSupport = (blockingSupported: boolean | null) => {
  const now = new Date();
  return temp.db.workerState.upsert({ where: { id: 1 }, create: { id: 1, heartbeatAt: now, startedAt: now, blockingSupported }, update: { blockingSupported } });
};

describe("blockJid and unblockJid", () => {
  it("refuses a visitor, a plain member and a malformed JID, writing nothing", async () => {
    await setSupport(true);
    const before = await written();
    expect(await blockJid(temp.db, VISITOR, { jid: "stranger@example.net" })).toEqual({ ok: false, error: "Please sign in to block or unblock Jabber IDs." });
    expect(await unblockJid(temp.db, member, { jid: "stranger@example.net" })).toEqual({ ok: false, error: "Only moderators can block or unblock Jabber IDs." });
    for (const jid of ["", "   ", "not a jid", "a@b@c", "@example.net"]) expect(await blockJid(temp.db, moderator, { jid })).toEqual({ ok: false, error: BLOCK_MESSAGES.badJid });
    expect(await blockJid(temp.db, moderator, {})).toEqual({ ok: false, error: BLOCK_MESSAGES.badJid });
    expect(await written()).toEqual(before);
  });

  it("refuses while the worker has not asked its server, and when the server has no blocking", async () => {
    const before = await written();
    await setSupport(null);
    expect(await blockJid(temp.db, moderator, { jid: "stranger@example.net" })).toEqual({ ok: false, error: BLOCK_MESSAGES.unknownSupport });
    await setSupport(false);
    expect(await blockJid(temp.db, moderator, { jid: "stranger@example.net" })).toEqual({ ok: false, error: BLOCK_MESSAGES.unsupported });
    expect(await written()).toEqual(before);
    await setSupport(true);
  });

  it("blocks: the stranger's request leaves the list, the block is queued with who asked, and the audit says so", async () => {
    const result = await blockJid(temp.db, moderator, { jid: "Stranger@Example.NET/phone" });
    expect(result).toMatchObject({ ok: true, value: { jid: "stranger@example.net", change: "block", droppedRequest: true } });
    if (!result.ok) return;
    expect((await written()).requests).toEqual(["other@example.net"]);
    const command = await temp.db.command.findUniqueOrThrow({ where: { id: result.value.commandId } });
    expect(parseCommand(command.kind, command.payload)).toEqual({ ok: true, command: { kind: "block.add", payload: { jid: "stranger@example.net" } } });
    expect(command.requestedById).toBe(moderator.kind === "member" ? moderator.id : "");
    const audit = await temp.db.auditEntry.findFirstOrThrow({ where: { targetId: "stranger@example.net" } });
    expect(audit).toMatchObject({ action: "blocklist.block", targetType: "jid", actorId: command.requestedById });
    expect(JSON.parse(audit.before ?? "")).toMatchObject({ blocked: false, pendingRequest: { firstAt: expect.any(String) } });
    expect(JSON.parse(audit.after ?? "")).toEqual({ blocked: true });
  });

  it("a second block while the first still waits for the worker is refused; so is unblocking what is not blocked", async () => {
    const before = await written();
    expect(await blockJid(temp.db, moderator, { jid: "stranger@example.net" })).toEqual({ ok: false, error: BLOCK_MESSAGES.alreadyBlocked("stranger@example.net") });
    expect(await unblockJid(temp.db, moderator, { jid: "other@example.net" })).toEqual({ ok: false, error: BLOCK_MESSAGES.notBlocked("other@example.net") });
    expect(await written()).toEqual(before);
  });

  it("blocks a whole server by its name, and unblocks what the server confirmed", async () => {
    const server = await blockJid(temp.db, moderator, { jid: "Spam.Example" });
    expect(server).toMatchObject({ ok: true, value: { jid: "spam.example", droppedRequest: false } });
    // The worker ran both blocks and the server confirmed them.
    await temp.db.command.updateMany({ data: { status: "done" } });
    await temp.db.blockedJid.createMany({ data: [{ jid: "stranger@example.net" }, { jid: "spam.example" }] });
    expect(await blockJid(temp.db, moderator, { jid: "spam.example" })).toEqual({ ok: false, error: BLOCK_MESSAGES.alreadyBlocked("spam.example") });
    const unblocked = await unblockJid(temp.db, moderator, { jid: "stranger@example.net" });
    expect(unblocked).toMatchObject({ ok: true, value: { jid: "stranger@example.net", change: "unblock" } });
    if (!unblocked.ok) return;
    const command = await temp.db.command.findUniqueOrThrow({ where: { id: unblocked.value.commandId } });
    expect(command.kind).toBe("block.remove");
    // Waiting for the worker, the unblock already counts: blocking again is allowed, unblocking again is not.
    expect(await unblockJid(temp.db, moderator, { jid: "stranger@example.net" })).toEqual({ ok: false, error: BLOCK_MESSAGES.notBlocked("stranger@example.net") });
    expect(await temp.db.auditEntry.count({ where: { action: "blocklist.unblock", targetId: "stranger@example.net" } })).toBe(1);
  });
});
