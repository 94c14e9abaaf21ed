// Badges and the JSON presence API against the whole product (real Prosody, worker, SQLite, Next.js):
// what an embedding site and an API caller get, as HTTP and in Chromium. A hidden or members-only
// member must be indistinguishable from an unknown or malformed handle, byte for byte.
import { expect, test, type APIResponse } from "@playwright/test";
import type { LocalStack } from "@/scripts/lib/local-stack";
import type { MemberClient } from "@/scripts/lib/xmpp-test-client";
import { startE2eStack } from "./e2e-stack";
import { addMember, connectLinkedClient } from "./members";
import { signIn } from "./sign-in";

type Person = { handle: string; name: string; visibility: "public" | "members" | "hidden"; status: string; client: MemberClient | null };

let stack: LocalStack;
const PASSWORD = "a long enough password";
const email = (handle: string) => `${handle}@people.example`;
const people: Record<"pat" | "max" | "hedy", Person> = {
  pat: { handle: "pat", name: `Pat "<b>" & Co`, visibility: "public", status: `<script>alert("pat")</script> & ]]> at choir`, client: null },
  max: { handle: "max", name: "Max Membersonly", visibility: "members", status: "max-secret-status", client: null },
  hedy: { handle: "hedy", name: "Hedy Hidden", visibility: "hidden", status: "hedy-secret-status", client: null },
};

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startE2eStack("badges-and-api");
  for (const person of Object.values(people)) {
    await addMember(stack.db, { displayName: person.name, email: email(person.handle), password: PASSWORD, handle: person.handle, presenceVisibility: person.visibility });
    person.client = (await connectLinkedClient(stack, person.handle)).client;
    await person.client.sendPresence({ status: person.status });
  }
  await addMember(stack.db, { displayName: "Vera Viewer", email: email("vera"), password: PASSWORD, handle: "vera" }); // no Jabber ID
  await expect.poll(() => stack.db.presence.count({ where: { state: "available" } }), { timeout: 20_000 }).toBe(3);
});

test.afterAll(async () => {
  for (const person of Object.values(people)) await person.client?.stop();
  await stack?.stop();
});

/** Status, headers (less the date) and body: everything a caller could compare. */
async function observed(response: APIResponse) {
  const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name !== "date"));
  return { status: response.status(), headers, body: (await response.body()).toString("base64") };
}

test("a public member's badge says so in words, escaped, cached by ETag, and follows their presence", async ({ page, request }) => {
  const first = await request.get("/badges/pat.svg");
  expect(first.status()).toBe(200);
  expect(first.headers()).toMatchObject({
    "content-type": "image/svg+xml; charset=utf-8",
    "cache-control": "public, max-age=30",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  });
  const svg = await first.text();
  expect(svg).toContain(">Online</text>");
  expect(svg).toContain("&lt;script&gt;alert(&quot;pat&quot;)&lt;/script&gt; &amp; ]]&gt; at choir");
  expect(svg).toContain("Pat &quot;&lt;b&gt;&quot; &amp; Co");
  expect(svg).not.toMatch(/<script|<b>/);
  const etag = first.headers().etag ?? "";

  // Opened on its own in Chromium it is well-formed, reads as text, and runs nothing.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto("/badges/pat.svg");
  await expect(page.locator("svg text")).toHaveText([`Pat "<b>" & Co`, "Online", `<script>alert("pat")</script> & ]]> at choir`]);
  expect(dialogs).toEqual([]);

  // Unknown and absurd query parameters change nothing; the client's own tag gets a bodiless 304.
  const absurd = await request.get(`/badges/pat.svg?style=${"x".repeat(6000)}&a[]=1&%zz=%25&&=&logo=<script>`);
  expect(absurd.status()).toBe(200);
  expect(absurd.headers().etag).toBe(etag);
  const revalidated = await request.get("/badges/pat.svg", { headers: { "If-None-Match": etag } });
  expect(revalidated.status()).toBe(304);
  expect(revalidated.headers().etag).toBe(etag);
  expect((await revalidated.body()).length).toBe(0);

  // The PNG is a PNG, with a tag of its own.
  const png = await request.get("/badges/pat.png");
  expect(png.headers()["content-type"]).toBe("image/png");
  expect([...(await png.body()).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect((await request.get("/badges/pat.png", { headers: { "If-None-Match": png.headers().etag ?? "" } })).status()).toBe(304);

  // Pat goes busy: the old tag no longer matches and the badge says so.
  await people.pat.client?.sendPresence({ show: "dnd", status: "In a meeting" });
  await expect.poll(async () => (await request.get("/badges/pat.svg", { headers: { "If-None-Match": etag } })).status(), { timeout: 10_000 }).toBe(200);
  const busy = await (await request.get("/badges/pat.svg")).text();
  expect(busy).toContain(">Busy</text>");
  expect(busy).toContain(">In a meeting</text>");
  await people.pat.client?.sendPresence({ status: people.pat.status });
});

test("a hidden, members-only, unknown or malformed badge is the same 404, byte for byte, signed in or not", async ({ page, request }) => {
  const addresses = [
    "/badges/nobody.svg",
    "/badges/hedy.svg",
    "/badges/max.svg",
    "/badges/max.png",
    "/badges/vera.svg", // a member without a Jabber ID
    "/badges/Pat.svg",
    "/badges/pat.gif",
    "/badges/pat",
    "/badges/pat.svg.svg",
    "/badges/-pat.svg",
    `/badges/${"p".repeat(400)}.svg`,
    "/badges/%3Cscript%3E.svg",
    "/badges/pat%00.svg",
    "/badges/%E2%80%AEpat.svg",
  ];
  const expected = await observed(await request.get(addresses[0] ?? ""));
  expect(expected.status).toBe(404);
  for (const address of addresses) expect(await observed(await request.get(address)), address).toEqual(expected);

  // Badges are always what a visitor sees: a signed-in member's cookie opens nothing.
  await signIn(page, email("vera"), PASSWORD);
  expect(await observed(await page.request.get("/badges/max.svg"))).toEqual(expected);
  expect(await observed(await page.request.get("/badges/hedy.svg"))).toEqual(expected);
});

test("the API shows visitors public members only, signed-in members members-only too, and 404s alike", async ({ page, request }) => {
  const visitorList = await request.get("/api/presence");
  expect(visitorList.headers()).toMatchObject({ "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=15" });
  expect(visitorList.headers().vary).toMatch(/\bCookie\b/);
  const visitorText = await visitorList.text();
  expect(JSON.parse(visitorText)).toEqual({
    members: [
      {
        handle: "pat",
        displayName: people.pat.name,
        state: "available",
        label: "Online",
        statusText: people.pat.status,
        since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        lastSeen: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        idleSince: null,
      },
    ],
  });
  for (const secret of ["max", "hedy", `@${stack.prosody.domain}`]) expect(visitorText).not.toContain(secret);
  const etag = visitorList.headers().etag ?? "";
  expect((await request.get("/api/presence", { headers: { "If-None-Match": etag } })).status()).toBe(304);

  const notFound = await observed(await request.get("/api/presence/nobody"));
  expect(notFound.status).toBe(404);
  expect(JSON.parse(Buffer.from(notFound.body, "base64").toString())).toEqual({ error: "No such member" });
  for (const handle of ["max", "hedy", "vera", "Max", "%3Cscript%3E", "x".repeat(300)]) {
    expect(await observed(await request.get(`/api/presence/${handle}?q=${"?".repeat(2000)}`)), handle).toEqual(notFound);
  }
  expect((await (await request.get("/api/presence/pat")).json()).state).toBe("available");

  await signIn(page, email("vera"), PASSWORD);
  const memberList = await page.request.get("/api/presence");
  expect(memberList.headers()["cache-control"]).toBe("private, max-age=15");
  const memberBody = (await memberList.json()) as { members: Array<{ handle: string; statusText: string }> };
  expect(memberBody.members.map((member) => member.handle)).toEqual(["max", "pat"]);
  expect(JSON.stringify(memberBody)).not.toContain("hedy");
  expect((await (await page.request.get("/api/presence/max")).json()).statusText).toBe("max-secret-status");
  const memberNotFound = await observed(await page.request.get("/api/presence/nobody"));
  expect(await observed(await page.request.get("/api/presence/hedy"))).toEqual(memberNotFound);
});

test("a flood of badge requests is answered correctly, and everyone else is still served", async ({ request }) => {
  // From a client of its own (Node's fetch, a connection per request), while a visitor asks too.
  const flood = Array.from({ length: 400 }, (_, index) => ["/badges/pat.svg", "/badges/hedy.svg", "/badges/nobody.png", "/badges/%25.svg"][index % 4] ?? "");
  const answers = Promise.all(
    flood.map(async (address) => {
      const response = await fetch(`${stack.webUrl}${address}`);
      await response.arrayBuffer();
      return [address, response.status] as const;
    }),
  );
  const started = Date.now();
  const meanwhile = await request.get("/api/presence/pat");
  expect(meanwhile.status()).toBe(200);
  expect(Date.now() - started).toBeLessThan(10_000);
  for (const [address, status] of await answers) expect(status, address).toBe(address === "/badges/pat.svg" ? 200 : 404);
});

test("a member finds their badge and the snippets to copy on their profile", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, email("pat"), PASSWORD);
  await page.goto("/profile");
  const section = page.getByRole("region", { name: "Badge" });
  const image = section.getByRole("img", { name: "Your badge as others see it" });
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 50)).toBe(true);
  const html = section.getByLabel("HTML");
  await expect(html).toHaveValue(`<a href="${stack.webUrl}/members/pat"><img src="${stack.webUrl}/badges/pat.svg" alt="Pat &#34;&#60;b&#62;&#34; &#38; Co on Jabber: presence" height="20"></a>`);
  await expect(section.getByLabel("Markdown")).toHaveValue(`[![Pat "\\<b\\>" & Co on Jabber: presence](<${stack.webUrl}/badges/pat.svg>)](<${stack.webUrl}/members/pat>)`);
  await section.getByRole("button", { name: "Copy HTML" }).click();
  await expect(section.getByRole("status").first()).toHaveText("Copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await html.inputValue());

  // A members-only member is told in words why theirs is not showing.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(page, email("max"), PASSWORD);
  await page.goto("/profile");
  await expect(page.getByTestId("badge-not-showing")).toHaveText("Your badge is not showing now: your presence is not public (“Public — anyone” above).");
});
