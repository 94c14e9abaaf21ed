import { beforeEach, describe, expect, it, vi } from "vitest";
import { requireRole } from "@/lib/auth/require-role";
import type { MemberViewer } from "@/lib/auth/viewer";

// Next's interrupts throw; stand-ins that throw what was asked make the outcome observable.
vi.mock("next/navigation", () => ({
  redirect: vi.fn((url: string) => {
    throw new Error(`redirect ${url}`);
  }),
  forbidden: vi.fn(() => {
    throw new Error("forbidden");
  }),
}));

const as = (role: MemberViewer["role"]): MemberViewer => ({ kind: "member", id: "m1", handle: "ann", displayName: "Ann", role });

describe("requireRole", () => {
  beforeEach(() => vi.clearAllMocks());

  it("sends a visitor to sign in, coming back to the page", () => {
    expect(() => requireRole({ kind: "visitor" }, "categories.manage", "/admin/categories")).toThrow(
      "redirect /sign-in?next=%2Fadmin%2Fcategories",
    );
  });

  it("answers 403 to a member without the role", () => {
    expect(() => requireRole(as("member"), "categories.manage", "/admin/categories")).toThrow("forbidden");
    expect(() => requireRole(as("moderator"), "categories.manage", "/admin/categories")).toThrow("forbidden");
  });

  it("lets a member with the role in, as that member", () => {
    expect(requireRole(as("admin"), "categories.manage", "/admin/categories")).toEqual(as("admin"));
    expect(requireRole(as("moderator"), "post.moderate", "/moderation")).toEqual(as("moderator"));
  });
});
