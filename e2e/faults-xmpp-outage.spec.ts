// The XMPP server goes away while a page is open, for real (stopped for a while, and frozen with
// SIGSTOP): within 5 s the page says live presence is paused and every dot reads unknown, nobody is
// written down as having gone offline, and when the server is back the worker reconnects by itself
// and the same page, never reloaded, shows who is really online. The worker is the real process
// with its default settings.
import { expect, test, type Page } from "@playwright/test";
import { createMember } from "@/lib/members/create-member";
import type { LocalStack } from "@/scripts/lib/local-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { connectJabberClient, linkJabberAccount } from "./members";

const GREY_WITHIN_MS = 5_000;
/** The worker's default backoff after a few seconds' outage, a login and the silent contact's probe grace. */
const BACK_WITHIN_MS = 30_000;

let stack: LocalStack;
const people = {
  ada: { name: "Ada Lovelace", id: "", jid: "" },
  ben: { name: "Ben Franklin", id: "", jid: "" },
};
const clients = new Map<string, MemberClient>();

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("faults-xmpp-outage");
  for (const [handle, person] of Object.entries(people)) {
    const member = await createMember(stack.db, { handle, displayName: person.name, presenceVisibility: "public" });
    if (!member.ok) throw new Error(member.error);
    person.id = member.value.id;
    person.jid = await linkJabberAccount(stack, handle);
  }
});

test.afterAll(async () => {
  stack?.prosody.thaw();
  await Promise.all([...clients.values()].map((client) => client.stop()));
  await stack?.stop();
});

async function logIn(handle: keyof typeof people, status: { show?: "away"; status?: string } = {}): Promise<void> {
  await clients.get(handle)?.stop();
  const client = await connectJabberClient(stack, handle);
  clients.set(handle, client);
  await client.sendPresence(status);
}

const dot = (page: Page, person: { id: string }) => page.getByTestId(`presence-${person.id}`).first();

async function history(jid: string) {
  const rows = await stack.db.presenceEvent.findMany({ where: { bareJid: jid }, orderBy: { id: "asc" } });
  return rows.map((row) => `${row.fromState}->${row.toState}`);
}

/** How long after `since` the page read paused with every dot unknown (fails past the promise). */
async function greyAfter(page: Page, since: number): Promise<number> {
  const left = () => ({ timeout: Math.max(1, since + GREY_WITHIN_MS - Date.now()) });
  await expect(page.getByTestId("live-status")).toContainText(/paused/i, left());
  for (const person of Object.values(people)) await expect(dot(page, person)).toHaveAttribute("data-state", "unknown", left());
  const elapsed = Date.now() - since;
  expect(elapsed).toBeLessThan(GREY_WITHIN_MS);
  return elapsed;
}

test("the XMPP server stops: dots grey within 5 s, no one is written offline, and the same page shows the truth when it is back", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn("ada", { status: "Writing notes" });
  await logIn("ben", { show: "away" });
  await page.goto("/members");
  await expect(dot(page, people.ada)).toHaveAttribute("data-state", "available", { timeout: 15_000 });
  await expect(dot(page, people.ben)).toHaveAttribute("data-state", "away");
  await expect(page.getByTestId("live-status")).not.toContainText(/paused/i);
  await page.evaluate(() => document.body.setAttribute("data-e2e-marker", "never-reloaded"));
  const before = { ada: await history(people.ada.jid), ben: await history(people.ben.jid) };

  const stoppedAt = Date.now();
  const stopping = stack.prosody.shutDown();
  const greyMs = await greyAfter(page, stoppedAt);
  await stopping;
  console.info(`XMPP server stopped: the page greyed after ${greyMs} ms`);
  await expect(page.getByTestId(`chat-${people.ada.id}`)).toHaveCount(0);

  // Down for a while: still grey, and nobody's stored presence or history changed.
  await page.waitForTimeout(4_000);
  await expect(dot(page, people.ada)).toHaveAttribute("data-state", "unknown");
  expect(await history(people.ada.jid)).toEqual(before.ada);
  expect(await history(people.ben.jid)).toEqual(before.ben);
  expect((await stack.db.presence.findUniqueOrThrow({ where: { bareJid: people.ada.jid } })).state).toBe("available");

  // Back: Ada's client logs in again, Ben's does not (he logged off meanwhile).
  const backAt = new Date();
  await stack.prosody.startAgain();
  await clients.get("ben")?.stop();
  clients.delete("ben");
  await logIn("ada", { status: "Writing notes" });

  await expect(page.getByTestId("live-status")).not.toContainText(/paused/i, { timeout: BACK_WITHIN_MS });
  await expect(dot(page, people.ada)).toHaveAttribute("data-state", "available");
  await expect(dot(page, people.ben)).toHaveAttribute("data-state", "offline", { timeout: 10_000 });
  await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "never-reloaded");
  expect(await history(people.ada.jid)).toEqual(before.ada);
  expect(await history(people.ben.jid)).toEqual([...before.ben, "away->offline"]);
  const benLeft = await stack.db.presenceEvent.findFirstOrThrow({ where: { bareJid: people.ben.jid }, orderBy: { id: "desc" } });
  expect(benLeft.occurredAt.getTime()).toBeGreaterThanOrEqual(backAt.getTime());
});

test("the XMPP server hangs (SIGSTOP): dots grey within 5 s, and come back by themselves when it wakes", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/members");
  await expect(dot(page, people.ada)).toHaveAttribute("data-state", "available", { timeout: 15_000 });
  await page.evaluate(() => document.body.setAttribute("data-e2e-marker", "never-reloaded"));
  const before = await history(people.ada.jid);

  const frozenAt = Date.now();
  stack.prosody.freeze(); // the connection stays open and silent: only the worker's pings can tell
  try {
    const greyMs = await greyAfter(page, frozenAt);
    console.info(`XMPP server frozen: the page greyed after ${greyMs} ms`);
  } finally {
    stack.prosody.thaw();
  }

  await expect(page.getByTestId("live-status")).not.toContainText(/paused/i, { timeout: BACK_WITHIN_MS });
  await expect(dot(page, people.ada)).toHaveAttribute("data-state", "available");
  await expect(dot(page, people.ben)).toHaveAttribute("data-state", "offline");
  await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "never-reloaded");
  expect(await history(people.ada.jid)).toEqual(before);
});
