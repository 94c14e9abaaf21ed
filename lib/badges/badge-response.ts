// What a badge address answers (`/badges/<handle>.svg|.png`, served by the worker: lib/badges/badge-server.ts),
// kept pure for tests: which addresses name a badge, the one "not found" answer, and a found badge
// with its ETag and caching headers. The edge adds 304s (`ifNoneMatchMatches`) and writes the bytes.
import { renderBadgePng } from "@/lib/badges/render-badge-png";
import { renderBadgeSvg } from "@/lib/badges/render-badge-svg";
import { etagOf } from "@/lib/http/conditional-get";
import { HANDLE_PATTERN } from "@/lib/members/create-member";
import type { HandlePresence } from "@/lib/presence/load-presence-by-handle";

export const BADGE_FORMATS = ["svg", "png"] as const;
export type BadgeFormat = (typeof BADGE_FORMATS)[number];

/** A whole answer, the same for everyone who asks: kept and sent as it is. */
export type BadgeAnswer = { status: 200 | 404; etag: string | null; headers: Record<string, string>; body: string | Uint8Array };

/** `ann.svg` → { handle: "ann", format: "svg" }; anything else is no badge (answered like an unknown handle). */
export function parseBadgeFile(file: string): { handle: string; format: BadgeFormat } | null {
  const dot = file.lastIndexOf(".");
  const handle = file.slice(0, dot);
  const format = BADGE_FORMATS.find((known) => known === file.slice(dot + 1));
  return dot > 0 && format && HANDLE_PATTERN.test(handle) ? { handle, format } : null;
}

/**
 * Embedded on other sites and fetched anonymously, so public and shared caches may keep a badge; 30 s
 * keeps it near the live state, and after that a revalidation costs a 304. The policy and nosniff
 * keep an SVG opened on its own from running anything.
 */
const COMMON_HEADERS = {
  "Cache-Control": "public, max-age=30",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Resource-Policy": "cross-origin",
};
const CONTENT_TYPES: Record<BadgeFormat, string> = { svg: "image/svg+xml; charset=utf-8", png: "image/png" };

export function badgeAnswer({ displayName, view }: HandlePresence, format: BadgeFormat): BadgeAnswer {
  const svg = renderBadgeSvg({ displayName, state: view.state, statusText: view.statusText });
  const svgEtag = etagOf(svg);
  const headers = { ...COMMON_HEADERS, "Content-Type": CONTENT_TYPES[format], "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" };
  if (format === "svg") return { status: 200, etag: svgEtag, headers: { ...headers, ETag: svgEtag }, body: svg };
  // The PNG is rasterised from the SVG and kept by its tag: drawn again only when what it shows changes.
  const etag = etagOf(`png:${svg}`);
  return { status: 200, etag, headers: { ...headers, ETag: etag }, body: renderBadgePng(svg, svgEtag) };
}

/**
 * The one answer for every address that is not a visible member's badge (unknown, malformed, hidden,
 * members only, suspended, no verified Jabber ID): the same status, headers and body, so nothing can
 * be learnt by asking.
 */
export const BADGE_NOT_FOUND: BadgeAnswer = {
  status: 404,
  etag: null,
  headers: { ...COMMON_HEADERS, "Content-Type": "text/plain; charset=utf-8" },
  body: "No such badge.\n",
};
