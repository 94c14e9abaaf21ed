// A moderator's answer to a stranger's subscription request: the request leaves the list, the answer
// is queued for the worker and audited, all in one transaction; a second answer, a malformed JID or
// decision, a visitor or a plain member is refused in words and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VISITOR, type Viewer } from "@/lib/auth/viewer";
import { parseCommand } from "@/lib/commands";
import { DECISION_MESSAGES, decideSubscriptionRequest } from "@/lib/moderation/decide-subscription-request";
import { addModeratorAndMember, requestsQueueAndAudit } from "@/scripts/lib/console-viewers";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let moderator: Viewer;
let member: Viewer;

beforeAll(async () => {
  temp = await createTempDatabase("decide-request");
  ({ moderator, member } = await addModeratorAndMember(temp.db));
  await temp.db.subscriptionRequest.createMany({ data: [{ jid: "stranger@example.net" }, { jid: "other@example.net" }] });
});

afterAll(async () => {
  await temp?.dispose();
});

const written = () => requestsQueueAndAudit(temp.db);

describe("decideSubscriptionRequest", () => {
  it("refuses a visitor and a plain member, writing nothing", async () => {
    const before = await written();
    expect(await decideSubscriptionRequest(temp.db, VISITOR, { jid: "stranger@example.net", decision: "approve" })).toEqual({
      ok: false,
      error: "Please sign in to answer subscription requests.",
    });
    expect(await decideSubscriptionRequest(temp.db, member, { jid: "stranger@example.net", decision: "approve" })).toEqual({
      ok: false,
      error: "Only moderators can answer subscription requests.",
    });
    expect(await written()).toEqual(before);
  });

  it("refuses a malformed JID or decision in words, writing nothing", async () => {
    const before = await written();
    expect(await decideSubscriptionRequest(temp.db, moderator, { jid: "not a jid", decision: "approve" })).toEqual({ ok: false, error: DECISION_MESSAGES.badJid });
    expect(await decideSubscriptionRequest(temp.db, moderator, { jid: "", decision: "approve" })).toEqual({ ok: false, error: DECISION_MESSAGES.badJid });
    expect(await decideSubscriptionRequest(temp.db, moderator, { jid: "stranger@example.net", decision: "maybe" })).toEqual({ ok: false, error: DECISION_MESSAGES.badDecision });
    expect(await written()).toEqual(before);
  });

  it("approves: the request leaves the list, the answer is queued with who asked, and the audit says so", async () => {
    const result = await decideSubscriptionRequest(temp.db, moderator, { jid: "Stranger@Example.NET/phone", decision: "approve" });
    expect(result).toMatchObject({ ok: true, value: { jid: "stranger@example.net", decision: "approve" } });
    if (!result.ok) return;
    expect((await written()).requests).toEqual(["other@example.net"]);
    const command = await temp.db.command.findUniqueOrThrow({ where: { id: result.value.commandId } });
    expect(parseCommand(command.kind, command.payload)).toEqual({ ok: true, command: { kind: "subscription.approve", payload: { jid: "stranger@example.net" } } });
    expect(command.requestedById).toBe(moderator.kind === "member" ? moderator.id : "");
    const audit = await temp.db.auditEntry.findFirstOrThrow({ where: { targetId: "stranger@example.net" } });
    expect(audit).toMatchObject({ action: "subscription-request.approve", targetType: "jid", actorId: command.requestedById });
    expect(JSON.parse(audit.after ?? "")).toEqual({ pending: false, decision: "approve" });
    expect(JSON.parse(audit.before ?? "")).toMatchObject({ pending: true });
  });

  it("a second answer to the same request (a double click, a stale page) changes nothing", async () => {
    const before = await written();
    expect(await decideSubscriptionRequest(temp.db, moderator, { jid: "stranger@example.net", decision: "deny" })).toEqual({ ok: false, error: DECISION_MESSAGES.alreadyAnswered });
    expect(await written()).toEqual(before);
  });

  it("denies: queued as a denial", async () => {
    const result = await decideSubscriptionRequest(temp.db, moderator, { jid: "other@example.net", decision: "deny" });
    expect(result).toMatchObject({ ok: true, value: { decision: "deny" } });
    if (!result.ok) return;
    const command = await temp.db.command.findUniqueOrThrow({ where: { id: result.value.commandId } });
    expect(command.kind).toBe("subscription.deny");
    expect((await written()).requests).toEqual([]);
  });
});
