// Writing, editing and deleting posts as a member would: own content only, clear refusals, and a
// refusal writes nothing at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { createPost } from "@/lib/board/create-post";
import { deletePost } from "@/lib/board/delete-post";
import { editPost } from "@/lib/board/edit-post";
import { listBoardPosts } from "@/lib/board/list-board-posts";
import { BODY_MAX, TITLE_MAX } from "@/lib/board/post-input";
import { DEFAULT_CATEGORIES, seedDefaultCategories } from "@/lib/board/seed-categories";
import { createMember } from "@/lib/members/create-member";
import { OPERATOR } from "@/lib/members/member-actor";
import { suspendMember } from "@/lib/members/suspend-member";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let general: string;
let archived: string;

async function member(handle: string): Promise<Viewer> {
  const created = await createMember(temp.db, { handle, displayName: handle });
  if (!created.ok) throw new Error(created.error);
  return loadViewer(temp.db, created.value.id);
}

beforeAll(async () => {
  temp = await createTempDatabase("board-posts");
  await seedDefaultCategories(temp.db);
  general = (await temp.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  archived = (await temp.db.category.create({ data: { slug: "old-news", name: "Old news", archivedAt: new Date() } })).id;
});

afterAll(async () => {
  await temp?.dispose();
});

const snapshot = async () => ({
  posts: await temp.db.post.findMany({ orderBy: { id: "asc" } }),
  replies: await temp.db.reply.count(),
});

describe("seedDefaultCategories", () => {
  it("created the four defaults once and leaves an existing board alone", async () => {
    expect(await temp.db.category.findMany({ where: { archivedAt: null }, orderBy: { position: "asc" }, select: { name: true } })).toEqual(
      DEFAULT_CATEGORIES.map(({ name }) => ({ name })),
    );
    expect(await seedDefaultCategories(temp.db)).toBe(0);
    expect(await temp.db.category.count()).toBe(5);
  });
});

describe("createPost", () => {
  it("writes a trimmed post that leads the board", async () => {
    const ruth = await member("ruth");
    const result = await createPost(temp.db, ruth, { categoryId: general, title: "  Harvest supper  ", body: "\n Bring a dish. \n" });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const post = await temp.db.post.findUniqueOrThrow({ where: { id: result.value.id } });
    expect(post).toMatchObject({ title: "Harvest supper", body: "Bring a dish.", categoryId: general, replyCount: 0, editedAt: null, deletedAt: null });
    expect(post.lastActivityAt).toEqual(post.createdAt);
    expect((await listBoardPosts(temp.db)).posts[0]).toMatchObject({ id: post.id, title: "Harvest supper" });
  });

  it("refuses a visitor and writes nothing", async () => {
    const before = await snapshot();
    expect(await createPost(temp.db, VISITOR, { categoryId: general, title: "Hi", body: "there" })).toEqual({
      ok: false,
      error: "Please sign in to write a post.",
      fieldErrors: {},
    });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    [{ title: "", body: "text" }, { title: "Give your post a title." }],
    [{ title: "   ", body: "text" }, { title: "Give your post a title." }],
    [{ title: "x".repeat(TITLE_MAX + 1), body: "text" }, { title: `Keep the title to ${TITLE_MAX} characters or fewer.` }],
    [{ title: "Hi", body: " \n " }, { body: "Write something first." }],
    [{ title: "Hi", body: "x".repeat(BODY_MAX + 1) }, { body: "Keep it to 20,000 characters or fewer." }],
    [{ title: "", body: "" }, { title: "Give your post a title.", body: "Write something first." }],
  ])("refuses %#: empty or oversized fields, beside the field, writing nothing", async (fields, fieldErrors) => {
    const viewer = await loadViewer(temp.db, (await temp.db.member.findUniqueOrThrow({ where: { handle: "ruth" } })).id);
    const before = await snapshot();
    const result = await createPost(temp.db, viewer, { categoryId: general, ...fields });
    expect(result).toMatchObject({ ok: false, fieldErrors });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts a title and body exactly at their limits", async () => {
    const max = await member("max");
    expect(await createPost(temp.db, max, { categoryId: general, title: "t".repeat(TITLE_MAX), body: "b".repeat(BODY_MAX) })).toMatchObject({ ok: true });
  });

  it.each([
    ["an unknown category", () => "no-such-category", BOARD_MESSAGES.unknownCategory],
    ["an archived category", () => archived, BOARD_MESSAGES.archivedCategory],
    ["no category", () => "", "Choose a category."],
  ])("refuses %s beside the field and writes nothing", async (_what, category, message) => {
    const viewer = await member(`cat-${Math.random().toString(36).slice(2, 8)}`);
    const before = await snapshot();
    expect(await createPost(temp.db, viewer, { categoryId: category(), title: "Hi", body: "there" })).toMatchObject({ ok: false, fieldErrors: { categoryId: message } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a member suspended after their viewer was loaded", async () => {
    const viewer = await member("sneaky");
    expect(await suspendMember(temp.db, OPERATOR, { handle: "sneaky" })).toMatchObject({ ok: true });
    const before = await snapshot();
    expect(await createPost(temp.db, viewer, { categoryId: general, title: "Hi", body: "there" })).toMatchObject({ ok: false, error: BOARD_MESSAGES.signedOut });
    expect(await snapshot()).toEqual(before);
  });

  it("lets a member post and reply ten times in ten minutes, then asks them to wait", async () => {
    const busy = await member("busy");
    for (let index = 0; index < 10; index += 1) {
      expect(await createPost(temp.db, busy, { categoryId: general, title: `Post ${index}`, body: "text" })).toMatchObject({ ok: true });
    }
    const before = await snapshot();
    const refused = await createPost(temp.db, busy, { categoryId: general, title: "One more", body: "text" });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^You are posting quickly\. Please wait (10|9) minutes? before posting again\.$/) });
    expect(await snapshot()).toEqual(before);
    // Someone else is not held up by it.
    expect(await createPost(temp.db, await member("calm"), { categoryId: general, title: "Calm", body: "text" })).toMatchObject({ ok: true });
  });
});

describe("editPost", () => {
  it("changes the author's own post and marks it edited without moving it on the board", async () => {
    const author = await member("editor");
    const created = await createPost(temp.db, author, { categoryId: general, title: "Typo in titel", body: "Body" });
    if (!created.ok) throw new Error(created.error);
    const before = await temp.db.post.findUniqueOrThrow({ where: { id: created.value.id } });
    const events = (await temp.db.category.findUniqueOrThrow({ where: { slug: "events" } })).id;
    const result = await editPost(temp.db, author, { postId: before.id, categoryId: events, title: " Typo in title ", body: "Better body" });
    expect(result).toMatchObject({ ok: true });
    const after = await temp.db.post.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ title: "Typo in title", body: "Better body", categoryId: events, lastActivityAt: before.lastActivityAt });
    expect(after.editedAt).toBeInstanceOf(Date);
  });

  it("refuses someone else's post, a visitor, bad fields and an archived category, writing nothing", async () => {
    const owner = await member("owner");
    const other = await member("other");
    const created = await createPost(temp.db, owner, { categoryId: general, title: "Mine", body: "Mine" });
    if (!created.ok) throw new Error(created.error);
    const postId = created.value.id;
    const before = await snapshot();
    const edit = { postId, categoryId: general, title: "Theirs now", body: "Theirs" };
    expect(await editPost(temp.db, other, edit)).toEqual({ ok: false, error: "You can only edit your own posts.", fieldErrors: {} });
    expect(await editPost(temp.db, VISITOR, edit)).toMatchObject({ ok: false, error: "Please sign in to edit your posts." });
    expect(await editPost(temp.db, owner, { ...edit, title: "" })).toMatchObject({ ok: false, fieldErrors: { title: "Give your post a title." } });
    expect(await editPost(temp.db, owner, { ...edit, body: "x".repeat(BODY_MAX + 1) })).toMatchObject({ ok: false, fieldErrors: { body: expect.any(String) } });
    expect(await editPost(temp.db, owner, { ...edit, categoryId: archived })).toMatchObject({ ok: false, fieldErrors: { categoryId: BOARD_MESSAGES.archivedCategory } });
    expect(await editPost(temp.db, owner, { ...edit, postId: "nope" })).toMatchObject({ ok: false, error: BOARD_MESSAGES.postGone });
    expect(await snapshot()).toEqual(before);
  });
});

describe("deletePost", () => {
  it("soft-deletes the author's own post: gone from the board, kept for moderators, and not deletable twice", async () => {
    const author = await member("leaver");
    const other = await member("bystander");
    const created = await createPost(temp.db, author, { categoryId: general, title: "Going soon", body: "Bye" });
    if (!created.ok) throw new Error(created.error);
    const postId = created.value.id;

    const before = await snapshot();
    expect(await deletePost(temp.db, other, { postId })).toEqual({ ok: false, error: "You can only delete your own posts." });
    expect(await deletePost(temp.db, VISITOR, { postId })).toEqual({ ok: false, error: "Please sign in to delete your posts." });
    expect(await snapshot()).toEqual(before);

    expect(await deletePost(temp.db, author, { postId })).toEqual({ ok: true, value: { id: postId } });
    const row = await temp.db.post.findUniqueOrThrow({ where: { id: postId } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.title).toBe("Going soon");
    expect((await listBoardPosts(temp.db, { limit: 100 })).posts.map((post) => post.id)).not.toContain(postId);
    expect(await deletePost(temp.db, author, { postId })).toEqual({ ok: false, error: BOARD_MESSAGES.postGone });
    expect(await editPost(temp.db, author, { postId, categoryId: general, title: "Back", body: "Back" })).toMatchObject({ ok: false, error: BOARD_MESSAGES.postGone });
  });
});
