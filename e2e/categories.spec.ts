// Managing categories as an administrator and a member see it, in real Chromium against the whole
// product: an administrator adds, renames, moves and archives a category (the new-post form follows,
// and a post already in it stays on the board), each change leaving one audit row; a member is refused.
import { expect, test, type Page } from "@playwright/test";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn } from "./sign-in";

const PASSWORD = "a long and happy password";
const ADMIN = "abigail@example.org";
const MEMBER = "sam@example.org";
const TITLE = "Youth group games night";
let stack: LocalStack;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("categories");
  await seedDefaultCategories(stack.db);
  await addMember(stack.db, { displayName: "Abigail Admin", email: ADMIN, password: PASSWORD, handle: "abigail", role: "admin" });
  await addMember(stack.db, { displayName: "Sam Member", email: MEMBER, password: PASSWORD });
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");
const rows = (page: Page) => main(page).getByRole("list", { name: "Categories in order" }).getByRole("listitem");
const row = (page: Page, name: string) => rows(page).filter({ has: page.getByRole("heading", { name, exact: true }) });

async function newPostChoices(page: Page): Promise<string[]> {
  await page.goto("/posts/new");
  return page.getByLabel("Category").locator("option").allTextContents();
}

test("an administrator adds, renames, moves and archives a category; the new-post form and the board follow", async ({ page }) => {
  await signIn(page, ADMIN, PASSWORD);
  await page.getByRole("banner").getByRole("link", { name: "Categories" }).click();
  await expect(page.getByRole("heading", { name: "Categories", level: 1 })).toBeVisible();
  await expect(rows(page).getByRole("heading")).toHaveText(["Announcements", "Prayer requests", "Events", "General"]);

  // A duplicate name is refused beside the form, and nothing is added.
  await page.getByLabel("Name of the new category").fill(" general ");
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(main(page).getByRole("alert")).toHaveText('There is already a category named "General".');
  await expect(rows(page)).toHaveCount(4);

  await page.getByLabel("Name of the new category").fill("Youth");
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(main(page).getByRole("status")).toHaveText('Added "Youth".');
  await expect(rows(page).getByRole("heading")).toHaveText(["Announcements", "Prayer requests", "Events", "General", "Youth"]);
  await expect(row(page, "Youth")).toContainText("0 posts");

  await row(page, "Youth").getByLabel("New name for Youth").fill("Youth group");
  await row(page, "Youth").getByRole("button", { name: "Rename" }).click();
  await expect(rows(page).getByRole("heading")).toHaveText(["Announcements", "Prayer requests", "Events", "General", "Youth group"]);

  await row(page, "Youth group").getByRole("button", { name: "Move up" }).click();
  await expect(rows(page).getByRole("heading")).toHaveText(["Announcements", "Prayer requests", "Events", "Youth group", "General"]);

  // The new-post form offers it in its place; a post goes in it.
  expect(await newPostChoices(page)).toEqual(["Choose a category", "Announcements", "Prayer requests", "Events", "Youth group", "General"]);
  await page.getByLabel("Category").selectOption({ label: "Youth group" });
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Message").fill("Friday at seven, in the hall.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();

  await page.goto("/admin/categories");
  await expect(row(page, "Youth group")).toContainText("1 post");
  await row(page, "Youth group").getByRole("button", { name: "Archive" }).click();
  await expect(row(page, "Youth group")).toContainText("Archived: not offered for new posts");
  await expect(row(page, "Youth group").getByRole("button", { name: "Unarchive" })).toBeVisible();

  // Archived: not offered for new posts, but its post stays on the board.
  expect(await newPostChoices(page)).toEqual(["Choose a category", "Announcements", "Prayer requests", "Events", "General"]);
  await page.goto("/");
  const card = main(page).locator(".post-card").filter({ hasText: TITLE });
  await expect(card).toBeVisible();
  await expect(card.locator(".category-tag")).toHaveText("Youth group");

  const youth = await stack.db.category.findFirstOrThrow({ where: { name: "Youth group" } });
  expect(youth).toMatchObject({ slug: "youth-group", archivedAt: expect.any(Date) });
  const audit = await stack.db.auditEntry.findMany({ where: { targetType: "category", targetId: youth.id }, orderBy: { id: "asc" } });
  expect(audit.map((entry) => entry.action)).toEqual(["category.create", "category.rename", "category.move", "category.archive"]);
  const abigail = await stack.db.member.findUniqueOrThrow({ where: { handle: "abigail" } });
  expect(new Set(audit.map((entry) => entry.actorId))).toEqual(new Set([abigail.id]));
});

test("a member visiting the category admin page is refused, and a visitor is asked to sign in", async ({ page }) => {
  await page.goto("/admin/categories");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fcategories$/);

  await signIn(page, MEMBER, PASSWORD);
  await expect(page.getByRole("banner").getByRole("link", { name: "Categories" })).toHaveCount(0);
  const before = await stack.db.category.count();
  const refused = await page.goto("/admin/categories");
  expect(refused?.status()).toBe(403);
  await expect(main(page).getByRole("heading", { name: "This page is for administrators" })).toBeVisible();
  await expect(main(page).getByText("Only administrators can manage categories.")).toBeVisible();
  await expect(main(page).getByRole("button")).toHaveCount(0);
  expect(await stack.db.category.count()).toBe(before);
});
