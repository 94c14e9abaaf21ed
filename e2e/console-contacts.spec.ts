// Moderators manage the bot's roster contacts in real Chromium against the whole product (private
// Prosody, worker, Next.js): adding a contact at phone width (the command's state in the queue, the
// row once the worker has mirrored it, the contact's own client asked), changing its groups, and
// removing a linked member's Jabber ID through the confirmation that says what happens to the link.
import { expect, test, type Page } from "@playwright/test";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn, signedInPage } from "./sign-in";

const PASSWORD = "a long and happy password";
const MODERATOR = "miriam@example.org";
let stack: LocalStack;
let quinn: MemberClient;
let nora: MemberClient;
let noraJid: string;
const clients: MemberClient[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("console-contacts");
  await seedDefaultCategories(stack.db);
  await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  await addMember(stack.db, { displayName: "Nora Newcomer", email: "nora@example.org", password: PASSWORD, handle: "nora" });
  for (const name of ["quinn", "nora"]) await stack.prosody.register(name, `${name}-xmpp-password`);
  const connect = (name: string) =>
    connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: name, password: `${name}-xmpp-password`, autoApproveFrom: [stack.botJid] });
  [quinn, nora] = await Promise.all([connect("quinn"), connect("nora")]);
  clients.push(quinn, nora);
  for (const client of clients) await client.sendPresence();
  // Nora's Jabber ID is linked to her profile (attached by the operator) and on the bot's roster.
  const attached = await attachJabberId(stack.db, { handle: "nora", jid: nora.bareJid });
  if (!attached.ok) throw new Error(attached.error);
  noraJid = attached.value.jid;
});

test.afterAll(async () => {
  for (const client of clients) await client.stop();
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");

/** The bot as a fresh roster fetch of this client shows it. */
async function botOnRosterOf(client: MemberClient): Promise<string> {
  const result = await client.xmpp.iqCaller.request(xml("iq", { type: "get" }, xml("query", { xmlns: "jabber:iq:roster" })));
  const item = result.getChild("query")?.getChildren("item").find((child) => child.attrs.jid === stack.botJid);
  return String(item?.attrs.subscription ?? "absent");
}

test("at phone width a moderator adds a contact, follows the command and sees the row appear; the contact is asked", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  const form = main(page).getByRole("region", { name: "Add a contact" });
  const asked = quinn.waitFor((stanza) => stanza.is("presence") && stanza.attrs.type === "subscribe" && stanza.attrs.from === stack.botJid, 20_000);

  // A malformed JID is refused beside the field, which gets the keyboard.
  await form.getByLabel("Jabber ID").fill("quinn at home");
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByLabel("Jabber ID")).toBeFocused();
  await expect(form.getByText(/"quinn at home" is not a valid Jabber ID/)).toBeVisible();

  await form.getByLabel("Jabber ID").fill(quinn.bareJid.toUpperCase());
  await form.getByLabel("Name (optional)").fill("Quinn");
  await form.getByLabel("Groups (optional)").fill("Choir, wardens, choir");
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByRole("status")).toHaveText(`${quinn.bareJid} will be added to the roster and asked to share their presence; they may see the bot's presence too.`);
  await expect(form.getByLabel("Jabber ID")).toHaveValue("");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await asked; // the contact's own client received the bot's subscription request

  // The same JID again is a duplicate, refused in words.
  await form.getByLabel("Jabber ID").fill(quinn.bareJid);
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByRole("alert")).toHaveText(new RegExp(`^${quinn.bareJid} is already (being added to|on) the roster, so nothing was changed\\.$`));

  await page.goto("/moderation/roster");
  await form.getByLabel("Jabber ID").fill(`rhea@${stack.prosody.domain}`);
  await form.getByRole("button", { name: "Add contact" }).click();
  await form.getByRole("link", { name: /^Follow command #\d+ in the command queue$/ }).click();
  await expect(page).toHaveURL(/\/moderation\/commands$/);
  const command = main(page).getByRole("row").filter({ hasText: `Add rhea@${stack.prosody.domain} to the bot's roster, and let them see the bot's presence` });
  await expect(command).toContainText("Done", { timeout: 20_000 });
  await expect(main(page).getByRole("row").filter({ hasText: `Add ${quinn.bareJid} to the bot's roster as "Quinn" in groups "Choir" and "wardens"` })).toContainText("Done");

  await page.goto("/moderation/roster");
  const row = main(page).getByTestId(`roster-${quinn.bareJid}`);
  await expect(row).toContainText("to: we see theirs", { timeout: 20_000 });
  await expect(row).toContainText("Quinn");
  await expect(row).toContainText("Choir, wardens");
  await expect(row).toContainText("Not linked to a member");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("a moderator changes a contact's groups; the roster shows them once the server has them, without a reload", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  const row = main(page).getByTestId(`roster-${quinn.bareJid}`);
  await expect(row).toContainText("Choir, wardens", { timeout: 20_000 });
  await row.getByText(`Edit ${quinn.bareJid}`).click();
  await expect(row.getByLabel(`Name of ${quinn.bareJid}`)).toHaveValue("Quinn");
  await row.getByLabel(`Groups of ${quinn.bareJid}`).fill("Bells, Choir");
  await row.getByRole("button", { name: `Save ${quinn.bareJid}` }).click();
  await expect(row.getByRole("status")).toHaveText(`${quinn.bareJid} will be called "Quinn", in Bells, Choir.`);
  await expect(row.getByRole("status").locator("..")).toBeFocused();
  // The page follows the roster live: the server's roster push brings the new groups.
  await expect(row.locator("td").first()).toContainText("Bells, Choir", { timeout: 20_000 });

  // Saving the same again changes nothing, and says so.
  await row.getByRole("button", { name: `Save ${quinn.bareJid}` }).click();
  await expect(row.getByRole("alert")).toHaveText("That is already the contact's name and groups, so nothing was changed.");

  await page.goto("/moderation/audit?action=roster.edit-contact");
  await expect(main(page).getByRole("table").getByRole("row").filter({ hasText: quinn.bareJid })).toContainText("Miriam Moderator");
});

test("removing a linked member's Jabber ID asks first, saying what happens to the link; confirmed, it is removed and unlinked", async ({ page, browser }) => {
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation/roster");
  const row = main(page).getByTestId(`roster-${noraJid}`);
  await expect(row).toContainText("Nora Newcomer", { timeout: 20_000 });
  await expect.poll(() => botOnRosterOf(nora), { timeout: 15_000 }).not.toBe("absent");

  await row.getByRole("button", { name: `Remove ${noraJid}` }).click();
  const warning = row.getByRole("alert");
  await expect(warning).toHaveText(`${noraJid} is Nora Newcomer's verified Jabber ID. Removing it also unlinks it from their profile; their presence stops showing.`);
  // Nothing removed yet: the question keeps the keyboard, and "Keep it" takes it back.
  await row.getByRole("button", { name: "Keep it" }).click();
  await expect(warning).toHaveCount(0);
  await expect(row.getByRole("button", { name: `Remove ${noraJid}` })).toBeFocused();
  await page.reload();
  await expect(row).toContainText("Nora Newcomer");
  expect(await stack.db.jabberLink.count({ where: { jid: noraJid } })).toBe(1);

  await row.getByRole("button", { name: `Remove ${noraJid}` }).click();
  await expect(row.getByRole("alert")).toBeVisible();
  await row.getByRole("button", { name: `Remove and unlink ${noraJid}` }).click();
  // Said above the table, where it stays once the row goes (the page follows the roster live).
  const answer = main(page).getByTestId("roster-answer");
  await expect(answer.getByRole("status")).toHaveText(`${noraJid} will be removed from the roster and is unlinked from Nora Newcomer's profile.`);
  await expect(answer).toBeFocused();

  await expect(main(page).getByTestId(`roster-${noraJid}`)).toHaveCount(0, { timeout: 15_000 });
  await expect(answer).toContainText(`${noraJid} will be removed`);
  // The server took her off the bot's roster: her own client no longer shares presence with the bot.
  await expect.poll(() => botOnRosterOf(nora), { timeout: 15_000 }).toMatch(/^(none|absent)$/);
  // And her profile no longer lists it.
  const noraPage = await signedInPage(browser, "nora@example.org", PASSWORD);
  await noraPage.goto("/profile");
  await expect(noraPage.getByRole("main")).not.toContainText(noraJid);
});
