// The console's audit log as a moderator sees it: newest first, every matching entry once across pages,
// filtered by action, target type or actor, the log's own values for the filter's choices, snapshots
// shown even when unreadable; refused to visitors and plain members; a fixed number of queries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { createMember } from "@/lib/members/create-member";
import { AUDIT_PAGE_SIZE, listAuditEntries, type AuditFilter, type AuditRow } from "@/lib/moderation/list-audit-entries";
import { createCountingDb, type CountingDb } from "@/scripts/lib/counting-db";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let counting: CountingDb;
let moderator: Viewer;
let member: Viewer;
const ids: Record<string, string> = {};
const entry: Record<string, number> = {};
const BULK = 60;

async function person(handle: string, role: "member" | "moderator" | "admin"): Promise<string> {
  const created = await createMember(temp.db, { handle, displayName: handle.toUpperCase(), role });
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}

beforeAll(async () => {
  temp = await createTempDatabase("list-audit");
  counting = createCountingDb(temp.url);
  for (const [handle, role] of [["mod", "moderator"], ["admin", "admin"], ["ann", "member"], ["gone", "moderator"]] as const) ids[handle] = await person(handle, role);
  moderator = await loadViewer(temp.db, ids.mod);
  member = await loadViewer(temp.db, ids.ann);
  const write = async (data: { actorId?: string | null; action: string; targetType: string; targetId: string; before?: string | null; after?: string | null }) =>
    (await temp.db.auditEntry.create({ data, select: { id: true } })).id;
  entry.pin = await write({ actorId: ids.mod, action: "post.pin", targetType: "post", targetId: "p1", before: '{"pinnedAt":null}', after: '{"pinnedAt":"2026-11-01T12:00:00.000Z"}' });
  entry.category = await write({ actorId: ids.admin, action: "category.create", targetType: "category", targetId: "c1", before: null, after: '{"name":"Choir"}' });
  entry.role = await write({ actorId: null, action: "member.set-role", targetType: "member", targetId: ids.ann ?? "", before: '{"role":"member"}', after: '{"role":"moderator"}' });
  entry.unreadable = await write({ actorId: ids.gone, action: "member.suspend", targetType: "member", targetId: ids.ann ?? "", before: "{not json", after: "7" });
  for (let index = 0; index < BULK; index += 1) {
    await write({ actorId: index % 2 === 0 ? ids.mod : ids.admin, action: index % 3 === 0 ? "post.hide" : "post.lock", targetType: "post", targetId: `p${index}` });
  }
  await temp.db.member.delete({ where: { id: ids.gone } });
});

afterAll(async () => {
  await counting?.dispose();
  await temp?.dispose();
});

type Options = AuditFilter & { before?: number; limit?: number };

async function page(options: Options = {}) {
  const result = await listAuditEntries(temp.db, moderator, options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function everyEntry(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let before: number | undefined;
  for (;;) {
    const { entries, olderCursor } = await page({ ...filter, before, limit });
    rows.push(...entries);
    if (olderCursor === null) return rows;
    before = olderCursor;
  }
}

const newestFirst = (rows: Array<{ id: number }>) => rows.map((row) => row.id);

describe("listAuditEntries", () => {
  it("refuses visitors and plain members, returning nothing", async () => {
    expect(await listAuditEntries(temp.db, VISITOR)).toEqual({ ok: false, error: "Please sign in to use the moderators' console." });
    expect(await listAuditEntries(temp.db, member)).toEqual({ ok: false, error: "Only moderators can use the moderators' console." });
  });

  it("pages through the whole log newest first, every entry once", async () => {
    const all = await temp.db.auditEntry.findMany({ orderBy: { id: "desc" }, select: { id: true } });
    const first = await page();
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.olderCursor).toBe(first.entries.at(-1)?.id);
    for (const limit of [9, 50, 100]) expect(newestFirst(await everyEntry({}, limit))).toEqual(newestFirst(all));
  });

  it("filters by action, target type and actor, exactly, and pages within the filter", async () => {
    const expected = async (where: { action?: string; targetType?: string; actorId?: string | null }) =>
      newestFirst(await temp.db.auditEntry.findMany({ where, orderBy: { id: "desc" }, select: { id: true } }));
    const hides = await everyEntry({ action: "post.hide" }, 7);
    expect(hides.length).toBe(BULK / 3);
    expect(hides.every((row) => row.action === "post.hide")).toBe(true);
    expect(newestFirst(hides)).toEqual(await expected({ action: "post.hide" }));
    expect(newestFirst(await everyEntry({ targetType: "member" }, 1))).toEqual([entry.unreadable, entry.role]);
    expect(newestFirst(await everyEntry({ actorId: ids.admin }, 8))).toEqual(await expected({ actorId: ids.admin }));
    expect(newestFirst(await everyEntry({ actorId: ids.mod, action: "post.lock", targetType: "post" }, 5))).toEqual(
      await expected({ actorId: ids.mod, action: "post.lock", targetType: "post" }),
    );
    expect((await page({ action: "post" })).entries).toEqual([]); // exact match, not a prefix
    expect((await page({ action: "", targetType: "", actorId: "" })).entries).toHaveLength(AUDIT_PAGE_SIZE); // "any"
  });

  it("offers the log's own actions and target types for the filter, sorted, whatever the filter", async () => {
    const { actions, targetTypes } = await page({ action: "post.pin" });
    expect(actions).toEqual(["category.create", "member.set-role", "member.suspend", "post.hide", "post.lock", "post.pin"]);
    expect(targetTypes).toEqual(["category", "member", "post"]);
  });

  it("shows snapshots and actors as stored: parsed JSON, the raw text when unreadable, no actor for the operator or a removed member", async () => {
    const rows = await everyEntry({}, 100);
    const rowOf = (id: number | undefined) => rows.find((row) => row.id === id);
    expect(rowOf(entry.pin)).toEqual({
      id: entry.pin,
      action: "post.pin",
      targetType: "post",
      targetId: "p1",
      before: { pinnedAt: null },
      after: { pinnedAt: "2026-11-01T12:00:00.000Z" },
      actor: { id: ids.mod, displayName: "MOD" },
      createdAt: expect.any(Date),
    });
    expect(rowOf(entry.category)).toMatchObject({ before: null, after: { name: "Choir" }, actor: { id: ids.admin, displayName: "ADMIN" } });
    expect(rowOf(entry.role)).toMatchObject({ actor: null, before: { role: "member" }, after: { role: "moderator" } });
    expect(rowOf(entry.unreadable)).toMatchObject({ actor: null, before: "{not json", after: 7 });
  });

  it("refuses malformed options in words", async () => {
    const refusal = (options: unknown) => listAuditEntries(temp.db, moderator, options as Options);
    expect(await refusal({ before: 0 })).toEqual({ ok: false, error: "That page link is not valid, so here is the newest page." });
    expect(await refusal({ limit: 1.5 })).toEqual({ ok: false, error: "The page size must be a whole number of at least 1." });
    expect(await refusal({ action: "x".repeat(201) })).toEqual({ ok: false, error: "The action filter can be at most 200 characters." });
    expect(await refusal({ targetType: ["post", "member"] })).toEqual({ ok: false, error: "The target type filter is not valid." });
    expect((await refusal({ actorId: "x".repeat(200) })).ok).toBe(true);
  });

  it("reads a page of 50 with the same queries as a page of 2", async () => {
    counting.reset();
    const small = await listAuditEntries(counting.db, moderator, { limit: 2, before: 3 });
    const few = counting.queries().length;
    counting.reset();
    const large = await listAuditEntries(counting.db, moderator);
    expect(small.ok && small.value.entries.length).toBe(2);
    expect(large.ok && large.value.entries.length).toBe(50);
    expect(few).toBeGreaterThan(0);
    expect(counting.queries().length).toBe(few);
    expect(few).toBeLessThanOrEqual(4); // entries, their actors, the actions, the target types
  });
});
