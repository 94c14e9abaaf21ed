// The board's pages: pinned first on page one only, newest activity first, every post exactly once
// across pages (ties on the same instant included), hidden and deleted posts never, one indexed query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCursor } from "@/lib/board/board-cursor";
import { listBoardPosts, type BoardPage } from "@/lib/board/list-board-posts";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { createMember } from "@/lib/members/create-member";
import { orderedQueryPlan, readsIndex, SORTS } from "@/scripts/lib/query-plan";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
const base = Date.parse("2026-11-01T12:00:00Z");

beforeAll(async () => {
  temp = await createTempDatabase("board-list");
  await seedDefaultCategories(temp.db);
  const category = await temp.db.category.findUniqueOrThrow({ where: { slug: "general" } });
  const author = await createMember(temp.db, { handle: "ruth", displayName: "Ruth" });
  if (!author.ok) throw new Error(author.error);
  // 45 posts; every third pair shares its instant so ties need the id.
  await temp.db.post.createMany({
    data: Array.from({ length: 45 }, (_, index) => {
      const at = new Date(base + Math.floor(index / 2) * 60_000);
      return { id: `post-${String(index).padStart(2, "0")}`, title: `Post ${index}`, body: `Body ${index}`, authorId: author.value.id, categoryId: category.id, createdAt: at, lastActivityAt: at };
    }),
  });
  await temp.db.post.update({ where: { id: "post-03" }, data: { pinnedAt: new Date() } });
  await temp.db.post.update({ where: { id: "post-40" }, data: { hiddenAt: new Date() } });
  await temp.db.post.update({ where: { id: "post-41" }, data: { deletedAt: new Date() } });
});

afterAll(async () => {
  await temp?.dispose();
});

async function allPages(limit: number): Promise<BoardPage[]> {
  const pages = [await listBoardPosts(temp.db, { limit })];
  for (let cursor = pages[0]?.olderCursor; cursor; cursor = pages.at(-1)?.olderCursor) {
    const decoded = decodeCursor(cursor);
    if (!decoded.ok) throw new Error(decoded.error);
    pages.push(await listBoardPosts(temp.db, { before: decoded.value, limit }));
  }
  return pages;
}

describe("listBoardPosts", () => {
  it("pages through every visible post once, pinned first on the first page only", async () => {
    const pages = await allPages(20);
    expect(pages.map((page) => page.posts.length)).toEqual([20, 20, 3]);
    expect(pages.at(-1)?.olderCursor).toBeNull();
    const ids = pages.flatMap((page) => page.posts.map((post) => post.id));
    expect(ids[0]).toBe("post-03");
    expect(pages[0]?.posts[0]?.pinned).toBe(true);
    const expected = Array.from({ length: 45 }, (_, index) => `post-${String(index).padStart(2, "0")}`)
      .filter((id) => !["post-03", "post-40", "post-41"].includes(id))
      .sort((a, b) => {
        const [ia, ib] = [Number(a.slice(5)), Number(b.slice(5))];
        return Math.floor(ib / 2) - Math.floor(ia / 2) || b.localeCompare(a);
      });
    expect(ids).toEqual(["post-03", ...expected]);
  });

  it("continues after a first page made only of pinned posts", async () => {
    await temp.db.post.update({ where: { id: "post-00" }, data: { pinnedAt: new Date(Date.now() - 1_000) } });
    const pages = await allPages(2);
    const ids = pages.flatMap((page) => page.posts.map((post) => post.id));
    expect(ids.slice(0, 2).sort()).toEqual(["post-00", "post-03"]);
    expect(new Set(ids).size).toBe(43);
    expect(ids).toHaveLength(43);
    await temp.db.post.update({ where: { id: "post-00" }, data: { pinnedAt: null } });
  });

  it("reads the first page and every later page through the board index, without sorting the table", async () => {
    const planOf = (sql: string, ...values: unknown[]) => orderedQueryPlan(temp.db, sql, ...values);
    const first = await planOf(
      `SELECT "id" FROM "Post" WHERE "hiddenAt" IS NULL AND "deletedAt" IS NULL ORDER BY "pinnedAt" DESC NULLS LAST, "lastActivityAt" DESC, "id" DESC LIMIT 21`,
    );
    const later = await planOf(
      `SELECT "id" FROM "Post" WHERE "hiddenAt" IS NULL AND "deletedAt" IS NULL AND "pinnedAt" IS NULL
       AND ("lastActivityAt" < ? OR ("lastActivityAt" = ? AND "id" < ?)) ORDER BY "pinnedAt" DESC NULLS LAST, "lastActivityAt" DESC, "id" DESC LIMIT 21`,
      new Date(base + 10 * 60_000),
      new Date(base + 10 * 60_000),
      "post-20",
    );
    for (const plan of [first, later]) {
      expect(plan).toMatch(readsIndex("Post_pinnedAt_lastActivityAt_id_idx"));
      expect(plan).not.toMatch(SORTS);
    }
  });
});
