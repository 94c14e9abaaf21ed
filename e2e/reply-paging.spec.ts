// A long thread as members read it, in real Chromium against the whole product: replies oldest first
// in pages of 50, "Later replies" and "Earlier replies" to walk them (every reply once, ties on the
// same minute included), the count and range shown, a bad page link explained, and a member who
// replies from the first page lands on the last page with their reply in view.
import { expect, test, type Page } from "@playwright/test";
import { loadViewer } from "@/lib/auth/viewer";
import { createPost } from "@/lib/board/create-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn } from "./sign-in";

const PASSWORD = "a long and happy password";
const RUTH = "ruth@example.org";
const SAMUEL = "samuel@example.org";
const SEEDED = 60;
let stack: LocalStack;
let postUrl: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("reply-paging");
  await seedDefaultCategories(stack.db);
  const ruth = await addMember(stack.db, { displayName: "Ruth Okafor", email: RUTH, password: PASSWORD });
  const samuel = await addMember(stack.db, { displayName: "Samuel Mensah", email: SAMUEL, password: PASSWORD });
  const general = await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } });
  const created = await createPost(stack.db, await loadViewer(stack.db, ruth.id), { categoryId: general.id, title: "Harvest supper: who brings what?", body: "Reply below." });
  if (!created.ok) throw new Error(created.error);
  postUrl = `/posts/${created.value.id}`;
  // Two replies to each minute, so pages must break ties by id; the ids sort in the order written.
  const start = Date.now() - 2 * 3600_000;
  await stack.db.reply.createMany({
    data: Array.from({ length: SEEDED }, (_, index) => ({
      id: `seeded-reply-${String(index + 1).padStart(3, "0")}`,
      postId: created.value.id,
      authorId: samuel.id,
      body: `Seeded reply ${index + 1}`,
      createdAt: new Date(start + Math.floor(index / 2) * 60_000),
    })),
  });
  await stack.db.post.update({ where: { id: created.value.id }, data: { replyCount: SEEDED, lastActivityAt: new Date(start + SEEDED * 30_000) } });
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");
const repliesShown = (page: Page) => main(page).locator(".reply-list .markdown").allInnerTexts();
const seeded = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `Seeded reply ${from + index}`);

test("a visitor walks a long thread page by page to its last reply and back", async ({ page }) => {
  await page.goto(postUrl);
  await expect(page.getByRole("heading", { name: `${SEEDED} replies`, level: 2 })).toBeVisible();
  await expect(main(page).getByText(`Showing replies 1–50 of ${SEEDED}`)).toBeVisible();
  expect(await repliesShown(page)).toEqual(seeded(1, 50));
  await expect(main(page).getByRole("link", { name: "Earlier replies" })).toHaveCount(0);

  const later = main(page).getByRole("link", { name: "Later replies" });
  const href = await later.getAttribute("href");
  expect(href).toMatch(new RegExp(`^${postUrl}\\?after=[A-Za-z0-9_-]+$`));
  await later.click();
  await expect(page).toHaveURL(`${stack.webUrl}${href}`);
  await expect(main(page).getByText(`Showing replies 51–${SEEDED} of ${SEEDED}`)).toBeVisible();
  await expect(main(page).getByText(`Seeded reply ${SEEDED}`, { exact: true })).toBeVisible();
  // Every reply once across the two pages: none skipped at the page break, none repeated.
  expect(await repliesShown(page)).toEqual(seeded(51, SEEDED));
  await expect(main(page).getByRole("link", { name: "Later replies" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Harvest supper: who brings what?", level: 1 })).toBeVisible();

  await main(page).getByRole("link", { name: "Earlier replies" }).click();
  await expect(page).toHaveURL(`${stack.webUrl}${postUrl}`);
  await expect(main(page).getByText(`Showing replies 1–50 of ${SEEDED}`)).toBeVisible();
  expect(await repliesShown(page)).toEqual(seeded(1, 50));
});

test("a bad page link is explained and the first replies are shown", async ({ page }) => {
  const response = await page.goto(`${postUrl}?after=not-a-real-cursor`);
  expect(response?.status()).toBe(200);
  await expect(main(page).getByRole("status").filter({ hasText: "That page link is not valid, so here are the first replies." })).toBeVisible();
  expect(await repliesShown(page)).toEqual(seeded(1, 50));
  await expect(main(page).getByRole("link", { name: "Later replies" })).toBeVisible();
});

test("a member who replies from the first page lands on the last page with their reply in view", async ({ page }) => {
  await signIn(page, RUTH, PASSWORD);

  await page.goto(postUrl);
  expect(await repliesShown(page)).toEqual(seeded(1, 50));
  await page.getByLabel("Write a reply").fill("I will bring the apple crumble.");
  await page.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${postUrl}\\?after=[A-Za-z0-9_-]+#reply-c[a-z0-9]+$`));
  const mine = main(page).getByRole("article", { name: "Reply by Ruth Okafor" });
  await expect(mine).toContainText("I will bring the apple crumble.");
  await expect(mine).toBeInViewport();
  await expect(page.getByRole("heading", { name: `${SEEDED + 1} replies`, level: 2 })).toBeVisible();
  await expect(main(page).getByText(`Showing replies 51–${SEEDED + 1} of ${SEEDED + 1}`)).toBeVisible();
  expect(await repliesShown(page)).toEqual([...seeded(51, SEEDED), "I will bring the apple crumble."]);
  await expect(main(page).getByRole("link", { name: "Later replies" })).toHaveCount(0);
});
