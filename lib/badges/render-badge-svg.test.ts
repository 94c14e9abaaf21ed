import { describe, expect, it } from "vitest";
import { renderBadgePng } from "@/lib/badges/render-badge-png";
import { BADGE_COLOURS, badgeText, escapeXml, MAX_BADGE_STATUS_CHARACTERS, renderBadgeSvg, textWidth } from "@/lib/badges/render-badge-svg";
import { etagOf } from "@/lib/http/conditional-get";
import { PRESENCE_LABELS, PRESENCE_STATES } from "@/lib/presence/states";

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
const widthOf = (svg: string) => Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);

describe("renderBadgeSvg", () => {
  it.each(PRESENCE_STATES)("says %s in words, on that state's own colour", (state) => {
    const svg = renderBadgeSvg({ displayName: "Ann Example", state, statusText: "At choir practice" });
    expect(texts(svg)).toEqual(["Ann Example", PRESENCE_LABELS[state], "At choir practice"]);
    expect(svg).toContain(`fill="${BADGE_COLOURS[state]}" data-state="${state}"`);
    expect(svg).toContain(`aria-label="Ann Example: ${PRESENCE_LABELS[state]} (At choir practice)"`);
    expect(svg).toContain(`<title>Ann Example: ${PRESENCE_LABELS[state]} (At choir practice)</title>`);
  });

  it("gives every state a different colour and a different mark beside the words", () => {
    expect(new Set(Object.values(BADGE_COLOURS)).size).toBe(PRESENCE_STATES.length);
    const dot = (state: (typeof PRESENCE_STATES)[number]) => /<circle[^>]*\/>/.exec(renderBadgeSvg({ displayName: "A", state, statusText: null }))?.[0];
    expect(dot("offline")).toContain('fill="none"');
    expect(dot("unknown")).toContain("stroke-dasharray");
    expect(dot("available")).toContain('fill="#fff"');
  });

  it("keeps white text readable on every state's colour (contrast at least 4.5:1)", () => {
    for (const colour of [...Object.values(BADGE_COLOURS)]) expect(contrastWithWhite(colour), colour).toBeGreaterThanOrEqual(4.5);
  });

  it("leaves the status out when there is none", () => {
    const svg = renderBadgeSvg({ displayName: "Ann", state: "offline", statusText: null });
    expect(texts(svg)).toEqual(["Ann", "Offline"]);
    expect(svg).toContain('aria-label="Ann: Offline"');
    expect(widthOf(svg)).toBeLessThan(widthOf(renderBadgeSvg({ displayName: "Ann", state: "offline", statusText: "Gone fishing" })));
  });

  it("escapes markup, ampersands, quotes and CDATA ends in names and status texts", () => {
    const svg = renderBadgeSvg({
      displayName: `Eve "<img src=x>" & Co`,
      state: "available",
      statusText: `<script>alert('x')</script> ]]> &amp; "quoted"`,
    });
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg.match(/]]>/g)).toBeNull();
    expect(texts(svg)).toEqual([
      "Eve &quot;&lt;img src=x&gt;&quot; &amp; Co",
      "Online",
      "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; ]]&gt; &amp;amp; &quot;quoted&quot;",
    ]);
    // Attribute values cannot be left either: the only quotes inside aria-label are escaped ones.
    expect(/aria-label="([^"]*)"/.exec(svg)?.[1]).toContain("&quot;&lt;img");
  });

  it("drops control characters and bidi overrides, and keeps right-to-left text and emoji whole", () => {
    const svg = renderBadgeSvg({ displayName: "Ann\u0000\u0007\u202e nimdA", state: "away", statusText: "שלום\u0085 עולם 👩‍👩‍👧 \u001b[31mred\ud800" });
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(svg).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(texts(svg)).toEqual(["Ann nimdA", "Away", "שלום עולם 👩👩👧 [31mred"]);
  });

  it("cuts long names and status texts with an ellipsis, never inside a character", () => {
    const svg = renderBadgeSvg({ displayName: "N".repeat(500), state: "dnd", statusText: "🎉".repeat(200) });
    const [name, , status] = texts(svg);
    expect(name).toBe(`${"N".repeat(31)}…`);
    expect(status).toBe(`${"🎉".repeat(MAX_BADGE_STATUS_CHARACTERS - 1)}…`);
    expect(widthOf(svg)).toBeLessThan(1000);
  });

  it("names a member whose name is nothing but control characters", () => {
    expect(texts(renderBadgeSvg({ displayName: "\u0000\u0001 ", state: "xa", statusText: "   " }))).toEqual(["Member", "Away for a while"]);
  });

  it("is always well-formed XML that renders (resvg refuses anything else)", () => {
    for (const state of PRESENCE_STATES) {
      const svg = renderBadgeSvg({ displayName: "<&'\"]]>\u0000", state, statusText: "<![CDATA[ x ]]> <!-- -->" });
      const png = renderBadgePng(svg, etagOf(svg));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });
});

describe("badgeText", () => {
  it("turns blank or control-only text into none", () => {
    expect(badgeText(null, 10)).toBeNull();
    expect(badgeText(" \t\n", 10)).toBeNull();
    expect(badgeText("\u0000\u200f", 10)).toBeNull();
  });
});

describe("escapeXml", () => {
  it("escapes the five XML special characters and nothing else", () => {
    expect(escapeXml(`<a href="x">'&'</a> é`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt; é");
  });
});

describe("textWidth", () => {
  it("grows with the text, more for wide letters and wide scripts", () => {
    expect(textWidth("")).toBe(0);
    expect(textWidth("iiii")).toBeLessThan(textWidth("mmmm"));
    expect(textWidth("Online")).toBeGreaterThan(30);
    expect(textWidth("在线在线")).toBeGreaterThan(textWidth("abcd"));
  });
});

/** WCAG 2 contrast ratio of a colour against white. */
function contrastWithWhite(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}
