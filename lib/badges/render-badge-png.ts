// The badge as PNG, for sites that do not take SVG images: the same SVG rasterised by resvg (a
// prebuilt native package, nothing compiled) with one known font file, so the text renders the same
// on every machine. A render costs milliseconds, so results are kept by the SVG's ETag: a badge is
// rasterised again only when what it shows changes.
import { Resvg } from "@resvg/resvg-js";

/** DejaVu Sans (Debian's fonts-dejavu-core, installed by scripts/setup.sh): Latin, Greek, Cyrillic, Hebrew, Arabic. */
export const BADGE_FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
/** Rendered at twice the size, so the text stays sharp on high-density screens. */
const SCALE = 2;
const MAX_KEPT = 500;

const kept = new Map<string, Uint8Array<ArrayBuffer>>();

export function renderBadgePng(svg: string, svgEtag: string): Uint8Array<ArrayBuffer> {
  const hit = kept.get(svgEtag);
  if (hit) return hit;
  const rendered = new Resvg(svg, {
    fitTo: { mode: "zoom", value: SCALE },
    font: { loadSystemFonts: false, fontFiles: [BADGE_FONT_FILE], defaultFontFamily: "DejaVu Sans" },
  }).render();
  const png = new Uint8Array(rendered.asPng());
  // Oldest first out: a Map keeps insertion order.
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value ?? "");
  kept.set(svgEtag, png);
  return png;
}
