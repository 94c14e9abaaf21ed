// The board home visitors share (app/cached-board/), in real Chromium against the whole product: one
// rendered copy serves every visitor, yet a member's new post and a moderator hiding it reach a visitor
// at their next load; a signed-in member gets the board rendered for them; and a change made behind
// the board's back (straight into the database) reaches visitors once the copy is renewed. The web
// server answers a plain `/` from the copies it keeps as bytes (lib/web-server/): a post is there at
// once even while the copies are in constant use, gzip goes to browsers that take it, and no shared
// cache may keep a signed-in member's page.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { loadViewer } from "@/lib/auth/viewer";
import { createPost } from "@/lib/board/create-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";
import { signedInPage } from "./sign-in";
import { openBoardShowing } from "./visitor-board";

const PASSWORD = "a long and happy password";
const MODERATOR = "miriam@example.org";
const MEMBER = "sam@example.org";
const FIRST_POST = "Welcome to our board";
let stack: LocalStack;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("visitor-board");
  await seedDefaultCategories(stack.db);
  await addMember(stack.db, { displayName: "Miriam Moderator", email: MODERATOR, password: PASSWORD, handle: "miriam", role: "moderator" });
  const sam = await addMember(stack.db, { displayName: "Sam Member", email: MEMBER, password: PASSWORD });
  const general = (await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  const created = await createPost(stack.db, await loadViewer(stack.db, sam.id), { categoryId: general, title: FIRST_POST, body: "Say hello." });
  if (!created.ok) throw new Error(created.error);
});

test.afterAll(async () => {
  await stack?.stop();
});

const main = (page: Page) => page.getByRole("main");

test("a member's new post and a moderator hiding it reach a visitor at their next load", async ({ page: visitor, browser }) => {
  await visitor.goto("/");
  await expect(main(visitor).getByRole("link", { name: FIRST_POST })).toBeVisible();
  await expect(visitor.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

  const member = await signedInPage(browser, MEMBER, PASSWORD);
  await member.goto("/");
  // The member's board is their own: their name in the header, not the visitors' copy.
  await expect(member.getByRole("banner").getByTestId("account-name")).toHaveText(/Sam Member/);
  await expect(member.getByRole("banner").getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await main(member).getByRole("link", { name: "New post" }).click();
  await member.getByLabel("Category").selectOption({ label: "Events" });
  await member.getByLabel("Title").fill("Harvest supper on Friday");
  await member.getByLabel("Message").fill("Bring a dish to share.");
  await member.getByRole("button", { name: "Post", exact: true }).click();
  await expect(member.getByRole("heading", { name: "Harvest supper on Friday", level: 1 })).toBeVisible();
  const postUrl = new URL(member.url()).pathname;

  await visitor.reload();
  await expect(main(visitor).getByRole("link", { name: "Harvest supper on Friday" })).toBeVisible();

  const moderator = await signedInPage(browser, MODERATOR, PASSWORD);
  await moderator.goto(postUrl);
  const toolbar = main(moderator).getByRole("region", { name: "Moderation" });
  await toolbar.getByRole("button", { name: "Hide", exact: true }).click();
  await expect(toolbar.getByRole("button", { name: "Unhide", exact: true })).toBeVisible();

  await visitor.reload();
  await expect(main(visitor).getByRole("link", { name: FIRST_POST })).toBeVisible();
  await expect(main(visitor).getByText("Harvest supper on Friday")).toHaveCount(0);
});

test("a post written straight into the database reaches visitors once their shared copy is renewed", async ({ page }) => {
  await page.goto("/");
  await expect(main(page).getByRole("link", { name: FIRST_POST })).toBeVisible();
  const sam = await stack.db.member.findUniqueOrThrow({ where: { email: MEMBER } });
  const general = (await stack.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  await stack.db.post.create({ data: { title: "Imported from the old newsletter", body: "From the archive.", authorId: sam.id, categoryId: general } });
  await openBoardShowing(page, (page) => main(page).getByRole("link", { name: "Imported from the old newsletter" }));
});

test("a new post is on the board home the moment it is saved, while visitors and members keep loading it", async ({ page: visitor, browser }) => {
  const member = await signedInPage(browser, MEMBER, PASSWORD);
  // Steady traffic keeps both kept copies in use and fresh, as on a busy Sunday.
  let loading = true;
  const keepLoading = async (request: APIRequestContext) => {
    while (loading) {
      expect((await request.get("/")).status()).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const traffic = Promise.all([keepLoading(visitor.context().request), keepLoading(member.context().request)]);
  try {
    await member.goto("/posts/new");
    await member.getByLabel("Category").selectOption({ label: "General" });
    await member.getByLabel("Title").fill("Choir practice moved to Thursday");
    await member.getByLabel("Message").fill("Same time, same room.");
    await member.getByRole("button", { name: "Post", exact: true }).click();
    await expect(member.getByRole("heading", { name: "Choir practice moved to Thursday", level: 1 })).toBeVisible();
    // At once: no retry, no waiting for a copy to grow old.
    expect(await (await visitor.context().request.get("/")).text()).toContain("Choir practice moved to Thursday");
    expect(await (await member.context().request.get("/")).text()).toContain("Choir practice moved to Thursday");
  } finally {
    loading = false;
    await traffic;
  }
});

test("the board home goes gzipped to browsers that take it, and no shared cache may keep a member's page", async ({ page: visitor, browser }) => {
  const asVisitor = visitor.context().request;
  // The web server's own answer (Next.js marks each of its own with x-nextjs-cache), with the page's
  // headers as Next.js sends them for the same copy (its preload links).
  const fromNext = await asVisitor.get("/?via=next");
  expect(fromNext.headers()["x-nextjs-cache"]).toBeDefined();
  const zipped = await asVisitor.get("/", { headers: { "accept-encoding": "gzip" } });
  expect(zipped.headers()["x-nextjs-cache"]).toBeUndefined();
  expect(zipped.headers()["link"]).toBe(fromNext.headers()["link"]);
  expect(zipped.headers()["content-encoding"]).toBe("gzip");
  expect(await zipped.text()).toContain(FIRST_POST); // decoded by the client, as a browser does
  const plain = await asVisitor.get("/", { headers: { "accept-encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  expect(await plain.text()).toContain(FIRST_POST);
  expect(Number(plain.headers()["content-length"])).toBe((await plain.body()).byteLength);
  // Visitors' copy may be shared, but only with requests without cookies that differ.
  expect(plain.headers()["cache-control"]).toMatch(/s-maxage=/);
  expect(plain.headers()["vary"]).toMatch(/\bCookie\b/);
  const head = await asVisitor.head("/");
  expect(head.status()).toBe(200);
  expect(head.headers()["x-nextjs-cache"]).toBeUndefined();
  expect((await head.body()).byteLength).toBe(0);

  const member = await signedInPage(browser, MEMBER, PASSWORD);
  const asMember = member.context().request;
  const page = await asMember.get("/");
  expect(page.headers()["x-nextjs-cache"]).toBeUndefined();
  expect(await page.text()).toContain(FIRST_POST);
  expect(page.headers()["cache-control"]).toMatch(/^private\b/);
  // The router's payload for `/`, which Next.js answers itself: private for a member, varying by Cookie for visitors.
  const routerPayload = await asMember.get("/", { headers: { rsc: "1" } });
  expect(routerPayload.headers()["content-type"]).toMatch(/text\/x-component/);
  expect(routerPayload.headers()["cache-control"]).toMatch(/^private\b/);
  expect((await asVisitor.get("/", { headers: { rsc: "1" } })).headers()["vary"]).toMatch(/\bCookie\b/);
});
