// The operator CLI as an operator runs it: a process against a real database (a SQLite file, or a
// PostgreSQL database in the PostgreSQL pass) that it migrates itself on first use.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createDb, type Db } from "@/lib/db/client";
import { createEmptyDatabase, type EmptyDatabase } from "@/scripts/lib/temp-database";

const TSX = path.resolve("node_modules/.bin/tsx");
let empty: EmptyDatabase;
let url: string;
let db: Db;

type Run = { code: number; stdout: string; stderr: string };

/** Runs the CLI with piped (never a terminal) stdin, given `input`, and an optional NARTHEX_PASSWORD. */
function narthexWith(options: { input?: string; password?: string }, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATABASE_URL: url, NARTHEX_PASSWORD: options.password ?? "" };
    const child = spawn(TSX, ["scripts/narthex-cli.ts", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

const narthex = (...args: string[]) => narthexWith({}, ...args);

beforeAll(async () => {
  empty = await createEmptyDatabase("narthex-cli");
  url = empty.url;
  expect((await narthex("member:add", "Ruth", "--name", "Ruth Okafor")).code).toBe(0);
  db = createDb(url);
});

afterAll(async () => {
  await db?.$disconnect();
  await empty?.dispose();
});

describe("operator CLI", () => {
  it("attaches a normalised Jabber ID and queues the roster command in one go", async () => {
    const result = await narthex("jid:attach", "ruth", "Ruth@Example.ORG/phone");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Linked ruth@example.org to ruth");
    const link = await db.jabberLink.findUniqueOrThrow({ where: { jid: "ruth@example.org" } });
    expect(link.verifiedAt).not.toBeNull();
    const commands = await db.command.findMany();
    expect(commands).toMatchObject([
      { kind: "roster.add", status: "pending" },
      { kind: "presence.resync", status: "pending" },
    ]);
    expect(JSON.parse(commands[0]?.payload ?? "{}")).toMatchObject({ jid: "ruth@example.org", name: "Ruth Okafor" });
  });

  it.each([
    [["jid:attach", "ruth", "not a jid"], /not a valid Jabber ID/],
    [["jid:attach", "nobody", "x@example.org"], /no member has the handle "nobody"/],
    [["jid:attach", "ruth", "ruth@example.org"], /already linked to this member/],
    [["member:add", "ruth", "--name", "Another Ruth"], /already taken/],
    [["member:add", "bad handle!", "--name", "X"], /a handle is 1-32 letters/],
    [["jid:attach", "ruth"], /expected: jid:attach <handle> <jid>/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("refuses %j with a clear message and changes nothing", async (args, message) => {
    const before = await counts();
    const result = await narthex(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("creates an administrator with the password from NARTHEX_PASSWORD, never echoing it", async () => {
    const password = "vestry key under the mat";
    const result = await narthexWith({ password }, "admin:create", "Deborah", "--name", "Deborah Adeyemi", "--email", "Deborah@Example.org");
    expect(result).toMatchObject({ code: 0, stdout: "Created administrator deborah; they sign in with deborah@example.org.\n" });
    expect(result.stdout + result.stderr).not.toContain(password);
    const admin = await db.member.findUniqueOrThrow({ where: { handle: "deborah" } });
    expect(admin).toMatchObject({ role: "admin", email: "deborah@example.org", displayName: "Deborah Adeyemi", suspendedAt: null });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyCredentials(db, { email: "deborah@example.org", password })).toMatchObject({ ok: true });
  });

  it("reads the administrator's password from stdin when it is piped", async () => {
    const result = await narthexWith({ input: "a piped pass phrase\n" }, "admin:create", "elias", "--name", "Elias", "--email", "elias@example.org");
    expect(result.code).toBe(0);
    expect(await verifyCredentials(db, { email: "elias@example.org", password: "a piped pass phrase" })).toMatchObject({ ok: true });
  });

  it.each([
    [{ password: "short" }, ["admin:create", "fay", "--name", "Fay", "--email", "fay@example.org"], /password: Use at least 10 characters/],
    [{ input: "" }, ["admin:create", "fay", "--name", "Fay", "--email", "fay@example.org"], /password: Choose a password\./],
    [{ password: "fay@example.org" }, ["admin:create", "fay", "--name", "Fay", "--email", "fay@example.org"], /must not be your email address/],
    [{ password: "long enough pass" }, ["admin:create", "fay", "--name", "Fay", "--email", "DEBORAH@example.org"], /An account with that email already exists/],
    [{ password: "long enough pass" }, ["admin:create", "fay", "--name", "Fay"], /--email: Enter your email address\./],
    [{ password: "long enough pass" }, ["admin:create", "fay", "--email", "fay@example.org"], /--name: Enter your name\./],
    [{ password: "long enough pass" }, ["admin:create", "ruth", "--name", "Fay", "--email", "fay@example.org"], /The handle "ruth" is already taken/],
    [{ password: "long enough pass" }, ["admin:create", "fay-", "--name", "Fay", "--email", "fay@example.org"], /That handle is not valid/],
    // A password given as an argument is refused (it would be in ps and the shell history).
    [{}, ["admin:create", "fay", "--name", "Fay", "--email", "fay@example.org", "secret password"], /expected: admin:create <handle>/],
    [{}, ["member:role", "ruth", "pope"], /A role is member, moderator or admin\./],
    [{}, ["member:role", "nobody", "admin"], /No member has the handle "nobody"\./],
    [{}, ["member:role", "ruth"], /expected: member:role <handle> <member\|moderator\|admin>/],
    [{}, ["member:suspend", "nobody"], /No member has the handle "nobody"\./],
    [{}, ["member:reinstate", "ruth"], /ruth is not suspended\./],
  ])("admin and member commands refuse %j %j clearly and change nothing", async (options, args, message) => {
    const before = await counts();
    const result = await narthexWith(options, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("changes roles and suspends and reinstates members, each with an audit row", async () => {
    const ruth = await db.member.findUniqueOrThrow({ where: { handle: "ruth" } });
    expect(await narthex("member:role", "ruth", "moderator")).toMatchObject({ code: 0, stdout: "ruth is now a moderator.\n" });
    expect(await narthex("member:role", "ruth", "moderator")).toMatchObject({ code: 0, stdout: expect.stringContaining("nothing changed") });
    expect(await narthex("member:suspend", "ruth")).toMatchObject({ code: 0, stdout: expect.stringContaining("Suspended ruth") });
    expect(await db.member.findUniqueOrThrow({ where: { handle: "ruth" } })).toMatchObject({ role: "moderator", suspendedAt: expect.any(Date) });
    expect((await narthex("members")).stdout).toMatch(/ruth\s+Ruth Okafor\s+moderator.*suspended/);
    expect(await narthex("member:suspend", "ruth")).toMatchObject({ code: 2, stderr: "narthex: ruth is already suspended.\n" });
    expect(await narthex("member:reinstate", "ruth")).toMatchObject({ code: 0, stdout: "Reinstated ruth; they can sign in again.\n" });
    expect(await narthex("member:role", "ruth", "member")).toMatchObject({ code: 0 });
    const audit = await db.auditEntry.findMany({ where: { targetId: ruth.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.actorId, entry.action, entry.targetType, entry.before, entry.after])).toEqual([
      [null, "member.set-role", "member", '{"role":"member"}', '{"role":"moderator"}'],
      [null, "member.suspend", "member", '{"suspendedAt":null}', expect.stringMatching(/^\{"suspendedAt":"\d{4}-/)],
      // Reinstating keeps the sessions ended at the suspension: the member signs in again.
      [null, "member.reinstate", "member", expect.stringMatching(/^\{"suspendedAt":"\d{4}-/), expect.stringMatching(/^\{"suspendedAt":null,"sessionsEndedAt":"\d{4}-/)],
      [null, "member.set-role", "member", '{"role":"moderator"}', '{"role":"member"}'],
    ]);
  });

  it("lists members, the roster and presence", async () => {
    expect((await narthex("members")).stdout).toMatch(/ruth\s+Ruth Okafor\s+member\s+members\s+ruth@example.org/);
    expect((await narthex("roster")).stdout).toContain("(none)");
    expect((await narthex("presence")).stdout).toContain("Worker: never ran");
  });
});

async function counts() {
  return {
    members: await db.member.count(),
    links: await db.jabberLink.count(),
    commands: await db.command.count(),
    audit: await db.auditEntry.count(),
    suspended: await db.member.count({ where: { suspendedAt: { not: null } } }),
    roles: (await db.member.findMany({ orderBy: { handle: "asc" }, select: { role: true } })).map((m) => m.role).join(","),
  };
}
