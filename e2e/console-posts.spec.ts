// The console's posts page in real Chromium against the whole product: a moderator finds a hidden and
// a deleted post there (the board shows neither), filters by mark, opens one, and restores the deleted
// one from its row, after which a member finds it back on the board; an unknown filter is explained on
// the page; members get 403 and visitors are sent to sign in.
import { expect, test, type Page } from "@playwright/test";
import { loadViewer } from "@/lib/auth/viewer";
import { createPost } from "@/lib/board/create-post";
import { moderatePost } from "@/lib/board/moderate-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn, signedInPage } from "./sign-in";

const PASSWORD = "a long and happy password";
const MODERATOR = "miriam@example.org";
const MEMBER = "sam@example.org";
const HIDDEN = "Bake sale behind the vestry";
const DELETED = "Old hymn books for sale";
const PLAIN = "Choir practice on Thursday";
const PATH = "/moderation/posts";
let stack: LocalStack;
const ids: Record<string, string> = {};

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("console-posts");
  await seedDefaultCategories(stack.db);
  const miriam = await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  const sam = await addMember(stack.db, { displayName: "Sam Member", email: MEMBER, password: PASSWORD, handle: "sam" });
  const author = await loadViewer(stack.db, sam.id);
  const moderator = await loadViewer(stack.db, miriam.id);
  const general = (await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  for (const title of [PLAIN, DELETED, HIDDEN]) {
    const created = await createPost(stack.db, author, { categoryId: general, title, body: "Details inside." });
    if (!created.ok) throw new Error(created.error);
    ids[title] = created.value.id;
  }
  for (const [title, action] of [
    [HIDDEN, "hide"],
    [DELETED, "delete"],
  ] as const) {
    const done = await moderatePost(stack.db, moderator, { postId: ids[title], action });
    if (!done.ok) throw new Error(done.error);
  }
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");
const table = (page: Page) => main(page).getByRole("region", { name: /posts, newest first/ });
const row = (page: Page, title: string) => table(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });

test("a moderator finds a hidden and a deleted post, and restores the deleted one to the board from its row", async ({ page, browser }) => {
  const member = await signedInPage(browser, MEMBER, PASSWORD);
  try {
    await member.goto("/");
    await expect(main(member).getByText(PLAIN)).toBeVisible();
    for (const gone of [HIDDEN, DELETED]) await expect(main(member).getByText(gone)).toHaveCount(0);

    await signIn(page, MODERATOR, PASSWORD);
    await page.goto(PATH);
    await expect(page.getByRole("heading", { name: "Posts", level: 1 })).toBeVisible();
    await expect(table(page).getByRole("rowheader")).toHaveText([HIDDEN, DELETED]); // newest post first; the plain one is not listed
    const hidden = row(page, HIDDEN);
    await expect(hidden).toContainText("Sam Member");
    await expect(hidden).toContainText("General");
    await expect(hidden).toContainText("Hidden by Miriam Moderator");
    await expect(hidden.getByRole("group", { name: `Moderate “${HIDDEN}”` }).getByRole("button")).toHaveText(["Pin", "Lock", "Unhide", "Delete"]);
    const deleted = row(page, DELETED);
    await expect(deleted).toContainText("Deleted by Miriam Moderator");
    await expect(deleted.getByRole("button")).toHaveText(["Restore"]);

    // The filter is a link of its own; the deleted post alone.
    await main(page).getByLabel("Show posts that are").selectOption({ label: "Deleted" });
    await main(page).getByRole("button", { name: "Show", exact: true }).click();
    await expect(page).toHaveURL(/\/moderation\/posts\?state=deleted$/);
    await expect(table(page).getByRole("rowheader")).toHaveText([DELETED]);

    // The title opens the post, which a moderator can read though it is deleted.
    await row(page, DELETED).getByRole("link", { name: DELETED }).click();
    await expect(page.getByRole("heading", { name: DELETED, level: 1 })).toBeVisible();
    await expect(main(page).getByRole("note").filter({ hasText: "Deleted." })).toBeVisible();
    await page.goBack();

    await row(page, DELETED).getByRole("button", { name: "Restore" }).click();
    await expect(main(page).getByText("No post is deleted")).toBeVisible(); // it leaves the deleted list
    await member.goto("/");
    await expect(main(member).getByText(DELETED)).toBeVisible();
    await expect(main(member).getByText(HIDDEN)).toHaveCount(0);

    await page.goto(PATH);
    await expect(table(page).getByRole("rowheader")).toHaveText([HIDDEN]);
    const audit = await stack.db.auditEntry.findMany({ where: { targetType: "post", targetId: ids[DELETED] }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["post.delete", "post.restore"]);
  } finally {
    await member.context().close();
  }
});

test("an unknown filter is explained on the page, which lists every marked post instead", async ({ page }) => {
  await signIn(page, MODERATOR, PASSWORD);
  const response = await page.goto(`${PATH}?state=archived&before=nonsense`);
  expect(response?.status()).toBe(200);
  await expect(main(page).getByRole("status").filter({ hasText: "There is no such filter" })).toContainText("so here is every marked post");
  await expect(main(page).getByRole("status").filter({ hasText: "That page link is not valid" })).toBeVisible();
  await expect(table(page).getByRole("rowheader", { name: HIDDEN })).toBeVisible();
});

test("members get 403 on the posts page and visitors are sent to sign in", async ({ page }) => {
  await page.goto(PATH);
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(PATH)}$`));
  await signIn(page, MEMBER, PASSWORD);
  const response = await page.goto(PATH);
  expect(response?.status()).toBe(403);
  await expect(main(page).getByRole("heading", { name: "This page is for moderators" })).toBeVisible();
  await expect(main(page)).not.toContainText(HIDDEN);
});
