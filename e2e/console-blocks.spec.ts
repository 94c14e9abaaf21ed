// Blocking and the request policy in real Chromium against the whole product (private Prosody with
// blocking, worker, Next.js): a moderator blocks a stranger from the requests list, finds the address
// on the Blocked page once the server confirmed it (and the stranger's chat now bounces), unblocks it;
// blocks a server by name from the form; and changes what happens to strangers' requests, which a
// stranger's own client then sees. Members get 403 on the Blocked page.
import { expect, test, type Page } from "@playwright/test";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn } from "./sign-in";

const PASSWORD = "a long and happy password";
const MODERATOR = "miriam@example.org";
const MEMBER = "sam@example.org";
let stack: LocalStack;
let stranger: MemberClient;
const clients: MemberClient[] = [];

async function connectStranger(name: string): Promise<MemberClient> {
  await stack.prosody.register(name, `${name}-xmpp-password`);
  const client = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: name, password: `${name}-xmpp-password` });
  clients.push(client);
  // As a real client logs in: roster first (only such resources get the bot's answer, RFC 6121 §3.1.5), then presence.
  await client.xmpp.iqCaller.get(xml("query", { xmlns: "jabber:iq:roster" }), undefined, 5_000);
  await client.sendPresence();
  return client;
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("console-blocks");
  await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  await addMember(stack.db, { displayName: "Sam Member", email: MEMBER, password: PASSWORD, handle: "sam" });
  stranger = await connectStranger("pest");
  await stranger.sendRaw(xml("presence", { to: stack.botJid, type: "subscribe" }));
});

test.afterAll(async () => {
  for (const client of clients) await client.stop();
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");

/** Sends the bot a chat message; resolves with the type of what came back first ("chat" from the bot, or "error"). */
async function chatComesBackAs(client: MemberClient): Promise<string> {
  const back = client.waitFor((s) => s.is("message") && (s.attrs.from ?? "").startsWith(stack.botJid), 10_000);
  await client.sendMessage(stack.botJid, "help");
  return String((await back).attrs.type);
}

test("a moderator blocks a stranger from the requests list, sees it on the Blocked page, and unblocks it", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  const requests = main(page).getByRole("region", { name: "Subscription requests from strangers" });
  const block = requests.getByRole("button", { name: `Block ${stranger.bareJid}` });
  // The page shows the request once the worker kept it, and Block once the worker found blocking supported.
  await expect(async () => {
    await page.reload();
    await expect(block).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  expect(await chatComesBackAs(stranger)).toBe("chat");

  await block.click();
  await expect(requests.getByRole("status")).toHaveText(`Blocked ${stranger.bareJid}: its request is off the list and the bot's server will turn away everything it sends.`);
  await expect(requests.getByTestId(`request-${stranger.bareJid}`)).toHaveCount(0);

  await main(page).getByRole("navigation", { name: "Moderators' console" }).getByRole("link", { name: "Blocked" }).click();
  await expect(page.getByRole("heading", { name: "Blocked", level: 1 })).toBeVisible();
  await expect(main(page).getByTestId("blocking-support")).toHaveText(/supports blocking/);
  const row = main(page).getByTestId(`blocked-${stranger.bareJid}`);
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // Blocked for real: the bot's server sends the stranger's message back as an error.
  expect(await chatComesBackAs(stranger)).toBe("error");

  await row.getByRole("button", { name: `Unblock ${stranger.bareJid}` }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "Unblocked" })).toHaveText(`Unblocked ${stranger.bareJid}: it can reach the bot again once the server confirms.`);
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(main(page)).toContainText("Nobody is blocked.");
  await expect.poll(() => chatComesBackAs(stranger), { timeout: 15_000 }).toBe("chat");

  // A whole server, from the form; a malformed address is refused in words and stays in the field.
  const field = main(page).getByLabel("Jabber ID or server to block");
  await field.fill("not a jid");
  await main(page).getByRole("button", { name: "Block", exact: true }).click();
  await expect(field).toBeFocused();
  await expect(main(page)).toContainText("That is not a Jabber ID.");
  await expect(field).toHaveValue("not a jid");
  await field.fill("Spam.Example");
  await main(page).getByRole("button", { name: "Block", exact: true }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "Blocked spam.example" })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(main(page).getByTestId("blocked-spam.example")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  await page.goto("/moderation/audit?action=blocklist.unblock");
  await expect(main(page).getByRole("table").getByRole("row").filter({ hasText: stranger.bareJid })).toContainText("Miriam Moderator");
});

test("a moderator changes what happens to strangers' requests, and a stranger's client sees the answer", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  const requests = main(page).getByRole("region", { name: "Subscription requests from strangers" });
  await expect(requests.getByRole("radio", { name: "Keep them for a moderator" })).toBeChecked();
  await requests.getByRole("radio", { name: "Deny everyone" }).check();
  await requests.getByRole("button", { name: "Save policy" }).click();
  await expect(requests.getByRole("status")).toHaveText("Saved. Requests from Jabber IDs no member has linked: deny everyone.");
  await page.reload();
  await expect(requests.getByRole("radio", { name: "Deny everyone" })).toBeChecked();

  const late = await connectStranger("latecomer");
  const answer = late.waitFor((s) => s.is("presence") && s.attrs.from === stack.botJid && (s.attrs.type === "subscribed" || s.attrs.type === "unsubscribed"), 10_000);
  await late.sendRaw(xml("presence", { to: stack.botJid, type: "subscribe" }));
  expect((await answer).attrs.type).toBe("unsubscribed");
  await page.reload();
  await expect(requests.getByTestId(`request-${late.bareJid}`)).toHaveCount(0);

  // Choosing the policy already in force is refused in words.
  await requests.getByRole("button", { name: "Save policy" }).click();
  await expect(requests.getByRole("alert")).toHaveText("That is already the policy (deny everyone), so nothing was changed.");
  await requests.getByRole("radio", { name: "Keep them for a moderator" }).check();
  await requests.getByRole("button", { name: "Save policy" }).click();
  await expect(requests.getByRole("status")).toHaveText("Saved. Requests from Jabber IDs no member has linked: keep them for a moderator.");
});

test("the Blocked page refuses a member with 403 and sends a visitor to sign in", async ({ page }) => {
  await page.goto("/moderation/blocks");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fmoderation%2Fblocks$/);
  await signIn(page, MEMBER, PASSWORD);
  const response = await page.goto("/moderation/blocks");
  expect(response?.status()).toBe(403);
  await expect(main(page).getByRole("heading", { name: "This page is for moderators" })).toBeVisible();
});
