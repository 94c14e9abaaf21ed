// Moderating posts as people would: only moderators may pin, lock, hide or delete (and undo them);
// each change writes exactly one audit row with it, in the same transaction; a change that would change
// nothing is refused and writes nothing; hidden and deleted posts are there for moderators only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import { createReply } from "@/lib/board/create-reply";
import { deletePost } from "@/lib/board/delete-post";
import { listBoardPosts } from "@/lib/board/list-board-posts";
import { listPostReplies } from "@/lib/board/list-post-replies";
import { loadPost } from "@/lib/board/load-post";
import { moderatePost } from "@/lib/board/moderate-post";
import { MODERATION_MESSAGES, MODERATION_VERBS, type ModerationState, type ModerationVerb } from "@/lib/board/post-moderation";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { createMember } from "@/lib/members/create-member";
import { OPERATOR } from "@/lib/members/member-actor";
import { setRole } from "@/lib/members/set-role";
import { refuseWrites } from "@/scripts/lib/refuse-writes";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let general: string;
let author: Viewer;
let member: Viewer;
let moderator: Viewer;
let admin: Viewer;

async function viewer(handle: string, role: "member" | "moderator" | "admin"): Promise<Viewer> {
  const created = await createMember(temp.db, { handle, displayName: handle, role });
  if (!created.ok) throw new Error(created.error);
  return loadViewer(temp.db, created.value.id);
}

const idOf = (someone: Viewer): string => {
  if (someone.kind !== "member") throw new Error("not a member");
  return someone.id;
};

let postCount = 0;
/** A post written straight to the database (the posting rate limit is not under test here). */
async function post(state: Partial<ModerationState> = {}): Promise<string> {
  postCount += 1;
  const at = new Date(Date.parse("2026-11-01T12:00:00Z") + postCount * 60_000);
  const row = await temp.db.post.create({
    data: { title: `Post ${postCount}`, body: "Body", authorId: idOf(author), categoryId: general, createdAt: at, lastActivityAt: at, ...state },
    select: { id: true },
  });
  return row.id;
}

const snapshot = async () => ({
  posts: await temp.db.post.findMany({ orderBy: { id: "asc" } }),
  replies: await temp.db.reply.count(),
  audit: await temp.db.auditEntry.findMany({ orderBy: { id: "asc" } }),
});

const boardIds = async () => (await listBoardPosts(temp.db, { limit: 100 })).posts.map((item) => item.id);

/** The state in which each verb has something to do. */
const READY: Record<ModerationVerb, Partial<ModerationState>> = {
  pin: {},
  unpin: { pinnedAt: new Date() },
  lock: {},
  unlock: { lockedAt: new Date() },
  hide: {},
  unhide: { hiddenAt: new Date() },
  delete: {},
  restore: { deletedAt: new Date() },
};

beforeAll(async () => {
  temp = await createTempDatabase("moderate-post");
  await seedDefaultCategories(temp.db);
  general = (await temp.db.category.findUniqueOrThrow({ where: { slug: "general" } })).id;
  author = await viewer("ruth", "member");
  member = await viewer("sam", "member");
  moderator = await viewer("mo", "moderator");
  admin = await viewer("ada", "admin");
});

afterAll(async () => {
  await temp?.dispose();
});

describe("moderatePost refusals", () => {
  it.each(MODERATION_VERBS)("refuses %s to a visitor, a plain member and the post's author, writing nothing", async (action) => {
    const postId = await post(READY[action]);
    const before = await snapshot();
    expect(await moderatePost(temp.db, VISITOR, { postId, action })).toEqual({ ok: false, error: "Please sign in to moderate posts." });
    expect(await moderatePost(temp.db, member, { postId, action })).toEqual({ ok: false, error: "Only moderators can moderate posts." });
    expect(await moderatePost(temp.db, author, { postId, action })).toEqual({ ok: false, error: "Only moderators can moderate posts." });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["pin", { pinnedAt: new Date() }, "This post is already pinned."],
    ["unpin", {}, "This post is not pinned."],
    ["lock", { lockedAt: new Date() }, "This post is already locked."],
    ["unlock", {}, "This post is not locked."],
    ["hide", { hiddenAt: new Date() }, "This post is already hidden."],
    ["unhide", {}, "This post is not hidden."],
    ["delete", { deletedAt: new Date() }, "This post is already deleted."],
    ["restore", {}, "This post is not deleted."],
  ] as const)("refuses %s when it would change nothing, writing nothing", async (action, state, error) => {
    const postId = await post(state);
    const before = await snapshot();
    expect(await moderatePost(temp.db, moderator, { postId, action })).toEqual({ ok: false, error });
    expect(await snapshot()).toEqual(before);
  });

  it("asks for a deleted post to be restored before anything else, and refuses bad input, writing nothing", async () => {
    const postId = await post({ deletedAt: new Date() });
    const before = await snapshot();
    for (const action of ["pin", "lock", "hide"] as const) {
      expect(await moderatePost(temp.db, moderator, { postId, action })).toEqual({ ok: false, error: MODERATION_MESSAGES.restoreFirst });
    }
    expect(await moderatePost(temp.db, moderator, { postId: "no-such-post", action: "pin" })).toEqual({ ok: false, error: "There is no such post." });
    expect(await moderatePost(temp.db, moderator, { postId, action: "banish" })).toEqual({ ok: false, error: MODERATION_MESSAGES.unknownVerb });
    expect(await moderatePost(temp.db, moderator, { postId: "", action: "pin" })).toEqual({ ok: false, error: "Choose a post." });
    expect(await moderatePost(temp.db, moderator, null)).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a moderator demoted after their viewer was loaded", async () => {
    const demoted = await viewer("former", "moderator");
    const postId = await post();
    expect(await setRole(temp.db, OPERATOR, { handle: "former", role: "member" })).toMatchObject({ ok: true, value: { changed: true } });
    const before = await snapshot();
    expect(await moderatePost(temp.db, demoted, { postId, action: "pin" })).toEqual({ ok: false, error: "Only moderators can moderate posts." });
    expect(await snapshot()).toEqual(before);
  });
});

describe("moderatePost by a moderator", () => {
  it("makes each change with exactly one audit row holding the moderation fields before and after", async () => {
    const postId = await post();
    const steps: ModerationVerb[] = ["pin", "lock", "hide", "unhide", "unlock", "unpin", "delete", "restore"];
    for (const action of steps) {
      const rowBefore = await temp.db.post.findUniqueOrThrow({ where: { id: postId } });
      const auditBefore = await temp.db.auditEntry.count();
      const result = await moderatePost(temp.db, moderator, { postId, action });
      expect(result).toMatchObject({ ok: true, value: { postId, action } });
      const rowAfter = await temp.db.post.findUniqueOrThrow({ where: { id: postId } });
      const audit = await temp.db.auditEntry.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "asc" }, skip: auditBefore });
      expect(audit).toHaveLength(1);
      const iso = (date: Date | null) => date?.toISOString() ?? null;
      const fields = (row: typeof rowBefore) => ({ pinnedAt: iso(row.pinnedAt), lockedAt: iso(row.lockedAt), hiddenAt: iso(row.hiddenAt), deletedAt: iso(row.deletedAt) });
      expect(audit[0]).toMatchObject({ actorId: idOf(moderator), action: `post.${action}`, targetType: "post", targetId: postId });
      expect(JSON.parse(audit[0]?.before ?? "null")).toEqual(fields(rowBefore));
      expect(JSON.parse(audit[0]?.after ?? "null")).toEqual(fields(rowAfter));
      // Only the moderation field the verb names changed; the words and the board order did not.
      expect({ ...rowAfter, pinnedAt: null, lockedAt: null, hiddenAt: null, deletedAt: null }).toEqual({ ...rowBefore, pinnedAt: null, lockedAt: null, hiddenAt: null, deletedAt: null });
    }
    const final = await temp.db.post.findUniqueOrThrow({ where: { id: postId } });
    expect(final).toMatchObject({ pinnedAt: null, lockedAt: null, hiddenAt: null, deletedAt: null });
  });

  it("lets an administrator moderate too", async () => {
    const postId = await post();
    expect(await moderatePost(temp.db, admin, { postId, action: "lock" })).toEqual({
      ok: true,
      value: { postId, action: "lock", state: { pinned: false, locked: true, hidden: false, deleted: false } },
    });
    expect(await temp.db.auditEntry.count({ where: { targetId: postId, actorId: idOf(admin), action: "post.lock" } })).toBe(1);
  });

  it("writes the change and its audit row in one transaction: if the audit row fails, the post is unchanged", async () => {
    const postId = await post();
    const allowInserts = await refuseWrites(temp.db, "AuditEntry", { message: "audit log unavailable" });
    try {
      const before = await snapshot();
      await expect(moderatePost(temp.db, moderator, { postId, action: "hide" })).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
    } finally {
      await allowInserts();
    }
  });

  it("puts a pinned post at the head of the board and a locked post takes no new replies", async () => {
    const older = await post();
    await post();
    expect(await moderatePost(temp.db, moderator, { postId: older, action: "pin" })).toMatchObject({ ok: true });
    expect((await boardIds())[0]).toBe(older);
    expect(await moderatePost(temp.db, moderator, { postId: older, action: "lock" })).toMatchObject({ ok: true });
    expect(await createReply(temp.db, member, { postId: older, body: "Me too" })).toMatchObject({ ok: false, error: BOARD_MESSAGES.postLocked });
    expect(await loadPost(temp.db, member, older)).toMatchObject({ locked: true, canReply: false, canModerate: false });
  });
});

describe("who sees hidden and deleted posts", () => {
  it("a hidden post leaves the board and its page for members, visitors and its author; moderators see it flagged", async () => {
    const postId = await post();
    expect(await moderatePost(temp.db, moderator, { postId, action: "hide" })).toMatchObject({ ok: true });
    expect(await boardIds()).not.toContain(postId);
    for (const someone of [VISITOR, member, author]) expect(await loadPost(temp.db, someone, postId)).toBeNull();
    expect(await loadPost(temp.db, moderator, postId)).toMatchObject({ id: postId, hidden: true, deleted: false, canModerate: true, canReply: false, mine: false });

    expect(await moderatePost(temp.db, moderator, { postId, action: "unhide" })).toMatchObject({ ok: true });
    expect(await boardIds()).toContain(postId);
    expect(await loadPost(temp.db, member, postId)).toMatchObject({ id: postId, hidden: false, canModerate: false, canReply: true });
  });

  it("a post deleted by its author or a moderator is there only for moderators, replies included, until restored", async () => {
    const byAuthor = await post();
    const byModerator = await post();
    const reply = await createReply(temp.db, member, { postId: byAuthor, body: "A reply to keep" });
    if (!reply.ok) throw new Error(reply.error);
    expect(await deletePost(temp.db, author, { postId: byAuthor })).toMatchObject({ ok: true });
    expect(await moderatePost(temp.db, moderator, { postId: byModerator, action: "delete" })).toMatchObject({ ok: true });

    for (const postId of [byAuthor, byModerator]) {
      expect(await boardIds()).not.toContain(postId);
      for (const someone of [VISITOR, member, author]) expect(await loadPost(temp.db, someone, postId)).toBeNull();
      expect(await loadPost(temp.db, moderator, postId)).toMatchObject({ deleted: true, hidden: false, canModerate: true, canReply: false });
    }
    const offBoard = await loadPost(temp.db, moderator, byAuthor);
    if (!offBoard) throw new Error("the moderator lost the deleted post");
    expect((await listPostReplies(temp.db, moderator, offBoard)).replies.map((item) => [item.body, item.mine])).toEqual([["A reply to keep", false]]);

    expect(await moderatePost(temp.db, moderator, { postId: byAuthor, action: "restore" })).toMatchObject({ ok: true });
    expect(await boardIds()).toContain(byAuthor);
    const restored = await loadPost(temp.db, member, byAuthor);
    expect(restored).toMatchObject({ deleted: false });
    if (!restored) throw new Error("the restored post is missing");
    expect((await listPostReplies(temp.db, member, restored)).replies).toMatchObject([{ body: "A reply to keep", mine: true }]);
    expect(await loadPost(temp.db, author, byAuthor)).toMatchObject({ mine: true });
  });
});
