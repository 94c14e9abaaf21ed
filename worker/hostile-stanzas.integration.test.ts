// Hostile XMPP input against the real worker, a real Prosody and SQLite (issue 7): an oversized
// stanza, a deeply nested one and bytes that are not UTF-8 from a member's own client. Whatever the
// server does with them (it may close that client's stream), the bot's session stays up, nothing
// false is stored, and the next real change of anyone still reaches browsers at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xml } from "@xmpp/client";
import { eventually, startTestStack, type FeedClient, type TestStack } from "@/scripts/lib/test-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";

let stack: TestStack;
let feed: FeedClient;
let witness: { memberId: string; jid: string; client: MemberClient };
let round = 0;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  const viewer = await stack.addViewer("viewer");
  feed = await stack.feed({ viewerMemberId: viewer.memberId });
  witness = await online("witness");
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const mark = () => feed.events.length;

function updateFor(after: number, memberId: string, statusText: string) {
  return feed.waitFor((event) => event.type === "update" && event.view.memberId === memberId && event.view.statusText === statusText, { after, timeoutMs: 3_000 });
}

async function online(handle: string): Promise<{ memberId: string; jid: string; client: MemberClient }> {
  const member = await stack.addMember(handle, handle);
  const client = await stack.connect(handle);
  const m = mark();
  await client.sendPresence({ status: `${handle} is here` });
  await stack.waitForSubscription(member.jid);
  await updateFor(m, member.memberId, `${handle} is here`);
  return { ...member, client };
}

/** The bot is still connected and live, and another member's next change still reaches the feed. */
async function expectWorkerUnharmed(): Promise<void> {
  expect(stack.worker.isLive()).toBe(true);
  const status = `still here ${(round += 1)}`;
  const m = mark();
  await witness.client.sendPresence({ status });
  await updateFor(m, witness.memberId, status);
  expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).xmppStatus).toBe("online");
}

/** The member client's TCP socket, for bytes no XMPP library would send. */
const rawSocket = (client: MemberClient) => (client.xmpp as unknown as { socket: { write(data: Buffer | string): void } }).socket;

describe("hostile stanzas from a member's own client", () => {
  it("an oversized presence ends the sender's stream; they read offline, truthfully, and nothing of it is kept", async () => {
    const ann = await online("ann");
    await ann.client.sendRaw(xml("presence", {}, xml("status", {}, "x".repeat(2 * 1024 * 1024)))).catch(() => undefined);
    await expectWorkerUnharmed();
    await eventually(async () => expect(ann.client.errors.map((error) => error.condition)).toContain("policy-violation"));
    // The server said so in the member's unavailable presence; that, not the 2 MB, is what is kept.
    await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: ann.jid } })).toMatchObject({ state: "offline", statusText: "Disconnected: XML stanza is too big" }));
    const rows = await stack.db.presenceEvent.findMany({ where: { bareJid: ann.jid }, orderBy: { id: "asc" } });
    expect(rows.map((row) => `${row.fromState}->${row.toState}`)).toEqual(["unknown->available", "available->offline"]);
    await ann.client.stop();
  });

  it("a deeply nested extension neither breaks the bot nor spoils the presence it came with", async () => {
    const ben = await online("ben");
    const m = mark();
    // Written to the socket as text: the test client's own serialiser would overflow its stack first.
    const depth = 5_000;
    rawSocket(ben.client).write(`<presence><show>away</show><status>ben nests</status>${"<deep xmlns='urn:example:hostile'>".repeat(depth)}${"</deep>".repeat(depth)}</presence>`);
    // It reached the bot, whose parser took it: the presence is read as any other, the extension
    // is simply not ours.
    await updateFor(m, ben.memberId, "ben nests");
    await expectWorkerUnharmed();
    expect(ben.client.errors).toEqual([]);
    expect(await stack.db.presence.findUnique({ where: { bareJid: ben.jid } })).toMatchObject({ state: "away", statusText: "ben nests" });
    await ben.client.stop();
  });

  it("bytes that are not UTF-8 end only the sender's own stream", async () => {
    const cy = await online("cy");
    rawSocket(cy.client).write(Buffer.concat([Buffer.from("<presence><status>"), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("</status></presence>")]));
    await expectWorkerUnharmed();
    await eventually(async () => expect(cy.client.errors.map((error) => error.condition)).toContain("not-well-formed"));
    await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: cy.jid } })).toMatchObject({ state: "offline", statusText: "Disconnected: not-well-formed" }));
    await cy.client.stop();
  });
});
