// Hardening as a browser meets it, in real Chromium against the whole product: every page carries a
// Content-Security-Policy and the other security headers, and the pages still work under them (the
// feed goes live, a dot follows the member, a post is written, the badge loads), with not one
// violation reported; a script slipped into a page does not run; the session cookie is HttpOnly,
// SameSite=Lax and, behind an HTTPS proxy, Secure.
import { expect, test, type Page, type Response } from "@playwright/test";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { LocalStack } from "@/scripts/lib/local-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { addMember, connectLinkedClient } from "./members";
import { signIn } from "./sign-in";

const PASSWORD = "a long and careful password";
const MEMBER = { email: "lydia@example.org", handle: "lydia", name: "Lydia Seller" };
const MODERATOR = { email: "priscilla@example.org", handle: "priscilla", name: "Priscilla Tentmaker" };
let stack: LocalStack;
let client: MemberClient;
let memberId = "";

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("security-headers");
  await seedDefaultCategories(stack.db);
  memberId = (await addMember(stack.db, { displayName: MEMBER.name, email: MEMBER.email, password: PASSWORD, handle: MEMBER.handle, presenceVisibility: "public" })).id;
  await addMember(stack.db, { displayName: MODERATOR.name, email: MODERATOR.email, password: PASSWORD, handle: MODERATOR.handle, role: "moderator" });
  client = (await connectLinkedClient(stack, MEMBER.handle)).client;
  await client.sendPresence();
  await expect.poll(() => stack.db.presence.count({ where: { state: "available" } }), { timeout: 20_000 }).toBe(1);
});

test.afterAll(async () => {
  await client?.stop();
  await stack?.stop();
});

/** Records every policy violation the page reports ("directive blocked-address"), from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

function expectSecurityHeaders(response: Response | null, inline: RegExp): void {
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(new RegExp(`script-src 'self' ${inline.source}`));
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
}

const BY_NONCE = /'nonce-[A-Za-z0-9+/=]+';/;
const BY_HASHES = /('sha256-[A-Za-z0-9+/=]+' ?)+;/;

test("a visitor's pages work under the policy, live, without one violation", async ({ page }) => {
  const violations = await watchViolations(page);
  // The board home is a kept copy: its inline scripts are allowed by their hashes.
  expectSecurityHeaders(await page.goto("/"), BY_HASHES);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  expect(await violations()).toEqual([]);

  // A page rendered for the request: by its nonce. The dot follows the member's client.
  expectSecurityHeaders(await page.goto("/members"), BY_NONCE);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await expect(page.getByTestId(`presence-${memberId}`).first()).toHaveAttribute("data-state", "available");
  await client.sendPresence({ show: "away" });
  await expect(page.getByTestId(`presence-${memberId}`).first()).toHaveAttribute("data-state", "away");
  // Client-side navigation (the router's scripts) to another page.
  await page.getByRole("link", { name: MEMBER.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/members/${MEMBER.handle}$`));
  await expect(page.getByRole("heading", { name: MEMBER.name, level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
  expectSecurityHeaders(await page.goto("/sign-up"), BY_NONCE);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
  expectSecurityHeaders(await page.goto("/no-such-page"), BY_NONCE);
  await expect(page.getByRole("link", { name: /board/i }).first()).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("a member writes a post and sees their badge under the policy, and a slipped-in script does not run", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, MEMBER.email, PASSWORD);
  expectSecurityHeaders(await page.goto("/"), BY_HASHES);
  await expect(page.getByRole("banner").getByTestId("account-name")).toHaveText(/Lydia Seller/);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  expect(await violations()).toEqual([]);
  await page.getByRole("main").getByRole("link", { name: "New post" }).click();
  await page.getByLabel("Category").selectOption({ label: "General" });
  await page.getByLabel("Title").fill("Purple cloth for sale");
  await page.getByLabel("Message").fill("See me after the service.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Purple cloth for sale", level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);

  // The badge comes from the worker, another origin the policy names.
  expectSecurityHeaders(await page.goto("/profile"), BY_NONCE);
  const badge = page.getByTestId("badge-preview").getByRole("img");
  await expect.poll(() => badge.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  expect(await violations()).toEqual([]);

  // What an injection would do: add an inline script without the response's nonce.
  const ran = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "document.body.dataset.injected = 'ran'";
    document.body.append(script);
    return document.body.dataset.injected === "ran";
  });
  expect(ran).toBe(false);
  await expect.poll(violations).toEqual(["script-src-elem inline"]);
});

test("a moderator's console works under the policy", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, MODERATOR.email, PASSWORD);
  expectSecurityHeaders(await page.goto("/moderation/roster"), BY_NONCE);
  await expect(page.getByRole("cell", { name: new RegExp(MEMBER.handle) }).first()).toBeVisible();
  expect(await violations()).toEqual([]);
  expectSecurityHeaders(await page.goto("/moderation/audit"), BY_NONCE);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("the session cookie is HttpOnly and SameSite=Lax, and Secure behind an HTTPS proxy", async ({ page, request }) => {
  await signIn(page, MEMBER.email, PASSWORD);
  const session = (await page.context().cookies()).find((cookie) => cookie.name === "narthex.session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });

  // Behind the operator's TLS proxy (it says so in X-Forwarded-Proto) the cookie is for HTTPS only.
  const csrf = await request.get("/api/auth/csrf", { headers: { "x-forwarded-proto": "https" } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  // Sent by hand: the client keeps a Secure cookie away from this plain-HTTP test address.
  const csrfCookie = csrf.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie").map((header) => header.value.split(";")[0]).join("; ");
  const answer = await request.post("/api/auth/callback/credentials", {
    headers: { "x-forwarded-proto": "https", cookie: csrfCookie },
    form: { email: MEMBER.email, password: PASSWORD, csrfToken },
    maxRedirects: 0,
  });
  const setCookie = answer.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie").map((header) => header.value);
  const secureSession = setCookie.find((cookie) => cookie.startsWith("narthex.session="));
  expect(secureSession).toMatch(/;\s*Secure/i);
  expect(secureSession).toMatch(/;\s*HttpOnly/i);
  expect(secureSession).toMatch(/;\s*SameSite=Lax/i);
});
