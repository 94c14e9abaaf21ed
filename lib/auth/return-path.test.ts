import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/profile", "/profile"],
    ["/members?online=1", "/members?online=1"],
    ["/posts/abc#reply-3", "/posts/abc#reply-3"],
    ["/a/../profile", "/profile"],
  ])("keeps the local path %s", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([
    undefined,
    "",
    ["/profile"],
    "profile",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "https://evil.example/profile",
    "javascript:alert(1)",
    "/sign-in",
    "/sign-up?next=/profile",
    `/${"a".repeat(3000)}`,
  ])("refuses %j and falls back to the board", (value) => {
    expect(safeReturnPath(value)).toBe("/");
  });
});
