// Narthex on more than one machine, on loopback: PostgreSQL, two web nodes serving the board and the
// feed (joined by socket.io's PostgreSQL adapter), HAProxy in front as the one address, an active
// worker and a standby (scripts/lib/scaled-stack.ts). A visitor's browser is pinned to node a and a
// signed-in member's to node b by HAProxy's cookie. Presence heard by the worker reaches both, each
// only what its audience may see (a members-only member never reaches the visitor); when the active
// worker is killed both pages grey
// and go live again under the standby with the true presence; when a node is killed its browser,
// never reloaded, is carried to the other node and keeps getting presence.
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { NODE_COOKIE, NODE_HEADER } from "@/scripts/lib/private-haproxy";
import type { WorkerProcess } from "@/scripts/lib/local-stack";
import { startScaledStack, type ScaledStack } from "@/scripts/lib/scaled-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";
import { addMember, bringMembersOnline } from "./members";
import { signIn } from "./sign-in";
import { E2E_REALTIME_PORT, E2E_WEB_PORT } from "./ports";

const dataDir = path.resolve(".data", "e2e-scaling");
let stack: ScaledStack;
let standby: WorkerProcess;
const people = { cleo: { name: "Cleo Smith", id: "" }, dara: { name: "Dara Jones", id: "" }, mo: { name: "Mo Members-Only", id: "" } };
const reader = { displayName: "Ruth Reader", email: "ruth@example.org", password: "a long enough password" };
type Handle = keyof typeof people;
let clients = new Map<Handle, MemberClient>();

test.beforeAll(async () => {
  test.setTimeout(150_000);
  rmSync(dataDir, { recursive: true, force: true });
  stack = await startScaledStack({ dataDir, publicPort: E2E_WEB_PORT, realtimePort: E2E_REALTIME_PORT });
  standby = stack.spawnWorker("standby-worker");
  await addMember(stack.db, reader);
  clients = await bringMembersOnline(stack, people, (handle) => (handle === "mo" ? "members" : "public"));
});

test.afterAll(async () => {
  await Promise.all([...clients.values()].map((client) => client.stop()));
  await standby?.stop();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function client(handle: Handle): MemberClient {
  const found = clients.get(handle);
  if (!found) throw new Error(`no client for ${handle}`);
  return found;
}

const dot = (page: Page, handle: Handle) => page.getByTestId(`presence-${people[handle].id}`).first();

/** A browser whose every request, the feed's WebSocket too, HAProxy sends to the named node. */
async function browserOnNode(browser: Browser, node: string, signedInAs?: typeof reader): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: NODE_COOKIE, value: node, url: stack.webUrl }]);
  const page = await context.newPage();
  if (signedInAs) await signIn(page, signedInAs.email, signedInAs.password);
  const response = await page.goto("/members");
  expect(response?.headers()[NODE_HEADER], "the page came from the node it is pinned to").toBe(node);
  await page.evaluate(() => document.body.setAttribute("data-e2e-marker", "never-reloaded"));
  return page;
}

async function expectOnBoth(pages: Page[], handle: Handle, state: string, title?: string): Promise<void> {
  for (const page of pages) {
    await expect(dot(page, handle)).toHaveAttribute("data-state", state, { timeout: 15_000 });
    if (title) await expect(dot(page, handle)).toHaveAttribute("title", title);
  }
}

test("browsers on both web nodes keep correct presence when the active worker and then a node are killed", async ({ browser }) => {
  test.setTimeout(150_000);
  const onA = await browserOnNode(browser, "a");
  const onB = await browserOnNode(browser, "b", reader);
  const pages = [onA, onB];
  await expectOnBoth(pages, "cleo", "available");
  await expectOnBoth(pages, "dara", "available");
  await expectOnBoth([onB], "mo", "available");

  // Heard by the worker, handed to both nodes through PostgreSQL; each node keeps to its audiences.
  await client("mo").sendPresence({ show: "away", status: "Members only" });
  await client("cleo").sendPresence({ show: "away", status: "Choir practice" });
  await expectOnBoth(pages, "cleo", "away", "Away: Choir practice");
  await expectOnBoth([onB], "mo", "away", "Away: Members only");
  await expect(dot(onA, "mo")).toHaveCount(0);

  // The active worker dies: both nodes see its lease lapse and grey their browsers' dots.
  await stack.stopWorker("SIGKILL");
  for (const page of pages) await expect(page.getByTestId("live-status")).toContainText(/paused/i, { timeout: 10_000 });
  // Meanwhile Dara goes busy, with no worker to hear it.
  await client("dara").sendPresence({ show: "dnd", status: "In a meeting" });

  // The standby takes the lease, logs in and resynchronises every node: live again, with the truth.
  for (const page of pages) await expect(page.getByTestId("live-status")).not.toContainText(/paused/i, { timeout: 30_000 });
  await expectOnBoth(pages, "dara", "dnd", "Busy: In a meeting");
  await expectOnBoth(pages, "cleo", "away", "Away: Choir practice");
  await client("cleo").sendPresence({ status: "Back" });
  await expectOnBoth(pages, "cleo", "available", "Online: Back");

  // Node b dies: its browser's feed reconnects through HAProxy to node a and keeps following.
  const nodeB = stack.webNodes.find((node) => node.name === "b");
  if (!nodeB) throw new Error("no node b");
  await nodeB.stop("SIGKILL");
  await client("dara").sendPresence({ show: "xa", status: "Gone home" });
  await client("mo").sendPresence({ show: "dnd", status: "Still members only" });
  await expectOnBoth(pages, "dara", "xa", "Away for a while: Gone home");
  await expectOnBoth([onB], "mo", "dnd", "Busy: Still members only");
  await client("cleo").stop();
  clients.delete("cleo");
  await expectOnBoth(pages, "cleo", "offline");
  for (const page of pages) await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "never-reloaded");
  // The visitor never got anything of the members-only member, on either node.
  await expect(dot(onA, "mo")).toHaveCount(0);
  expect(await onA.content()).not.toContain("Members only");
  // The page itself is now answered by node a.
  const reloaded = await onB.reload();
  expect(reloaded?.headers()[NODE_HEADER]).toBe("a");
});
