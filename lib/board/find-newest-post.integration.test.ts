// The newest visible post by creation time, found through the (createdAt, id) index: right when older
// posts have newer replies, when the newest is hidden or deleted, and on an empty board.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNewestVisiblePost } from "@/lib/board/find-newest-post";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { createMember } from "@/lib/members/create-member";
import { orderedQueryPlan, readsIndex, SORTS } from "@/scripts/lib/query-plan";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let authorId: string;
let categoryId: string;
const base = Date.parse("2026-11-01T12:00:00Z");
const minute = (n: number) => new Date(base + n * 60_000);

beforeAll(async () => {
  temp = await createTempDatabase("board-newest");
  await seedDefaultCategories(temp.db);
  categoryId = (await temp.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  const author = await createMember(temp.db, { handle: "ruth", displayName: "Ruth" });
  if (!author.ok) throw new Error(author.error);
  authorId = author.value.id;
});

afterAll(async () => {
  await temp?.dispose();
});

const add = (id: string, created: number, active = created) =>
  temp.db.post.create({ data: { id, title: id, body: id, authorId, categoryId, createdAt: minute(created), lastActivityAt: minute(active) } });

describe("findNewestVisiblePost", () => {
  it("is null on an empty board", async () => {
    expect(await findNewestVisiblePost(temp.db)).toBeNull();
  });

  it("finds the latest created post, not the one with the latest reply", async () => {
    await add("old-but-busy", 1, 50);
    for (let n = 2; n <= 30; n++) await add(`post-${n}`, n);
    expect(await findNewestVisiblePost(temp.db)).toEqual({ id: "post-30", createdAt: minute(30) });
    await add("post-31", 31);
    expect(await findNewestVisiblePost(temp.db)).toEqual({ id: "post-31", createdAt: minute(31) });
  });

  it("falls back to the one before when the newest is hidden or deleted", async () => {
    await temp.db.post.update({ where: { id: "post-31" }, data: { hiddenAt: new Date() } });
    expect(await findNewestVisiblePost(temp.db)).toEqual({ id: "post-30", createdAt: minute(30) });
    await temp.db.post.update({ where: { id: "post-30" }, data: { deletedAt: new Date() } });
    expect(await findNewestVisiblePost(temp.db)).toEqual({ id: "post-29", createdAt: minute(29) });
  });

  it("walks the (createdAt, id) index from its top, never sorting the table", async () => {
    const plan = await orderedQueryPlan(temp.db, `SELECT "id", "createdAt" FROM "Post" WHERE "hiddenAt" IS NULL AND "deletedAt" IS NULL ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`);
    expect(plan).toMatch(readsIndex("Post_createdAt_id_idx"));
    expect(plan).not.toMatch(SORTS);
  });
});
