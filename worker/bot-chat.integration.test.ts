// The bot's chat against a real Prosody: help, who (honouring every member's visibility, never a
// JID), status, and replies kept in check so two bots cannot talk each other into a loop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xml } from "@xmpp/client";
import { askBot, connectAccount, isChatFromBot, newMember } from "@/scripts/lib/jabber-link-test-kit";
import { eventually, startTestStack, type TestStack } from "@/scripts/lib/test-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";

let stack: TestStack;
const clients: MemberClient[] = [];
type Person = { handle: string; name: string; visibility: "public" | "members" | "hidden"; jid: string };
const people: Record<"pat" | "max" | "hedy" | "olga", Person> = {
  pat: { handle: "pat", name: "Pat Public", visibility: "public", jid: "" },
  max: { handle: "max", name: "Max Membersonly", visibility: "members", jid: "" },
  hedy: { handle: "hedy", name: "Hedy Hidden", visibility: "hidden", jid: "" },
  olga: { handle: "olga", name: "Olga Offline", visibility: "public", jid: "" },
};
const clientOf: Partial<Record<keyof typeof people, MemberClient>> = {};

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  for (const [key, person] of Object.entries(people) as Array<[keyof typeof people, Person]>) {
    const member = await stack.addMember(person.handle, person.name); // verified, as the operator attaches
    person.jid = member.jid;
    await stack.db.member.update({ where: { id: member.memberId }, data: { presenceVisibility: person.visibility } });
    const client = await stack.connect(person.handle);
    clients.push(client);
    clientOf[key] = client;
    await client.sendPresence();
    await stack.waitForSubscription(person.jid);
  }
  await clientOf.olga?.stop(); // Olga logs out again: offline, not listed
  await eventually(async () => {
    const rows = await stack.db.presence.findMany({ where: { bareJid: { in: Object.values(people).map((p) => p.jid) } } });
    expect(rows.filter((row) => row.state === "available").map((row) => row.bareJid).sort()).toEqual([people.hedy.jid, people.max.jid, people.pat.jid].sort());
    expect(rows.find((row) => row.bareJid === people.olga.jid)?.state).toBe("offline");
  }, 10_000);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  await stack?.stop();
});

function expectNoJids(text: string): void {
  expect(text).not.toMatch(/@/);
  for (const person of Object.values(people)) expect(text).not.toContain(person.jid);
}

describe("the bot's chat", () => {
  it("answers help, and anything it does not know with a pointer to help", async () => {
    const stranger = await connectAccount(stack, "stranger", clients);
    const help = await askBot(stack, stranger, "  HELP ");
    for (const word of ["help", "who", "status", "http://localhost:3000/profile"]) expect(help).toContain(word);
    expect(await askBot(stack, stranger, "good morning, bot")).toBe("Sorry, I didn't understand that. Send help to see what I can do.");
  });

  it("tells a stranger only who is public, by name, and never a hidden member or any address", async () => {
    const stranger = await connectAccount(stack, "visitor", clients);
    const who = await askBot(stack, stranger, "who");
    expect(who).toBe("Online now: Pat Public.");
    expectNoJids(who);
  });

  it("tells a verified member who is online among public and members-only members, never the hidden one", async () => {
    const max = clientOf.max;
    if (!max) throw new Error("no client for max");
    const who = await askBot(stack, max, "Who?");
    expect(who).toBe("Online now: Max Membersonly, Pat Public.");
    expect(who).not.toContain("Hedy");
    expect(who).not.toContain("Olga");
    expectNoJids(who);
  });

  it("treats a suspended member's JID as a stranger's", async () => {
    const pat = clientOf.pat;
    if (!pat) throw new Error("no client for pat");
    const member = await stack.db.member.findUniqueOrThrow({ where: { handle: "pat" } });
    await stack.db.member.update({ where: { id: member.id }, data: { suspendedAt: new Date() } });
    try {
      // Pat, suspended, vanishes from everyone's list, and only sees the public list.
      expect(await askBot(stack, pat, "who")).toBe("Nobody is online right now.");
    } finally {
      await stack.db.member.update({ where: { id: member.id }, data: { suspendedAt: null } });
    }
  });

  it("answers status with the sender's own link state, or how to link", async () => {
    const pat = clientOf.pat;
    if (!pat) throw new Error("no client for pat");
    expect(await askBot(stack, pat, "status")).toBe(`${people.pat.jid}: Linked.`);

    const newcomer = await connectAccount(stack, "newcomer", clients);
    expect(await askBot(stack, newcomer, "status")).toMatch(/^newcomer@localhost is not linked to a Narthex member\. .*http:\/\/localhost:3000\/profile/);

    // An unconfirmed link says what it waits for.
    const nina = await newMember(stack, { handle: "newcomer", displayName: "Nina" });
    await stack.db.jabberLink.create({ data: { memberId: nina.id, jid: newcomer.bareJid, failureReason: "the server example.net could not be reached" } });
    expect(await askBot(stack, newcomer, "status")).toBe("newcomer@localhost: Failed: the server example.net could not be reached.");
  });

  it("ignores errors, headlines and group chat, and replies at most ten times a minute to one sender", async () => {
    const chatty = await connectAccount(stack, "chatty-bot", clients);
    const botAddress = `${stack.botJid}/narthex`;
    await chatty.sendRaw(xml("message", { to: botAddress, type: "error" }, xml("body", {}, "help")));
    await chatty.sendRaw(xml("message", { to: botAddress, type: "headline" }, xml("body", {}, "help")));
    await chatty.sendRaw(xml("message", { to: botAddress, type: "groupchat" }, xml("body", {}, "help")));
    await chatty.sendRaw(xml("message", { to: botAddress, type: "chat" }, xml("composing", { xmlns: "http://jabber.org/protocol/chatstates" })));
    for (let i = 0; i < 15; i++) await chatty.sendMessage(stack.botJid, "help");
    const replies = () => chatty.stanzas.filter((s) => isChatFromBot(stack, s)).length;
    await eventually(() => expect(replies()).toBe(10), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(replies()).toBe(10);
  });

  it("says it did not understand once, so another bot answering back cannot keep it talking", async () => {
    const echo = await connectAccount(stack, "echo-bot", clients);
    for (let i = 0; i < 5; i++) await echo.sendMessage(stack.botJid, `Sorry, I didn't understand that either (${i}).`);
    const replies = () => echo.stanzas.filter((s) => isChatFromBot(stack, s));
    await eventually(() => expect(replies()).toHaveLength(1), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(replies()).toHaveLength(1);
    expect(replies()[0]?.getChildText("body")).toMatch(/didn't understand/);
    // Real questions are still answered.
    expect(await askBot(stack, echo, "help")).toMatch(/^I am the Narthex presence bot/);
  });
});
