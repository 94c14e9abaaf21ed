// Members in the moderators' console, in real Chromium against the whole product: a moderator suspends
// a member (signed out everywhere at once, their sessions stay ended after reinstatement), cannot touch
// an administrator; an administrator makes a member a moderator; members get 403.
import { expect, test, type Page } from "@playwright/test";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signedInPage, signIn } from "./sign-in";

const PASSWORD = "a long and happy password";
const MODERATOR = "miriam@example.org";
const ADMIN = "ada@example.org";
const MEMBER = "sam@example.org";
let stack: LocalStack;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("console-members");
  await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  await addMember(stack.db, { displayName: "Ada Admin", email: ADMIN, password: PASSWORD, handle: "ada", role: "admin" });
  await addMember(stack.db, { displayName: "Sam Member", email: MEMBER, password: PASSWORD, handle: "sam" });
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");
const row = (page: Page, handle: string) => main(page).getByTestId(`member-${handle}`);

test("a moderator suspends a member, who is signed out at once and stays signed out after reinstatement until signing in again", async ({ page, browser }) => {
  const sam = await signedInPage(browser, MEMBER, PASSWORD);
  await signIn(page, MODERATOR, PASSWORD);
  await page.goto("/moderation");
  await main(page).getByRole("navigation", { name: "Moderators' console" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  // An administrator is out of a moderator's reach, and so is the moderator themself.
  await expect(row(page, "ada")).toContainText("Administrator");
  await expect(row(page, "ada").getByRole("button")).toHaveCount(0);
  await expect(row(page, "miriam").getByRole("button")).toHaveCount(0);

  await row(page, "sam").getByRole("button", { name: "Suspend @sam" }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "@sam is suspended" })).toBeVisible();
  await expect(row(page, "sam")).toContainText("Suspended");
  await main(page).getByRole("link", { name: "Suspended" }).click();
  await expect(main(page).getByRole("table").getByRole("rowheader")).toHaveText([/Sam Member/]);

  await sam.goto("/profile");
  await expect(sam).toHaveURL(/\/sign-in\?next=/);

  await row(page, "sam").getByRole("button", { name: "Reinstate @sam" }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "@sam is reinstated" })).toBeVisible();
  // The session Sam had before the suspension is over; signing in again works.
  await sam.goto("/");
  await expect(sam.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(sam, MEMBER, PASSWORD);
  await expect(sam.getByRole("banner").getByTestId("account-name")).toHaveText(/Sam Member/);

  const audit = await stack.db.auditEntry.findMany({ where: { action: { in: ["member.suspend", "member.reinstate"] } }, orderBy: { id: "asc" }, select: { action: true, actor: { select: { handle: true } } } });
  expect(audit).toEqual([
    { action: "member.suspend", actor: { handle: "miriam" } },
    { action: "member.reinstate", actor: { handle: "miriam" } },
  ]);
});

test("an administrator makes a member a moderator, who then finds the console; members get 403", async ({ page, browser }) => {
  const sam = await signedInPage(browser, MEMBER, PASSWORD);
  const refused = await sam.goto("/moderation/members");
  expect(refused?.status()).toBe(403);
  await expect(main(sam)).not.toContainText("@miriam");

  await signIn(page, ADMIN, PASSWORD);
  await page.goto("/moderation/members");
  await row(page, "sam").getByLabel("Role of @sam").selectOption("moderator");
  await row(page, "sam").getByRole("button", { name: "Change the role of @sam" }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "@sam is now a moderator." })).toBeVisible();

  await sam.goto("/profile");
  await expect(sam.getByRole("banner").getByRole("link", { name: "Moderation" })).toBeVisible();
  expect((await sam.goto("/moderation/members"))?.status()).toBe(200);
});
