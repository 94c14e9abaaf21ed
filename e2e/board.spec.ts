// The board as members use it, in real Chromium against the whole product (Prosody, worker, Next.js):
// writing a post, replying, editing (the "edited" mark), deleting, pages of older posts, locked posts,
// and script in titles, bodies and names shown as text.
import { expect, test, type Page } from "@playwright/test";
import { createPost } from "@/lib/board/create-post";
import { createReply } from "@/lib/board/create-reply";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember, viewerOf } from "./members";
import { signIn } from "./sign-in";
import { openBoardShowing } from "./visitor-board";

const PASSWORD = "a long and happy password";
const EMAIL = "martha@example.org";
/** A member made directly, so each test stands on its own. */
const RUTH = "ruth@example.org";
let stack: LocalStack;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("board");
  await seedDefaultCategories(stack.db);
  await addMember(stack.db, { displayName: "Ruth Okafor", email: RUTH, password: PASSWORD });
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");

/** Submits a form and waits for the server action's answer. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
}

async function categoryId(slug: string): Promise<string> {
  return (await stack.db.category.findUniqueOrThrow({ where: { slug } })).id;
}

test("a member writes a post, replies, edits both with an edited mark, and deletes them", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Martha Quest");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${stack.webUrl}/`);

  await main(page).getByRole("link", { name: "New post" }).click();
  await expect(page.getByRole("heading", { name: "New post", level: 1 })).toBeVisible();
  // Empty fields are refused beside each field and nothing is posted.
  await submit(page, "Post");
  await expect(main(page).getByRole("alert")).toHaveText("Please correct the 3 fields marked below.");
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription("Give your post a title.");
  expect(await stack.db.post.count()).toBe(0);

  await page.getByLabel("Category").selectOption({ label: "Events" });
  await page.getByLabel("Title").fill("Youth group hike on Saturday");
  await page.getByLabel("Message").fill("We meet at **9 am** by the gate.\nBring *boots*.\n\n- lunch\n- water");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Youth group hike on Saturday", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/posts\/c[a-z0-9]{20,}$/);
  const postUrl = page.url();
  await expect(main(page).locator(".markdown strong")).toHaveText("9 am");
  await expect(main(page).locator(".markdown li")).toHaveText(["lunch", "water"]);
  await expect(main(page).getByText("Martha Quest").first()).toBeVisible();
  await expect(main(page).getByText("No replies yet.")).toBeVisible();

  // The board links the title to the post.
  await page.goto("/");
  await main(page).getByRole("link", { name: "Youth group hike on Saturday" }).click();
  await expect(page).toHaveURL(postUrl);

  await page.getByLabel("Write a reply").fill("I can bring the first-aid kit.");
  await page.getByRole("button", { name: "Reply", exact: true }).click();
  const replies = main(page).getByRole("list").filter({ has: page.getByRole("article", { name: "Reply by Martha Quest" }) });
  await expect(replies.getByRole("article")).toHaveCount(1);
  await expect(replies).toContainText("I can bring the first-aid kit.");
  await expect(page.getByRole("heading", { name: "1 reply" })).toBeVisible();
  await expect(page.getByLabel("Write a reply")).toHaveValue("");
  expect(await stack.db.post.findFirstOrThrow()).toMatchObject({ replyCount: 1 });

  await main(page).getByRole("link", { name: "Edit post" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("Youth group hike on Saturday");
  await page.getByLabel("Title").fill("Youth group hike on Sunday");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(postUrl);
  await expect(page.getByRole("heading", { name: "Youth group hike on Sunday", level: 1 })).toBeVisible();
  await expect(main(page).locator("article.post .edited-mark")).toHaveText("edited");
  await expect(main(page).locator("article.post time").first()).toHaveAttribute("title", /UTC$/);

  await main(page).getByRole("link", { name: "Edit reply" }).click();
  await page.getByLabel("Your reply").fill("I can bring the first-aid kit and a map.");
  await page.getByRole("button", { name: "Save reply" }).click();
  await expect(page).toHaveURL(new RegExp(`${postUrl.replace(/[/.]/g, "\\$&")}#reply-`));
  const reply = page.getByRole("article", { name: "Reply by Martha Quest" });
  await expect(reply).toContainText("and a map.");
  await expect(reply.locator(".edited-mark")).toHaveText("edited");

  await reply.locator("summary", { hasText: "Delete reply" }).click();
  await reply.getByRole("button", { name: "Yes, delete reply" }).click();
  await expect(main(page).getByText("No replies yet.")).toBeVisible();
  expect(await stack.db.post.findFirstOrThrow()).toMatchObject({ replyCount: 0 });

  await main(page).locator("summary", { hasText: "Delete post" }).click();
  await main(page).getByRole("button", { name: "Yes, delete post" }).click();
  await expect(page).toHaveURL(`${stack.webUrl}/?deleted=post`);
  await expect(main(page).getByRole("status").filter({ hasText: "Your post was deleted." })).toBeVisible();
  await expect(main(page).getByText("Youth group hike")).toHaveCount(0);
  expect((await page.goto(postUrl))?.status()).toBe(404);
  await expect(main(page).getByText("This post is not on the board")).toBeVisible();
  expect((await stack.db.post.findFirstOrThrow()).deletedAt).not.toBeNull();
});

test("visitors are sent to sign in to post, and a locked post says it takes no replies", async ({ page }) => {
  const author = await viewerOf(stack.db, RUTH);
  const created = await createPost(stack.db, author, { categoryId: await categoryId("announcements"), title: "Hall closed for repairs", body: "Until Friday." });
  if (!created.ok) throw new Error(created.error);
  const postUrl = `/posts/${created.value.id}`;

  await page.goto("/posts/new");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)posts(%2F|\/)new$/);
  await page.goto(postUrl);
  await expect(main(page).getByText("Sign in to reply.")).toBeVisible();
  await expect(page.getByLabel("Write a reply")).toHaveCount(0);
  await expect(main(page).getByRole("link", { name: "Edit post" })).toHaveCount(0);

  await stack.db.post.update({ where: { id: created.value.id }, data: { lockedAt: new Date() } });
  await signIn(page, RUTH, PASSWORD);
  await page.goto(postUrl);
  await expect(main(page).getByText("This post is locked: no new replies.")).toBeVisible();
  await expect(page.getByLabel("Write a reply")).toHaveCount(0);
});

test("script in a title, a body and a name is shown as text and never runs", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const evilName = `<script>window.__pwned = "name"</script>Eve`;
  await addMember(stack.db, { displayName: evilName, email: "eve@example.org", password: PASSWORD });
  const eve = await viewerOf(stack.db, "eve@example.org");
  const title = `<script>window.__pwned = "title"</script> Title`;
  const body = `<script>window.__pwned = "body"</script>\n\n<img src=x onerror="alert('img')"> [link](javascript:alert('link'))`;
  const created = await createPost(stack.db, eve, { categoryId: await categoryId("general"), title, body });
  if (!created.ok) throw new Error(created.error);
  const replied = await createReply(stack.db, eve, { postId: created.value.id, body: `<script>alert("reply")</script>` });
  if (!replied.ok) throw new Error(replied.error);

  await openBoardShowing(page, (page) => main(page).getByRole("link", { name: title }));
  await expect(main(page).getByText(evilName).first()).toBeVisible();
  await main(page).getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(main(page).getByText(`<script>window.__pwned = "body"</script>`)).toBeVisible();
  await expect(main(page).getByText(`<script>alert("reply")</script>`)).toBeVisible();
  await expect(main(page).getByText("link", { exact: true })).toBeVisible();
  expect(await main(page).locator("script, img, iframe, [onerror]").count()).toBe(0);
  expect(await main(page).locator('a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test("older posts are a page away, pinned posts lead the first page only, and a bad page link is explained", async ({ page }) => {
  const author = await viewerOf(stack.db, RUTH);
  const general = await categoryId("general");
  const start = Date.now() - 24 * 3600_000;
  await stack.db.post.createMany({
    data: Array.from({ length: 45 }, (_, index) => {
      const at = new Date(start - index * 60_000);
      return { title: `Seeded post ${index + 1}`, body: `Body ${index + 1}`, authorId: author.kind === "member" ? author.id : "", categoryId: general, createdAt: at, lastActivityAt: at };
    }),
  });
  const pinned = await stack.db.post.findFirstOrThrow({ where: { title: "Seeded post 45" } });
  await stack.db.post.update({ where: { id: pinned.id }, data: { pinnedAt: new Date() } });
  const visible = await stack.db.post.findMany({ where: { deletedAt: null, hiddenAt: null }, select: { title: true } });

  const titlesOnPage = async () => main(page).locator(".post-card__title").allInnerTexts();
  await openBoardShowing(page, (page) => main(page).getByRole("link", { name: "Seeded post 45" }));
  const seen: string[][] = [await titlesOnPage()];
  expect(seen[0]).toHaveLength(20);
  expect(seen[0]?.[0]).toBe("Seeded post 45");
  await expect(main(page).getByRole("link", { name: "Newest posts" })).toHaveCount(0);
  const older = main(page).getByRole("link", { name: "Older posts" });
  while (await older.count()) {
    const href = await older.getAttribute("href");
    const previousFirst = seen.at(-1)?.[0] ?? "";
    await older.click();
    // Wait for the next page itself (every page after the first has the same list name and URL shape).
    await expect(page).toHaveURL(`${stack.webUrl}${href}`);
    await expect(main(page).locator(".post-card__title").first()).not.toHaveText(previousFirst);
    await expect(main(page).getByRole("list", { name: "Older posts" })).toBeVisible();
    seen.push(await titlesOnPage());
  }
  expect(seen.length).toBe(Math.ceil(visible.length / 20));
  const all = seen.flat();
  expect(all.filter((title) => title === "Seeded post 45")).toHaveLength(1);
  expect([...all].sort()).toEqual(visible.map((post) => post.title).sort());
  // Seeded posts come newest first across the pages.
  const seeded = all.filter((title) => title.startsWith("Seeded post ") && title !== "Seeded post 45").map((title) => Number(title.slice(12)));
  expect(seeded).toEqual([...seeded].sort((a, b) => a - b));
  await main(page).getByRole("link", { name: "Newest posts" }).click();
  await expect(page).toHaveURL(`${stack.webUrl}/`);

  const response = await page.goto("/?before=not-a-real-cursor");
  expect(response?.status()).toBe(200);
  await expect(main(page).getByRole("status").filter({ hasText: "That page link is not valid, so here are the newest posts." })).toBeVisible();
  expect(await titlesOnPage()).toEqual(seen[0]);
});

test("an address that leads nowhere says so, in the site's frame, with the way back to the board", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(main(page).getByText("There is nothing at this address")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await main(page).getByRole("link", { name: "Back to the board" }).click();
  await expect(page.getByRole("heading", { name: "Board", level: 1 })).toBeVisible();

  // A member keeps their menu (and "Sign out") on a dead link too.
  await signIn(page, RUTH, PASSWORD);
  expect((await page.goto("/posts/new/no-such-page"))?.status()).toBe(404);
  await expect(page.getByRole("banner").getByTestId("account-name")).toHaveText(/Ruth Okafor/);
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
});
