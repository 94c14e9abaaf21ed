// The worker process is killed with SIGKILL while members' clients are changing presence and a page
// is open: the page says live presence is paused and greys every dot (so does a page opened while the
// worker is dead, though its last heartbeat is still fresh), and when the worker is started again the
// same page, never reloaded, goes live by itself with every member's real presence.
import { expect, test, type Page } from "@playwright/test";
import type { LocalStack } from "@/scripts/lib/local-stack";
import type { MemberClient, PresenceShow } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { bringMembersOnline } from "./members";

const GREY_WITHIN_MS = 5_000;

let stack: LocalStack;
const people = { cleo: { name: "Cleo Smith", id: "" }, dara: { name: "Dara Jones", id: "" }, eli: { name: "Eli Brown", id: "" } };
type Handle = keyof typeof people;
let clients = new Map<Handle, MemberClient>();

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("faults-worker-crash");
  clients = await bringMembersOnline(stack, people);
});

test.afterAll(async () => {
  await Promise.all([...clients.values()].map((client) => client.stop()));
  await stack?.stop();
});

const dot = (page: Page, handle: Handle) => page.getByTestId(`presence-${people[handle].id}`).first();

function client(handle: Handle): MemberClient {
  const found = clients.get(handle);
  if (!found) throw new Error(`no client for ${handle}`);
  return found;
}

/** A few quick presence changes from every client, as people fiddling with their status. */
async function burst(steps: number): Promise<void> {
  const shows: (PresenceShow | undefined)[] = ["away", undefined, "dnd", "xa"];
  await Promise.all(
    [...clients.keys()].map(async (handle) => {
      for (let i = 0; i < steps; i++) {
        await client(handle).sendPresence({ show: shows[i % shows.length], status: `${handle} ${i}` });
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    }),
  );
}

test("SIGKILL of the worker mid-burst: the page greys at once, and goes live again by itself with the real presence", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto("/members");
  for (const handle of Object.keys(people) as Handle[]) await expect(dot(page, handle)).toHaveAttribute("data-state", "available", { timeout: 15_000 });
  await page.evaluate(() => document.body.setAttribute("data-e2e-marker", "never-reloaded"));

  const bursting = burst(10);
  await new Promise((resolve) => setTimeout(resolve, 150));
  const killedAt = Date.now();
  await stack.stopWorker("SIGKILL");
  await expect(page.getByTestId("live-status")).toContainText(/paused/i, { timeout: GREY_WITHIN_MS });
  for (const handle of Object.keys(people) as Handle[]) await expect(dot(page, handle)).toHaveAttribute("data-state", "unknown", { timeout: 1 });
  console.info(`worker killed: the page greyed after ${Date.now() - killedAt} ms`);
  await bursting;

  // A page opened now, while the dead worker's last heartbeat still looks fresh, is never green for long.
  const fresh = await browser.newPage();
  const openedAt = Date.now();
  await fresh.goto("/members", { waitUntil: "commit" });
  const firstSeen = await dot(fresh, "cleo").getAttribute("data-state");
  await expect(fresh.getByTestId("live-status")).toContainText(/paused/i, { timeout: GREY_WITHIN_MS });
  await expect(dot(fresh, "cleo")).toHaveAttribute("data-state", "unknown", { timeout: 1 });
  console.info(`page opened after the kill: first drawn "${firstSeen}", paused after ${Date.now() - openedAt} ms`);
  await fresh.close();

  // While the worker is dead: Cleo logs off, Dara goes away, Eli stays as the burst left him.
  await client("cleo").stop();
  clients.delete("cleo");
  await client("dara").sendPresence({ show: "away", status: "Back at five" });
  await client("eli").sendPresence({ status: "Here" });

  await stack.startWorker();
  await expect(page.getByTestId("live-status")).not.toContainText(/paused/i, { timeout: 20_000 });
  await expect(dot(page, "cleo")).toHaveAttribute("data-state", "offline", { timeout: 10_000 });
  await expect(dot(page, "dara")).toHaveAttribute("data-state", "away");
  await expect(dot(page, "dara")).toHaveAttribute("title", "Away: Back at five");
  await expect(dot(page, "eli")).toHaveAttribute("data-state", "available");
  await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "never-reloaded");
});
