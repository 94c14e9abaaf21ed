// A member's profile shows their presence history, in real Chromium against the whole product: a real
// XMPP client goes online, away, busy and offline, and the profile says "Online now", then "Last seen",
// draws those states as bands in today's row of the timeline and counts the time online today. A
// visitor sees none of it for a members-only member: exactly what a member without a Jabber ID shows.
import { expect, test, type Page } from "@playwright/test";
import type { LocalStack } from "@/scripts/lib/local-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { addMember, connectLinkedClient } from "./members";
import { signIn } from "./sign-in";

let stack: LocalStack;
let graceId = "";
let client: MemberClient | null = null;
const VIEWER = { email: "vera@example.org", password: "vera's long password" };

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("presence-history");
  // Presence for members only (the default), so a visitor may not see it. Her client is connected
  // but has sent no presence yet.
  graceId = (await addMember(stack.db, { displayName: "Grace Hopper", email: "grace@example.org", password: "grace's long password", handle: "grace" })).id;
  client = (await connectLinkedClient(stack, "grace")).client;
  await addMember(stack.db, { displayName: "Vera Viewer", email: VIEWER.email, password: VIEWER.password, handle: "vera" });
  await addMember(stack.db, { displayName: "Nell No-Jabber", email: "nell@example.org", password: "nell's long password", handle: "nell", presenceVisibility: "public" });
  const gone = await addMember(stack.db, { displayName: "Sam Suspended", email: "sam@example.org", password: "sam's long password", handle: "sam" });
  await stack.db.member.update({ where: { id: gone.id }, data: { suspendedAt: new Date() } });
});

test.afterAll(async () => {
  await client?.stop();
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");
const presenceSection = (page: Page) => main(page).getByRole("region", { name: "Presence" });

test("the profile follows a real client online, away, busy and offline, and draws those bands in today's row", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, VIEWER.email, VIEWER.password);
  // Names link to profiles.
  await page.goto("/members");
  await main(page).getByRole("link", { name: "Grace Hopper" }).click();
  await expect(page).toHaveURL(/\/members\/grace$/);
  await expect(page.getByRole("heading", { name: "Grace Hopper", level: 1 })).toBeVisible();

  const dot = presenceSection(page).getByTestId(`presence-${graceId}`);
  const seen = presenceSection(page).getByTestId("last-seen");
  // Just linked: unknown (nothing said beside it) or offline and never seen online.
  await expect(dot).toHaveAttribute("data-state", /^(unknown|offline)$/);

  if (!client) throw new Error("Grace's client is not connected");
  await client.sendPresence();
  await expect(dot).toHaveAttribute("data-state", "available", { timeout: 15_000 });
  await expect(seen).toHaveText("Online now");
  await page.waitForTimeout(1_200);
  await client.sendPresence({ show: "away", status: "Back after lunch" });
  await expect(dot).toHaveAttribute("data-state", "away");
  await expect(seen).toHaveText("Online now");
  await page.waitForTimeout(1_200);
  await client.sendPresence({ show: "dnd" });
  await expect(dot).toHaveAttribute("data-state", "dnd");
  await page.waitForTimeout(1_200);
  await client.stop();
  client = null;
  await expect(dot).toHaveAttribute("data-state", "offline", { timeout: 10_000 });
  // Live, without a reload; the exact time is on hover.
  await expect(seen).toHaveText("Last seen just now");
  await expect(seen.locator("time")).toHaveAttribute("title", / UTC$/);

  // The timeline is drawn when the page is read: today's row ends with the client's four states.
  await page.reload();
  const timeline = presenceSection(page).getByRole("img", { name: /Grace Hopper's presence over the last seven days/ });
  await expect(timeline).toBeVisible();
  const rows = timeline.locator("g[data-day]");
  await expect(rows).toHaveCount(7);
  const today = rows.last();
  const states = await today.locator("rect[data-state]").evaluateAll((bands) => bands.map((band) => band.getAttribute("data-state")));
  expect(states.slice(-4)).toEqual(["available", "away", "dnd", "offline"]);
  // Before the client came online the member was unknown (just linked) or offline (subscribed, silent).
  for (const state of states.slice(0, -4)) expect(["unknown", "offline"]).toContain(state);
  await expect(today.locator('rect[data-state="away"] title')).toHaveText(/^Away, \d\d:\d\d–\d\d:\d\d UTC$/);
  await expect(today.locator('rect[data-state="dnd"] title')).toHaveText(/^Busy, \d\d:\d\d–\d\d:\d\d UTC$/);
  // The earlier days are all unknown: nothing was stored before the link.
  for (const row of (await rows.all()).slice(0, -1)) {
    expect(await row.locator("rect[data-state]").evaluateAll((bands) => bands.map((band) => band.getAttribute("data-state")))).toEqual(["unknown"]);
  }

  const totals = presenceSection(page).getByRole("table", { name: "Time online each day" });
  await expect(totals.getByRole("row")).toHaveCount(8);
  const todayRow = totals.getByRole("row", { name: /^Today/ });
  await expect(todayRow.getByRole("cell")).not.toHaveText("none");
  await expect(totals.getByRole("row").nth(1).getByRole("cell")).toHaveText("none");
});

test("a visitor sees no presence of a members-only member: the same as for a member without a Jabber ID", async ({ page }) => {
  await page.goto("/members/grace");
  await expect(page.getByRole("heading", { name: "Grace Hopper", level: 1 })).toBeVisible();
  await expect(presenceSection(page)).toContainText("No Jabber ID linked");
  await expect(page.getByTestId("presence-timeline")).toHaveCount(0);
  await expect(page.getByTestId("last-seen")).toHaveCount(0);
  const hidden = await presenceSection(page).innerHTML();

  await page.goto("/members/nell");
  await expect(page.getByRole("heading", { name: "Nell No-Jabber", level: 1 })).toBeVisible();
  expect(await presenceSection(page).innerHTML()).toBe(hidden);

  // Unknown and suspended members have no profile at all.
  for (const handle of ["nobody", "sam"]) {
    const response = await page.goto(`/members/${handle}`);
    expect(response?.status(), handle).toBe(404);
    await expect(main(page)).toContainText("There is nothing at this address");
  }
});
