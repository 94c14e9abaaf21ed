// Managing categories as people would: only administrators may add, rename, move, archive and
// unarchive; each change writes exactly one audit row with it; bad names, duplicates and changes that
// would change nothing are refused and write nothing; archived categories take no new posts but keep
// theirs on the board.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { createPost } from "@/lib/board/create-post";
import { listBoardPosts } from "@/lib/board/list-board-posts";
import { listOpenCategories } from "@/lib/board/list-categories";
import {
  archiveCategory,
  createCategory,
  listCategoriesToManage,
  moveCategory,
  renameCategory,
  unarchiveCategory,
} from "@/lib/board/manage-categories";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { Db } from "@/lib/db/client";
import { createMember } from "@/lib/members/create-member";
import type { Result } from "@/lib/members/create-member";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let member: Viewer;
let moderator: Viewer;
let admin: Viewer;

async function viewer(handle: string, role: "member" | "moderator" | "admin"): Promise<Viewer> {
  const created = await createMember(temp.db, { handle, displayName: handle, role });
  if (!created.ok) throw new Error(created.error);
  return loadViewer(temp.db, created.value.id);
}

const snapshot = async () => ({
  categories: await temp.db.category.findMany({ orderBy: { id: "asc" } }),
  audit: await temp.db.auditEntry.findMany({ orderBy: { id: "asc" } }),
});

const idOf = async (name: string): Promise<string> => (await temp.db.category.findFirstOrThrow({ where: { name } })).id;
const boardOrder = async (): Promise<string[]> => {
  const listed = await listCategoriesToManage(temp.db, admin);
  if (!listed.ok) throw new Error(listed.error);
  return listed.value.map((category) => category.name);
};
const auditRows = () => temp.db.auditEntry.findMany({ orderBy: { id: "asc" } });

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

beforeAll(async () => {
  temp = await createTempDatabase("manage-categories");
  member = await viewer("sam", "member");
  moderator = await viewer("mo", "moderator");
  admin = await viewer("ada", "admin");
});

beforeEach(async () => {
  await temp.db.post.deleteMany();
  await temp.db.auditEntry.deleteMany();
  await temp.db.category.deleteMany();
  await seedDefaultCategories(temp.db);
});

afterAll(async () => {
  await temp?.dispose();
});

type Change = (db: Db, who: Viewer, input: unknown) => Promise<Result<unknown>>;
const CHANGES: Array<[string, Change, () => Promise<unknown>]> = [
  ["createCategory", createCategory, async () => ({ name: "Youth" })],
  ["renameCategory", renameCategory, async () => ({ categoryId: await idOf("General"), name: "Notices" })],
  ["moveCategory", moveCategory, async () => ({ categoryId: await idOf("General"), direction: "up" })],
  ["archiveCategory", archiveCategory, async () => ({ categoryId: await idOf("General") })],
  [
    "unarchiveCategory",
    unarchiveCategory,
    async () => {
      const categoryId = await idOf("Events");
      await temp.db.category.update({ where: { id: categoryId }, data: { archivedAt: new Date() } });
      return { categoryId };
    },
  ],
];

describe("who may manage categories", () => {
  it.each(CHANGES)("%s refuses a visitor, a member and a moderator, writing nothing", async (_name, change, inputFor) => {
    const input = await inputFor();
    const before = await snapshot();
    expect(await change(temp.db, VISITOR, input)).toEqual({ ok: false, error: "Please sign in to manage categories." });
    expect(await change(temp.db, member, input)).toEqual({ ok: false, error: "Only administrators can manage categories." });
    expect(await change(temp.db, moderator, input)).toEqual({ ok: false, error: "Only administrators can manage categories." });
    expect(await snapshot()).toEqual(before);
  });

  it.each(CHANGES)("%s is allowed to an administrator and writes exactly one audit row", async (name, change, inputFor) => {
    const input = await inputFor();
    const result = await change(temp.db, admin, input);
    expect(result.ok).toBe(true);
    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    const verb = name.replace("Category", "");
    expect(audit[0]).toMatchObject({ action: `category.${verb}`, targetType: "category", actorId: admin.kind === "member" ? admin.id : "" });
    expect(audit[0]?.after).not.toBeNull();
  });

  it("refuses an administrator demoted or suspended since the page loaded, writing nothing", async () => {
    const ex = await viewer(`ex-admin-${Date.now()}`, "admin");
    if (ex.kind !== "member") throw new Error("not a member");
    await temp.db.member.update({ where: { id: ex.id }, data: { role: "member" } });
    const before = await snapshot();
    expect(await createCategory(temp.db, ex, { name: "Youth" })).toEqual({ ok: false, error: "Only administrators can manage categories." });
    await temp.db.member.update({ where: { id: ex.id }, data: { role: "admin", suspendedAt: new Date() } });
    expect(await createCategory(temp.db, ex, { name: "Youth" })).toEqual({ ok: false, error: "Please sign in to manage categories." });
    expect(await snapshot()).toEqual(before);
  });

  it("lists categories for administrators only", async () => {
    expect(await listCategoriesToManage(temp.db, member)).toEqual({ ok: false, error: "Only administrators can manage categories." });
    expect(await boardOrder()).toEqual(["Announcements", "Prayer requests", "Events", "General"]);
  });
});

describe("createCategory", () => {
  it("adds a trimmed name last in the order with a slug from its name, audited", async () => {
    const created = valueOf(await createCategory(temp.db, admin, { name: "  Youth Group  " }));
    expect(created).toMatchObject({ name: "Youth Group", slug: "youth-group", place: 5, archived: false });
    expect(await boardOrder()).toEqual(["Announcements", "Prayer requests", "Events", "General", "Youth Group"]);
    expect((await listOpenCategories(temp.db)).at(-1)?.name).toBe("Youth Group");
    const [entry] = await auditRows();
    expect(entry).toMatchObject({ action: "category.create", targetId: created.id, before: null });
    expect(JSON.parse(entry?.after ?? "null")).toEqual({ name: "Youth Group", slug: "youth-group", place: 5, archived: false });
  });

  it("gives a new name a free slug when another name has the same one", async () => {
    valueOf(await createCategory(temp.db, admin, { name: "Café" }));
    expect(valueOf(await createCategory(temp.db, admin, { name: "Cafe!" })).slug).toBe("cafe-2");
    expect(valueOf(await createCategory(temp.db, admin, { name: "🙏" })).slug).toBe("category");
  });

  it.each([
    ["an empty name", { name: "" }, "Give the category a name."],
    ["a blank name", { name: "   " }, "Give the category a name."],
    ["no name", {}, "Give the category a name."],
    ["an oversized name", { name: "x".repeat(61) }, "A category name is at most 60 characters."],
    ["a duplicate name", { name: "General" }, 'There is already a category named "General".'],
    ["a duplicate in other case", { name: " general " }, 'There is already a category named "General".'],
  ])("refuses %s, writing nothing", async (_what, input, error) => {
    const before = await snapshot();
    expect(await createCategory(temp.db, admin, input)).toEqual({ ok: false, error });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts a 60-character name and refuses an archived category's name with a hint", async () => {
    expect((await createCategory(temp.db, admin, { name: "x".repeat(60) })).ok).toBe(true);
    await temp.db.category.update({ where: { id: await idOf("Events") }, data: { archivedAt: new Date() } });
    const before = await snapshot();
    expect(await createCategory(temp.db, admin, { name: "Events" })).toEqual({
      ok: false,
      error: 'There is already an archived category named "Events"; unarchive it instead.',
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("renameCategory", () => {
  it("renames and re-derives the slug, keeping its place and posts, audited before and after", async () => {
    const categoryId = await idOf("Events");
    const renamed = valueOf(await renameCategory(temp.db, admin, { categoryId, name: "Events & outings" }));
    expect(renamed).toMatchObject({ id: categoryId, name: "Events & outings", slug: "events-outings", place: 3 });
    expect(await boardOrder()).toEqual(["Announcements", "Prayer requests", "Events & outings", "General"]);
    const [entry] = await auditRows();
    expect(entry).toMatchObject({ action: "category.rename", targetType: "category", targetId: categoryId });
    expect(JSON.parse(entry?.before ?? "null")).toEqual({ name: "Events", slug: "events", place: 3, archived: false });
    expect(JSON.parse(entry?.after ?? "null")).toEqual({ name: "Events & outings", slug: "events-outings", place: 3, archived: false });
  });

  it("allows a change of case only", async () => {
    expect(valueOf(await renameCategory(temp.db, admin, { categoryId: await idOf("General"), name: "GENERAL" })).name).toBe("GENERAL");
  });

  it.each([
    ["the same name", "General", "That is already the category's name."],
    ["the same name with spaces", "  General ", "That is already the category's name."],
    ["another category's name", "events", 'There is already a category named "Events".'],
    ["an empty name", " ", "Give the category a name."],
    ["an oversized name", "y".repeat(61), "A category name is at most 60 characters."],
  ])("refuses %s, writing nothing", async (_what, name, error) => {
    const categoryId = await idOf("General");
    const before = await snapshot();
    expect(await renameCategory(temp.db, admin, { categoryId, name })).toEqual({ ok: false, error });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an unknown or missing category, writing nothing", async () => {
    const before = await snapshot();
    expect(await renameCategory(temp.db, admin, { categoryId: "no-such", name: "Notices" })).toEqual({ ok: false, error: "There is no such category." });
    expect(await renameCategory(temp.db, admin, { name: "Notices" })).toEqual({ ok: false, error: "Choose a category." });
    expect(await snapshot()).toEqual(before);
  });
});

describe("moveCategory", () => {
  it("moves up and down one place and to a numbered place, each audited with the old and new place", async () => {
    const general = await idOf("General");
    expect(valueOf(await moveCategory(temp.db, admin, { categoryId: general, direction: "up" })).place).toBe(3);
    expect(await boardOrder()).toEqual(["Announcements", "Prayer requests", "General", "Events"]);
    valueOf(await moveCategory(temp.db, admin, { categoryId: await idOf("Announcements"), direction: "down" }));
    expect(await boardOrder()).toEqual(["Prayer requests", "Announcements", "General", "Events"]);
    valueOf(await moveCategory(temp.db, admin, { categoryId: await idOf("Events"), place: "1" }));
    expect(await boardOrder()).toEqual(["Events", "Prayer requests", "Announcements", "General"]);
    expect((await listOpenCategories(temp.db)).map((category) => category.name)).toEqual(["Events", "Prayer requests", "Announcements", "General"]);
    const audit = await auditRows();
    expect(audit.map((entry) => entry.action)).toEqual(["category.move", "category.move", "category.move"]);
    expect(JSON.parse(audit[0]?.before ?? "null")).toMatchObject({ name: "General", place: 4 });
    expect(JSON.parse(audit[0]?.after ?? "null")).toMatchObject({ name: "General", place: 3 });
    expect(JSON.parse(audit[2]?.after ?? "null")).toMatchObject({ name: "Events", place: 1 });
  });

  it("keeps archived categories in the order and a new category goes after them", async () => {
    valueOf(await archiveCategory(temp.db, admin, { categoryId: await idOf("General") }));
    valueOf(await createCategory(temp.db, admin, { name: "Youth" }));
    valueOf(await moveCategory(temp.db, admin, { categoryId: await idOf("Youth"), direction: "up" }));
    expect(await boardOrder()).toEqual(["Announcements", "Prayer requests", "Events", "Youth", "General"]);
    expect((await listOpenCategories(temp.db)).map((category) => category.name)).toEqual(["Announcements", "Prayer requests", "Events", "Youth"]);
  });

  it.each([
    ["the first up", "Announcements", { direction: "up" }, '"Announcements" is already first.'],
    ["the last down", "General", { direction: "down" }, '"General" is already last.'],
    ["to its own place", "Events", { place: 3 }, '"Events" is already in place 3.'],
    ["to place 0", "Events", { place: 0 }, "Choose a place from 1 to 4."],
    ["past the end", "Events", { place: 5 }, "Choose a place from 1 to 4."],
    ["sideways", "Events", { direction: "left" }, "Move a category up or down, or to a numbered place."],
    ["nowhere", "Events", {}, "Move a category up or down, or to a numbered place."],
    ["both ways at once", "Events", { direction: "up", place: 1 }, "Move a category up or down, or to a numbered place."],
    ["to a fractional place", "Events", { place: 1.5 }, "Move a category up or down, or to a numbered place."],
  ])("refuses moving %s, writing nothing", async (_what, name, move, error) => {
    const categoryId = await idOf(name);
    const before = await snapshot();
    expect(await moveCategory(temp.db, admin, { categoryId, ...move })).toEqual({ ok: false, error });
    expect(await snapshot()).toEqual(before);
  });
});

describe("archiveCategory and unarchiveCategory", () => {
  it("archives: no new posts in it, its posts stay on the board; unarchiving offers it again", async () => {
    const events = await idOf("Events");
    const author = await viewer(`ruth-${Date.now()}`, "member");
    const posted = valueOf(await createPost(temp.db, author, { categoryId: events, title: "Harvest supper", body: "Saturday at six." }));

    const archived = valueOf(await archiveCategory(temp.db, admin, { categoryId: events }));
    expect(archived).toMatchObject({ name: "Events", archived: true, place: 3 });
    expect((await listOpenCategories(temp.db)).map((category) => category.name)).toEqual(["Announcements", "Prayer requests", "General"]);
    expect((await listBoardPosts(temp.db)).posts.map((post) => post.id)).toEqual([posted.id]);
    expect(await createPost(temp.db, author, { categoryId: events, title: "Another", body: "Body" })).toMatchObject({
      ok: false,
      fieldErrors: { categoryId: BOARD_MESSAGES.archivedCategory },
    });
    const listed = valueOf(await listCategoriesToManage(temp.db, admin));
    expect(listed.find((category) => category.id === events)).toMatchObject({ archived: true, postCount: 1 });

    valueOf(await unarchiveCategory(temp.db, admin, { categoryId: events }));
    expect((await listOpenCategories(temp.db)).map((category) => category.name)).toEqual(["Announcements", "Prayer requests", "Events", "General"]);
    const audit = await auditRows();
    expect(audit.map((entry) => entry.action)).toEqual(["category.archive", "category.unarchive"]);
    expect(JSON.parse(audit[0]?.before ?? "null")).toMatchObject({ archived: false });
    expect(JSON.parse(audit[0]?.after ?? "null")).toMatchObject({ archived: true });
    expect(JSON.parse(audit[1]?.after ?? "null")).toMatchObject({ archived: false });
  });

  it("refuses archiving twice, unarchiving a live category and unknown categories, writing nothing", async () => {
    const general = await idOf("General");
    valueOf(await archiveCategory(temp.db, admin, { categoryId: general }));
    const before = await snapshot();
    expect(await archiveCategory(temp.db, admin, { categoryId: general })).toEqual({ ok: false, error: '"General" is already archived.' });
    expect(await unarchiveCategory(temp.db, admin, { categoryId: await idOf("Events") })).toEqual({ ok: false, error: '"Events" is not archived.' });
    expect(await archiveCategory(temp.db, admin, { categoryId: "no-such" })).toEqual({ ok: false, error: "There is no such category." });
    expect(await archiveCategory(temp.db, admin, { categoryId: "" })).toEqual({ ok: false, error: "Choose a category." });
    expect(await unarchiveCategory(temp.db, admin, null)).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
  });

  it("counts a category's posts without the deleted ones", async () => {
    const general = await idOf("General");
    const author = await viewer(`naomi-${Date.now()}`, "member");
    if (author.kind !== "member") throw new Error("not a member");
    const at = new Date();
    await temp.db.post.createMany({
      data: [
        { title: "Kept", body: "b", authorId: author.id, categoryId: general, createdAt: at, lastActivityAt: at },
        { title: "Hidden", body: "b", authorId: author.id, categoryId: general, createdAt: at, lastActivityAt: at, hiddenAt: at },
        { title: "Gone", body: "b", authorId: author.id, categoryId: general, createdAt: at, lastActivityAt: at, deletedAt: at },
      ],
    });
    const listed = valueOf(await listCategoriesToManage(temp.db, admin));
    expect(listed.map((category) => [category.name, category.postCount])).toEqual([
      ["Announcements", 0],
      ["Prayer requests", 0],
      ["Events", 0],
      ["General", 2],
    ]);
  });
});
