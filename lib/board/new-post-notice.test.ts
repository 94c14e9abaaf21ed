import { describe, expect, it } from "vitest";
import { isNewerPost } from "@/lib/board/new-post-notice";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();

describe("isNewerPost", () => {
  it("is true only for a post created after the newest one the page shows", () => {
    expect(isNewerPost(at(5), at(4))).toBe(true);
    expect(isNewerPost(at(4), at(4))).toBe(false);
    expect(isNewerPost(at(3), at(4))).toBe(false);
  });

  it("treats any post as new on an empty board", () => {
    expect(isNewerPost(at(1), null)).toBe(true);
  });

  it("stays quiet about a post the reader has already asked to see", () => {
    expect(isNewerPost(at(5), at(4), at(5))).toBe(false);
    expect(isNewerPost(at(6), at(4), at(5))).toBe(true);
  });

  it("never announces a time it cannot read", () => {
    expect(isNewerPost("yesterday", at(1))).toBe(false);
    expect(isNewerPost(at(2), "garbage")).toBe(true);
  });
});
