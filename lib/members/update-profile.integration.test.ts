// A member edits their own profile; visitors and suspended members are refused and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { signUp } from "@/lib/members/sign-up";
import { OPERATOR } from "@/lib/members/member-actor";
import { suspendMember } from "@/lib/members/suspend-member";
import { updateProfile } from "@/lib/members/update-profile";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let memberId: string;

beforeAll(async () => {
  temp = await createTempDatabase("update-profile");
  const created = await signUp(temp.db, { displayName: "Miriam Costa", email: "miriam@example.org", password: "a long pass phrase" });
  if (!created.ok) throw new Error(created.error);
  memberId = created.value.id;
});

afterAll(async () => {
  await temp?.dispose();
});

const snapshot = async () => ({
  member: await temp.db.member.findUniqueOrThrow({ where: { id: memberId }, select: { displayName: true, presenceVisibility: true } }),
  commands: await temp.db.command.count(),
});

describe("updateProfile", () => {
  it("refuses a signed-out visitor and writes nothing", async () => {
    const before = await snapshot();
    const result = await updateProfile(temp.db, VISITOR, { displayName: "Hacked", presenceVisibility: "public" });
    expect(result).toEqual({ ok: false, error: "Please sign in to change your profile.", fieldErrors: {} });
    expect(await snapshot()).toEqual(before);
  });

  it("changes the name without a resync when the visibility stays", async () => {
    const viewer = await loadViewer(temp.db, memberId);
    const result = await updateProfile(temp.db, viewer, { displayName: "  Miriam C. ", presenceVisibility: "members" });
    expect(result).toEqual({ ok: true, value: { displayName: "Miriam C.", presenceVisibility: "members", resync: false } });
    expect((await snapshot()).member.displayName).toBe("Miriam C.");
    expect(await temp.db.command.count()).toBe(0);
  });

  it("queues one presence resync when the visibility changes", async () => {
    const viewer = await loadViewer(temp.db, memberId);
    const result = await updateProfile(temp.db, viewer, { displayName: "Miriam C.", presenceVisibility: "hidden" });
    expect(result).toMatchObject({ ok: true, value: { presenceVisibility: "hidden", resync: true } });
    expect(await temp.db.command.findMany()).toMatchObject([{ kind: "presence.resync", payload: "{}", status: "pending", requestedById: memberId }]);
  });

  it.each([
    [{ displayName: "", presenceVisibility: "public" }, { displayName: "Enter your name." }],
    [{ displayName: "Miriam", presenceVisibility: "everyone" }, { presenceVisibility: "Choose who may see when you are online." }],
    [{ displayName: "Miriam" }, { presenceVisibility: "Choose who may see when you are online." }],
  ])("refuses %j beside the field and writes nothing", async (input, fieldErrors) => {
    const viewer = await loadViewer(temp.db, memberId);
    const before = await snapshot();
    expect(await updateProfile(temp.db, viewer, input)).toMatchObject({ ok: false, fieldErrors });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a member suspended after their viewer was loaded", async () => {
    const viewer: Viewer = await loadViewer(temp.db, memberId);
    const handle = viewer.kind === "member" ? viewer.handle : "";
    expect(await suspendMember(temp.db, OPERATOR, { handle })).toMatchObject({ ok: true });
    const before = await snapshot();
    expect(await updateProfile(temp.db, viewer, { displayName: "Sneaky", presenceVisibility: "public" })).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
    // And a fresh request sees a visitor.
    expect(await loadViewer(temp.db, memberId)).toEqual(VISITOR);
  });
});
