// Accounts as a member uses them, in real Chromium against the whole product (Prosody, worker,
// Next.js): joining, signing in and out, the profile, suspension and the sign-in rate limit.
import { expect, test, type Page } from "@playwright/test";
import { OPERATOR } from "@/lib/members/member-actor";
import { EMAIL_TAKEN } from "@/lib/members/sign-up";
import { reinstateMember, suspendMember } from "@/lib/members/suspend-member";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { startE2eStack } from "./e2e-stack";
import { addMember } from "./members";

const PASSWORD = "a long and happy password";
let stack: LocalStack;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("accounts");
});

test.afterAll(async () => {
  await stack?.stop();
});

const banner = (page: Page) => page.getByRole("banner");
const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

/** Submits a form and waits for the server action's answer. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  // The answer is rendered (and React resets the form) once no button is busy: typing the next attempt
  // before that would be wiped.
  await expect(page.locator('button[aria-disabled="true"]')).toHaveCount(0);
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await submit(page, "Sign in");
}

async function createMember(displayName: string, email: string): Promise<string> {
  return (await addMember(stack.db, { displayName, email, password: PASSWORD })).handle;
}

async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect(banner(page).getByTestId("account-name")).toHaveText(`Signed in as ${name}`);
  await expect(banner(page).getByRole("link", { name: "Profile" })).toBeVisible();
  await expect(banner(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(banner(page).getByRole("link", { name: "Join" })).toHaveCount(0);
}

async function expectSignedOut(page: Page): Promise<void> {
  await expect(banner(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(banner(page).getByRole("link", { name: "Join" })).toBeVisible();
  await expect(banner(page).getByTestId("account-name")).toHaveCount(0);
}

test("a newcomer joins and is signed in, signs out, mistypes the password, and signs in again", async ({ page }) => {
  await page.goto("/");
  await expectSignedOut(page);
  await banner(page).getByRole("link", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Join Narthex" })).toBeVisible();

  await page.getByLabel("Your name").fill("Hannah Arendt");
  await page.getByLabel("Email").fill("Hannah@Example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${stack.webUrl}/`);
  await expectSignedInAs(page, "Hannah Arendt");
  expect(await stack.db.member.findUnique({ where: { email: "hannah@example.org" } })).toMatchObject({ handle: "hannah-arendt", role: "member" });

  await banner(page).getByRole("button", { name: "Sign out" }).click();
  await expectSignedOut(page);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)profile$/);

  await page.goto("/sign-in");
  await signInWith(page, "hannah@example.org", "not my password at all");
  await expect(formAlert(page)).toHaveText("That email and password do not match an account.");
  await expect(page.getByLabel("Email")).toHaveValue("hannah@example.org");
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expectSignedOut(page);

  // A return path to another site is ignored: signing in lands on the board.
  await page.goto("/sign-in?next=//evil.example/steal");
  await signInWith(page, "HANNAH@example.org", PASSWORD);
  await expect(page).toHaveURL(`${stack.webUrl}/`);
  await expectSignedInAs(page, "Hannah Arendt");
});

test("joining refuses a duplicate email, a missing and a weak password, each with a clear message, and creates nothing", async ({ page }) => {
  const members = await stack.db.member.count();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Another Hannah");
  await page.getByLabel("Email").fill("HANNAH@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await submit(page, "Create account");
  await expect(formAlert(page)).toHaveText(EMAIL_TAKEN);
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  // What was typed stays, except the password.
  await expect(page.getByLabel("Your name")).toHaveValue("Another Hannah");
  await expect(page.getByLabel("Email")).toHaveValue("HANNAH@example.org");
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("Email").fill("new.person@example.org");
  await submit(page, "Create account");
  await expect(formAlert(page)).toHaveText("Please correct the field marked below.");
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/^Choose a password\./);

  await password.fill("short");
  await submit(page, "Create account");
  await expect(password).toHaveAccessibleDescription(/^Use at least 10 characters for your password\./);

  await password.fill("aaaaaaaaaaaaaaaa");
  await submit(page, "Create account");
  await expect(password).toHaveAccessibleDescription(/too easy to guess/);
  await expect(page.getByLabel("Email")).toHaveValue("new.person@example.org");

  expect(await stack.db.member.count()).toBe(members);
  await expectSignedOut(page);
});

test("the profile needs signing in, then shows the account, and a new name and visibility are kept", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)profile$/);
  await signInWith(page, "hannah@example.org", PASSWORD);
  await expect(page).toHaveURL(`${stack.webUrl}/profile`);
  await expect(page.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
  await expect(page.getByTestId("profile-name")).toHaveText("Hannah Arendt");
  await expect(page.getByTestId("profile-role")).toHaveText("Member");
  await expect(page.getByRole("main")).toContainText("hannah@example.org");

  const group = page.getByRole("group", { name: "Who can see when you are online" });
  await expect(group.getByRole("radio", { name: /^Members only/ })).toBeChecked();
  await expect(group.getByRole("radio", { name: /^Hidden/ })).toHaveAccessibleDescription(/look like a member with no Jabber ID/);

  await page.getByLabel("Display name").fill("Hannah A.");
  await group.getByRole("radio", { name: /^Hidden/ }).check();
  await submit(page, "Save profile");
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expectSignedInAs(page, "Hannah A.");

  await page.reload();
  await expect(page.getByRole("radio", { name: /^Hidden/ })).toBeChecked();
  await expect(page.getByLabel("Display name")).toHaveValue("Hannah A.");
  expect(await stack.db.member.findUniqueOrThrow({ where: { email: "hannah@example.org" } })).toMatchObject({ displayName: "Hannah A.", presenceVisibility: "hidden" });
  expect(await stack.db.command.count({ where: { kind: "presence.resync" } })).toBeGreaterThan(0);

  // An empty name is refused beside the field and changes nothing.
  await page.getByLabel("Display name").fill("   ");
  await page.getByRole("radio", { name: /^Public/ }).check();
  await submit(page, "Save profile");
  await expect(page.getByLabel("Display name")).toHaveAccessibleDescription(/^Enter your name\./);
  await page.reload();
  await expect(page.getByRole("radio", { name: /^Hidden/ })).toBeChecked();
});

test("a suspended member cannot sign in, and is told so only with the right password", async ({ page }) => {
  const handle = await createMember("Peter Quince", "peter@example.org");
  expect(await suspendMember(stack.db, OPERATOR, { handle })).toMatchObject({ ok: true });
  await page.goto("/sign-in");
  await signInWith(page, "peter@example.org", "a wrong password here");
  await expect(formAlert(page)).toHaveText("That email and password do not match an account.");
  await signInWith(page, "peter@example.org", PASSWORD);
  await expect(formAlert(page)).toHaveText("This account is suspended. Contact a moderator.");
  await page.goto("/");
  await expectSignedOut(page);
});

test("a signed-in member who is suspended is signed out from the next page; reinstated, they sign in again", async ({ page }) => {
  const handle = await createMember("Nick Bottom", "nick@example.org");
  await page.goto("/sign-in");
  await signInWith(page, "nick@example.org", PASSWORD);
  await expectSignedInAs(page, "Nick Bottom");

  expect(await suspendMember(stack.db, OPERATOR, { handle })).toMatchObject({ ok: true });
  await page.reload();
  await expectSignedOut(page);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)profile$/);

  // Reinstating does not bring the old session back (its cookie is still in this browser): the
  // member signs in again.
  expect(await reinstateMember(stack.db, OPERATOR, { handle })).toMatchObject({ ok: true });
  await page.goto("/");
  await expectSignedOut(page);
  await page.goto("/sign-in");
  await signInWith(page, "nick@example.org", PASSWORD);
  await expectSignedInAs(page, "Nick Bottom");
});

test("too many sign-in attempts for one email are refused with a wait message, even with the right password", async ({ page }) => {
  await createMember("Francis Flute", "francis@example.org");
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    await signInWith(page, "francis@example.org", `wrong password ${attempt}`);
    await expect(formAlert(page)).toHaveText("That email and password do not match an account.");
  }
  await signInWith(page, "francis@example.org", PASSWORD);
  await expect(formAlert(page)).toHaveText(/^Too many attempts\. Please wait 1[45] minutes and try again\.$/);
  await page.goto("/");
  await expectSignedOut(page);
});

test("too many sign-ups from one address are refused with a wait message and make no account; another address still joins", async ({ page }) => {
  await createMember("Tom Snout", "quince@example.org");
  // As the reverse proxy in front of the board tells it (the last X-Forwarded-For entry).
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.23" });
  await page.goto("/sign-up");
  const join = async (name: string, email: string) => {
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await submit(page, "Create account");
  };
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await join("Peter Again", "quince@example.org");
    await expect(formAlert(page)).toHaveText(EMAIL_TAKEN);
  }
  await join("Robin Starveling", "robin@example.org");
  await expect(formAlert(page)).toHaveText(/^Too many attempts\. Please wait (59|60) minutes and try again\.$/);
  expect(await stack.db.member.findUnique({ where: { email: "robin@example.org" } })).toBeNull();

  await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.24" });
  await join("Robin Starveling", "robin@example.org");
  await expectSignedInAs(page, "Robin Starveling");
});
