// The console's members as moderators and administrators see them: everyone (suspended too) by handle,
// each once across pages, narrowed to the suspended or to staff, with the actions this viewer may take
// (the same rules the actions apply); refused to visitors and plain members; bad links explained.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { createMember } from "@/lib/members/create-member";
import { listConsoleMembers, MEMBERS_PAGE_SIZE, parseMemberListParams, type ConsoleMemberRow } from "@/lib/moderation/list-console-members";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
const viewers: Record<string, Viewer> = {};
const BULK = MEMBERS_PAGE_SIZE + 5;

beforeAll(async () => {
  temp = await createTempDatabase("console-members");
  for (const [handle, role] of [["ada", "admin"], ["mo", "moderator"], ["sam", "member"], ["zed", "member"]] as const) {
    const created = await createMember(temp.db, { handle, displayName: handle.toUpperCase(), role });
    if (!created.ok) throw new Error(created.error);
    viewers[handle] = await loadViewer(temp.db, created.value.id);
  }
  await temp.db.member.update({ where: { handle: "zed" }, data: { suspendedAt: new Date("2026-11-01T10:00:00Z") } });
  const sam = await temp.db.member.findUniqueOrThrow({ where: { handle: "sam" } });
  await temp.db.jabberLink.createMany({
    data: [
      { memberId: sam.id, jid: "sam@example.org", verifiedAt: new Date() },
      { memberId: sam.id, jid: "sam@unproven.example" },
    ],
  });
  for (let index = 0; index < BULK; index += 1) {
    await temp.db.member.create({ data: { handle: `m${String(index).padStart(3, "0")}`, displayName: `Member ${index}` } });
  }
});

afterAll(async () => {
  await temp?.dispose();
});

const list = async (viewer: Viewer, options: Parameters<typeof listConsoleMembers>[2] = {}) => {
  const result = await listConsoleMembers(temp.db, viewer, options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const byHandle = (rows: ConsoleMemberRow[], handle: string) => rows.find((row) => row.handle === handle);
/** Every page, as a moderator paging through would see them. */
async function everyone(viewer: Viewer): Promise<ConsoleMemberRow[]> {
  const rows: ConsoleMemberRow[] = [];
  let after: string | undefined;
  do {
    const page = await list(viewer, { after });
    rows.push(...page.members);
    after = page.nextCursor ?? undefined;
  } while (after);
  return rows;
}

describe("listConsoleMembers", () => {
  it("refuses visitors and plain members", async () => {
    expect(await listConsoleMembers(temp.db, VISITOR)).toEqual({ ok: false, error: "Please sign in to see the members' standing." });
    expect(await listConsoleMembers(temp.db, viewers.sam ?? VISITOR)).toEqual({ ok: false, error: "Only moderators can see the members' standing." });
  });

  it("lists everyone by handle, each once across pages, suspended members included", async () => {
    const first = await list(viewers.mo ?? VISITOR);
    expect(first.members).toHaveLength(MEMBERS_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(viewers.mo ?? VISITOR, { after: first.nextCursor ?? undefined });
    expect(second.nextCursor).toBeNull();
    const handles = [...first.members, ...second.members].map((row) => row.handle);
    expect(handles).toHaveLength(BULK + 4);
    expect(new Set(handles).size).toBe(handles.length);
    expect(handles).toEqual([...handles].sort());
    expect(handles).toContain("zed");
  });

  it("narrows to the suspended, or to moderators and administrators; shows verified Jabber IDs only", async () => {
    expect((await list(viewers.mo ?? VISITOR, { filter: "suspended" })).members.map((row) => row.handle)).toEqual(["zed"]);
    expect((await list(viewers.mo ?? VISITOR, { filter: "staff" })).members.map((row) => [row.handle, row.role])).toEqual([
      ["ada", "admin"],
      ["mo", "moderator"],
    ]);
    expect(byHandle(await everyone(viewers.mo ?? VISITOR), "sam")).toMatchObject({ verifiedJids: ["sam@example.org"], suspendedAt: null });
  });

  it("offers a moderator suspension of plain members only, and roles to administrators, never on themselves", async () => {
    const forModerator = await everyone(viewers.mo ?? VISITOR);
    expect(byHandle(forModerator, "sam")).toMatchObject({ canSuspend: true, canSetRole: false });
    expect(byHandle(forModerator, "ada")).toMatchObject({ canSuspend: false, canSetRole: false });
    expect(byHandle(forModerator, "mo")).toMatchObject({ canSuspend: false, canSetRole: false });
    const forAdmin = await everyone(viewers.ada ?? VISITOR);
    expect(byHandle(forAdmin, "mo")).toMatchObject({ canSuspend: true, canSetRole: true });
    expect(byHandle(forAdmin, "ada")).toMatchObject({ canSuspend: false, canSetRole: false });
  });
});

describe("parseMemberListParams", () => {
  it("reads the console's own links and explains anything else", () => {
    expect(parseMemberListParams({})).toEqual({ ok: true, value: { filter: "all" } });
    expect(parseMemberListParams({ show: "suspended", after: "m010" })).toEqual({ ok: true, value: { filter: "suspended", after: "m010" } });
    expect(parseMemberListParams({ show: "everyone<script>" })).toEqual({ ok: false, error: "That list is not one the console has, so here is everyone." });
    expect(parseMemberListParams({ after: ["a", "b"] })).toEqual({ ok: false, error: "That page link is not valid, so here is the first page." });
  });
});
