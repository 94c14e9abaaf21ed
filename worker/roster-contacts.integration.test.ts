// A moderator's roster contacts carried out by the real worker against a real Prosody: the contact's
// own client receives the bot's subscription request, approving it and asking back makes the mirrored
// row "both" (the bot pre-approved them); a rename and regroup shows in a fresh roster fetch of the
// bot's account; asking again reaches the client; removal takes the contact off the server's roster
// and the contact sees its subscription end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberViewer } from "@/lib/auth/viewer";
import { addRosterContact, editRosterContact, removeRosterContact, requestContactSubscription } from "@/lib/moderation/manage-roster-contacts";
import { connectAccount, newMember } from "@/scripts/lib/jabber-link-test-kit";
import { BOT_PASSWORD, BOT_USER, eventually, startTestStack, type TestStack } from "@/scripts/lib/test-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";

let stack: TestStack;
let moderator: MemberViewer;
/** A second session of the bot's own account, to read the roster exactly as the server holds it. */
let inspector: MemberClient;
const clients: MemberClient[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  moderator = await newMember(stack, { handle: "miriam", displayName: "Miriam", role: "moderator" });
  inspector = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: BOT_USER, password: BOT_PASSWORD, resource: "inspector" });
  clients.push(inspector);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  await stack?.stop();
});

type RosterEntry = { subscription: string; ask: string | null; name: string | null; groups: string[] };

/** `jid` as a fresh roster fetch of `client`'s account shows it (null: not on that roster). */
async function rosterEntry(client: MemberClient, jid: string): Promise<RosterEntry | null> {
  const result = await client.xmpp.iqCaller.request(xml("iq", { type: "get" }, xml("query", { xmlns: "jabber:iq:roster" })));
  const item = result.getChild("query")?.getChildren("item").find((child) => child.attrs.jid === jid);
  if (!item) return null;
  return {
    subscription: String(item.attrs.subscription ?? "none"),
    ask: (item.attrs.ask as string | undefined) ?? null,
    name: (item.attrs.name as string | undefined) ?? null,
    groups: item.getChildren("group").map((group) => group.text()).sort(),
  };
}

const isFromBot = (type: string) => (stanza: MemberClient["stanzas"][number]) => stanza.is("presence") && stanza.attrs.type === type && stanza.attrs.from === stack.botJid;

async function commandDone(id: number): Promise<void> {
  await eventually(async () => {
    const command = await stack.db.command.findUniqueOrThrow({ where: { id } });
    if (command.status !== "done") throw new Error(`command ${id} is ${command.status} ${command.lastError ?? ""}`);
  }, 10_000);
}

describe("roster contacts managed from the console", () => {
  it("adds a contact: their client is asked, and approving and asking back makes the subscription mutual", async () => {
    const quinn = await connectAccount(stack, "quinn", clients);
    const asked = quinn.waitFor(isFromBot("subscribe"), 10_000);
    const added = await addRosterContact(stack.db, moderator, { jid: quinn.bareJid, name: "Quinn", groups: "Choir, Wardens" });
    if (!added.ok) throw new Error(added.error);
    await asked;
    await commandDone(added.value.commandId);
    expect(await rosterEntry(inspector, quinn.bareJid)).toEqual({ subscription: "none", ask: "subscribe", name: "Quinn", groups: ["Choir", "Wardens"] });

    // What a person's client does: say yes, and ask to see the bot in return. The bot pre-approved
    // them, so their server answers at once, with no moderator in between.
    const approvedBack = quinn.waitFor(isFromBot("subscribed"), 10_000);
    await quinn.sendPresence({ to: stack.botJid, type: "subscribed" });
    await quinn.sendPresence({ to: stack.botJid, type: "subscribe" });
    await approvedBack;
    await eventually(async () => expect(await stack.db.rosterItem.findUnique({ where: { jid: quinn.bareJid } })).toMatchObject({ subscription: "both", pendingOut: false, pendingIn: false }), 10_000);
    expect(await rosterEntry(quinn, stack.botJid)).toMatchObject({ subscription: "both", ask: null });
    expect(await stack.db.subscriptionRequest.count({ where: { jid: quinn.bareJid } })).toBe(0);
    // The bot now receives Quinn's presence.
    await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: quinn.bareJid } })).toMatchObject({ state: "available" }), 5_000);
  });

  it("adding a stranger who was waiting for a moderator answers their request too", async () => {
    const vera = await connectAccount(stack, "vera", clients);
    await vera.sendPresence({ to: stack.botJid, type: "subscribe" });
    await eventually(async () => expect(await stack.db.subscriptionRequest.count({ where: { jid: vera.bareJid } })).toBe(1), 5_000);
    const approved = vera.waitFor(isFromBot("subscribed"), 10_000);
    const added = await addRosterContact(stack.db, moderator, { jid: vera.bareJid, name: "", groups: "" });
    if (!added.ok) throw new Error(added.error);
    await approved;
    await commandDone(added.value.commandId);
    expect(await rosterEntry(vera, stack.botJid)).toMatchObject({ subscription: "to" });
    expect(await stack.db.subscriptionRequest.count({ where: { jid: vera.bareJid } })).toBe(0);
  });

  it("renames and regroups a contact: a fresh roster fetch of the bot's account shows it", async () => {
    const quinn = `quinn@${stack.prosody.domain}`;
    const edited = await editRosterContact(stack.db, moderator, { jid: quinn, name: "Quinn the Bellringer", groups: "Bells" });
    if (!edited.ok) throw new Error(edited.error);
    await commandDone(edited.value.commandId);
    expect(await rosterEntry(inspector, quinn)).toEqual({ subscription: "both", ask: null, name: "Quinn the Bellringer", groups: ["Bells"] });
    await eventually(async () => expect(await stack.db.rosterItem.findUnique({ where: { jid: quinn } })).toMatchObject({ name: "Quinn the Bellringer", groups: JSON.stringify(["Bells"]) }));
  });

  it("asks a contact again for its presence after they said no, then says there is nothing to ask", async () => {
    const rhea = await connectAccount(stack, "rhea", clients);
    const first = rhea.waitFor(isFromBot("subscribe"), 10_000);
    const added = await addRosterContact(stack.db, moderator, { jid: rhea.bareJid, name: "Rhea", groups: "" });
    if (!added.ok) throw new Error(added.error);
    await first;
    await commandDone(added.value.commandId);
    // She says no at first (RFC 6121 §3.2.1); her server no longer holds the request.
    await rhea.sendPresence({ to: stack.botJid, type: "unsubscribed" });
    await eventually(async () => expect(await stack.db.rosterItem.findUnique({ where: { jid: rhea.bareJid } })).toMatchObject({ subscription: "none", pendingOut: false }), 5_000);

    const again = rhea.waitFor(isFromBot("subscribe"), 10_000);
    const asked = await requestContactSubscription(stack.db, moderator, { jid: rhea.bareJid });
    if (!asked.ok) throw new Error(asked.error);
    await again;
    await commandDone(asked.value.commandId);

    await rhea.sendPresence({ to: stack.botJid, type: "subscribed" });
    await stack.waitForSubscription(rhea.bareJid);
    expect(await requestContactSubscription(stack.db, moderator, { jid: rhea.bareJid })).toEqual({
      ok: false,
      error: `The bot already receives ${rhea.bareJid}'s presence (subscription "to"), so there is nothing to ask.`,
    });
  });

  it("removes a contact: gone from the server's roster, and the contact's subscription ends", async () => {
    const quinnClient = clients.find((client) => client.bareJid.startsWith("quinn@"));
    if (!quinnClient) throw new Error("quinn is not connected");
    const told = quinnClient.waitFor(isFromBot("unsubscribed"), 10_000);
    const removed = await removeRosterContact(stack.db, moderator, { jid: quinnClient.bareJid });
    if (!removed.ok || !removed.value.removed) throw new Error(removed.ok ? "asked for a confirmation" : removed.error);
    await told;
    await commandDone(removed.value.commandId);
    expect(await rosterEntry(inspector, quinnClient.bareJid)).toBeNull();
    await eventually(async () => expect(await rosterEntry(quinnClient, stack.botJid)).toMatchObject({ subscription: "none" }), 5_000);
    await eventually(async () => expect(await stack.db.rosterItem.findUnique({ where: { jid: quinnClient.bareJid } })).toBeNull());
  });

  it("removes a linked member's JID only when confirmed, unlinking it", async () => {
    const { jid } = await stack.addMember("sol", "Sol");
    const sol = await stack.connect("sol");
    await sol.sendPresence();
    await stack.waitForSubscription(jid);
    const asked = await removeRosterContact(stack.db, moderator, { jid });
    if (!asked.ok || asked.value.removed) throw new Error("expected a confirmation");
    expect(asked.value.confirm.message).toBe(`${jid} is Sol's verified Jabber ID. Removing it also unlinks it from their profile; their presence stops showing.`);
    expect(await rosterEntry(inspector, jid)).not.toBeNull();

    const removed = await removeRosterContact(stack.db, moderator, { jid, confirmMemberId: asked.value.confirm.memberId });
    if (!removed.ok || !removed.value.removed) throw new Error("not removed");
    await commandDone(removed.value.commandId);
    expect(await rosterEntry(inspector, jid)).toBeNull();
    expect(await stack.db.jabberLink.count({ where: { jid } })).toBe(0);
  });
});
