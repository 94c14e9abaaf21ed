import { describe, expect, it } from "vitest";
import { sessionStillValid } from "@/lib/auth/viewer";
import { maySuspend } from "@/lib/members/member-actor";

describe("sessionStillValid", () => {
  const ended = new Date("2026-03-01T10:00:00Z");
  const at = ended.getTime() / 1000;
  it("keeps every session of a member whose sessions were never ended", () => {
    expect(sessionStillValid(null, null)).toBe(true);
    expect(sessionStillValid(at, null)).toBe(true);
  });
  it("ends sessions signed in before the end, and those too old to say when they signed in", () => {
    expect(sessionStillValid(at - 1, ended)).toBe(false);
    expect(sessionStillValid(null, ended)).toBe(false);
    expect(sessionStillValid(at, ended)).toBe(true);
    expect(sessionStillValid(at + 60, ended)).toBe(true);
  });
});

describe("maySuspend", () => {
  it("lets moderators act on plain members only, administrators and the operator on anyone", () => {
    expect(maySuspend("moderator", "member")).toBe(true);
    expect(maySuspend("moderator", "moderator")).toBe(false);
    expect(maySuspend("moderator", "admin")).toBe(false);
    expect(maySuspend("admin", "admin")).toBe(true);
    expect(maySuspend("operator", "admin")).toBe(true);
  });
});
