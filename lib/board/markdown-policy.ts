// The safe Markdown subset of posts and replies, as data and pure rules the renderer
// (app/_components/markdown.tsx) applies: which elements may appear, which link targets are allowed,
// and how deep headings go. Raw HTML is never rendered: react-markdown shows it as text.

/** Elements a body may produce. Anything else (tables, raw HTML) is unwrapped to its text. */
export const ALLOWED_ELEMENTS = ["p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "img"] as const;

/** Links people and their mail clients follow; no javascript:, data:, relative or protocol-less URLs. */
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Every link in a body is someone's own writing: not endorsed, no referrer, no opener. */
export const LINK_REL = "nofollow ugc noopener";

/** The link target to render, or null to show the link's text without a link. */
export function safeLinkHref(url: string | null | undefined): string | null {
  if (typeof url !== "string") return null;
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(parsed.protocol)) return null;
  return parsed.href;
}

/** Headings sit under the page's own h1/h2: `#` becomes h3, anything deeper h4. */
export function headingLevelFor(depth: number): 3 | 4 {
  return depth <= 1 ? 3 : 4;
}

/** Images are not loaded from bodies (tracking pixels, bandwidth); their alt text stands in. */
export function imageStandIn(alt: string | null | undefined): string {
  const text = (alt ?? "").trim();
  return text.length > 0 ? `[image: ${text}]` : "[image]";
}
