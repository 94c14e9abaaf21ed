import { describe, expect, it } from "vitest";
import { ACTIONS, authorize, roleNeeded, type Action } from "@/lib/auth/authorize";
import type { MemberViewer } from "@/lib/auth/viewer";

const as = (role: MemberViewer["role"]): MemberViewer => ({ kind: "member", id: "m1", handle: "ann", displayName: "Ann", role });
const actions = Object.keys(ACTIONS) as Action[];

describe("authorize", () => {
  it.each(actions)("refuses a signed-out visitor %s, asking them to sign in", (action) => {
    const result = authorize({ kind: "visitor" }, action);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^Please sign in to /) });
  });
  it.each(actions.filter((action) => ACTIONS[action].role !== "member"))("refuses %s to a member without the role", (action) => {
    const result = authorize(as("member"), action);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Only (moderators|administrators) can /);
  });
  it("refuses admin actions to moderators and allows them to admins", () => {
    expect(authorize(as("moderator"), "members.set-role").ok).toBe(false);
    expect(authorize(as("admin"), "members.set-role").ok).toBe(true);
  });
  it("opens the moderators' console to moderators and admins only", () => {
    expect(authorize(as("member"), "moderation.view")).toEqual({ ok: false, error: "Only moderators can use the moderators' console." });
    expect(authorize(as("moderator"), "moderation.view").ok).toBe(true);
    expect(authorize(as("admin"), "moderation.view").ok).toBe(true);
  });
  it("names who may do an action and what others are told, as the 403 page shows it", () => {
    expect(roleNeeded("categories.manage")).toEqual({ who: "administrators", refusal: "Only administrators can manage categories." });
    expect(authorize(as("member"), "categories.manage")).toEqual({ ok: false, error: roleNeeded("categories.manage").refusal });
  });
  it.each(actions)("allows %s to an admin", (action) => {
    expect(authorize(as("admin"), action)).toEqual({ ok: true, value: as("admin") });
  });
});
