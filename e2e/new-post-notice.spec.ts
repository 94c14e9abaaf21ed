// The board's live "New posts — show" notice in real Chromium against the whole product: a visitor
// with the board open hears of a member's new post from the worker's feed, and "show" brings it in
// without a full page reload; older pages stay quiet, and so does a first page whose newest post has
// been pushed down by busier threads.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createPost } from "@/lib/board/create-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember, viewerOf } from "./members";
import { signedInPage } from "./sign-in";
import { openBoardShowing } from "./visitor-board";

const RUTH = "ruth@example.org";
const PASSWORD = "a long and happy password";
/** More than a page of older posts, so the board has a second page. */
const OLDER_POSTS = 25;
let stack: LocalStack;
let general: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("new-post-notice");
  await seedDefaultCategories(stack.db);
  general = (await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  const ruth = await addMember(stack.db, { displayName: "Ruth Okafor", email: RUTH, password: PASSWORD });
  const start = Date.now() - 24 * 3_600_000;
  await stack.db.post.createMany({
    data: Array.from({ length: OLDER_POSTS }, (_, index) => {
      const at = new Date(start + index * 60_000);
      return { title: `Older post ${index}`, body: "From yesterday.", authorId: ruth.id, categoryId: general, createdAt: at, lastActivityAt: at };
    }),
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");
const notice = (page: Page) => main(page).getByRole("status").filter({ hasText: "New posts" });

async function ruthPosts(title: string): Promise<void> {
  const result = await createPost(stack.db, await viewerOf(stack.db, RUTH), { categoryId: general, title, body: "Everyone is welcome." });
  if (!result.ok) throw new Error(result.error);
}

/** Ruth writes a post as members do, in her own browser. */
async function ruthPostsFromHerBrowser(browser: Browser, title: string): Promise<void> {
  const ruth = await signedInPage(browser, RUTH, PASSWORD);
  await ruth.goto("/posts/new");
  await ruth.getByLabel("Category").selectOption({ label: "General" });
  await ruth.getByLabel("Title").fill(title);
  await ruth.getByLabel("Message").fill("Everyone is welcome.");
  await ruth.getByRole("button", { name: "Post", exact: true }).click();
  await expect(ruth.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await ruth.context().close();
}

test("a visitor with the board open is told of a new post and shows it without reloading", async ({ page, browser }) => {
  await page.goto("/");
  await expect(main(page).getByRole("link", { name: `Older post ${OLDER_POSTS - 1}` })).toBeVisible();
  await page.evaluate(() => document.body.setAttribute("data-e2e-marker", "still-here"));
  // The feed's greeting names a post the page already shows: nothing to announce.
  await page.waitForTimeout(2_500);
  await expect(notice(page)).toHaveCount(0);

  await ruthPostsFromHerBrowser(browser, "Harvest supper on Friday");
  await expect(notice(page)).toHaveText("New posts — show", { timeout: 10_000 });
  // The board does not change under the reader's eyes: the post waits for "show".
  await expect(main(page).getByRole("link", { name: "Harvest supper on Friday" })).toHaveCount(0);

  await notice(page).getByRole("button", { name: "show" }).click();
  await expect(main(page).getByRole("list", { name: "Latest posts" }).getByRole("listitem").first()).toContainText("Harvest supper on Friday");
  await expect(notice(page)).toHaveCount(0);
  await expect(page.locator("body")).toHaveAttribute("data-e2e-marker", "still-here");
  await expect(page).toHaveURL(`${stack.webUrl}/`);
});

test("an older page of the board stays quiet about new posts", async ({ page }) => {
  await page.goto("/");
  await main(page).getByRole("link", { name: "Older posts" }).click();
  await expect(page).toHaveURL(/\?before=/);
  await expect(main(page).getByRole("list", { name: "Older posts" })).toBeVisible();

  await ruthPosts("Choir practice moves to Thursday");
  await page.waitForTimeout(3_000); // three of the worker's reads
  await expect(notice(page)).toHaveCount(0);
});

test("no notice when the newest post is simply not on the first page (busier threads lead)", async ({ page }) => {
  // Replies elsewhere move older threads ahead of the newest post, off the first page.
  await stack.db.post.updateMany({ where: { title: { startsWith: "Older post" } }, data: { lastActivityAt: new Date() } });
  await openBoardShowing(page, (page) => main(page).getByRole("list", { name: "Latest posts" }).getByRole("listitem").first().filter({ hasText: "Older post" }));
  await expect(main(page).getByRole("link", { name: "Choir practice moves to Thursday" })).toHaveCount(0);
  await page.waitForTimeout(2_500); // the feed's greeting and two of the worker's reads
  await expect(notice(page)).toHaveCount(0);
});
