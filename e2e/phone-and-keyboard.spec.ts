// A phone and a keyboard, in real Chromium against the whole product (Prosody, worker, Next.js): at
// 360×740 every page a visitor or member uses fits the screen (no sideways scrolling, long unbroken
// words wrap, the header's links all show), and its controls are big enough to tap (WCAG 2.2 target
// size); with the keyboard alone a member skips to the content, posts (finding the refusal first) and
// replies, a moderator works the toolbar, and the focused control always shows a focus ring.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { loadViewer } from "@/lib/auth/viewer";
import { createPost } from "@/lib/board/create-post";
import { createReply } from "@/lib/board/create-reply";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";

const PASSWORD = "a long and happy password";
/** What people paste: a 120-character word and a long link, with no place to break a line. */
const LONG_WORD = "Supercalifragilisticexpialidocious".repeat(4).slice(0, 120);
const LONG_URL = `https://example.org/${"path".repeat(25)}`;
/** A name without spaces, as long as a name may be (80 characters). */
const LONG_NAME = `Bartholomew${"Wolfeschlegelsteinhausenbergerdorff".repeat(3)}`.slice(0, 80);
const LONG_CATEGORY = `Announcements${LONG_WORD}`.slice(0, 60);
const AUTHOR = "bart@example.org";
const WRITER = "kim@example.org";
const MODERATOR = "miriam@example.org";
const ADMIN = "abigail@example.org";
const PHONE = { width: 360, height: 740 };

let stack: LocalStack;
let client: MemberClient | null = null;
let authorId = "";
let postId = "";
let replyId = "";
let moderatedPostId = "";
let longJid = "";

test.use({ viewport: PHONE });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startE2eStack("phone-and-keyboard");
  await seedDefaultCategories(stack.db);
  const longCategory = await stack.db.category.create({ data: { slug: "long", name: LONG_CATEGORY, position: 9 } });

  // The author: a long name, presence public and online (dot, status and "Chat now" everywhere).
  const bart = await addMember(stack.db, { displayName: LONG_NAME, email: AUTHOR, password: PASSWORD, handle: "bart", presenceVisibility: "public" });
  authorId = bart.id;
  await addMember(stack.db, { displayName: "Kim Keys", email: WRITER, password: PASSWORD, handle: "kim" });
  await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  await addMember(stack.db, { displayName: "Abigail Admin", email: ADMIN, password: PASSWORD, handle: "abigail", role: "admin" });

  // Enough older posts for a second page, then the newest post and its reply full of long words.
  const author = await loadViewer(stack.db, authorId);
  const start = Date.now() - 24 * 3600_000;
  await stack.db.post.createMany({
    data: Array.from({ length: 22 }, (_, index) => {
      const at = new Date(start - index * 60_000);
      return { title: `Older ${LONG_WORD} ${index}`, body: `See ${LONG_URL}`, authorId, categoryId: longCategory.id, createdAt: at, lastActivityAt: at };
    }),
  });
  const general = await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } });
  const moderated = await createPost(stack.db, author, { categoryId: general.id, title: "Keyboard moderation", body: "Pin me with the keyboard." });
  if (!moderated.ok) throw new Error(moderated.error);
  moderatedPostId = moderated.value.id;
  // A hidden post with a long title, listed on the console's posts page.
  await stack.db.post.create({ data: { title: `Hidden ${LONG_WORD}`, body: "Moderated.", authorId, categoryId: general.id, hiddenAt: new Date() } });
  const created = await createPost(stack.db, author, {
    categoryId: longCategory.id,
    title: `Hall ${LONG_WORD}`,
    body: `See [${LONG_URL}](${LONG_URL}) and ${LONG_WORD}.\n\nInline \`${LONG_WORD}\` code.\n\n    ${LONG_WORD} ${LONG_WORD}\n\n> ${LONG_WORD}`,
  });
  if (!created.ok) throw new Error(created.error);
  postId = created.value.id;
  const reply = await createReply(stack.db, author, { postId, body: `Reply ${LONG_WORD} ${LONG_URL}\n\n    ${LONG_WORD} ${LONG_WORD}` });
  if (!reply.ok) throw new Error(reply.error);
  replyId = reply.value.id;

  // A linked Jabber ID (online, with a long status) and a long one waiting for its code.
  await stack.prosody.register("bart", "bart-xmpp-password");
  const link = await attachJabberId(stack.db, { handle: "bart", jid: `bart@${stack.prosody.domain}` });
  if (!link.ok) throw new Error(link.error);
  longJid = `${"j".repeat(120)}@${stack.prosody.domain}`;
  await stack.db.jabberLink.create({
    data: { memberId: authorId, jid: longJid, codeHash: "pending", codeSentAt: new Date(), codeExpiresAt: new Date(Date.now() + 30 * 60_000) },
  });
  client = await connectMemberClient({
    service: stack.prosody.service,
    domain: stack.prosody.domain,
    username: "bart",
    password: "bart-xmpp-password",
    resource: "phone",
    autoApproveFrom: [stack.botJid],
  });
  await client.sendPresence({ status: `At ${LONG_WORD}` });
});

test.afterAll(async () => {
  await client?.stop();
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("banner").getByTestId("account-name")).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// At a phone's width

/**
 * What a person on a phone would notice on the page as it stands, in words (an empty list when all
 * is well): sideways scrolling, content cut off at the screen's edges, header links that overlap or
 * leave the screen, and tap targets under 24×24 CSS pixels (WCAG 2.2, 2.5.8: a text link in a
 * sentence or with room around it is exempt; a radio button counts with its label).
 */
async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const describe = (element: Element) => {
      const text = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${element.tagName.toLowerCase()}${element.className ? ` class="${String(element.className)}"` : ""}> "${text}"`;
    };
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && !element.closest(".visually-hidden") && getComputedStyle(element).visibility !== "hidden";
    };
    /** Inside a box of the page that scrolls or clips sideways (a code block): that box is checked instead. */
    const insideSidewaysBox = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== "visible") return true;
      }
      return false;
    };

    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);
    for (const element of document.body.querySelectorAll("*")) {
      if (!shown(element) || insideSidewaysBox(element) || element.classList.contains("skip-link")) continue;
      const box = element.getBoundingClientRect();
      if (box.left < -0.5 || box.right > width + 0.5) problems.push(`cut off at the screen's edge (${Math.round(box.left)}..${Math.round(box.right)}px): ${describe(element)}`);
    }

    // The header: every link, button and the member's name on screen, none covering another.
    const header = [...document.querySelectorAll("header a, header button, header [data-testid='account-name']")].filter(shown);
    if (header.length < 4) problems.push(`only ${header.length} header items show`);
    const boxes = header.map((element) => ({ element, box: element.getBoundingClientRect() }));
    for (const [index, { element, box }] of boxes.entries()) {
      if (box.top < 0 || box.left < 0 || box.right > width) problems.push(`header item off screen: ${describe(element)}`);
      if (element.matches("a, button") && element.scrollWidth > element.clientWidth + 1) problems.push(`header item cut short: ${describe(element)}`);
      for (const other of boxes.slice(index + 1)) {
        const overlap = Math.min(box.right, other.box.right) - Math.max(box.left, other.box.left) > 0.5 && Math.min(box.bottom, other.box.bottom) - Math.max(box.top, other.box.top) > 0.5;
        if (overlap) problems.push(`header items overlap: ${describe(element)} and ${describe(other.element)}`);
      }
    }

    // Tap targets.
    const targets = [...document.querySelectorAll<HTMLElement>("a[href], button, input:not([type='hidden']), select, textarea, summary")].filter(shown);
    const targetBox = (element: HTMLElement) => {
      const box = element.getBoundingClientRect();
      if (!(element instanceof HTMLInputElement) || !["radio", "checkbox"].includes(element.type)) return box;
      const all = [box, ...[...(element.labels ?? [])].map((label) => label.getBoundingClientRect())];
      const left = Math.min(...all.map((b) => b.left));
      const top = Math.min(...all.map((b) => b.top));
      return new DOMRect(left, top, Math.max(...all.map((b) => b.right)) - left, Math.max(...all.map((b) => b.bottom)) - top);
    };
    const distance = (x: number, y: number, box: DOMRect) => Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
    for (const element of targets) {
      const box = targetBox(element);
      if (box.width >= 23.95 && box.height >= 23.95) continue;
      const textLink = element.tagName === "A" && getComputedStyle(element).display === "inline";
      const inSentence = textLink && (element.parentElement?.textContent ?? "").trim().length > (element.textContent ?? "").trim().length;
      const centreX = box.left + box.width / 2;
      const centreY = box.top + box.height / 2;
      const roomAround = textLink && targets.every((other) => other === element || distance(centreX, centreY, targetBox(other)) >= 12);
      if (!inSentence && !roomAround) problems.push(`tap target ${box.width.toFixed(1)}×${box.height.toFixed(1)}px, under 24×24: ${describe(element)}`);
    }
    return problems;
  });
}

/** Opens a page at phone width and expects nothing a person would notice to be wrong with it. */
async function expectFitsPhone(page: Page, url: string, ready?: (page: Page) => Locator): Promise<void> {
  await page.goto(url);
  await expect(main(page)).toBeVisible();
  if (ready) await expect(ready(page).first()).toBeVisible();
  expect(await phoneProblems(page), `${url} at ${PHONE.width}×${PHONE.height}`).toEqual([]);
}

/** The text wraps onto more lines inside the screen, in full: not cut off, not clipped, not shortened. */
async function expectWraps(locator: Locator, what: string): Promise<void> {
  await expect(locator, what).toBeVisible();
  const seen = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    let clippedBy: string | null = null;
    for (let parent: Element | null = element; parent && parent !== document.body; parent = parent.parentElement) {
      const parentBox = parent.getBoundingClientRect();
      if (getComputedStyle(parent).overflowX !== "visible" && (parent.scrollWidth > parent.clientWidth + 1 || box.right > parentBox.right + 0.5)) {
        clippedBy = parent.tagName.toLowerCase();
      }
    }
    return { left: box.left, right: box.right, lines: box.height / lineHeight, clippedBy, width: window.innerWidth };
  });
  expect(seen.left, `${what}: starts on screen`).toBeGreaterThanOrEqual(0);
  expect(seen.right, `${what}: ends on screen`).toBeLessThanOrEqual(seen.width);
  expect(seen.clippedBy, `${what}: shown in full`).toBeNull();
  expect(seen.lines, `${what}: wraps onto more than one line`).toBeGreaterThan(1.5);
}

test("a visitor's pages fit a phone: no sideways scrolling, long words wrap, the header and every control usable", async ({ page }) => {
  const chat = (page: Page) => main(page).getByTestId(`chat-${authorId}`);
  // The shared copy of the board (app/cached-board), once the feed has the author online.
  await expect(async () => {
    await page.goto("/");
    await expect(chat(page).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expectFitsPhone(page, "/", chat);
  const card = main(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: `Hall ${LONG_WORD}` }) });
  await expectWraps(card.locator(".post-card__title"), "a post's title on the board");
  await expectWraps(card.locator(".category-tag"), "a post's category on the board");
  await expectWraps(card.locator(".member-name__text"), "the author's name on the board");
  await expect(page.getByRole("banner").getByRole("link", { name: "Join" })).toBeInViewport();

  const older = await main(page).getByRole("link", { name: "Older posts" }).getAttribute("href");
  expect(older).toMatch(/^\/\?before=/);
  await expectFitsPhone(page, older ?? "", (page) => main(page).getByRole("list", { name: "Older posts" }));
  await expectWraps(main(page).locator(".post-card__title").first(), "an older post's title");

  await expectFitsPhone(page, `/posts/${postId}`, chat);
  await expectWraps(page.getByRole("heading", { level: 1 }), "the post's title");
  await expectWraps(main(page).locator("article.post .member-name__text"), "the author's name on the post");
  await expectWraps(main(page).locator("article.post .markdown a"), "a long link in the post");
  await expectWraps(main(page).locator("article.post .markdown p").filter({ hasText: ` and ${LONG_WORD}` }), "a long word in the post");
  await expectWraps(page.getByRole("article", { name: `Reply by ${LONG_NAME}` }).locator(".markdown p"), "a long word in a reply");
  // A code block keeps its lines and scrolls inside its own box instead.
  const code = main(page).locator("article.post pre");
  expect(await code.evaluate((element) => element.scrollWidth > element.clientWidth && getComputedStyle(element).overflowX === "auto")).toBe(true);

  for (const url of ["/members", "/members?online=1"]) {
    await expectFitsPhone(page, url, chat);
    await expectWraps(main(page).locator(".member-row__name").filter({ hasText: LONG_NAME }), `the author's name in ${url}`);
  }
  // The author's profile, with the week's timeline scaled to the screen and the table of totals.
  await expectFitsPhone(page, "/members/bart", (page) => main(page).getByTestId("presence-timeline"));
  await expectWraps(page.getByRole("heading", { level: 1 }), "the author's name on their profile");
  const timeline = await main(page).getByTestId("presence-timeline").boundingBox();
  expect(timeline?.width, "the timeline takes the card's width").toBeGreaterThan(250);
  for (const url of ["/sign-in", "/sign-up", "/no-such-page"]) await expectFitsPhone(page, url);
});

test("a member's pages fit a phone, and a member without the role gets a 403 page that fits too", async ({ page }) => {
  await signIn(page, AUTHOR);
  const chat = (page: Page) => main(page).getByTestId(`chat-${authorId}`);
  await expectFitsPhone(page, "/", chat);
  await expectWraps(main(page).locator(".post-card__title").first(), "a post's title on the member's board");
  await expectFitsPhone(page, `/posts/${postId}`, chat);
  // The author's own post and reply, with their edit and delete controls.
  await expect(main(page).getByRole("link", { name: "Edit post" })).toBeVisible();
  await expect(main(page).getByRole("link", { name: "Edit reply" })).toBeVisible();
  await expectFitsPhone(page, "/posts/new");
  await expectFitsPhone(page, `/posts/${postId}/edit`);
  await expectFitsPhone(page, `/replies/${replyId}/edit`);
  await expectWraps(main(page).getByRole("link", { name: `Hall ${LONG_WORD}` }), "the post's title above the reply being edited");
  await expectFitsPhone(page, "/profile");
  await expectWraps(page.getByTestId("profile-name"), "the member's name on the profile");
  await expectWraps(main(page).locator(".jabber-links__jid").filter({ hasText: longJid }), "a long Jabber ID");
  await expectWraps(main(page).getByText(`Code sent to ${longJid}`, { exact: true }), "the code field's label naming the Jabber ID");

  const response = await page.goto("/admin/categories");
  expect(response?.status()).toBe(403);
  await expectFitsPhone(page, "/admin/categories", (page) => page.getByRole("heading", { name: "This page is for administrators" }));
});

test("the moderator's toolbar, the moderators' console and the category admin fit a phone", async ({ page }) => {
  await signIn(page, MODERATOR);
  await expectFitsPhone(page, `/posts/${postId}`, (page) => main(page).getByRole("region", { name: "Moderation" }));
  // The console's tables scroll sideways inside their own frame, never the page.
  await expectFitsPhone(page, "/moderation/roster", (page) => page.getByRole("heading", { name: "Roster", level: 1 }));
  await expectFitsPhone(page, "/moderation/commands", (page) => page.getByRole("heading", { name: "Commands", level: 1 }));
  await expectFitsPhone(page, "/moderation/audit", (page) => page.getByRole("heading", { name: "Audit log", level: 1 }));
  await expectFitsPhone(page, "/moderation/blocks", (page) => page.getByRole("heading", { name: "Blocked", level: 1 }));
  await expectFitsPhone(page, "/moderation/posts", (page) => main(page).getByRole("rowheader", { name: `Hidden ${LONG_WORD}` }));
  await expectFitsPhone(page, "/moderation/members", (page) => main(page).getByRole("table"));
  await page.context().clearCookies();
  await signIn(page, ADMIN);
  await expectFitsPhone(page, "/admin/categories", (page) => main(page).getByRole("list", { name: "Categories in order" }));
  const row = main(page).getByRole("listitem").filter({ has: page.getByRole("heading", { name: LONG_CATEGORY }) });
  await expectWraps(row.getByRole("heading", { name: LONG_CATEGORY }), "a long category name");
  await expectWraps(row.getByText(`New name for ${LONG_CATEGORY}`), "the rename field's label");
  await expectFitsPhone(page, "/admin/settings", (page) => main(page).getByLabel("Days of presence history to keep"));
});

// ---------------------------------------------------------------------------------------------
// By keyboard alone

/** The focused element shows a ring: an outline of at least 2px or a box shadow, in a visible colour. */
async function focusRing(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "nothing has focus";
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && !/rgba\(.*, 0\)$|transparent/.test(style.outlineColor);
    const shadow = style.boxShadow !== "none";
    const box = element.getBoundingClientRect();
    const onScreen = box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
    const name = `<${element.tagName.toLowerCase()}> "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}"`;
    if (!outline && !shadow) return `no visible focus ring on ${name}`;
    if (!onScreen) return `focus is off screen on ${name}`;
    return null;
  });
}

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement, undefined, { timeout: 2_000 })) {
      expect(await focusRing(page)).toBeNull();
      return;
    }
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Tabs through the whole page once, expecting every stop to show its focus ring on screen. */
async function expectFocusRingOnEveryStop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(main(page)).toBeVisible();
  const missing: string[] = [];
  let stops = 0;
  for (; stops < 100; stops += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => !document.activeElement || document.activeElement === document.body)) break; // past the last stop
    const problem = await focusRing(page);
    if (problem) missing.push(problem);
  }
  expect(missing, `focus rings on ${url}`).toEqual([]);
  expect(stops, `Tab stops on ${url}`).toBeGreaterThanOrEqual(5);
}

test("the skip link is the first Tab stop and takes the keyboard to the page's content", async ({ page }) => {
  for (const url of ["/", `/posts/${postId}`, "/members", "/sign-in"]) {
    await page.goto(url);
    await expect(main(page)).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip, url).toBeFocused();
    await expect(skip, url).toBeInViewport();
    expect(await focusRing(page), url).toBeNull();
    await page.keyboard.press("Enter");
    await expect(main(page), url).toBeFocused();
    // The next Tab lands inside the content, past the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null), url).toBe(true);
  }
});

test("every link, button and field shows a focus ring when reached by keyboard", async ({ page }) => {
  await expectFocusRingOnEveryStop(page, "/sign-in");
  await expectFocusRingOnEveryStop(page, "/members");
  await signIn(page, AUTHOR);
  for (const url of ["/", `/posts/${postId}`, "/posts/new", "/profile"]) await expectFocusRingOnEveryStop(page, url);
});

test("a member signs in, posts after a refusal and replies, all by keyboard", async ({ page }) => {
  await page.goto("/sign-in");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(WRITER);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("banner").getByTestId("account-name")).toHaveText(/Kim Keys/);

  await tabTo(page, main(page).getByRole("link", { name: "New post" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "New post", level: 1 })).toBeVisible();

  // Sent empty: the refusal is announced (role="alert") and the keyboard lands on the first field to
  // correct, on screen, which carries its error.
  await tabTo(page, page.getByRole("button", { name: "Post", exact: true }));
  await page.keyboard.press("Enter");
  const alert = main(page).getByRole("alert");
  await expect(alert).toHaveText("Please correct the 3 fields marked below.");
  await expect(alert).toBeInViewport();
  const category = page.getByLabel("Category");
  await expect(category).toBeFocused();
  await expect(category).toBeInViewport();
  await expect(category).toHaveAttribute("aria-invalid", "true");
  await expect(category).toHaveAccessibleDescription("Choose a category.");
  expect(await focusRing(page)).toBeNull();
  expect(await stack.db.post.count({ where: { title: "Picnic after the service" } })).toBe(0);

  await page.keyboard.type("Events"); // a closed select picks the option typed
  await expect(category.locator("option:checked")).toHaveText("Events");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Title")).toBeFocused();
  await page.keyboard.type("Picnic after the service");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Message")).toBeFocused();
  await page.keyboard.type("Bring a blanket.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Post", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Picnic after the service", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/posts\/c[a-z0-9]{20,}$/);

  await tabTo(page, page.getByLabel("Write a reply"));
  await page.keyboard.type("Count me in.");
  await tabTo(page, page.getByRole("button", { name: "Reply", exact: true }), 5);
  await page.keyboard.press("Enter");
  const reply = page.getByRole("article", { name: "Reply by Kim Keys" });
  await expect(reply).toContainText("Count me in.");
  await expect(reply).toBeInViewport();
  await expect(page.getByLabel("Write a reply")).toHaveValue("");
  // The page went to the new reply, and the keyboard carries on from there: the next Tabs reach its
  // author's name (a link to their profile), then its own controls.
  await page.keyboard.press("Tab");
  await expect(reply.getByRole("link", { name: "Kim Keys", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(reply.getByRole("link", { name: "Edit reply" })).toBeFocused();
  expect(await focusRing(page)).toBeNull();
});

test("a moderator reaches and works the moderation toolbar by keyboard, staying on the button pressed", async ({ page }) => {
  await signIn(page, MODERATOR);
  await page.goto(`/posts/${moderatedPostId}`);
  const toolbar = main(page).getByRole("region", { name: "Moderation" });
  const button = (name: string) => toolbar.getByRole("button", { name, exact: true });

  await tabTo(page, button("Pin"));
  await page.keyboard.press("Enter");
  await expect(toolbar).toContainText("Pinned to the top of the board");
  await expect(button("Unpin")).toBeFocused();
  expect(await focusRing(page)).toBeNull();

  await page.keyboard.press("Tab");
  await expect(button("Lock")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(toolbar).toContainText("Locked: no new replies");
  await expect(button("Unlock")).toBeFocused();

  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(button("Delete")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(main(page).getByRole("note").filter({ hasText: "Deleted." })).toBeVisible();
  await expect(button("Restore")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(main(page).getByRole("note").filter({ hasText: "Deleted." })).toHaveCount(0);
  await expect(button("Delete")).toBeFocused();

  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(button("Unlock")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(button("Lock")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(button("Unpin")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(button("Pin")).toBeFocused();
  await expect(toolbar.getByRole("button")).toHaveText(["Pin", "Lock", "Hide", "Delete"]);

  const audit = await stack.db.auditEntry.findMany({ where: { targetType: "post", targetId: moderatedPostId }, orderBy: { id: "asc" } });
  expect(audit.map((entry) => entry.action)).toEqual(["post.pin", "post.lock", "post.delete", "post.restore", "post.unlock", "post.unpin"]);
});

test("on the profile the keyboard keeps its place: unlinking asks and can be taken back, a refused name is the next stop", async ({ page }) => {
  await signIn(page, AUTHOR);
  await page.goto("/profile");
  const jid = `bart@${stack.prosody.domain}`;
  const item = main(page).getByTestId(`jabber-link-${jid}`);

  await tabTo(page, item.getByRole("button", { name: `Unlink ${jid}` }), 60);
  await page.keyboard.press("Enter");
  await expect(item.getByText(`Unlink ${jid}?`)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(item.getByRole("button", { name: `Yes, unlink ${jid}` })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(item.getByRole("button", { name: "Keep it" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(item.getByRole("button", { name: `Unlink ${jid}` })).toBeFocused();
  expect(await focusRing(page)).toBeNull();
  expect(await stack.db.jabberLink.count({ where: { jid } })).toBe(1);

  // An emptied name is refused: announced, and the keyboard is back on the name field, which says why.
  await page.goto("/profile");
  const name = page.getByLabel("Display name");
  await tabTo(page, name, 60);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await tabTo(page, page.getByRole("button", { name: "Save profile" }), 5);
  await page.keyboard.press("Enter");
  await expect(main(page).getByRole("alert")).toBeVisible();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/Enter your name\./);
  expect((await stack.db.member.findUniqueOrThrow({ where: { id: authorId } })).displayName).toBe(LONG_NAME);
});
