import { describe, expect, it } from "vitest";
import { badgeSnippets, requestOrigin, whyBadgeIsHidden } from "@/lib/badges/badge-snippets";

describe("badgeSnippets", () => {
  it("links the badge image to the member's profile, in HTML and in Markdown", () => {
    const snippets = badgeSnippets({ board: "https://board.example.org", badges: "https://board.example.org/" }, { handle: "ann", displayName: "Ann Example" });
    expect(snippets.svgUrl).toBe("https://board.example.org/badges/ann.svg");
    expect(snippets.pngUrl).toBe("https://board.example.org/badges/ann.png");
    expect(snippets.html).toBe(
      '<a href="https://board.example.org/members/ann"><img src="https://board.example.org/badges/ann.svg" alt="Ann Example on Jabber: presence" height="20"></a>',
    );
    expect(snippets.markdown).toBe("[![Ann Example on Jabber: presence](<https://board.example.org/badges/ann.svg>)](<https://board.example.org/members/ann>)");
  });

  it("takes the images from the worker's address when it has one of its own", () => {
    const snippets = badgeSnippets({ board: "http://localhost:3000", badges: "http://localhost:3001" }, { handle: "ann", displayName: "Ann" });
    expect(snippets.svgUrl).toBe("http://localhost:3001/badges/ann.svg");
    expect(snippets.html).toBe('<a href="http://localhost:3000/members/ann"><img src="http://localhost:3001/badges/ann.svg" alt="Ann on Jabber: presence" height="20"></a>');
  });

  it("escapes a name full of markup in both", () => {
    const { html, markdown } = badgeSnippets({ board: "http://localhost:3000", badges: "http://localhost:3001" }, { handle: "eve", displayName: `Eve "><script>x</script> [a](b) \\ *` });
    expect(html).not.toContain("<script");
    expect(html).toContain('alt="Eve &#34;&#62;&#60;script&#62;x&#60;/script&#62; [a](b) \\ * on Jabber: presence"');
    expect(markdown).toContain(String.raw`[![Eve "\>\<script\>x\</script\> \[a\]\(b\) \\ \* on Jabber: presence]`);
  });
});

describe("requestOrigin", () => {
  const origin = (headers: Record<string, string>) => requestOrigin(new Headers(headers));

  it("is the address the request came to, through a proxy too", () => {
    expect(origin({ host: "localhost:3000" })).toBe("http://localhost:3000");
    expect(origin({ host: "10.0.0.5:3000", "x-forwarded-host": "board.example.org", "x-forwarded-proto": "https" })).toBe("https://board.example.org");
    expect(origin({ host: "[::1]:3000" })).toBe("http://[::1]:3000");
  });

  it("falls back to localhost for a host that is not one", () => {
    expect(origin({})).toBe("http://localhost");
    expect(origin({ host: 'evil.example"><script>' })).toBe("http://localhost");
    expect(origin({ host: "a.example/path" })).toBe("http://localhost");
  });
});

describe("whyBadgeIsHidden", () => {
  it("says nothing for public presence with a verified Jabber ID, and each missing condition otherwise", () => {
    expect(whyBadgeIsHidden("public", ["failed", "linked"])).toEqual([]);
    expect(whyBadgeIsHidden("public", ["waiting-for-approval"])).toEqual([]);
    expect(whyBadgeIsHidden("members", ["linked"])).toEqual(["your presence is not public (“Public — anyone” above)"]);
    expect(whyBadgeIsHidden("hidden", ["waiting-for-code"])).toEqual(["your presence is not public (“Public — anyone” above)", "no Jabber ID of yours is verified yet"]);
    expect(whyBadgeIsHidden("public", [])).toEqual(["no Jabber ID of yours is verified yet"]);
  });
});
