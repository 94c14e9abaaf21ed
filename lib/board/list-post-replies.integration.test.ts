// A post's replies a page at a time: oldest first, every visible reply exactly once across pages (ties
// on the same instant included) and walking back gives the same pages; a malformed page link falls back
// to the first page in words; a reply's page is the one a member walks to; one indexed query per page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { decodeCursor, encodeCursor } from "@/lib/board/board-cursor";
import { findReplyPage, listPostReplies, MALFORMED_REPLIES_CURSOR, REPLIES_PAGE_SIZE, type ReplyPage, type ReplyPageAddress } from "@/lib/board/list-post-replies";
import { loadPost, type PostPage } from "@/lib/board/load-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { createMember } from "@/lib/members/create-member";
import { orderedQueryPlan, readsIndex, SORTS } from "@/scripts/lib/query-plan";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let ruth: Viewer;
let samuel: Viewer;
let thread: PostPage;
const base = Date.parse("2026-11-01T12:00:00Z");
const SEEDED = 123;
/** Off the board: nobody sees these, and they are not counted. */
const GONE = { deleted: ["reply-010", "reply-077"], hidden: ["reply-100"] };

/** Seeded ids are a shuffle of 000–122, and every three replies share one instant, so ties need the id. */
const seededId = (index: number) => `reply-${String((index * 47) % SEEDED).padStart(3, "0")}`;
const seededAt = (index: number) => new Date(base + Math.floor(index / 3) * 1_000);

/** Every visible reply of the thread in the order people read them: oldest first, then by id. */
const expectedOrder = Array.from({ length: SEEDED }, (_, index) => ({ id: seededId(index), at: seededAt(index).getTime() }))
  .filter(({ id }) => ![...GONE.deleted, ...GONE.hidden].includes(id))
  .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
  .map(({ id }) => id);

async function member(handle: string): Promise<Viewer> {
  const created = await createMember(temp.db, { handle, displayName: handle });
  if (!created.ok) throw new Error(created.error);
  return loadViewer(temp.db, created.value.id);
}

const idOf = (viewer: Viewer) => (viewer.kind === "member" ? viewer.id : "");

beforeAll(async () => {
  temp = await createTempDatabase("post-replies");
  await seedDefaultCategories(temp.db);
  const category = await temp.db.category.findUniqueOrThrow({ where: { slug: "general" } });
  ruth = await member("ruth");
  samuel = await member("samuel");
  const post = await temp.db.post.create({
    data: { title: "Harvest supper", body: "Who brings what?", authorId: idOf(ruth), categoryId: category.id, replyCount: expectedOrder.length },
  });
  // A neighbouring thread with replies at the very same instants must not leak into this one.
  const other = await temp.db.post.create({ data: { title: "Choir", body: "Practice", authorId: idOf(ruth), categoryId: category.id } });
  // Inserted in shuffled id order, so the table's own order is no help either.
  await temp.db.reply.createMany({
    data: Array.from({ length: SEEDED }, (_, index) => ({
      id: seededId(index),
      postId: post.id,
      authorId: idOf(index % 2 === 0 ? samuel : ruth),
      body: `Reply ${seededId(index)}`,
      createdAt: seededAt(index),
    })),
  });
  await temp.db.reply.createMany({
    data: Array.from({ length: 30 }, (_, index) => ({ id: `other-${index}`, postId: other.id, authorId: idOf(ruth), body: "Other", createdAt: seededAt(index) })),
  });
  await temp.db.reply.updateMany({ where: { id: { in: GONE.deleted } }, data: { deletedAt: new Date() } });
  await temp.db.reply.updateMany({ where: { id: { in: GONE.hidden } }, data: { hiddenAt: new Date() } });
  const loaded = await loadPost(temp.db, samuel, post.id);
  if (!loaded) throw new Error("the thread is missing");
  thread = loaded;
});

afterAll(async () => {
  await temp?.dispose();
});

/** The page at an address, as the post page reads it from `?after=`. */
async function pageAt(address: ReplyPageAddress, viewer: Viewer = samuel, limit?: number): Promise<ReplyPage> {
  if (address.after === null) return listPostReplies(temp.db, viewer, thread, { limit });
  const cursor = decodeCursor(address.after, MALFORMED_REPLIES_CURSOR);
  if (!cursor.ok) throw new Error(cursor.error);
  return listPostReplies(temp.db, viewer, thread, { after: cursor.value, limit });
}

const ids = (page: ReplyPage) => page.replies.map((reply) => reply.id);

describe("listPostReplies", () => {
  it("shows the first page oldest first, with the way to the next page and nothing before it", async () => {
    const first = await pageAt({ after: null });
    expect(ids(first)).toEqual(expectedOrder.slice(0, REPLIES_PAGE_SIZE));
    expect(first).toMatchObject({ earlierCount: 0, earlier: null, later: { after: expect.stringMatching(/^[A-Za-z0-9_-]+$/) } });
    expect(first.replies[0]).toMatchObject({ body: `Reply ${expectedOrder[0]}`, author: { handle: expect.any(String) } });
  });

  it("continues from the cursor to the next page, and ends with no later page", async () => {
    const first = await pageAt({ after: null });
    if (!first.later) throw new Error("no second page");
    const second = await pageAt(first.later);
    expect(ids(second)).toEqual(expectedOrder.slice(50, 100));
    expect(second).toMatchObject({ earlierCount: 50, earlier: { after: null } });
    if (!second.later) throw new Error("no third page");
    const last = await pageAt(second.later);
    expect(ids(last)).toEqual(expectedOrder.slice(100));
    expect(last.replies).toHaveLength(expectedOrder.length - 100);
    expect(last).toMatchObject({ earlierCount: 100, earlier: { after: first.later.after }, later: null });
  });

  it("shows every visible reply exactly once across pages when replies share an instant, forwards and back", async () => {
    for (const limit of [1, 2, 3, 7, 50, 100]) {
      const pages = [await pageAt({ after: null }, samuel, limit)];
      for (let next = pages[0]?.later; next; next = pages.at(-1)?.later) pages.push(await pageAt(next, samuel, limit));
      const seen = pages.flatMap(ids);
      expect(seen, `pages of ${limit}`).toEqual(expectedOrder);
      expect(pages.map((page) => page.earlierCount)).toEqual(pages.map((_, index) => index * limit));

      // Walking back from the last page visits the same pages in reverse.
      const back = [pages.at(-1) as ReplyPage];
      for (let previous = back[0]?.earlier; previous; previous = back.at(-1)?.earlier) back.push(await pageAt(previous, samuel, limit));
      expect(back.map(ids).reverse(), `back through pages of ${limit}`).toEqual(pages.map(ids));
    }
  });

  it("keeps other threads, deleted and hidden replies out of every page", async () => {
    const all: string[] = [];
    for (let page: ReplyPage | null = await pageAt({ after: null }, samuel, 100); page; page = page.later ? await pageAt(page.later, samuel, 100) : null) {
      all.push(...ids(page));
    }
    expect(all).toHaveLength(SEEDED - GONE.deleted.length - GONE.hidden.length);
    for (const gone of [...GONE.deleted, ...GONE.hidden]) expect(all).not.toContain(gone);
    expect(all.some((id) => id.startsWith("other-"))).toBe(false);
  });

  it("after the last reply there is nothing later, and the way back", async () => {
    const lastId = expectedOrder.at(-1) ?? "";
    const last = await temp.db.reply.findUniqueOrThrow({ where: { id: lastId } });
    const beyond = await pageAt({ after: encodeCursor({ at: last.createdAt, id: last.id }) });
    expect(beyond).toMatchObject({ replies: [], earlierCount: expectedOrder.length, later: null, earlier: { after: expect.any(String) } });
  });

  it("refuses a malformed page link in words, and the page shows the first replies instead", async () => {
    const first = await pageAt({ after: null });
    for (const after of ["not-a-cursor", "%%%", ["a", "b"], Buffer.from("yesterday.reply-001").toString("base64url"), ""]) {
      const cursor = decodeCursor(after, MALFORMED_REPLIES_CURSOR);
      expect(cursor).toEqual({ ok: false, error: "That page link is not valid, so here are the first replies." });
      // What the post page does with a refused cursor: the first page, as if none had been given.
      expect(await listPostReplies(temp.db, samuel, thread, { after: cursor.ok ? cursor.value : undefined })).toEqual(first);
    }
  });

  it("marks the viewer's own replies, and nobody's for a visitor", async () => {
    const page = await pageAt({ after: null });
    for (const reply of page.replies) expect(reply.mine).toBe(reply.author.id === idOf(samuel));
    expect(page.replies.some((reply) => reply.mine)).toBe(true);
    expect((await pageAt({ after: null }, VISITOR)).replies.every((reply) => !reply.mine)).toBe(true);
  });
  it("steps back onto the aligned pages from a link that starts off them (replies hidden since)", async () => {
    // A page link starting after reply 70 (kept from before replies were hidden): the way back joins
    // the aligned pages at once, at the page holding reply 70 (51–100), then the first.
    const seventieth = expectedOrder[69] ?? "";
    const row = await temp.db.reply.findUniqueOrThrow({ where: { id: seventieth } });
    const fromOffGrid = await pageAt({ after: encodeCursor({ at: row.createdAt, id: row.id }) });
    expect(fromOffGrid.earlierCount).toBe(70);
    expect(fromOffGrid.earlier).toEqual(await findReplyPage(temp.db, { id: seventieth, postId: thread.id }));
    const back = await pageAt(fromOffGrid.earlier ?? { after: null });
    expect(back.replies.map((reply) => reply.id)).toEqual(expectedOrder.slice(50, 100));
    expect(back.earlier).toEqual({ after: null });
  });
});

describe("findReplyPage", () => {
  it("finds the page each reply is on, the same address a member walks to", async () => {
    const addresses: ReplyPageAddress[] = [{ after: null }];
    for (let page = await pageAt({ after: null }); page.later; page = await pageAt(page.later)) addresses.push(page.later);
    for (const [index, id] of expectedOrder.entries()) {
      const found = await findReplyPage(temp.db, { id, postId: thread.id });
      expect(found, id).toEqual(addresses[Math.floor(index / REPLIES_PAGE_SIZE)]);
      expect(ids(await pageAt(found))).toContain(id);
    }
  });

  it("sends the author of a new reply to the last page, where it is shown", async () => {
    const newest = await temp.db.reply.create({ data: { postId: thread.id, authorId: idOf(ruth), body: "I'll bring apples", createdAt: seededAt(SEEDED + 3) } });
    try {
      const found = await findReplyPage(temp.db, { id: newest.id, postId: thread.id });
      const page = await pageAt(found);
      expect(page.later).toBeNull();
      expect(page.replies.at(-1)).toMatchObject({ id: newest.id, body: "I'll bring apples" });
    } finally {
      await temp.db.reply.delete({ where: { id: newest.id } });
    }
  });

  it("gives the first page for an unknown reply or one of another thread", async () => {
    expect(await findReplyPage(temp.db, { id: "no-such-reply", postId: thread.id })).toEqual({ after: null });
    expect(await findReplyPage(temp.db, { id: "other-29", postId: thread.id })).toEqual({ after: null });
  });
});

describe("the replies index", () => {
  it("serves every page, the count before it and the step back, without sorting", async () => {
    const planOf = (sql: string, ...values: unknown[]) => orderedQueryPlan(temp.db, sql, ...values);
    const at = seededAt(60);
    const visible = `"postId" = ? AND "hiddenAt" IS NULL AND "deletedAt" IS NULL`;
    const plans = [
      await planOf(`SELECT "id" FROM "Reply" WHERE ${visible} ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`, thread.id),
      await planOf(`SELECT "id" FROM "Reply" WHERE ${visible} AND ("createdAt" > ? OR ("createdAt" = ? AND "id" > ?)) ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`, thread.id, at, at, "reply-050"),
      await planOf(`SELECT "id" FROM "Reply" WHERE ${visible} AND ("createdAt" < ? OR ("createdAt" = ? AND "id" <= ?)) ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET 50`, thread.id, at, at, "reply-050"),
      await planOf(`SELECT COUNT(*) FROM "Reply" WHERE ${visible} AND ("createdAt" < ? OR ("createdAt" = ? AND "id" <= ?))`, thread.id, at, at, "reply-050"),
    ];
    for (const plan of plans) {
      expect(plan).toMatch(readsIndex("Reply_postId_createdAt_id_idx"));
      expect(plan).not.toMatch(SORTS);
    }
  });
});
