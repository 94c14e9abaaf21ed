// The moderators' console in real Chromium against the whole product (private Prosody, worker,
// Next.js): the bot's roster as the server holds it, with the linked member and stored presence; a
// stranger's subscription request waiting; the command queue's outcome; the audit log with its
// filter; pages that follow changes without a reload; and the console refusing members (403) and
// sending visitors to sign in.
import { expect, test, type Page } from "@playwright/test";
import { loadViewer } from "@/lib/auth/viewer";
import { enqueueCommand } from "@/lib/commands";
import { createPost } from "@/lib/board/create-post";
import { moderatePost } from "@/lib/board/moderate-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn } from "./sign-in";

const PASSWORD = "a long and happy password";
const MODERATOR = "miriam@example.org";
const MEMBER = "sam@example.org";
let stack: LocalStack;
let noraJid: string;
let strangerJid: string;
let stranger: MemberClient;
let walker: MemberClient;
const clients: MemberClient[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("moderation-console");
  await seedDefaultCategories(stack.db);
  const miriam = await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  const sam = await addMember(stack.db, { displayName: "Sam Member", email: MEMBER, password: PASSWORD, handle: "sam" });
  await addMember(stack.db, { displayName: "Nora Newcomer", email: "nora@example.org", password: PASSWORD, handle: "nora" });

  // Nora's Jabber ID, attached by the operator: the worker puts it on the bot's roster and her client
  // approves the bot's request; she asks back and the bot approves her, so the subscription is mutual.
  await stack.prosody.register("nora", "nora-xmpp-password");
  const attached = await attachJabberId(stack.db, { handle: "nora", jid: `nora@${stack.prosody.domain}` });
  if (!attached.ok) throw new Error(attached.error);
  noraJid = attached.value.jid;
  const noraClient = await connectMemberClient({
    service: stack.prosody.service,
    domain: stack.prosody.domain,
    username: "nora",
    password: "nora-xmpp-password",
    resource: "phone",
    autoApproveFrom: [stack.botJid],
  });
  clients.push(noraClient);
  await noraClient.sendPresence({ show: "away", status: "At choir practice" });
  // She also asks to see the bot's presence; as a linked member she is approved at once.
  await noraClient.sendRaw(xml("presence", { to: stack.botJid, type: "subscribe" }));

  // A stranger asks to see the bot's presence: nobody has linked that JID, so it waits for a moderator.
  for (const name of ["stranger", "walker"]) await stack.prosody.register(name, `${name}-xmpp-password`);
  const connect = (name: string) => connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: name, password: `${name}-xmpp-password` });
  [stranger, walker] = await Promise.all([connect("stranger"), connect("walker")]);
  clients.push(stranger, walker);
  strangerJid = stranger.bareJid;
  for (const client of [stranger, walker]) {
    await client.sendPresence(); // available, so their server delivers the answer to them
    await client.sendRaw(xml("presence", { to: stack.botJid, type: "subscribe" }));
  }

  // A moderated post, so the audit log holds a moderator's entry beside the operator's.
  const general = (await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  const post = await createPost(stack.db, await loadViewer(stack.db, sam.id), { categoryId: general, title: "Bake sale", body: "Sunday." });
  if (!post.ok) throw new Error(post.error);
  const hidden = await moderatePost(stack.db, await loadViewer(stack.db, miriam.id), { postId: post.value.id, action: "hide" });
  if (!hidden.ok) throw new Error(hidden.error);
});

test.afterAll(async () => {
  for (const client of clients) await client.stop();
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");

test("a moderator sees the bot's roster as the server holds it, with the linked member, presence and a stranger's request", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.getByRole("banner").getByRole("link", { name: "Moderation" }).click();
  await expect(page).toHaveURL(/\/moderation\/roster$/);
  await expect(page.getByRole("heading", { name: "Roster", level: 1 })).toBeVisible();

  const nora = main(page).getByTestId(`roster-${noraJid}`);
  // The page shows what the worker has mirrored so far; a reload follows the subscription handshake.
  await expect(async () => {
    await page.reload();
    await expect(nora).toContainText("both: each sees the other", { timeout: 1_000 });
    await expect(nora).toContainText("Away", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(nora).toContainText("Nora Newcomer");
  await expect(nora).toContainText("linked");
  await expect(nora).toContainText("At choir practice");

  const requests = main(page).getByRole("region", { name: "Subscription requests from strangers" });
  await expect(async () => {
    await page.reload();
    await expect(requests.getByTestId(`request-${strangerJid}`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(main(page).getByTestId(`roster-${strangerJid}`)).toHaveCount(0);
});

/** The bot as a fresh roster fetch of this client shows it: subscription and whether a request is still pending. */
async function botOnRosterOf(client: MemberClient): Promise<{ subscription: string; ask: string | null }> {
  const result = await client.xmpp.iqCaller.request(xml("iq", { type: "get" }, xml("query", { xmlns: "jabber:iq:roster" })));
  const item = result.getChild("query")?.getChildren("item").find((child) => child.attrs.jid === stack.botJid);
  return { subscription: String(item?.attrs.subscription ?? "none"), ask: (item?.attrs.ask as string | undefined) ?? null };
}

test("a moderator approves one stranger and denies another; each one's server holds the answer", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  const requests = main(page).getByRole("region", { name: "Subscription requests from strangers" });
  await expect(async () => {
    await page.reload();
    await expect(requests.getByTestId(`request-${walker.bareJid}`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  await requests.getByRole("button", { name: `Approve ${strangerJid}` }).click();
  await expect(requests.getByRole("status")).toHaveText(`Approved: ${strangerJid} may now see the bot's presence. The answer is on its way to their server.`);
  await expect(requests.getByTestId(`request-${strangerJid}`)).toHaveCount(0);
  // Their server now lets them see the bot: a fresh roster fetch says "to", with nothing pending.
  await expect.poll(() => botOnRosterOf(stranger), { timeout: 15_000 }).toEqual({ subscription: "to", ask: null });

  await requests.getByRole("button", { name: `Deny ${walker.bareJid}` }).click();
  await expect(requests.getByRole("status")).toContainText(`Denied: ${walker.bareJid}`);
  await expect(requests.getByTestId(`request-${walker.bareJid}`)).toHaveCount(0);
  // Turned down: no subscription, and the request no longer pending on their server.
  await expect.poll(() => botOnRosterOf(walker), { timeout: 15_000 }).toEqual({ subscription: "none", ask: null });

  // Both answers are in the queue's history and the audit log, with who decided.
  await page.goto("/moderation/commands");
  await expect(main(page).getByRole("row").filter({ hasText: `Approve ${strangerJid}'s request` })).toContainText(/Done|Waiting|Running/);
  await page.goto("/moderation/audit?action=subscription-request.deny");
  await expect(main(page).getByRole("table").getByRole("row").filter({ hasText: walker.bareJid })).toContainText("Miriam Moderator");
});

test("the command queue says what each command asked and how it went; the audit log filters by action", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/commands");
  const addNora = main(page).getByRole("row").filter({ hasText: noraJid }).filter({ hasText: /roster/i }).first();
  await expect(async () => {
    await page.reload();
    await expect(addNora).toContainText("Done", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  await main(page).getByRole("navigation", { name: "Moderators' console" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const rows = main(page).getByRole("table").getByRole("row");
  await expect(rows.filter({ hasText: "member.set-role" })).toContainText("The operator");
  await expect(rows.filter({ hasText: "Miriam Moderator" }).first()).toBeVisible();

  await page.getByLabel("Action").selectOption("member.set-role");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/action=member\.set-role/);
  await expect(main(page).getByRole("table").getByRole("rowheader")).toHaveText(["member.set-role"]);
  await expect(rows.filter({ hasText: "Miriam Moderator" })).toHaveCount(0);
  await main(page).getByRole("link", { name: "Show everything" }).click();
  await expect(page).toHaveURL(/\/moderation\/audit$/);
  await expect(rows.filter({ hasText: "Miriam Moderator" }).first()).toBeVisible();
  await expect(main(page).getByRole("table").getByRole("rowheader").filter({ hasText: "member.set-role" })).toHaveCount(1);
});

test("console pages follow changes without a reload: a contact added by another client of the bot, a command's state", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  await expect(page.getByTestId("console-live")).toContainText("Live");
  // Set on this document only: a reload would take it away.
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  const otherBotClient = await connectMemberClient({
    service: stack.prosody.service,
    domain: stack.prosody.domain,
    username: stack.botJid.split("@")[0] ?? "",
    password: stack.botPassword,
    resource: "office-laptop",
  });
  clients.push(otherBotClient);
  const officeJid = `parish-office@${stack.prosody.domain}`;
  await otherBotClient.xmpp.iqCaller.set(xml("query", { xmlns: "jabber:iq:roster" }, xml("item", { jid: officeJid, name: "Parish office" }, xml("group", {}, "Staff"))));
  const officeRow = main(page).getByRole("row").filter({ hasText: officeJid });
  await expect(officeRow).toContainText("Parish office");
  await expect(officeRow).toContainText("Staff");

  await main(page).getByRole("navigation", { name: "Moderators' console" }).getByRole("link", { name: "Commands" }).click();
  await expect(page.getByRole("heading", { name: "Commands", level: 1 })).toBeVisible();
  const { id } = await enqueueCommand(stack.db, "presence.resync", {});
  await expect(main(page).getByTestId(`command-${id}`)).toContainText("Done");
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
});

test("a failed command is tried again once from the queue; a second try of it is refused in words", async ({ page }) => {
  const failed = await stack.db.command.create({
    data: { kind: "presence.resync", payload: "{}", status: "failed", attempts: 10, lastError: "the database was locked", finishedAt: new Date() },
  });
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/commands");
  const row = main(page).getByTestId(`command-${failed.id}`);
  await expect(row).toContainText("Failed");
  await row.getByRole("button", { name: `Try again command #${failed.id}` }).click();
  await expect(row.getByRole("status")).toContainText("Queued again as command #");
  const again = await stack.db.command.findFirstOrThrow({ where: { id: { gt: failed.id }, kind: "presence.resync" }, orderBy: { id: "asc" } });
  await expect(main(page).getByTestId(`command-${again.id}`)).toContainText("Done");
  await expect(row).toContainText("Failed"); // the history stays as it was

  await row.getByRole("button", { name: `Try again command #${failed.id}` }).click();
  await expect(row.getByRole("alert")).toHaveText(`Command #${failed.id} was already tried again as #${again.id}, so nothing was queued.`);
  expect(await stack.db.command.count({ where: { id: { gt: failed.id }, kind: "presence.resync" } })).toBe(1);
});

test("the console refuses a member with 403 on every page and sends a visitor to sign in", async ({ page }) => {
  for (const path of ["/moderation/roster", "/moderation/commands", "/moderation/audit"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(path)}$`));
  }
  await signIn(page, MEMBER, PASSWORD);
  await expect(page.getByRole("banner").getByRole("link", { name: "Moderation" })).toHaveCount(0);
  for (const path of ["/moderation/roster", "/moderation/commands", "/moderation/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(main(page).getByRole("heading", { name: "This page is for moderators" })).toBeVisible();
    await expect(main(page)).not.toContainText(noraJid);
  }
});

test("an answer given while the presence service is stopped waits in the queue and is carried out once when it starts", async ({ page }) => {
  await stack.prosody.register("pilgrim", "pilgrim-xmpp-password");
  const pilgrim = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: "pilgrim", password: "pilgrim-xmpp-password" });
  clients.push(pilgrim);
  await pilgrim.sendPresence();
  await pilgrim.sendRaw(xml("presence", { to: stack.botJid, type: "subscribe" }));

  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  const requests = main(page).getByRole("region", { name: "Subscription requests from strangers" });
  await expect(requests.getByTestId(`request-${pilgrim.bareJid}`)).toBeVisible({ timeout: 15_000 }); // arrives live

  await stack.stopWorker();
  await requests.getByRole("button", { name: `Approve ${pilgrim.bareJid}` }).click();
  await expect(requests.getByRole("status")).toContainText(`Approved: ${pilgrim.bareJid}`);
  await main(page).getByRole("navigation", { name: "Moderators' console" }).getByRole("link", { name: "Commands" }).click();
  const answer = main(page).getByRole("row").filter({ hasText: `Approve ${pilgrim.bareJid}'s request` });
  await expect(answer).toContainText("Waiting");
  await page.waitForTimeout(1_000); // nobody is there to carry it out: their request is still pending
  expect(await botOnRosterOf(pilgrim)).toEqual({ subscription: "none", ask: "subscribe" });

  await stack.startWorker();
  await expect(answer).toContainText("Done", { timeout: 20_000 }); // the page follows it live
  await expect.poll(() => botOnRosterOf(pilgrim), { timeout: 15_000 }).toEqual({ subscription: "to", ask: null });
  // Carried out once: one command, tried once, and nothing left waiting.
  const commands = await stack.db.command.findMany({ where: { kind: "subscription.approve", payload: { contains: pilgrim.bareJid } } });
  expect(commands).toMatchObject([{ status: "done", attempts: 1 }]);
  // Their server offered the request again when the bot came back; the answer given settles that too.
  await page.goto("/moderation/roster");
  await expect(requests.getByTestId(`request-${pilgrim.bareJid}`)).toHaveCount(0);
});
