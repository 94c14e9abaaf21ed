// Every page a person uses passes axe's WCAG 2.1 A/AA checks (labels, contrast, landmarks, names),
// in the light and the dark theme, for a visitor, a signed-in member and an administrator (the
// moderators' console, category admin, settings and the moderation toolbar). A member's profile is
// checked with its presence timeline and table.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signIn } from "./sign-in";

let stack: LocalStack;
let postId: string;
const MEMBER = { email: "abby@example.org", password: "abby's long password" };
const ADMIN = { email: "ada@example.org", password: "ada's long password" };

// Each test checks up to nine pages in two themes: about 40 s on a quiet machine, so more than the
// default minute on a busy one.
test.describe.configure({ timeout: 150_000 });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("accessibility");
  const member = await addMember(stack.db, { displayName: "Abby Access", email: MEMBER.email, password: MEMBER.password, handle: "abby", presenceVisibility: "public" });
  const link = await attachJabberId(stack.db, { handle: "abby", jid: `abby@${stack.prosody.domain}` });
  if (!link.ok) throw new Error(link.error);
  const category = await stack.db.category.create({ data: { slug: "general", name: "General" } });
  const post = await stack.db.post.create({
    data: { title: "Choir practice", body: "See **you** there, with [the music](https://example.org).\n\n- bring water", authorId: member.id, categoryId: category.id },
  });
  await stack.db.reply.create({ data: { postId: post.id, authorId: member.id, body: "Thanks!" } });
  await stack.db.post.update({ where: { id: post.id }, data: { replyCount: 1 } });
  postId = post.id;
  // A hidden post, so the console's posts page shows its table and its row's buttons.
  await stack.db.post.create({ data: { title: "Hidden notice", body: "Moderated.", authorId: member.id, categoryId: category.id, hiddenAt: new Date() } });
  await addMember(stack.db, { displayName: "Ada Admin", email: ADMIN.email, password: ADMIN.password, handle: "ada", role: "admin" });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function expectAccessible(page: Page, url: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(url);
    await expect(page.getByRole("main")).toBeVisible();
    // Next.js may stream a dynamic page's <title> in after its body: axe must see the page a person sees.
    await expect(page).toHaveTitle(/\S/);
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const found = violations.map((v) => `${v.id} (${v.impact ?? "?"}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
    expect(found, `${url} in the ${colorScheme} theme`).toEqual([]);
  }
}

test("pages a visitor sees pass WCAG 2.1 AA checks in both themes", async ({ page }) => {
  for (const url of ["/", "/members", "/members?online=1", "/members/abby", `/posts/${postId}`, "/sign-in", "/sign-up", "/no-such-page"]) {
    await expectAccessible(page, url);
  }
});

test("pages a signed-in member uses pass WCAG 2.1 AA checks in both themes", async ({ page }) => {
  await signIn(page, MEMBER.email, MEMBER.password);
  await expect(page.getByRole("banner")).toContainText("Abby Access");
  for (const url of ["/", "/profile", "/members/abby", "/posts/new", `/posts/${postId}`, `/posts/${postId}/edit`]) {
    await expectAccessible(page, url);
  }
});

test("pages an administrator uses pass WCAG 2.1 AA checks in both themes", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  for (const url of ["/moderation/roster", "/moderation/commands", "/moderation/audit", "/moderation/blocks", "/moderation/members", "/moderation/posts", "/admin/categories", "/admin/settings", `/posts/${postId}`]) {
    await expectAccessible(page, url);
  }
});
