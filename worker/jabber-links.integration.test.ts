// Linking a Jabber ID with proof of ownership, against a real Prosody and a real database: the code
// travels by chat to the member's own client, the code (typed on the site or sent back in chat)
// verifies the link, the client's approval makes presence flow, and every wrong input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberViewer } from "@/lib/auth/viewer";
import { confirmJabberLink, confirmLinkCode } from "@/lib/jabber-links/confirm-link";
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS } from "@/lib/jabber-links/link-code";
import { listMemberLinks } from "@/lib/jabber-links/list-member-links";
import { removeJabberLink } from "@/lib/jabber-links/remove-link";
import { requestNewLinkCode } from "@/lib/jabber-links/request-new-code";
import { startJabberLink } from "@/lib/jabber-links/start-link";
import { askBot, codeIn, connectAccount, newMember, nextBotMessage } from "@/scripts/lib/jabber-link-test-kit";
import { eventually, startTestStack, TEST_FEED_SECRET, type TestStack } from "@/scripts/lib/test-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";

let stack: TestStack;
const clients: MemberClient[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  await stack?.stop();
});

const jidOf = (user: string) => `${user}@${stack.prosody.domain}`;

async function linkState(viewer: MemberViewer, jid: string) {
  const links = await listMemberLinks(stack.db, viewer.id);
  const link = links.find((l) => l.jid === jid);
  if (!link) throw new Error(`${viewer.handle} has no link for ${jid}`);
  return link;
}

/** Everything about the link and the queue that a wrong input must leave alone. */
async function snapshotOf(jid: string) {
  const link = await stack.db.jabberLink.findUnique({ where: { jid } });
  const commands = await stack.db.command.count();
  return { link: link && { ...link, updatedAt: null }, commands };
}

/** Starts a link and returns the code the member's client received by chat. */
async function startAndReceiveCode(viewer: MemberViewer, client: MemberClient, typed: string): Promise<string> {
  const mark = client.stanzas.length;
  const started = await startJabberLink(stack.db, viewer, { jid: typed });
  expect(started).toEqual({ ok: true, value: { jid: client.bareJid } });
  return codeIn(await nextBotMessage(stack, client, { after: mark, pattern: /code/ }));
}

describe("linking a Jabber ID with proof of ownership", () => {
  it("sends the code by chat, verifies it from the site, and presence flows once the client approves", async () => {
    const ann = await newMember(stack, { handle: "ann", displayName: "Ann Example" });
    const client = await connectAccount(stack, "ann", clients);
    const mark = client.stanzas.length;
    const subscribe = client.waitFor((s) => s.is("presence") && s.attrs.type === "subscribe" && s.attrs.from === stack.botJid, 10_000);

    // Typed with capitals and a resource; stored as the bare JID (RFC 7622).
    const started = await startJabberLink(stack.db, ann, { jid: `Ann@${stack.prosody.domain.toUpperCase()}/phone` });
    expect(started).toEqual({ ok: true, value: { jid: jidOf("ann") } });
    const body = await nextBotMessage(stack, client, { after: mark, pattern: /code/ });
    await subscribe; // the bot asked for Ann's presence when the link began
    expect(body).toContain("http://localhost:3000/profile");
    expect(body).toContain(jidOf("ann"));
    const code = codeIn(body);

    const waiting = await linkState(ann, jidOf("ann"));
    expect(waiting).toMatchObject({ state: "waiting-for-code", canEnterCode: true, canRequestCode: true });
    expect(waiting.words).toBe(`Waiting for the code we sent to ${jidOf("ann")} by chat.`);
    // Only a hash of the code is stored.
    const stored = await stack.db.jabberLink.findUniqueOrThrow({ where: { jid: jidOf("ann") } });
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));

    expect(await confirmJabberLink(stack.db, ann, { jid: jidOf("ann"), code: ` ${code.toLowerCase()} ` }, TEST_FEED_SECRET)).toEqual({ ok: true, value: { jid: jidOf("ann") } });
    expect(await linkState(ann, jidOf("ann"))).toMatchObject({
      state: "waiting-for-approval",
      words: "Waiting for your Jabber client to approve Narthex's subscription request.",
      canEnterCode: false,
      canRequestCode: false,
    });

    await client.sendPresence({ to: stack.botJid, type: "subscribed" }); // the person says yes
    await stack.waitForSubscription(jidOf("ann"));
    await eventually(async () => expect(await linkState(ann, jidOf("ann"))).toMatchObject({ state: "linked", words: "Linked." }));
    await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: jidOf("ann") } })).toMatchObject({ state: "available" }), 5_000);

    // The bot pre-approved Ann when the link was confirmed (RFC 6121 §3.4): asking for its presence
    // is answered at once, and the bot's presence reaches her client.
    const botPresence = client.waitFor((s) => s.is("presence") && s.attrs.type === undefined && (s.attrs.from ?? "").startsWith(`${stack.botJid}/`));
    await client.sendPresence({ to: stack.botJid, type: "subscribe" });
    await botPresence;
  });

  it("confirms the link when the client replies with the code in chat", async () => {
    const bea = await newMember(stack, { handle: "bea", displayName: "Bea" });
    const client = await connectAccount(stack, "bea", clients, { autoApproveFrom: [stack.botJid] });
    const code = await startAndReceiveCode(bea, client, jidOf("bea"));

    expect(await askBot(stack, client, `here it is: ${code}`)).toMatch(/confirmed/);
    expect((await stack.db.jabberLink.findUniqueOrThrow({ where: { jid: jidOf("bea") } })).verifiedAt).not.toBeNull();
    await stack.waitForSubscription(jidOf("bea"));
    await eventually(async () => expect((await linkState(bea, jidOf("bea"))).state).toBe("linked"));
    // The code is used up: sending it again confirms nothing.
    expect(await askBot(stack, client, code)).toBe("There is no code waiting for that Jabber ID.");
  });

  it("refuses wrong, expired and reused codes and too many attempts, changing nothing else", async () => {
    const cy = await newMember(stack, { handle: "cy", displayName: "Cy" });
    const client = await connectAccount(stack, "cy", clients);
    const jid = jidOf("cy");
    const code = await startAndReceiveCode(cy, client, jid);
    await eventually(async () => expect(await stack.db.command.count({ where: { status: { in: ["pending", "running"] } } })).toBe(0));

    const before = await snapshotOf(jid);
    const expired = await confirmLinkCode(stack.db, { jid, code, memberId: cy.id, codeKey: TEST_FEED_SECRET }, new Date(Date.now() + CODE_TTL_MS + 1_000));
    expect(expired).toEqual({ ok: false, error: "That code has expired. Ask for a new one." });
    expect(await snapshotOf(jid)).toEqual(before);

    const wrong = code === "2222-2222" ? "3333-3333" : "2222-2222";
    expect(await confirmJabberLink(stack.db, cy, { jid, code: wrong }, TEST_FEED_SECRET)).toEqual({ ok: false, error: "That code is not right. 4 attempts left." });
    const afterWrong = await snapshotOf(jid);
    expect(afterWrong).toEqual({ ...before, link: { ...before.link, codeAttempts: 1 } });
    // Someone else's code form cannot even try this JID.
    const stranger = await newMember(stack, { handle: "cy-stranger", displayName: "Stranger" });
    expect(await confirmJabberLink(stack.db, stranger, { jid, code }, TEST_FEED_SECRET)).toEqual({ ok: false, error: "There is no code waiting for that Jabber ID." });

    for (let left = MAX_CODE_ATTEMPTS - 2; left >= 0; left--) {
      const result = await confirmJabberLink(stack.db, cy, { jid, code: wrong }, TEST_FEED_SECRET);
      expect(result.ok).toBe(false);
    }
    expect(await confirmJabberLink(stack.db, cy, { jid, code }, TEST_FEED_SECRET)).toEqual({ ok: false, error: "Too many wrong codes. Ask for a new one." });
    expect(await linkState(cy, jid)).toMatchObject({ state: "too-many-attempts", canEnterCode: false, canRequestCode: true });
    expect((await stack.db.jabberLink.findUniqueOrThrow({ where: { jid } })).verifiedAt).toBeNull();
    expect(await stack.db.command.count()).toBe(before.commands);

    // A new code makes the old one worthless; the new one works once.
    const mark = client.stanzas.length;
    expect(await requestNewLinkCode(stack.db, cy, { jid })).toEqual({ ok: true, value: { jid } });
    const fresh = codeIn(await nextBotMessage(stack, client, { after: mark, pattern: /code/ }));
    expect(fresh).not.toBe(code);
    expect(await confirmJabberLink(stack.db, cy, { jid, code }, TEST_FEED_SECRET)).toEqual({ ok: false, error: "That code is not right. 4 attempts left." });
    expect(await confirmJabberLink(stack.db, cy, { jid, code: fresh }, TEST_FEED_SECRET)).toEqual({ ok: true, value: { jid } });
    expect(await confirmJabberLink(stack.db, cy, { jid, code: fresh }, TEST_FEED_SECRET)).toEqual({ ok: false, error: "There is no code waiting for that Jabber ID." });
    expect(await requestNewLinkCode(stack.db, cy, { jid })).toEqual({ ok: false, error: `${jid} is already confirmed; it needs no code.` });
  });

  it("treats Dee@SERVER and dee@server as one JID and refuses a JID that belongs to someone else", async () => {
    const dee = await newMember(stack, { handle: "dee", displayName: "Dee" });
    const eve = await newMember(stack, { handle: "eve", displayName: "Eve" });
    const client = await connectAccount(stack, "dee", clients);
    const code = await startAndReceiveCode(dee, client, jidOf("dee"));
    const before = await snapshotOf(jidOf("dee"));

    // Own duplicate, in another spelling.
    expect(await startJabberLink(stack.db, dee, { jid: `DEE@${stack.prosody.domain.toUpperCase()}` })).toEqual({ ok: false, error: `You have already added ${jidOf("dee")}.` });
    // Someone else while Dee's code is fresh.
    expect(await startJabberLink(stack.db, eve, { jid: `Dee@${stack.prosody.domain}/laptop` })).toEqual({
      ok: false,
      error: "That Jabber ID is already linked to another member. If it is yours, ask a moderator for help.",
    });
    expect(await snapshotOf(jidOf("dee"))).toEqual(before);

    expect((await confirmJabberLink(stack.db, dee, { jid: jidOf("dee"), code }, TEST_FEED_SECRET)).ok).toBe(true);
    const verified = await snapshotOf(jidOf("dee"));
    expect(await startJabberLink(stack.db, eve, { jid: `Dee@${stack.prosody.domain.toUpperCase()}` })).toEqual({
      ok: false,
      error: "That Jabber ID is already linked to another member. If it is yours, ask a moderator for help.",
    });
    expect(await snapshotOf(jidOf("dee"))).toEqual(verified);
    expect(await listMemberLinks(stack.db, eve.id)).toEqual([]);
  });

  it("lets a stale unconfirmed attempt by someone else be taken over", async () => {
    const fay = await newMember(stack, { handle: "fay", displayName: "Fay" });
    const gus = await newMember(stack, { handle: "gus", displayName: "Gus" });
    const jid = jidOf("nobody-yet");
    expect((await startJabberLink(stack.db, gus, { jid })).ok).toBe(true);
    const old = new Date(Date.now() - CODE_TTL_MS - 60_000);
    await stack.db.jabberLink.update({ where: { jid }, data: { createdAt: old, codeSentAt: old } });
    expect(await startJabberLink(stack.db, fay, { jid })).toEqual({ ok: true, value: { jid } });
    expect(await listMemberLinks(stack.db, gus.id)).toEqual([]);
    expect((await listMemberLinks(stack.db, fay.id)).map((link) => link.jid)).toEqual([jid]);
  });

  it("explains a malformed JID and writes nothing", async () => {
    const hal = await newMember(stack, { handle: "hal", displayName: "Hal" });
    const commands = await stack.db.command.count();
    const links = await stack.db.jabberLink.count();
    expect(await startJabberLink(stack.db, hal, { jid: "hal@" })).toEqual({ ok: false, error: '"hal@" is not a valid Jabber ID: the server name is missing.' });
    expect(await startJabberLink(stack.db, hal, { jid: "no spaces@example.org" })).toMatchObject({ ok: false, error: expect.stringMatching(/not a valid Jabber ID: .*spaces/) });
    expect(await startJabberLink(stack.db, hal, { jid: "example.org" })).toMatchObject({ ok: false, error: expect.stringMatching(/needs a name before the @/) });
    expect(await startJabberLink(stack.db, hal, { jid: "" })).toEqual({ ok: false, error: "Enter a Jabber ID, such as alice@example.org." });
    expect(await startJabberLink(stack.db, { kind: "visitor" }, { jid: "hal@example.org" })).toEqual({ ok: false, error: "Please sign in to link a Jabber ID." });
    expect(await stack.db.command.count()).toBe(commands);
    expect(await stack.db.jabberLink.count()).toBe(links);
  });

  it("allows at most five Jabber IDs per member and nothing at all to a signed-out visitor", async () => {
    const lou = await newMember(stack, { handle: "lou", displayName: "Lou" });
    for (let i = 1; i <= 5; i++) await stack.db.jabberLink.create({ data: { memberId: lou.id, jid: `lou${i}@example.org` } });
    const commands = await stack.db.command.count();
    expect(await startJabberLink(stack.db, lou, { jid: "lou6@example.org" })).toEqual({ ok: false, error: "You can link at most 5 Jabber IDs." });
    const visitor = { kind: "visitor" } as const;
    expect(await confirmJabberLink(stack.db, visitor, { jid: "lou1@example.org", code: "K7QF-92XM" }, TEST_FEED_SECRET)).toEqual({ ok: false, error: "Please sign in to confirm a Jabber ID." });
    expect(await requestNewLinkCode(stack.db, visitor, { jid: "lou1@example.org" })).toEqual({ ok: false, error: "Please sign in to ask for a new code." });
    expect(await removeJabberLink(stack.db, visitor, { jid: "lou1@example.org" })).toEqual({ ok: false, error: "Please sign in to unlink a Jabber ID." });
    expect(await stack.db.command.count()).toBe(commands);
    expect(await stack.db.jabberLink.count({ where: { memberId: lou.id } })).toBe(5);
  });

  it("unlinking takes the JID off the bot's roster, unsubscribes the client and clears its presence", async () => {
    const ida = await newMember(stack, { handle: "ida", displayName: "Ida" });
    const client = await connectAccount(stack, "ida", clients, { autoApproveFrom: [stack.botJid] });
    const jid = jidOf("ida");
    const code = await startAndReceiveCode(ida, client, jid);
    expect((await confirmJabberLink(stack.db, ida, { jid, code }, TEST_FEED_SECRET)).ok).toBe(true);
    await stack.waitForSubscription(jid);
    await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: jid } })).toMatchObject({ state: "available" }));

    const unsubscribed = client.waitFor((s) => s.is("presence") && s.attrs.type === "unsubscribe" && s.attrs.from === stack.botJid, 10_000);
    // Another member cannot unlink it.
    const other = await newMember(stack, { handle: "ida-other", displayName: "Other" });
    expect(await removeJabberLink(stack.db, other, { jid })).toEqual({ ok: false, error: `You have not added ${jid}.` });

    expect(await removeJabberLink(stack.db, ida, { jid: `IDA@${stack.prosody.domain}` })).toEqual({ ok: true, value: { jid } });
    expect(await stack.db.jabberLink.findUnique({ where: { jid } })).toBeNull();
    expect(await stack.db.presence.findUnique({ where: { bareJid: jid } })).toBeNull();
    await unsubscribed; // RFC 6121 §2.5.2: removing the item cancels the client's subscription to the bot
    await eventually(async () => expect(await stack.db.rosterItem.findUnique({ where: { jid } })).toBeNull(), 10_000);
    await stack.worker.flush();
    // Whatever the worker writes once the JID has left its roster is never online.
    const row = await stack.db.presence.findUnique({ where: { bareJid: jid } });
    expect(row === null || row.state === "unknown").toBe(true);
    expect(await listMemberLinks(stack.db, ida.id)).toEqual([]);
  });

  it("keeps a stranger's subscription request for moderators and approves it once the JID is verified", async () => {
    const client = await connectAccount(stack, "jo", clients);
    const jid = jidOf("jo");
    await client.sendPresence({ to: stack.botJid, type: "subscribe" });
    const request = await eventually(async () => stack.db.subscriptionRequest.findUniqueOrThrow({ where: { jid } }));
    expect(request.firstAt.getTime()).toBeLessThanOrEqual(request.lastAt.getTime());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.stanzas.some((s) => s.is("presence") && s.attrs.type === "subscribed")).toBe(false);

    // Jo becomes a member and proves the JID: the waiting request is approved.
    const jo = await newMember(stack, { handle: "jo", displayName: "Jo" });
    const approved = client.waitFor((s) => s.is("presence") && s.attrs.type === "subscribed" && s.attrs.from === stack.botJid, 10_000);
    const code = await startAndReceiveCode(jo, client, jid);
    expect((await confirmJabberLink(stack.db, jo, { jid, code }, TEST_FEED_SECRET)).ok).toBe(true);
    await approved;
    expect(await stack.db.subscriptionRequest.findUnique({ where: { jid } })).toBeNull();

    // A verified JID asking again is approved at once, and no request is kept.
    const again = client.waitFor((s) => s.is("presence") && s.attrs.type === "subscribed" && s.attrs.from === stack.botJid, 10_000);
    await client.sendPresence({ to: stack.botJid, type: "unsubscribe" });
    await client.sendPresence({ to: stack.botJid, type: "subscribe" });
    await again;
    expect(await stack.db.subscriptionRequest.findUnique({ where: { jid } })).toBeNull();
  });

  it("says so when the JID's server cannot be reached, and a new code can be asked for", async () => {
    const kit = await newMember(stack, { handle: "kit", displayName: "Kit" });
    const jid = "nobody@unreachable.invalid";
    expect(await startJabberLink(stack.db, kit, { jid })).toEqual({ ok: true, value: { jid } });
    // The private Prosody has server-to-server disabled: it bounces both the subscription request
    // and the code message with <not-allowed/> (core/stanza_router.lua).
    const failed = await eventually(async () => {
      const link = await linkState(kit, jid);
      expect(link.state).toBe("failed");
      return link;
    }, 10_000);
    expect(failed).toMatchObject({ words: "Failed: the server unreachable.invalid could not be reached.", canEnterCode: false, canRequestCode: true });

    expect(await requestNewLinkCode(stack.db, kit, { jid })).toEqual({ ok: true, value: { jid } });
    expect((await stack.db.jabberLink.findUniqueOrThrow({ where: { jid } })).failureReason).toBeNull();
    await eventually(async () => expect((await linkState(kit, jid)).state).toBe("failed"), 10_000);
  });
});
