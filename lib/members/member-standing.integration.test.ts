// Roles and suspension: only administrators (or the operator CLI) change roles; moderators suspend
// plain members, administrators anyone; every change leaves an audit row written with it; a suspended
// member cannot sign in or act, and the sessions they had stay ended after reinstatement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { OPERATOR } from "@/lib/members/member-actor";
import { setRole } from "@/lib/members/set-role";
import { signUp } from "@/lib/members/sign-up";
import { reinstateMember, suspendMember } from "@/lib/members/suspend-member";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
const ids: Record<string, string> = {};
const PASSWORD = "a long pass phrase";

beforeAll(async () => {
  temp = await createTempDatabase("member-standing");
  for (const [handle, role] of [["ada", "admin"], ["mo", "moderator"], ["sam", "member"], ["tom", "member"]] as const) {
    const created = await signUp(temp.db, { displayName: handle, email: `${handle}@example.org`, password: PASSWORD }, { handle, role });
    if (!created.ok) throw new Error(created.error);
    ids[handle] = created.value.id;
  }
});

afterAll(async () => {
  await temp?.dispose();
});

const viewerOf = (handle: string): Promise<Viewer> => loadViewer(temp.db, ids[handle]);
const state = async () => ({
  members: await temp.db.member.findMany({ orderBy: { handle: "asc" }, select: { handle: true, role: true, suspendedAt: true } }),
  audit: await temp.db.auditEntry.count(),
});

describe("setRole", () => {
  it.each([
    ["a visitor", async () => VISITOR, "Please sign in to change members' roles."],
    ["a member", () => viewerOf("sam"), "Only administrators can change members' roles."],
    ["a moderator", () => viewerOf("mo"), "Only administrators can change members' roles."],
  ])("refuses %s and changes nothing", async (_who, actor, error) => {
    const before = await state();
    expect(await setRole(temp.db, await actor(), { handle: "tom", role: "admin" })).toEqual({ ok: false, error });
    expect(await state()).toEqual(before);
  });

  it("lets an administrator change a role, with an audit row naming who, what, before and after", async () => {
    expect(await setRole(temp.db, await viewerOf("ada"), { handle: "Tom", role: "moderator" })).toEqual({ ok: true, value: { handle: "tom", role: "moderator", changed: true } });
    expect(await temp.db.member.findUniqueOrThrow({ where: { handle: "tom" } })).toMatchObject({ role: "moderator" });
    expect(await temp.db.auditEntry.findMany()).toMatchObject([
      { actorId: ids.ada, action: "member.set-role", targetType: "member", targetId: ids.tom, before: '{"role":"member"}', after: '{"role":"moderator"}' },
    ]);
    // The new role applies on the member's next request.
    expect(await viewerOf("tom")).toMatchObject({ kind: "member", role: "moderator" });
  });

  it("lets the operator change a role (audited without a member actor)", async () => {
    expect(await setRole(temp.db, OPERATOR, { handle: "tom", role: "member" })).toMatchObject({ ok: true });
    expect(await temp.db.auditEntry.findFirst({ orderBy: { id: "desc" } })).toMatchObject({ actorId: null, action: "member.set-role", after: '{"role":"member"}' });
  });

  it.each([
    [{ handle: "nobody", role: "admin" }, 'No member has the handle "nobody".'],
    [{ handle: "tom", role: "pope" }, "A role is member, moderator or admin."],
    [{ handle: "ada", role: "member" }, "You cannot change your own role."],
  ] as const)("refuses %j with a clear message and changes nothing", async (input, error) => {
    const before = await state();
    expect(await setRole(temp.db, await viewerOf("ada"), input as { handle: string; role: "admin" })).toEqual({ ok: false, error });
    expect(await state()).toEqual(before);
  });

  it("writes no audit row when the role is already the one asked for", async () => {
    const before = await state();
    expect(await setRole(temp.db, await viewerOf("ada"), { handle: "mo", role: "moderator" })).toMatchObject({ ok: true, value: { changed: false } });
    expect(await state()).toEqual(before);
  });
});

describe("suspendMember and reinstateMember", () => {
  it("refuses a visitor, a member, and a moderator acting on a moderator or an administrator", async () => {
    const before = await state();
    expect(await suspendMember(temp.db, await viewerOf("sam"), { handle: "tom" })).toEqual({ ok: false, error: "Only moderators can suspend or reinstate members." });
    expect(await reinstateMember(temp.db, VISITOR, { handle: "tom" })).toEqual({ ok: false, error: "Please sign in to suspend or reinstate members." });
    const outranked = { ok: false, error: "Only administrators can suspend or reinstate moderators and administrators." };
    expect(await suspendMember(temp.db, await viewerOf("mo"), { handle: "ada" })).toEqual(outranked);
    await setRole(temp.db, OPERATOR, { handle: "tom", role: "moderator" });
    const afterPromotion = await state();
    expect(await suspendMember(temp.db, await viewerOf("mo"), { handle: "tom" })).toEqual(outranked);
    expect(await state()).toEqual(afterPromotion);
    await setRole(temp.db, OPERATOR, { handle: "tom", role: "member" });
    expect((await state()).members).toEqual(before.members);
  });

  it("lets a moderator suspend and reinstate a plain member", async () => {
    expect(await suspendMember(temp.db, await viewerOf("mo"), { handle: "tom" })).toEqual({ ok: true, value: { handle: "tom" } });
    expect(await viewerOf("tom")).toEqual(VISITOR);
    expect(await reinstateMember(temp.db, await viewerOf("mo"), { handle: "tom" })).toEqual({ ok: true, value: { handle: "tom" } });
    expect(await viewerOf("tom")).toMatchObject({ kind: "member", handle: "tom" });
    expect(await temp.db.auditEntry.findMany({ where: { targetId: ids.tom }, orderBy: { id: "asc" }, select: { actorId: true, action: true } })).toEqual(
      expect.arrayContaining([
        { actorId: ids.mo, action: "member.suspend" },
        { actorId: ids.mo, action: "member.reinstate" },
      ]),
    );
  });

  it("suspends: audited, the member cannot sign in and a live session acts as a visitor", async () => {
    const at = new Date("2026-03-01T10:00:00Z");
    expect(await suspendMember(temp.db, await viewerOf("ada"), { handle: "sam" }, at)).toEqual({ ok: true, value: { handle: "sam" } });
    expect(await temp.db.auditEntry.findFirst({ orderBy: { id: "desc" } })).toMatchObject({
      actorId: ids.ada,
      action: "member.suspend",
      targetId: ids.sam,
      before: '{"suspendedAt":null}',
      after: `{"suspendedAt":"${at.toISOString()}","sessionsEndedAt":"${at.toISOString()}"}`,
    });
    expect(await verifyCredentials(temp.db, { email: "sam@example.org", password: PASSWORD })).toEqual({ ok: false, reason: "suspended" });
    // A wrong password does not reveal the suspension.
    expect(await verifyCredentials(temp.db, { email: "sam@example.org", password: "wrong password!" })).toEqual({ ok: false, reason: "invalid" });
    expect(await viewerOf("sam")).toEqual(VISITOR);
  });

  it.each([
    ["suspending twice", () => suspendMember(temp.db, OPERATOR, { handle: "sam" }), "sam is already suspended."],
    ["reinstating someone not suspended", () => reinstateMember(temp.db, OPERATOR, { handle: "tom" }), "tom is not suspended."],
    ["suspending yourself", async () => suspendMember(temp.db, await viewerOf("ada"), { handle: "ada" }), "You cannot suspend or reinstate yourself."],
    ["an unknown handle", () => suspendMember(temp.db, OPERATOR, { handle: "ghost" }), 'No member has the handle "ghost".'],
  ])("refuses %s and changes nothing", async (_what, act, error) => {
    const before = await state();
    expect(await act()).toEqual({ ok: false, error });
    expect(await state()).toEqual(before);
  });

  it("reinstates: audited, the member can sign in again, and a session from before the suspension stays ended", async () => {
    expect(await reinstateMember(temp.db, OPERATOR, { handle: "sam" })).toEqual({ ok: true, value: { handle: "sam" } });
    expect(await temp.db.auditEntry.findFirst({ orderBy: { id: "desc" } })).toMatchObject({ actorId: null, action: "member.reinstate" });
    expect(JSON.parse((await temp.db.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } })).after ?? "")).toMatchObject({ suspendedAt: null });
    expect(await verifyCredentials(temp.db, { email: "sam@example.org", password: PASSWORD })).toMatchObject({ ok: true });
    const suspendedAt = new Date("2026-03-01T10:00:00Z").getTime() / 1000;
    // A session signed in before the suspension (or older than the claim) is over; a new one counts.
    expect(await loadViewer(temp.db, ids.sam, { signedInAt: suspendedAt - 60 })).toEqual(VISITOR);
    expect(await loadViewer(temp.db, ids.sam, { signedInAt: null })).toEqual(VISITOR);
    expect(await loadViewer(temp.db, ids.sam, { signedInAt: Math.floor(Date.now() / 1000) })).toMatchObject({ kind: "member", handle: "sam" });
  });
});
