// Sign-up against a real SQLite database: what gets stored, and that a refusal stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { EMAIL_TAKEN, signUp } from "@/lib/members/sign-up";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;

beforeAll(async () => {
  temp = await createTempDatabase("sign-up");
});

afterAll(async () => {
  await temp?.dispose();
});

const PASSWORD = "correct horse battery";

describe("signUp", () => {
  it("creates a member with a normalised email, an argon2id hash and a handle from the name", async () => {
    const result = await signUp(temp.db, { displayName: "  Ruth Okafor ", email: " Ruth@Example.ORG ", password: PASSWORD });
    expect(result).toMatchObject({ ok: true, value: { handle: "ruth-okafor", email: "ruth@example.org", displayName: "Ruth Okafor" } });
    const member = await temp.db.member.findUniqueOrThrow({ where: { email: "ruth@example.org" } });
    expect(member).toMatchObject({ role: "member", presenceVisibility: "members", suspendedAt: null });
    expect(member.passwordHash).toMatch(/^\$argon2id\$/);
    expect(member.passwordHash).not.toContain(PASSWORD);
    expect(await verifyCredentials(temp.db, { email: "RUTH@example.org", password: PASSWORD })).toMatchObject({ ok: true });
  });

  it("adds a number to the handle when the name's handle is taken", async () => {
    const second = await signUp(temp.db, { displayName: "Ruth Okafor", email: "ruth.two@example.org", password: PASSWORD });
    const third = await signUp(temp.db, { displayName: "Rúth Ókafor", email: "ruth.three@example.org", password: PASSWORD });
    expect(second).toMatchObject({ ok: true, value: { handle: "ruth-okafor-2" } });
    expect(third).toMatchObject({ ok: true, value: { handle: "ruth-okafor-3" } });
  });

  it("refuses a duplicate email, in any letter case, and writes nothing", async () => {
    const before = await temp.db.member.count();
    const result = await signUp(temp.db, { displayName: "Someone Else", email: "RUTH@example.org", password: "another fine password" });
    expect(result).toEqual({ ok: false, error: EMAIL_TAKEN, fieldErrors: { email: expect.any(String) } });
    expect(await temp.db.member.count()).toBe(before);
  });

  it("refuses duplicate emails when two sign-ups race: exactly one account", async () => {
    const input = { displayName: "Racer", email: "racer@example.org", password: PASSWORD };
    const results = await Promise.all([signUp(temp.db, input), signUp(temp.db, input), signUp(temp.db, input)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    for (const refused of results.filter((result) => !result.ok)) expect(refused).toMatchObject({ error: EMAIL_TAKEN });
    expect(await temp.db.member.count({ where: { email: "racer@example.org" } })).toBe(1);
  });

  it.each([
    [{ displayName: "Ann", email: "ann@example.org" }, { password: "Choose a password." }],
    [{ displayName: "Ann", email: "ann@example.org", password: "" }, { password: "Choose a password." }],
    [{ displayName: "Ann", email: "ann@example.org", password: "short" }, { password: "Use at least 10 characters for your password." }],
    [{ displayName: "Ann", email: "ann@example.org", password: "aaaaaaaaaaaa" }, { password: expect.stringMatching(/too easy to guess/) }],
    [{ displayName: "Ann", email: "annabelle.lee@example.org", password: "annabelle.lee" }, { password: "Your password must not be your email address or your name." }],
    [{ displayName: "Ann Lee Tomlinson", email: "ann@example.org", password: "ann lee tomlinson" }, { password: "Your password must not be your email address or your name." }],
    [{ displayName: "", email: "ann@example.org", password: PASSWORD }, { displayName: "Enter your name." }],
    [{ displayName: "x".repeat(81), email: "ann@example.org", password: PASSWORD }, { displayName: "Use at most 80 characters for your name." }],
    [{ displayName: "Ann", email: "not an email", password: PASSWORD }, { email: "Enter an email address like name@example.org." }],
    [{ displayName: "Ann", email: `${"a".repeat(250)}@example.org`, password: PASSWORD }, { email: "An email address has at most 254 characters." }],
    [{ displayName: "Ann", email: "", password: "" }, { email: "Enter your email address.", password: "Choose a password." }],
  ])("refuses %j with a message beside each wrong field and writes nothing", async (input, fieldErrors) => {
    const before = await temp.db.member.count();
    const result = await signUp(temp.db, input);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^Please correct the/), fieldErrors });
    expect(await temp.db.member.count()).toBe(before);
  });

  it("lets the operator name the handle and the role, and refuses a taken handle", async () => {
    const admin = await signUp(temp.db, { displayName: "Deborah", email: "deborah@example.org", password: PASSWORD }, { handle: "Pastor", role: "admin" });
    expect(admin).toMatchObject({ ok: true, value: { handle: "pastor" } });
    expect(await temp.db.member.findUniqueOrThrow({ where: { handle: "pastor" } })).toMatchObject({ role: "admin" });
    const again = await signUp(temp.db, { displayName: "Other", email: "other@example.org", password: PASSWORD }, { handle: "pastor" });
    expect(again).toMatchObject({ ok: false, error: 'The handle "pastor" is already taken.' });
    expect(await temp.db.member.count({ where: { email: "other@example.org" } })).toBe(0);
  });
});
