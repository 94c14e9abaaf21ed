// Moderation as a moderator and a member see it, in real Chromium against the whole product: pinning
// leads the board, a locked post takes no replies, a hidden post is gone for members but bannered for
// moderators, and a deleted post comes back when restored; every change leaves one audit row.
import { expect, test, type Page } from "@playwright/test";
import { loadViewer } from "@/lib/auth/viewer";
import { createPost } from "@/lib/board/create-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn } from "./sign-in";

const PASSWORD = "a long and happy password";
const MODERATOR = "miriam@example.org";
const MEMBER = "sam@example.org";
const TITLE = "Choir practice moves to Thursday";
let stack: LocalStack;
let postId: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("moderation");
  await seedDefaultCategories(stack.db);
  await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  const sam = await addMember(stack.db, { displayName: "Sam Member", email: MEMBER, password: PASSWORD });
  const author = await loadViewer(stack.db, sam.id);
  const general = (await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  const created = await createPost(stack.db, author, { categoryId: general, title: TITLE, body: "Same time, same place." });
  if (!created.ok) throw new Error(created.error);
  postId = created.value.id;
  // A newer post, so the pinned one has to move to lead the board.
  const newer = await createPost(stack.db, author, { categoryId: general, title: "Bake sale on Sunday", body: "Bring a cake." });
  if (!newer.ok) throw new Error(newer.error);
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");
const toolbar = (page: Page) => main(page).getByRole("region", { name: "Moderation" });

/** Presses a toolbar button and waits until the toolbar offers its opposite. */
async function moderate(page: Page, button: string, opposite: string): Promise<void> {
  await toolbar(page).getByRole("button", { name: button, exact: true }).click();
  await expect(toolbar(page).getByRole("button", { name: opposite, exact: true })).toBeVisible();
}

test("a moderator pins, locks, hides, unhides, deletes and restores a post, and a member sees each", async ({ page: moderator, browser }) => {
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const postUrl = `/posts/${postId}`;
  try {
    await signIn(moderator, MODERATOR, PASSWORD);
    await signIn(member, MEMBER, PASSWORD);

    await member.goto(postUrl);
    await expect(toolbar(member)).toHaveCount(0);

    await moderator.goto(postUrl);
    await expect(toolbar(moderator).getByRole("list", { name: "This post's standing" })).toHaveText(/Not pinned.*Open for replies.*Visible to everyone/);
    await expect(toolbar(moderator).getByRole("button")).toHaveText(["Pin", "Lock", "Hide", "Delete"]);

    // Pinned: it leads the board although another post is newer.
    await moderate(moderator, "Pin", "Unpin");
    await expect(toolbar(moderator)).toContainText("Pinned to the top of the board");
    await member.goto("/");
    await expect(main(member).locator(".post-card__title").first()).toHaveText(TITLE);
    await expect(main(member).locator(".post-card").first().locator(".pin-tag")).toHaveText("Pinned");

    // Locked: a member is told it takes no replies and gets no form.
    await moderate(moderator, "Lock", "Unlock");
    await member.goto(postUrl);
    await expect(main(member).getByText("This post is locked: no new replies.")).toBeVisible();
    await expect(member.getByLabel("Write a reply")).toHaveCount(0);

    // Hidden: not found for the member, on the board or by its link; bannered for the moderator.
    await moderate(moderator, "Hide", "Unhide");
    await expect(main(moderator).getByRole("note").filter({ hasText: "Hidden." })).toBeVisible();
    await expect(toolbar(moderator)).toContainText("Hidden: only moderators can see it");
    expect((await member.goto(postUrl))?.status()).toBe(404);
    await expect(main(member).getByText("This post is not on the board")).toBeVisible();
    await member.goto("/");
    await expect(main(member).getByText(TITLE)).toHaveCount(0);
    await moderator.reload();
    await expect(moderator.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
    await expect(main(moderator).getByRole("note").filter({ hasText: "Hidden." })).toBeVisible();

    await moderate(moderator, "Unhide", "Hide");
    await expect(main(moderator).getByRole("note").filter({ hasText: "Hidden." })).toHaveCount(0);
    expect((await member.goto(postUrl))?.status()).toBe(200);
    await expect(member.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();

    // Deleted: gone for the member; the moderator sees "Deleted" and can only restore.
    await moderate(moderator, "Delete", "Restore");
    await expect(main(moderator).getByRole("note").filter({ hasText: "Deleted." })).toBeVisible();
    await expect(toolbar(moderator).getByRole("button")).toHaveText(["Restore"]);
    expect((await member.goto(postUrl))?.status()).toBe(404);
    await member.goto("/");
    await expect(main(member).getByText(TITLE)).toHaveCount(0);

    await moderate(moderator, "Restore", "Delete");
    await expect(main(moderator).getByRole("note").filter({ hasText: "Deleted." })).toHaveCount(0);
    await member.goto("/");
    await expect(main(member).locator(".post-card__title").first()).toHaveText(TITLE);

    const audit = await stack.db.auditEntry.findMany({ where: { targetType: "post", targetId: postId }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["post.pin", "post.lock", "post.hide", "post.unhide", "post.delete", "post.restore"]);
    const miriam = await stack.db.member.findUniqueOrThrow({ where: { handle: "miriam" } });
    expect(new Set(audit.map((entry) => entry.actorId))).toEqual(new Set([miriam.id]));
    expect(await stack.db.post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({ hiddenAt: null, deletedAt: null });
  } finally {
    await memberContext.close();
  }
});
