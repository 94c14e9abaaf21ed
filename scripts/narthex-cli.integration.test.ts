// The operator CLI as an operator runs it: a process against a real SQLite file.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
let dir: string;
let url: string;
let db: Db;

async function narthex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/narthex-cli.ts", ...args], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "narthex-cli-"));
  url = `file:${path.join(dir, "cli.db")}`;
  expect((await narthex("member:add", "Ruth", "--name", "Ruth Okafor")).code).toBe(0);
  db = createDb(url);
});

afterAll(async () => {
  await db?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("operator CLI", () => {
  it("attaches a normalised Jabber ID and queues the roster command in one go", async () => {
    const result = await narthex("jid:attach", "ruth", "Ruth@Example.ORG/phone");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Linked ruth@example.org to ruth");
    const link = await db.jabberLink.findUniqueOrThrow({ where: { jid: "ruth@example.org" } });
    expect(link.verifiedAt).not.toBeNull();
    const commands = await db.command.findMany();
    expect(commands).toMatchObject([{ kind: "roster.add", status: "pending", payload: JSON.stringify({ jid: "ruth@example.org", name: "Ruth Okafor" }) }]);
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
    const before = { members: await db.member.count(), links: await db.jabberLink.count(), commands: await db.command.count() };
    const result = await narthex(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect({ members: await db.member.count(), links: await db.jabberLink.count(), commands: await db.command.count() }).toEqual(before);
  });

  it("lists members, the roster and presence", async () => {
    expect((await narthex("members")).stdout).toMatch(/ruth\s+Ruth Okafor\s+member\s+members\s+ruth@example.org/);
    expect((await narthex("roster")).stdout).toContain("(none)");
    expect((await narthex("presence")).stdout).toContain("Worker: never ran");
  });
});
