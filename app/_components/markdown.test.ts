// What a reader's browser receives for a body: the safe subset as markup, everything else inert text.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownBody } from "@/app/_components/markdown";

const render = (source: string) => renderToStaticMarkup(createElement(MarkdownBody, { source }));

describe("MarkdownBody", () => {
  it("renders the allowed subset", () => {
    const html = render(
      "Hello *all* and **welcome**.  \nNew line\n\n- one\n- two\n\n1. first\n\n> quoted\n\n`code` and\n\n```\nblock\n```\n\n[site](https://example.org) <mailto:ruth@example.org>",
    );
    expect(html).toContain("<em>all</em>");
    expect(html).toContain("<strong>welcome</strong>");
    expect(html).toContain("<br/>");
    expect(html).toContain("<ul>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<pre><code>block\n</code></pre>");
    expect(html).toContain('<a href="https://example.org/" rel="nofollow ugc noopener">site</a>');
    expect(html).toContain('<a href="mailto:ruth@example.org" rel="nofollow ugc noopener">');
  });

  it("shows raw HTML and script as text, never as elements", () => {
    const html = render('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)> <b onclick="x()">bold</b>\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<b |<iframe/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("drops dangerous link targets but keeps their text", () => {
    const html = render("[click](javascript:alert(1)) [data](data:text/html,hi) [rel](/admin)");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:");
    expect(html).not.toContain("href");
    expect(html).toContain('<span class="markdown__unlinked">click</span>');
  });

  it("keeps headings below the page's own and shows images as their alt text", () => {
    const html = render("# Big\n\n## Smaller\n\n###### Tiny\n\n![The choir](https://tracker.example/pixel.gif)");
    expect(html).toContain("<h3>Big</h3>");
    expect(html).toContain("<h4>Smaller</h4>");
    expect(html).toContain("<h4>Tiny</h4>");
    expect(html).not.toMatch(/<h[12]/);
    expect(html).not.toContain("tracker.example");
    expect(html).toContain("[image: The choir]");
  });
});
