// Replying, editing and deleting replies: counts and newest activity move with the reply in one
// transaction; locked, deleted and hidden posts take no replies; refusals write nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { createPost } from "@/lib/board/create-post";
import { createReply } from "@/lib/board/create-reply";
import { deletePost } from "@/lib/board/delete-post";
import { deleteReply } from "@/lib/board/delete-reply";
import { editReply } from "@/lib/board/edit-reply";
import { listBoardPosts } from "@/lib/board/list-board-posts";
import { listPostReplies } from "@/lib/board/list-post-replies";
import { loadPost } from "@/lib/board/load-post";
import { BODY_MAX } from "@/lib/board/post-input";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { createMember } from "@/lib/members/create-member";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let general: string;

async function member(handle: string): Promise<Viewer> {
  const created = await createMember(temp.db, { handle, displayName: handle });
  if (!created.ok) throw new Error(created.error);
  return loadViewer(temp.db, created.value.id);
}

async function post(author: Viewer, title = "A post"): Promise<string> {
  const created = await createPost(temp.db, author, { categoryId: general, title, body: "Body" });
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}

async function reply(author: Viewer, postId: string, body = "A reply"): Promise<string> {
  const created = await createReply(temp.db, author, { postId, body });
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}

beforeAll(async () => {
  temp = await createTempDatabase("board-replies");
  await seedDefaultCategories(temp.db);
  general = (await temp.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
});

afterAll(async () => {
  await temp?.dispose();
});

const snapshot = async () => ({
  posts: await temp.db.post.findMany({ orderBy: { id: "asc" } }),
  replies: await temp.db.reply.findMany({ orderBy: { id: "asc" } }),
});

describe("createReply", () => {
  it("adds a reply, counts it and brings the post back to the top of the board", async () => {
    const ruth = await member("ruth");
    const samuel = await member("samuel");
    const older = await post(ruth, "Older post");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await post(samuel, "Newer post");
    expect((await listBoardPosts(temp.db)).posts.map((item) => item.id)).toEqual([newer, older]);

    const result = await createReply(temp.db, samuel, { postId: older, body: "  I can bring bread.  " });
    expect(result).toMatchObject({ ok: true, value: { postId: older } });
    const row = await temp.db.post.findUniqueOrThrow({ where: { id: older } });
    expect(row.replyCount).toBe(1);
    const stored = await temp.db.reply.findFirstOrThrow({ where: { postId: older } });
    expect(stored).toMatchObject({ body: "I can bring bread.", editedAt: null });
    expect(row.lastActivityAt).toEqual(stored.createdAt);
    expect((await listBoardPosts(temp.db)).posts.map((item) => item.id)).toEqual([older, newer]);
  });

  it("shows replies oldest first on the post page", async () => {
    const a = await member("a-one");
    const b = await member("b-two");
    const postId = await post(a);
    const first = await reply(b, postId, "first");
    const second = await reply(a, postId, "second");
    const page = await loadPost(temp.db, b, postId);
    if (!page) throw new Error("the post is missing");
    expect((await listPostReplies(temp.db, b, page)).replies.map((item) => [item.id, item.body, item.mine])).toEqual([
      [first, "first", true],
      [second, "second", false],
    ]);
    expect(page).toMatchObject({ mine: false, canReply: true, replyCount: 2 });
    expect(await loadPost(temp.db, VISITOR, postId)).toMatchObject({ mine: false, canReply: false });
  });

  it("refuses a visitor, an empty and an oversized reply, writing nothing", async () => {
    const author = await member("quiet");
    const postId = await post(author);
    const before = await snapshot();
    expect(await createReply(temp.db, VISITOR, { postId, body: "hi" })).toEqual({ ok: false, error: "Please sign in to reply.", fieldErrors: {} });
    expect(await createReply(temp.db, author, { postId, body: "   " })).toMatchObject({ ok: false, fieldErrors: { body: "Write something first." } });
    expect(await createReply(temp.db, author, { postId, body: "x".repeat(BODY_MAX + 1) })).toMatchObject({
      ok: false,
      fieldErrors: { body: "Keep it to 20,000 characters or fewer." },
    });
    expect(await createReply(temp.db, author, { postId: "no-such-post", body: "hi" })).toMatchObject({ ok: false, error: BOARD_MESSAGES.postGone });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses replies to a locked post, saying so, and the page offers no form", async () => {
    const author = await member("locker");
    const postId = await post(author);
    await temp.db.post.update({ where: { id: postId }, data: { lockedAt: new Date() } });
    const before = await snapshot();
    expect(await createReply(temp.db, author, { postId, body: "Let me in" })).toEqual({ ok: false, error: "This post is locked, so it takes no new replies.", fieldErrors: {} });
    expect(await snapshot()).toEqual(before);
    expect(await loadPost(temp.db, author, postId)).toMatchObject({ locked: true, canReply: false });
  });

  it("refuses replies to deleted and hidden posts, and those pages are gone", async () => {
    const author = await member("vanisher");
    const deleted = await post(author);
    const hidden = await post(author);
    expect(await deletePost(temp.db, author, { postId: deleted })).toMatchObject({ ok: true });
    await temp.db.post.update({ where: { id: hidden }, data: { hiddenAt: new Date() } });
    const before = await snapshot();
    for (const postId of [deleted, hidden]) {
      expect(await createReply(temp.db, author, { postId, body: "Hello?" })).toMatchObject({ ok: false, error: BOARD_MESSAGES.postGone });
      expect(await loadPost(temp.db, author, postId)).toBeNull();
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("editReply and deleteReply", () => {
  it("edit the author's own reply with an edited mark, and refuse anyone else", async () => {
    const author = await member("replier");
    const other = await member("meddler");
    const postId = await post(other);
    const replyId = await reply(author, postId, "Teh reply");
    const activity = (await temp.db.post.findUniqueOrThrow({ where: { id: postId } })).lastActivityAt;

    const before = await snapshot();
    expect(await editReply(temp.db, other, { replyId, body: "Mine now" })).toEqual({ ok: false, error: "You can only edit your own replies.", fieldErrors: {} });
    expect(await editReply(temp.db, VISITOR, { replyId, body: "Mine now" })).toMatchObject({ ok: false, error: "Please sign in to edit your replies." });
    expect(await editReply(temp.db, author, { replyId, body: "" })).toMatchObject({ ok: false, fieldErrors: { body: "Write something first." } });
    expect(await deleteReply(temp.db, other, { replyId })).toEqual({ ok: false, error: "You can only delete your own replies." });
    expect(await deleteReply(temp.db, VISITOR, { replyId })).toEqual({ ok: false, error: "Please sign in to delete your replies." });
    expect(await snapshot()).toEqual(before);

    expect(await editReply(temp.db, author, { replyId, body: "The reply" })).toMatchObject({ ok: true, value: { id: replyId, postId } });
    const edited = await temp.db.reply.findUniqueOrThrow({ where: { id: replyId } });
    expect(edited.body).toBe("The reply");
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect((await temp.db.post.findUniqueOrThrow({ where: { id: postId } })).lastActivityAt).toEqual(activity);
  });

  it("delete the author's own reply softly and count it out, once", async () => {
    const author = await member("unsayer");
    const postId = await post(author);
    const keep = await reply(author, postId, "keep");
    const drop = await reply(author, postId, "drop");
    expect((await temp.db.post.findUniqueOrThrow({ where: { id: postId } })).replyCount).toBe(2);

    expect(await deleteReply(temp.db, author, { replyId: drop })).toEqual({ ok: true, value: { id: drop, postId } });
    expect((await temp.db.post.findUniqueOrThrow({ where: { id: postId } })).replyCount).toBe(1);
    expect((await temp.db.reply.findUniqueOrThrow({ where: { id: drop } })).deletedAt).toBeInstanceOf(Date);
    const page = await loadPost(temp.db, author, postId);
    if (!page) throw new Error("the post is missing");
    expect((await listPostReplies(temp.db, author, page)).replies.map((item) => item.id)).toEqual([keep]);

    const before = await snapshot();
    expect(await deleteReply(temp.db, author, { replyId: drop })).toEqual({ ok: false, error: BOARD_MESSAGES.replyGone });
    expect(await editReply(temp.db, author, { replyId: drop, body: "back" })).toMatchObject({ ok: false, error: BOARD_MESSAGES.replyGone });
    expect(await snapshot()).toEqual(before);
  });
});
