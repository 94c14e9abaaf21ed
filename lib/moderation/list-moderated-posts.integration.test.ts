// The console's posts list as a moderator sees it: every hidden, deleted, locked or pinned post once
// across pages, newest post first (ties on the time broken by id), each filter exactly, never an
// unmarked post; each row's marks with their times, replies and the last moderator's action from the
// audit log; refused to visitors and plain members; malformed options refused in words; a fixed
// number of queries whatever the page size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { deletePost } from "@/lib/board/delete-post";
import { moderatePost } from "@/lib/board/moderate-post";
import type { ModerationState, ModerationVerb } from "@/lib/board/post-moderation";
import { createMember } from "@/lib/members/create-member";
import {
  listModeratedPosts,
  MODERATED_POSTS_PAGE_SIZE,
  parseStateParam,
  type ModeratedPostRow,
  type PostMarkFilter,
} from "@/lib/moderation/list-moderated-posts";
import { createCountingDb, type CountingDb } from "@/scripts/lib/counting-db";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let counting: CountingDb;
let moderator: Viewer;
let admin: Viewer;
let member: Viewer;
const ids: Record<string, string> = {};
const named: Record<string, string> = {};
let category = "";
const START = Date.parse("2026-11-01T12:00:00Z");

async function person(handle: string, role: "member" | "moderator" | "admin"): Promise<string> {
  const created = await createMember(temp.db, { handle, displayName: handle.toUpperCase(), role });
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}

let count = 0;
/** A post written straight to the database with the given marks; `minute` lets posts share a time. */
async function post(state: Partial<ModerationState>, minute = count, replyCount = 0): Promise<string> {
  count += 1;
  const at = new Date(START + minute * 60_000);
  const row = await temp.db.post.create({
    data: { title: `Post ${count}`, body: "Body", authorId: ids.ann ?? "", categoryId: category, createdAt: at, lastActivityAt: at, replyCount, ...state },
    select: { id: true },
  });
  return row.id;
}

async function moderate(who: Viewer, postId: string, action: ModerationVerb): Promise<void> {
  const result = await moderatePost(temp.db, who, { postId, action });
  if (!result.ok) throw new Error(result.error);
}

beforeAll(async () => {
  temp = await createTempDatabase("list-moderated-posts");
  counting = createCountingDb(temp.url);
  for (const [handle, role] of [["mod", "moderator"], ["admin", "admin"], ["ann", "member"]] as const) ids[handle] = await person(handle, role);
  moderator = await loadViewer(temp.db, ids.mod ?? "");
  admin = await loadViewer(temp.db, ids.admin ?? "");
  member = await loadViewer(temp.db, ids.ann ?? "");
  category = (await temp.db.category.create({ data: { slug: "general", name: "General" } })).id;

  // Marked straight in the database, in every combination, several sharing one time; unmarked posts between.
  const at = (minutes: number) => new Date(START + minutes * 60_000);
  const combos: Array<Partial<ModerationState>> = [
    { hiddenAt: at(1) },
    { deletedAt: at(2) },
    { lockedAt: at(3) },
    { pinnedAt: at(4) },
    { hiddenAt: at(5), lockedAt: at(6) },
    { deletedAt: at(7), hiddenAt: at(8), pinnedAt: at(9) },
    {},
  ];
  for (let index = 0; index < 42; index += 1) {
    const minute = index % 5 === 0 ? 100 : 100 + index; // every fifth post shares one time
    await post(combos[index % combos.length] ?? {}, minute);
  }

  // Moderated through the real action, so the audit log holds the entries the list reads.
  named.busy = await post({}, 500, 3);
  for (const verb of ["pin", "unpin", "pin", "unpin", "pin"] as const) await moderate(moderator, named.busy, verb);
  await moderate(admin, named.busy, "lock"); // last: admin locked it; still pinned
  named.hidden = await post({}, 501);
  await moderate(moderator, named.hidden, "hide");
  named.restored = await post({}, 502);
  await moderate(moderator, named.restored, "delete");
  await moderate(admin, named.restored, "restore"); // no mark left: not listed
  named.selfDeleted = await post({}, 503);
  const deleted = await deletePost(temp.db, member, { postId: named.selfDeleted });
  if (!deleted.ok) throw new Error(deleted.error);
  named.byOperator = await post({ hiddenAt: at(504) }, 504);
  await temp.db.auditEntry.create({ data: { actorId: null, action: "post.hide", targetType: "post", targetId: named.byOperator } });
  // Entries that are not a post's moderation must not count as one.
  await temp.db.auditEntry.create({ data: { actorId: ids.admin ?? null, action: "member.suspend", targetType: "post", targetId: named.hidden } });
  await temp.db.auditEntry.create({ data: { actorId: ids.admin ?? null, action: "post.pin", targetType: "member", targetId: named.hidden } });
});

afterAll(async () => {
  await counting?.dispose();
  await temp?.dispose();
});

async function page(options: Parameters<typeof listModeratedPosts>[2] = {}) {
  const result = await listModeratedPosts(temp.db, moderator, options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function everyPost(state: PostMarkFilter, limit: number): Promise<ModeratedPostRow[]> {
  const rows: ModeratedPostRow[] = [];
  let before: { at: Date; id: string } | undefined;
  for (;;) {
    const listed = await page({ state, before, limit });
    rows.push(...listed.posts);
    if (listed.olderCursor === null) return rows;
    before = listed.olderCursor;
  }
}

const FIELD: Record<Exclude<PostMarkFilter, "any">, keyof ModerationState> = { hidden: "hiddenAt", deleted: "deletedAt", locked: "lockedAt", pinned: "pinnedAt" };

/** The expected ids straight from the database: the posts with the mark, newest first, ties by id. */
async function expected(state: PostMarkFilter): Promise<string[]> {
  const all = await temp.db.post.findMany({ select: { id: true, createdAt: true, pinnedAt: true, lockedAt: true, hiddenAt: true, deletedAt: true } });
  return all
    .filter((row) => (state === "any" ? Object.values(FIELD).some((field) => row[field] !== null) : row[FIELD[state]] !== null))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((row) => row.id);
}

const idsOf = (rows: ModeratedPostRow[]) => rows.map((row) => row.id);

describe("listModeratedPosts", () => {
  it("refuses visitors and plain members, returning nothing", async () => {
    expect(await listModeratedPosts(temp.db, VISITOR)).toEqual({ ok: false, error: "Please sign in to use the moderators' console." });
    expect(await listModeratedPosts(temp.db, member)).toEqual({ ok: false, error: "Only moderators can use the moderators' console." });
    expect((await listModeratedPosts(temp.db, admin)).ok).toBe(true);
  });

  it("pages through every marked post newest first, each once, whatever the page size", async () => {
    const all = await expected("any");
    expect(all.length).toBeGreaterThan(MODERATED_POSTS_PAGE_SIZE);
    const first = await page();
    expect(first.state).toBe("any");
    expect(idsOf(first.posts)).toEqual(all.slice(0, MODERATED_POSTS_PAGE_SIZE));
    expect(first.olderCursor).toEqual({ at: first.posts.at(-1)?.createdAt, id: first.posts.at(-1)?.id });
    for (const limit of [1, 4, 25, 100]) expect(idsOf(await everyPost("any", limit))).toEqual(all);
  });

  it("filters by each mark exactly, pages within the filter, and never lists an unmarked post", async () => {
    for (const state of ["hidden", "deleted", "locked", "pinned"] as const) {
      const rows = await everyPost(state, 3);
      expect(idsOf(rows), state).toEqual(await expected(state));
      expect(rows.every((row) => row.flags[state]), state).toBe(true);
    }
    const listed = new Set(idsOf(await everyPost("any", 100)));
    const unmarked = await temp.db.post.findMany({ where: { pinnedAt: null, lockedAt: null, hiddenAt: null, deletedAt: null }, select: { id: true } });
    expect(unmarked.length).toBeGreaterThan(5);
    for (const { id } of unmarked) expect(listed.has(id)).toBe(false);
    expect(listed.has(named.restored ?? "")).toBe(false); // deleted, then restored: nothing left to decide
    expect(idsOf(await everyPost("deleted", 100))).toContain(named.selfDeleted); // the board no longer shows it
    expect((await page({ state: "" })).state).toBe("any"); // the select box's "any" choice
  });

  it("says which marks are set and since when, the replies, and the last moderator action from the audit log", async () => {
    const rows = await everyPost("any", 100);
    const rowOf = (id: string | undefined) => rows.find((row) => row.id === id);
    const busy = rowOf(named.busy);
    expect(busy).toMatchObject({
      title: expect.stringMatching(/^Post \d+$/),
      author: { id: ids.ann, handle: "ann", displayName: "ANN" },
      category: { slug: "general", name: "General" },
      createdAt: new Date(START + 500 * 60_000),
      replyCount: 3,
      flags: { pinned: true, locked: true, hidden: false, deleted: false },
      since: { pinnedAt: expect.any(Date), lockedAt: expect.any(Date), hiddenAt: null, deletedAt: null },
      lastAction: { verb: "lock", at: expect.any(Date), actor: { id: ids.admin, displayName: "ADMIN" } },
    });
    expect(rowOf(named.hidden)?.lastAction).toMatchObject({ verb: "hide", actor: { id: ids.mod, displayName: "MOD" } });
    expect(rowOf(named.selfDeleted)).toMatchObject({ flags: { deleted: true }, lastAction: null });
    expect(rowOf(named.byOperator)).toMatchObject({ since: { hiddenAt: new Date(START + 504 * 60_000) }, lastAction: { verb: "hide", actor: null } });
    // Marked straight in the database: the marks with their times, and no audit entry to name.
    const combo = rows.find((row) => row.flags.deleted && row.flags.hidden && row.flags.pinned && row.lastAction === null);
    expect(combo?.since).toEqual({ deletedAt: new Date(START + 7 * 60_000), hiddenAt: new Date(START + 8 * 60_000), pinnedAt: new Date(START + 9 * 60_000), lockedAt: null });
  });

  it("refuses malformed options in words", async () => {
    const refusal = (options: unknown) => listModeratedPosts(temp.db, moderator, options as Parameters<typeof listModeratedPosts>[2]);
    for (const state of ["archived", "HIDDEN", ["hidden", "deleted"], 3]) {
      expect(await refusal({ state })).toEqual({ ok: false, error: "Choose hidden, deleted, locked, pinned or any of these." });
    }
    expect(await refusal({ limit: 0 })).toEqual({ ok: false, error: "The page size must be a whole number of at least 1." });
    expect(await refusal({ before: { at: "yesterday", id: "x" } })).toEqual({ ok: false, error: "That page link is not valid, so here is the newest page." });
  });

  it("reads the ?state= param, explaining one it does not know", () => {
    expect(parseStateParam(undefined)).toEqual({ ok: true, value: "any" });
    expect(parseStateParam("")).toEqual({ ok: true, value: "any" });
    expect(parseStateParam("deleted")).toEqual({ ok: true, value: "deleted" });
    const unknown = { ok: false, error: "There is no such filter (choose hidden, deleted, locked, pinned or any of these), so here is every marked post." };
    for (const value of ["<script>", "hidden ", ["hidden", "locked"]]) expect(parseStateParam(value)).toEqual(unknown);
  });

  it("reads a page of 25 with the same queries as a page of 2", async () => {
    counting.reset();
    const small = await listModeratedPosts(counting.db, moderator, { limit: 2 });
    const few = counting.queries().length;
    counting.reset();
    const large = await listModeratedPosts(counting.db, moderator);
    expect(small.ok && small.value.posts.some((row) => row.lastAction !== null)).toBe(true); // both read the audit log
    expect(large.ok && large.value.posts.length).toBe(MODERATED_POSTS_PAGE_SIZE);
    expect(few).toBeGreaterThan(0);
    expect(counting.queries().length).toBe(few);
    expect(few).toBeLessThanOrEqual(6); // posts with authors and categories, the newest entry per post, the entries and their actors
  });
});
