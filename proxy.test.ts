import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config } from "@/proxy";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";

describe("board home routing", () => {
  it("checks every request that carries a session cookie, under each name Auth.js may use", () => {
    const cookies = config.matcher.flatMap((rule) => rule.has.map((condition) => condition.key));
    expect(cookies.toSorted()).toEqual([...SESSION_COOKIE_NAMES].toSorted());
  });

  it("sends to the public copy, without checking, only requests without any session cookie", async () => {
    const rewrites = await nextConfig.rewrites?.();
    const beforeFiles = (rewrites && !Array.isArray(rewrites) ? rewrites.beforeFiles : undefined) ?? [];
    const publicCopy = beforeFiles.find((rule) => rule.destination === "/cached-board/public");
    const missingCookies = publicCopy?.missing?.flatMap((condition) => (condition.type === "cookie" ? [condition.key] : []));
    expect(missingCookies?.toSorted()).toEqual([...SESSION_COOKIE_NAMES].toSorted());
  });
});
