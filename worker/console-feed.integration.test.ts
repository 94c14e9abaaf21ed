// The moderators' console follows changes live, against a real Prosody and SQLite: a moderator's
// console socket hears which part changed (a roster push made by another client of the bot account,
// a stranger's subscription request, a command's state), never what; members and visitors cannot
// open one, and the board's presence sockets hear nothing of the console.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueCommand } from "@/lib/commands";
import { setRole } from "@/lib/members/set-role";
import { OPERATOR } from "@/lib/members/member-actor";
import { BOT_PASSWORD, BOT_USER, eventually, startTestStack, type FeedClient, type FeedEvent, type TestStack } from "@/scripts/lib/test-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";

let stack: TestStack;
let moderatorId: string;
let memberId: string;
let consoleFeed: FeedClient;
let boardFeed: FeedClient;
const clients: MemberClient[] = [];

const changeOf = (topic: string) => (event: FeedEvent) => event.type === "console" && event.change.topic === topic;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  memberId = (await stack.addViewer("mina")).memberId;
  moderatorId = (await stack.addViewer("moira")).memberId;
  const promoted = await setRole(stack.db, OPERATOR, { handle: "moira", role: "moderator" });
  if (!promoted.ok) throw new Error(promoted.error);
  consoleFeed = await stack.feed({ viewerMemberId: moderatorId, channel: "console" });
  boardFeed = await stack.feed({ viewerMemberId: moderatorId });
});

afterAll(async () => {
  for (const client of clients) await client.stop();
  await stack?.stop();
});

describe("the console's live feed", () => {
  it("tells a moderator's console when another client of the bot account changes the roster", async () => {
    const mark = consoleFeed.events.length;
    const otherBotClient = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: BOT_USER, password: BOT_PASSWORD, resource: "phone" });
    clients.push(otherBotClient);
    await otherBotClient.xmpp.iqCaller.set(xml("query", { xmlns: "jabber:iq:roster" }, xml("item", { jid: `newcomer@${stack.prosody.domain}`, name: "Newcomer" })));
    await consoleFeed.waitFor(changeOf("roster"), { after: mark });
    // The new contact's presence ("unknown") may be told first, before its mirror row is written.
    await eventually(async () => expect(await stack.db.rosterItem.findUnique({ where: { jid: `newcomer@${stack.prosody.domain}` } })).toMatchObject({ name: "Newcomer" }));
    // Which part changed, never what.
    expect(JSON.stringify(consoleFeed.events.slice(mark))).not.toContain("newcomer");
  });

  it("tells it when a stranger asks to subscribe, and as a command moves from waiting to done", async () => {
    await stack.prosody.register("stranger", "stranger-password");
    const stranger = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: "stranger", password: "stranger-password", resource: "laptop" });
    clients.push(stranger);
    let mark = consoleFeed.events.length;
    await stranger.sendPresence({ type: "subscribe", to: stack.botJid });
    await consoleFeed.waitFor(changeOf("requests"), { after: mark });

    mark = consoleFeed.events.length;
    const { id } = await enqueueCommand(stack.db, "presence.resync", {});
    await consoleFeed.waitFor(changeOf("commands"), { after: mark });
    await expect.poll(async () => (await stack.db.command.findUniqueOrThrow({ where: { id } })).status).toBe("done");
    expect(consoleFeed.events.slice(mark).filter(changeOf("commands")).length).toBeGreaterThanOrEqual(2); // claimed, then done
  });

  it("is refused to members and visitors, and the board's sockets hear nothing of the console", async () => {
    await expect(stack.feed({ viewerMemberId: memberId, channel: "console" })).rejects.toThrow(/refused/);
    await expect(stack.feed({ channel: "console" })).rejects.toThrow(/refused/);
    expect(boardFeed.events.some((event) => event.type === "console")).toBe(false);
  });
});
