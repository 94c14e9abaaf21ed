import { describe, expect, it } from "vitest";
import { headingLevelFor, imageStandIn, safeLinkHref } from "@/lib/board/markdown-policy";

describe("safeLinkHref", () => {
  it.each([
    ["https://example.org/a?b=c#d", "https://example.org/a?b=c#d"],
    ["http://example.org", "http://example.org/"],
    ["mailto:ruth@example.org", "mailto:ruth@example.org"],
    ["  HTTPS://Example.org/x  ", "https://example.org/x"],
  ])("keeps %j", (url, href) => {
    expect(safeLinkHref(url)).toBe(href);
  });

  it.each(["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "xmpp:ruth@example.org", "/relative", "//evil.example", "file:///etc/passwd", "", null, undefined])(
    "drops %j",
    (url) => {
      expect(safeLinkHref(url)).toBeNull();
    },
  );
});

describe("headingLevelFor", () => {
  it("keeps headings below the page's own", () => {
    expect([1, 2, 3, 4, 5, 6].map(headingLevelFor)).toEqual([3, 4, 4, 4, 4, 4]);
  });
});

describe("imageStandIn", () => {
  it("shows the alt text instead of loading the image", () => {
    expect(imageStandIn("The choir")).toBe("[image: The choir]");
    expect(imageStandIn("  ")).toBe("[image]");
    expect(imageStandIn(undefined)).toBe("[image]");
  });
});
