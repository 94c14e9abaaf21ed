// Blocking (XEP-0191) and the request policy against a real Prosody and the real worker: the worker
// finds out whether its server supports blocking; a moderator's block makes the server turn away what
// a stranger sends the bot (the stranger's chat comes back as an error and is never answered) until
// the unblock; the blocklist mirror follows pushes from the bot's own account only; and a stranger's
// subscription request is answered by the policy in force when it arrives. Against a Prosody without
// mod_blocklist, the worker says blocking is unsupported and the console's lib refuses to queue a block.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberViewer } from "@/lib/auth/viewer";
import { VISITOR } from "@/lib/auth/viewer";
import { enqueueCommand } from "@/lib/commands";
import { BLOCK_MESSAGES, blockJid, unblockJid } from "@/lib/moderation/change-blocklist";
import { loadBlocklist } from "@/lib/moderation/load-blocklist";
import { POLICY_MESSAGES, setRequestPolicy } from "@/lib/moderation/set-request-policy";
import { readRequestPolicy } from "@/lib/roster/request-policy";
import { connectAccount, isChatFromBot, newMember } from "@/scripts/lib/jabber-link-test-kit";
import { BOT_PASSWORD, BOT_USER, eventually, startTestStack, type TestStack } from "@/scripts/lib/test-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { UNSUPPORTED } from "@/worker/blocklist";

type Element = MemberClient["stanzas"][number];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function commandOutcome(stack: TestStack, id: number): Promise<{ status: string; lastError: string | null }> {
  return eventually(async () => {
    const command = await stack.db.command.findUniqueOrThrow({ where: { id }, select: { status: true, lastError: true } });
    if (command.status === "pending" || command.status === "running") throw new Error(`command ${id} is still ${command.status}`);
    return command;
  }, 10_000);
}

async function blockedJids(stack: TestStack): Promise<string[]> {
  return (await stack.db.blockedJid.findMany({ orderBy: { jid: "asc" } })).map((row) => row.jid);
}

const written = async (stack: TestStack) => ({
  commands: await stack.db.command.count(),
  audit: await stack.db.auditEntry.count(),
  requests: await stack.db.subscriptionRequest.count(),
  settings: await stack.db.setting.findMany(),
});

describe("on a server that supports blocking", () => {
  let stack: TestStack;
  let moderator: MemberViewer;
  const clients: MemberClient[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.startWorker();
    moderator = await newMember(stack, { handle: "miriam", displayName: "Miriam", role: "moderator" });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.stop()));
    await stack?.stop();
  });

  /** The bot's answer to `body`, or null when none came within `waitMs`; and any error the server returned instead. */
  async function chatWithBot(client: MemberClient, body: string, waitMs = 1_500): Promise<{ answer: string | null; error: string | null }> {
    const after = client.stanzas.length;
    await client.sendMessage(stack.botJid, body);
    const replied = (s: Element) => isChatFromBot(stack, s) || (s.is("message") && s.attrs.type === "error");
    await client.waitFor(replied, waitMs).catch(() => undefined);
    await pause(200); // a late answer after an error would still be caught
    const received = client.stanzas.slice(after);
    const answer = received.find((s) => isChatFromBot(stack, s));
    const error = received.find((s) => s.is("message") && s.attrs.type === "error");
    return {
      answer: answer?.getChildText("body") ?? null,
      error: error?.getChild("error")?.children.map((child) => (typeof child === "string" ? "" : child.name)).find(Boolean) ?? null,
    };
  }

  it("finds that the server supports blocking, and mirrors its empty blocklist", async () => {
    expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).blockingSupported).toBe(true);
    expect(await loadBlocklist(stack.db, moderator)).toEqual({ ok: true, value: { support: "supported", blocked: [] } });
  });

  it("a blocked stranger's chat never reaches the bot (the server bounces it) and their request leaves the list; unblocking restores the chat", async () => {
    const spammer = await connectAccount(stack, "spammer", clients);
    const jid = spammer.bareJid;
    expect((await chatWithBot(spammer, "help")).answer).toContain("who");
    await spammer.sendPresence({ to: stack.botJid, type: "subscribe" });
    await eventually(async () => stack.db.subscriptionRequest.findUniqueOrThrow({ where: { jid } }));

    const blocked = await blockJid(stack.db, moderator, { jid: ` ${jid.toUpperCase()}/phone ` });
    expect(blocked).toMatchObject({ ok: true, value: { jid, change: "block", droppedRequest: true } });
    if (!blocked.ok) return;
    // The request left the moderators' list with the block, in the same transaction.
    expect(await stack.db.subscriptionRequest.findUnique({ where: { jid } })).toBeNull();
    const audit = await stack.db.auditEntry.findFirstOrThrow({ where: { action: "blocklist.block", targetId: jid } });
    expect(audit.actorId).toBe(moderator.id);
    expect(JSON.parse(audit.before ?? "")).toMatchObject({ blocked: false, pendingRequest: {} });
    expect(await commandOutcome(stack, blocked.value.commandId)).toEqual({ status: "done", lastError: null });
    await eventually(async () => expect(await blockedJids(stack)).toEqual([jid]));

    // Blocked: the bot's server sends the stranger's message back as an error and the bot never answers.
    expect(await chatWithBot(spammer, "help")).toEqual({ answer: null, error: "service-unavailable" });
    // Asking again to see the bot's presence is dropped by the server: nothing waits for a moderator.
    await spammer.sendPresence({ to: stack.botJid, type: "subscribe" });
    await pause(500);
    expect(await stack.db.subscriptionRequest.findUnique({ where: { jid } })).toBeNull();

    // A second block, before or after the worker ran, is refused in words.
    const before = await written(stack);
    expect(await blockJid(stack.db, moderator, { jid })).toEqual({ ok: false, error: BLOCK_MESSAGES.alreadyBlocked(jid) });
    expect(await written(stack)).toEqual(before);

    const unblocked = await unblockJid(stack.db, moderator, { jid });
    expect(unblocked).toMatchObject({ ok: true, value: { jid, change: "unblock", droppedRequest: false } });
    if (!unblocked.ok) return;
    expect(await unblockJid(stack.db, moderator, { jid })).toEqual({ ok: false, error: BLOCK_MESSAGES.notBlocked(jid) });
    expect(await commandOutcome(stack, unblocked.value.commandId)).toEqual({ status: "done", lastError: null });
    await eventually(async () => expect(await blockedJids(stack)).toEqual([]));
    const restored = await chatWithBot(spammer, "help", 5_000);
    expect(restored.error).toBeNull();
    expect(restored.answer).toContain("who");
  });

  it("mirrors blocks made from another of the bot's own resources, and ignores a push from anyone else", async () => {
    const operator = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: BOT_USER, password: BOT_PASSWORD, resource: "operator" });
    clients.push(operator);
    await operator.xmpp.iqCaller.set(xml("block", { xmlns: "urn:xmpp:blocking" }, xml("item", { jid: "troll@example.net" }), xml("item", { jid: "spam.example" })));
    await eventually(async () => expect(await blockedJids(stack)).toEqual(["spam.example", "troll@example.net"]));
    expect(await loadBlocklist(stack.db, moderator)).toMatchObject({ ok: true, value: { support: "supported", blocked: [{ jid: expect.any(String) }, { jid: expect.any(String) }] } });

    // A stranger pretending to push a block to the bot is answered with an error and changes nothing.
    const mallory = await connectAccount(stack, "mallory", clients);
    const answer = mallory.waitFor((s) => s.is("iq") && s.attrs.id === "fake-push");
    await mallory.sendRaw(xml("iq", { type: "set", id: "fake-push", to: `${stack.botJid}/${stack.env.NARTHEX_BOT_RESOURCE}` }, xml("block", { xmlns: "urn:xmpp:blocking" }, xml("item", { jid: "victim@example.net" }))));
    expect((await answer).attrs.type).toBe("error");
    await pause(300);
    expect(await blockedJids(stack)).toEqual(["spam.example", "troll@example.net"]);

    // An unblock without items empties the list (XEP-0191 §3.4).
    await operator.xmpp.iqCaller.set(xml("unblock", { xmlns: "urn:xmpp:blocking" }));
    await eventually(async () => expect(await blockedJids(stack)).toEqual([]));
  });

  it("answers a stranger's subscription request by the policy in force when it arrives", async () => {
    const answerTo = (client: MemberClient) => client.waitFor((s) => s.is("presence") && s.attrs.from === stack.botJid && (s.attrs.type === "subscribed" || s.attrs.type === "unsubscribed"), 5_000);
    const botOnRosterOf = async (client: MemberClient) => {
      const result = await client.xmpp.iqCaller.request(xml("iq", { type: "get" }, xml("query", { xmlns: "jabber:iq:roster" })));
      const item = result.getChild("query")?.getChildren("item").find((child) => child.attrs.jid === stack.botJid);
      return { subscription: String(item?.attrs.subscription ?? "none"), ask: (item?.attrs.ask as string | undefined) ?? null };
    };

    expect(await readRequestPolicy(stack.db)).toBe("queue");
    expect(await setRequestPolicy(stack.db, moderator, { policy: "approve-all" })).toEqual({ ok: true, value: { policy: "approve-all", previous: "queue" } });
    const eager = await connectAccount(stack, "eager", clients);
    const approved = answerTo(eager);
    await eager.sendPresence({ to: stack.botJid, type: "subscribe" });
    expect((await approved).attrs.type).toBe("subscribed");
    await eventually(async () => expect(await botOnRosterOf(eager)).toEqual({ subscription: "to", ask: null }));
    expect(await stack.db.subscriptionRequest.findUnique({ where: { jid: eager.bareJid } })).toBeNull();

    expect(await setRequestPolicy(stack.db, moderator, { policy: "deny-all" })).toMatchObject({ ok: true });
    const grumpy = await connectAccount(stack, "grumpy", clients);
    const denied = answerTo(grumpy);
    await grumpy.sendPresence({ to: stack.botJid, type: "subscribe" });
    expect((await denied).attrs.type).toBe("unsubscribed");
    await eventually(async () => expect(await botOnRosterOf(grumpy)).toEqual({ subscription: "none", ask: null }));
    expect(await stack.db.subscriptionRequest.findUnique({ where: { jid: grumpy.bareJid } })).toBeNull();

    expect(await setRequestPolicy(stack.db, moderator, { policy: "queue" })).toMatchObject({ ok: true });
    const patient = await connectAccount(stack, "patient", clients);
    const after = patient.stanzas.length;
    await patient.sendPresence({ to: stack.botJid, type: "subscribe" });
    await eventually(async () => stack.db.subscriptionRequest.findUniqueOrThrow({ where: { jid: patient.bareJid } }));
    await pause(500);
    expect(patient.stanzas.slice(after).filter((s) => s.is("presence") && s.attrs.from === stack.botJid && s.attrs.type?.endsWith("subscribed"))).toEqual([]);
    expect(await botOnRosterOf(patient)).toEqual({ subscription: "none", ask: "subscribe" });

    const audit = await stack.db.auditEntry.findMany({ where: { action: "subscription-requests.set-policy" }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [JSON.parse(entry.before ?? ""), JSON.parse(entry.after ?? ""), entry.actorId])).toEqual([
      [{ policy: "queue" }, { policy: "approve-all" }, moderator.id],
      [{ policy: "approve-all" }, { policy: "deny-all" }, moderator.id],
      [{ policy: "deny-all" }, { policy: "queue" }, moderator.id],
    ]);
  });

  it("refuses a policy change by a visitor or a plain member, to the policy in force, or to no policy, writing nothing", async () => {
    const sam = await newMember(stack, { handle: "sam", displayName: "Sam" });
    const before = await written(stack);
    expect(await setRequestPolicy(stack.db, VISITOR, { policy: "deny-all" })).toEqual({ ok: false, error: "Please sign in to change what happens to strangers' subscription requests." });
    expect(await setRequestPolicy(stack.db, sam, { policy: "deny-all" })).toEqual({ ok: false, error: "Only moderators can change what happens to strangers' subscription requests." });
    expect(await setRequestPolicy(stack.db, moderator, { policy: "queue" })).toEqual({ ok: false, error: POLICY_MESSAGES.unchanged("queue") });
    expect(await setRequestPolicy(stack.db, moderator, { policy: "approve" })).toEqual({ ok: false, error: POLICY_MESSAGES.badPolicy });
    expect(await written(stack)).toEqual(before);
  });
});

describe("on a server without blocking", () => {
  let stack: TestStack;
  let moderator: MemberViewer;

  beforeAll(async () => {
    stack = await startTestStack({ prosody: { withoutModules: ["blocklist"] } });
    await stack.startWorker();
    moderator = await newMember(stack, { handle: "miriam", displayName: "Miriam", role: "moderator" });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("finds that blocking is unsupported; the lib refuses a block in words and writes nothing", async () => {
    expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).blockingSupported).toBe(false);
    expect(await loadBlocklist(stack.db, moderator)).toEqual({ ok: true, value: { support: "unsupported", blocked: [] } });
    const before = await written(stack);
    expect(await blockJid(stack.db, moderator, { jid: "spam@example.net" })).toEqual({ ok: false, error: BLOCK_MESSAGES.unsupported });
    expect(await unblockJid(stack.db, moderator, { jid: "spam@example.net" })).toEqual({ ok: false, error: BLOCK_MESSAGES.unsupported });
    expect(await written(stack)).toEqual(before);
  });

  it("fails a block command queued anyway (e.g. before the server changed) in words", async () => {
    const { id } = await enqueueCommand(stack.db, "block.add", { jid: "spam@example.net" });
    expect(await commandOutcome(stack, id)).toEqual({ status: "failed", lastError: UNSUPPORTED });
    expect(await blockedJids(stack)).toEqual([]);
  });
});
