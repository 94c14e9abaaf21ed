// Presence visibility as viewers see it in real Chromium: what reaches the page, both in the HTML the
// server renders and in the socket.io frames the browser receives. A hidden member must look exactly
// like a member without a Jabber ID; a members-only member is invisible to signed-out visitors.
import { expect, test, type Page } from "@playwright/test";
import { createMember } from "@/lib/members/create-member";
import type { LocalStack } from "@/scripts/lib/local-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { addMember, connectLinkedClient } from "./members";
import { signIn } from "./sign-in";

type Person = { handle: string; name: string; visibility: "public" | "members" | "hidden"; id: string; jid: string; client: MemberClient | null };

let stack: LocalStack;
const people: Record<"pat" | "max" | "hedy", Person> = {
  pat: { handle: "pat", name: "Pat Public", visibility: "public", id: "", jid: "", client: null },
  max: { handle: "max", name: "Max Membersonly", visibility: "members", id: "", jid: "", client: null },
  hedy: { handle: "hedy", name: "Hedy Hidden", visibility: "hidden", id: "", jid: "", client: null },
};
const VIEWER = { email: "vera@example.org", password: "vera's long password" };

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("presence-privacy");
  const category = await stack.db.category.create({ data: { slug: "general", name: "General" } });
  for (const person of Object.values(people)) {
    const member = await createMember(stack.db, { handle: person.handle, displayName: person.name, presenceVisibility: person.visibility });
    if (!member.ok) throw new Error(member.error);
    person.id = member.value.id;
    const { jid, client } = await connectLinkedClient(stack, person.handle);
    person.jid = jid;
    person.client = client;
    await stack.db.post.create({ data: { title: `A note from ${person.name}`, body: "Hello.", authorId: person.id, categoryId: category.id } });
    await client.sendPresence({ status: `${person.handle}-status-1` });
  }
  await addMember(stack.db, { displayName: "Vera Viewer", email: VIEWER.email, password: VIEWER.password, handle: "vera" });
  // Everyone's presence is committed before any page loads.
  await expect
    .poll(() => stack.db.presence.count({ where: { state: "available" } }), { timeout: 20_000 })
    .toBe(3);
});

test.afterAll(async () => {
  for (const person of Object.values(people)) await person.client?.stop();
  await stack?.stop();
});

/** Every socket.io frame the page receives, as text. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (socket) => socket.on("framereceived", (frame) => frames.push(String(frame.payload))));
  return frames;
}

/** Moves every member's presence on, then waits until the page shows the last (public) change. */
async function changeEveryonesPresence(page: Page, round: number): Promise<void> {
  await people.hedy.client?.sendPresence({ show: "dnd", status: `hedy-status-${round}` });
  await people.max.client?.sendPresence({ show: "away", status: `max-status-${round}` });
  await people.pat.client?.sendPresence({ show: round % 2 ? "away" : "xa", status: `pat-status-${round}` });
  await expect(page.getByTestId(`presence-${people.pat.id}`).first()).toHaveAttribute("title", new RegExp(`pat-status-${round}`), { timeout: 10_000 });
}

/**
 * Nothing of the member's presence: no JID, no status text, no dot. In socket frames not even their id
 * (frames carry presence only); pages list every member by id, with or without a Jabber ID.
 */
function expectNoTraceOf(text: string, person: Person, where: "page" | "feed"): void {
  const traces = [person.jid, `${person.handle}-status-`, `presence-${person.id}`, `chat-${person.id}`, ...(where === "feed" ? [person.id] : [])];
  for (const trace of traces) expect(text.includes(trace), `${where} contains "${trace}" (${person.name})`).toBe(false);
}

test("a signed-out visitor sees public members only, in the page and on the socket", async ({ page }) => {
  const frames = recordFrames(page);
  for (const url of ["/", "/members"]) {
    await page.goto(url);
    await expect(page.getByTestId(`presence-${people.pat.id}`).first()).toHaveAttribute("data-state", "available");
    const html = await page.content();
    expectNoTraceOf(html, people.hedy, "page");
    expectNoTraceOf(html, people.max, "page");
    await expect(page.getByText("Max Membersonly").first()).toBeVisible(); // the name, never the presence
  }
  await changeEveryonesPresence(page, 2);
  expect(frames.length).toBeGreaterThan(0);
  const received = frames.join("\n");
  expect(received).toContain(people.pat.id);
  expectNoTraceOf(received, people.hedy, "feed");
  expectNoTraceOf(received, people.max, "feed");
  // Hidden looks exactly like "no Jabber ID".
  const hedyRow = page.getByRole("listitem").filter({ hasText: "Hedy Hidden" });
  await expect(hedyRow).toContainText("No Jabber ID linked");
  await expect(hedyRow.getByRole("img")).toHaveCount(0);
});

test("a signed-in member sees members-only presence too, and still nothing of a hidden member", async ({ page }) => {
  await signIn(page, VIEWER.email, VIEWER.password);
  await expect(page.getByRole("banner")).toContainText("Vera Viewer");

  const frames = recordFrames(page);
  await page.goto("/members");
  await expect(page.getByTestId(`presence-${people.max.id}`)).toHaveAttribute("data-state", /away|available/);
  await expect(page.getByTestId(`chat-${people.max.id}`).first()).toHaveAttribute("href", `xmpp:${people.max.jid}?message`);
  expectNoTraceOf(await page.content(), people.hedy, "page");
  await changeEveryonesPresence(page, 3);
  await expect(page.getByTestId(`presence-${people.max.id}`)).toHaveAttribute("title", /max-status-3/);
  const received = frames.join("\n");
  expect(received).toContain(people.max.id);
  expectNoTraceOf(received, people.hedy, "feed");
  const hedyRow = page.getByRole("listitem").filter({ hasText: "Hedy Hidden" });
  await expect(hedyRow).toContainText("No Jabber ID linked");

  // Signing out (a soft navigation to the board) leaves nothing of the member's feed behind.
  await page.goto("/");
  await expect(page.getByTestId(`presence-${people.max.id}`)).toHaveCount(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId(`presence-${people.max.id}`)).toHaveCount(0);
  const afterSignOut = frames.length;
  await changeEveryonesPresence(page, 4);
  const since = frames.slice(afterSignOut).join("\n");
  expect(since).toContain(people.pat.id);
  expectNoTraceOf(since, people.max, "feed");
});

test("the board home's copy for members carries members-only presence to signed-in members only", async ({ page, browser }) => {
  // A signed-in member's plain `/` is the members' shared copy: members-only presence is in its HTML,
  // and the header fills in who they are after load.
  await signIn(page, VIEWER.email, VIEWER.password);
  await page.goto("/");
  await expect(page.getByTestId(`presence-${people.max.id}`)).toHaveAttribute("data-state", /away|available/);
  await expect(page.getByRole("banner").getByTestId("account-name")).toHaveText(/Vera Viewer/);
  const memberHtml = await (await page.request.get("/")).text();
  expect(memberHtml).toContain(`presence-${people.max.id}`);
  expectNoTraceOf(memberHtml, people.hedy, "page");

  // Nothing but a session the server accepts opens it: not a cookie of the right name with anything
  // in it, not the copy's own address, not the session of a member suspended since signing in.
  const forged = await browser.newContext();
  await forged.addCookies([{ name: "narthex.session", value: "forged-session-value", url: stack.webUrl }]);
  const forgedHtml = await (await forged.request.get(`${stack.webUrl}/`)).text();
  expect(forgedHtml).toContain(`presence-${people.pat.id}`);
  expectNoTraceOf(forgedHtml, people.max, "page");
  await forged.close();

  const direct = await browser.newContext();
  const copyByAddress = await direct.request.get(`${stack.webUrl}/cached-board/members`);
  expect(new URL(copyByAddress.url()).pathname).toBe("/");
  expectNoTraceOf(await copyByAddress.text(), people.max, "page");
  await direct.close();

  const vera = await stack.db.member.findUniqueOrThrow({ where: { email: VIEWER.email } });
  await stack.db.member.update({ where: { id: vera.id }, data: { suspendedAt: new Date() } });
  try {
    expectNoTraceOf(await (await page.request.get("/")).text(), people.max, "page");
    await page.reload();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  } finally {
    await stack.db.member.update({ where: { id: vera.id }, data: { suspendedAt: null } });
  }
});
