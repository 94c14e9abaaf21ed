// A member's presence as a small embeddable SVG badge (capability 8), in the flat two-part style of
// other status badges: the member's name on grey, then the state in words on the state's own colour
// (words first: colour is never the only signal), then the status text. Pure: text in, SVG out; every
// text is cleaned (control and bidi-override characters dropped, lengths capped) and XML-escaped.
import { sanitizeStatusText } from "@/lib/presence/parse-presence-stanza";
import { PRESENCE_LABELS, type PresenceState } from "@/lib/presence/states";

export type BadgeInput = { displayName: string; state: PresenceState; statusText: string | null };

/** White text on each of these has a contrast ratio of at least 4.5:1 (WCAG AA), tested. */
export const BADGE_COLOURS: Record<PresenceState, string> = {
  chat: "#08775a",
  available: "#2a7310",
  away: "#875400",
  xa: "#9a4410",
  dnd: "#b3261e",
  offline: "#5a6472",
  unknown: "#6a5f73",
};
const NAME_COLOUR = "#444d56";

/** Past these a badge would be a banner: the name and status are cut with an ellipsis. */
export const MAX_BADGE_NAME_CHARACTERS = 32;
export const MAX_BADGE_STATUS_CHARACTERS = 48;

const HEIGHT = 20;
const PADDING = 6;
const DOT = 8;
const GAP = 5;
const FONT = "Verdana,DejaVu Sans,Geneva,sans-serif";

export function renderBadgeSvg({ displayName, state, statusText }: BadgeInput): string {
  const name = badgeText(displayName, MAX_BADGE_NAME_CHARACTERS) ?? "Member";
  const label = PRESENCE_LABELS[state];
  const status = badgeText(statusText, MAX_BADGE_STATUS_CHARACTERS);
  const nameWidth = textWidth(name);
  const labelWidth = textWidth(label);
  const statusWidth = status === null ? 0 : textWidth(status);

  const left = PADDING + nameWidth + PADDING;
  const labelX = left + PADDING + DOT + GAP;
  const statusX = labelX + labelWidth + GAP + 1;
  const width = (status === null ? labelX + labelWidth : statusX + statusWidth) + PADDING;
  const spoken = `${name}: ${label}${status === null ? "" : ` (${status})`}`;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${escapeXml(spoken)}">`,
    `<title>${escapeXml(spoken)}</title>`,
    `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="${HEIGHT}" fill="${NAME_COLOUR}"/><rect x="${left}" width="${width - left}" height="${HEIGHT}" fill="${BADGE_COLOURS[state]}" data-state="${state}"/></g>`,
    dotFor(state, left + PADDING + DOT / 2),
    `<g fill="#fff" font-family="${FONT}" font-size="11">`,
    textAt(PADDING, nameWidth, name),
    textAt(labelX, labelWidth, label),
    status === null ? "" : textAt(statusX, statusWidth, status),
    `</g></svg>`,
  ].join("");
}

/** A second cue besides colour: a filled dot when online, a ring when offline, a dashed ring when unknown. */
function dotFor(state: PresenceState, cx: number): string {
  const at = `cx="${cx}" cy="${HEIGHT / 2}"`;
  if (state === "offline") return `<circle ${at} r="3.25" fill="none" stroke="#fff" stroke-width="1.5"/>`;
  if (state === "unknown") return `<circle ${at} r="3.25" fill="none" stroke="#fff" stroke-width="1.5" stroke-dasharray="2 1.4"/>`;
  return `<circle ${at} r="${DOT / 2}" fill="#fff"/>`;
}

/**
 * Each text in its own element, so right-to-left text cannot reorder the others; `textLength` holds
 * it to the width estimated for it whatever font the viewer has.
 */
function textAt(x: number, width: number, text: string): string {
  return `<text x="${x}" y="14" textLength="${width}" lengthAdjust="spacingAndGlyphs">${escapeXml(text)}</text>`;
}

/**
 * Text fit for the badge: control characters and bidi overrides dropped (as stored status texts are),
 * lone surrogates too (not allowed in XML), then cut to `max` characters as a reader counts them.
 */
export function badgeText(text: string | null, max: number): string | null {
  const cleaned = sanitizeStatusText(text)?.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "").trim();
  if (!cleaned) return null;
  const characters = Array.from(graphemes.segment(cleaned), (part) => part.segment);
  return characters.length > max ? `${characters.slice(0, max - 1).join("").trimEnd()}…` : cleaned;
}
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** XML escaping for text and attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ENTITIES[character] ?? character);
}
const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Width of 11px Verdana/DejaVu Sans text, estimated per character class (both fonts are wide, with
 * similar metrics); wide scripts and emoji count double. Rounded up to whole pixels.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code >= 0x1100) width += 11;
    else if (character === " ") width += 3.5;
    else if (NARROW.includes(character)) width += 3.8;
    else if (WIDE.includes(character)) width += 10;
    else if (character >= "A" && character <= "Z") width += 7.5;
    else width += 6.6;
  }
  return Math.ceil(width);
}
const NARROW = "fijlrtI.,:;'!|()[]`";
const WIDE = "mwMW@%…";
