// A newcomer joins, links their own Jabber ID through the bot and goes live, in real Chromium with a
// real Prosody: the code travels by chat to a real XMPP client, the browser enters it, the client
// approves the bot's subscription request and the newcomer's dot turns green.
import { expect, test } from "@playwright/test";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";

let stack: LocalStack;
let client: MemberClient | null = null;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("jabber-link");
  await stack.prosody.register("nora", "nora-xmpp-password");
});

test.afterAll(async () => {
  await client?.stop();
  await stack?.stop();
});

test("a newcomer signs up, proves their Jabber ID with the code sent by chat, and their dot goes live", async ({ page }) => {
  test.setTimeout(60_000);
  const domain = stack.prosody.domain;
  const jid = `nora@${domain}`;

  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Nora Newcomer");
  await page.getByLabel("Email").fill("nora@example.org");
  await page.getByLabel("Password").fill("a long and happy password");
  await page.getByRole("button", { name: /create account/i }).click();
  await expect(page.getByRole("banner")).toContainText("Nora Newcomer");

  // The member's own Jabber client is running (no automatic approval: the person decides).
  client = await connectMemberClient({ service: stack.prosody.service, domain, username: "nora", password: "nora-xmpp-password", resource: "phone" });
  await client.sendPresence();
  const codeMessage = client.waitFor((stanza) => stanza.is("message") && /[A-Z0-9]{4}-[A-Z0-9]{4}/.test(stanza.getChildText("body") ?? ""), 20_000);

  await page.goto("/profile");
  // Typed the way people type it: capitals and the client's resource. Stored as the bare JID.
  await page.getByRole("textbox", { name: "Jabber ID" }).fill(`Nora@${domain.toUpperCase()}/phone`);
  await page.getByRole("button", { name: "Link Jabber ID" }).click();
  const state = page.getByTestId(`jabber-link-state-${jid}`);
  // The profile is rendered on the server: it shows the worker's progress on the next load.
  const stateReads = async (words: RegExp) =>
    expect(async () => {
      await page.reload();
      await expect(state).toContainText(words, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  await stateReads(/waiting for the code/i);

  const body = (await codeMessage).getChildText("body") ?? "";
  const code = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(body)?.[0];
  expect(code).toBeTruthy();
  expect((await codeMessage).attrs.from).toMatch(new RegExp(`^${stack.botJid}`));

  await page.getByLabel(/code/i).fill(code ?? "");
  await page.getByRole("button", { name: /confirm/i }).click();
  await stateReads(/approve/i);

  // The bot asked for Nora's presence when the link began; her client says yes now.
  await client.sendRaw(xml("presence", { to: stack.botJid, type: "subscribed" }));
  await stateReads(/^linked/i);

  const member = await stack.db.member.findUniqueOrThrow({ where: { email: "nora@example.org" }, select: { id: true } });
  await page.goto("/members");
  const dot = page.getByTestId(`presence-${member.id}`);
  await expect(dot).toHaveAttribute("data-state", "available", { timeout: 15_000 });
  await client.sendPresence({ show: "away" });
  await expect(dot).toHaveAttribute("data-state", "away", { timeout: 10_000 });
});
