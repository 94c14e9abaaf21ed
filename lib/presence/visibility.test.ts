import { describe, expect, it } from "vitest";
import { audienceOf, canViewPresence } from "@/lib/presence/visibility";

describe("canViewPresence", () => {
  it("shows public members to everyone", () => {
    expect(canViewPresence("public", "public")).toBe(true);
    expect(canViewPresence("members", "public")).toBe(true);
  });
  it("shows members-only presence to signed-in members alone", () => {
    expect(canViewPresence("public", "members")).toBe(false);
    expect(canViewPresence("members", "members")).toBe(true);
  });
  it("shows hidden members to nobody", () => {
    expect(canViewPresence("public", "hidden")).toBe(false);
    expect(canViewPresence("members", "hidden")).toBe(false);
  });
  it("puts visitors in the public audience and members in the members audience", () => {
    expect(audienceOf({ kind: "visitor" })).toBe("public");
    expect(audienceOf({ kind: "member", id: "m1", handle: "a", displayName: "A", role: "member" })).toBe("members");
  });
});
