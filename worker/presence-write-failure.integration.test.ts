// A presence change the database refuses for a reason other than a lock (here a trigger standing in
// for a broken row or a full disk), against the real worker, Prosody and SQLite: it is tried a few
// times and given up loudly, and every other member's changes are stored and pushed meanwhile.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, startTestStack, type FeedClient, type TestStack } from "@/scripts/lib/test-stack";

let stack: TestStack;
let feed: FeedClient;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.startWorker();
  const viewer = await stack.addViewer("viewer");
  feed = await stack.feed({ viewerMemberId: viewer.memberId });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

it("one change the database cannot store holds up nobody else's", async () => {
  const brokenJid = `broken@${stack.prosody.domain}`;
  for (const event of ["INSERT", "UPDATE"]) {
    await stack.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_broken_${event} BEFORE ${event} ON "Presence" WHEN NEW."bareJid" = '${brokenJid}' BEGIN SELECT RAISE(ABORT, 'this row cannot be stored'); END`,
    );
  }
  const broken = await stack.addMember("broken", "Broken");
  const fine = await stack.addMember("fine", "Fine");
  const brokenClient = await stack.connect("broken");
  await brokenClient.sendPresence({ status: "never stored" });
  await stack.waitForSubscription(broken.jid);

  const fineClient = await stack.connect("fine");
  await fineClient.sendPresence({ status: "fine is here" });
  await stack.waitForSubscription(fine.jid);
  await feed.waitFor((event) => event.type === "update" && event.view.memberId === fine.memberId && event.view.statusText === "fine is here", { timeoutMs: 10_000 });
  await eventually(async () => expect(await stack.db.presence.findUnique({ where: { bareJid: fine.jid } })).toMatchObject({ state: "available", statusText: "fine is here" }), 10_000);
  expect(await stack.db.presence.findUnique({ where: { bareJid: broken.jid } })).toBeNull();
  // Browsers were never told that presence waits for the database: it does not.
  expect(feed.events.filter((event) => event.type === "status" && !event.status.live)).toEqual([]);
  // And later changes keep flowing.
  const after = feed.events.length;
  await fineClient.sendPresence({ show: "away", status: "fine, away" });
  await feed.waitFor((event) => event.type === "update" && event.view.memberId === fine.memberId && event.view.statusText === "fine, away", { after, timeoutMs: 5_000 });
  await brokenClient.stop();
  await fineClient.stop();
});
