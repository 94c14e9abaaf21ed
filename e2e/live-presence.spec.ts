// A member's XMPP client changes presence and the dot beside their name follows, live, in real
// Chromium: the whole product runs as separate processes (private Prosody, worker, Next.js).
import { expect, test } from "@playwright/test";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import { startDatabaseLockHolder } from "@/scripts/lib/database-lock";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";

let stack: LocalStack;
let memberId: string;
let jid: string;
let client: MemberClient | null = null;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("live-presence");
  await stack.prosody.register("grace", "grace-password");
  const member = await createMember(stack.db, { handle: "grace", displayName: "Grace Hopper", presenceVisibility: "public" });
  if (!member.ok) throw new Error(member.error);
  memberId = member.value.id;
  const link = await attachJabberId(stack.db, { handle: "grace", jid: `grace@${stack.prosody.domain}` });
  if (!link.ok) throw new Error(link.error);
  jid = link.value.jid;
  const category = await stack.db.category.create({ data: { slug: "general", name: "General" } });
  await stack.db.post.create({ data: { title: "Choir practice moves to Tuesday", body: "See you there.", authorId: memberId, categoryId: category.id } });
});

test.afterAll(async () => {
  await client?.stop();
  await stack?.stop();
});

async function loginGrace(): Promise<MemberClient> {
  client = await connectMemberClient({
    service: stack.prosody.service,
    domain: stack.prosody.domain,
    username: "grace",
    password: "grace-password",
    resource: "laptop",
    autoApproveFrom: [stack.botJid],
  });
  return client;
}

test("the dot follows the member's client: Online, Away, Offline, without a reload", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Choir practice moves to Tuesday" })).toBeVisible();
  const dot = page.getByTestId(`presence-${memberId}`).first();
  const chat = page.getByTestId(`chat-${memberId}`);
  await expect(dot).toHaveAttribute("data-state", /unknown|offline/);
  await expect(chat).toHaveCount(0);
  // A marker that a reload would wipe out.
  await page.evaluate(() => document.body.setAttribute("data-e2e-marker", "still-here"));

  const grace = await loginGrace();
  await grace.sendPresence(); // initial presence: the bot's subscription request arrives and is approved
  await expect(dot).toHaveAttribute("data-state", "available", { timeout: 10_000 });
  await expect(dot).toHaveAccessibleName(/Online/);
  await expect(chat.first()).toHaveAttribute("href", `xmpp:${jid}?message`);

  await grace.sendPresence({ show: "away", status: "Back after lunch" });
  await expect(dot).toHaveAttribute("data-state", "away");
  await expect(dot).toHaveAccessibleName(/Away/);
  await expect(dot).toHaveAttribute("title", "Away: Back after lunch");

  await grace.stop();
  client = null;
  await expect(dot).toHaveAttribute("data-state", "offline");
  await expect(dot).toHaveAccessibleName(/Offline/);
  await expect(chat).toHaveCount(0);
  await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "still-here");
});

test("when the worker stops the page says live presence is paused and no dot stays green", async ({ page }) => {
  const grace = await loginGrace();
  const hostile = `<img src=x onerror="document.body.dataset.pwned='yes'">`;
  await grace.sendPresence({ status: hostile });
  await page.goto("/members");
  const dot = page.getByTestId(`presence-${memberId}`).first();
  await expect(dot).toHaveAttribute("data-state", "available", { timeout: 10_000 });
  // Status text with markup is shown as text, never run.
  await expect(page.getByText(hostile)).toBeVisible();
  // Idle time (XEP-0319) from the member's client shows beside the state.
  await grace.sendPresence({ status: hostile, extra: [xml("idle", { xmlns: "urn:xmpp:idle:1", since: new Date(Date.now() - 600_000).toISOString() })] });
  await expect(page.getByTestId(`presence-text-${memberId}`)).toContainText("Online · idle");
  await expect(page.locator("body")).not.toHaveAttribute("data-pwned", "yes");
  await expect(page.locator("main img")).toHaveCount(0);

  await stack.stopWorker();
  await expect(page.getByTestId("live-status")).toContainText(/paused/i);
  await expect(dot).toHaveAttribute("data-state", "unknown");
  await expect(dot).toHaveAccessibleName(/Unknown/);
  await expect(page.getByTestId(`chat-${memberId}`)).toHaveCount(0);

  // A page rendered while the worker is down starts grey too, never with a stale green.
  await page.reload();
  await expect(page.getByTestId(`presence-${memberId}`).first()).toHaveAttribute("data-state", "unknown");

  await stack.startWorker();
  await expect(page.getByTestId(`presence-${memberId}`).first()).toHaveAttribute("data-state", "available", { timeout: 15_000 });
  await expect(page.getByTestId("live-status")).not.toContainText(/paused/i);
});

test("while another process holds the database's write lock the page says presence is waiting, no dot stays green, and it catches up", async ({ page }) => {
  const grace = client ?? (await loginGrace());
  await grace.sendPresence({ status: "Ready" });
  await page.goto("/members");
  const dot = page.getByTestId(`presence-${memberId}`).first();
  await expect(dot).toHaveAttribute("data-state", "available", { timeout: 15_000 });

  const holder = await startDatabaseLockHolder(stack.databaseUrl);
  try {
    await holder.lock();
    await grace.sendPresence({ show: "away", status: "Stepped out" });
    // The change cannot be stored: the page says so in words and the dot greys, never a stale green.
    await expect(page.getByTestId("live-status")).toContainText(/waiting for the board's database/, { timeout: 8_000 });
    await expect(dot).toHaveAttribute("data-state", "unknown");
    await expect(page.getByTestId(`chat-${memberId}`)).toHaveCount(0);
    await holder.release();
  } finally {
    await holder.stop();
  }
  await expect(dot).toHaveAttribute("data-state", "away", { timeout: 10_000 });
  await expect(dot).toHaveAttribute("title", "Away: Stepped out");
  await expect(page.getByTestId("live-status")).not.toContainText(/waiting/);
});
