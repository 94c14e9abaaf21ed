// What a member copies to show their badge on another site: the image addresses (the worker's, which
// serves badges: NARTHEX_REALTIME_URL) and ready-made HTML and Markdown that link back to their
// profile, and why it is not showing when it is not. Pure; every interpolated text is escaped for its
// language (HTML attributes; Markdown link text and destinations).
import type { PresenceVisibility } from "@/lib/generated/prisma/enums";
import type { LinkState } from "@/lib/jabber-links/link-state";

export type BadgeSnippets = { svgUrl: string; pngUrl: string; profileUrl: string; html: string; markdown: string };

export function badgeSnippets(
  origins: { board: string; badges: string },
  { handle, displayName }: { handle: string; displayName: string },
): BadgeSnippets {
  const badges = origins.badges.replace(/\/+$/, "");
  const svgUrl = `${badges}/badges/${encodeURIComponent(handle)}.svg`;
  const pngUrl = `${badges}/badges/${encodeURIComponent(handle)}.png`;
  const profileUrl = `${origins.board}/members/${encodeURIComponent(handle)}`;
  const alt = `${displayName} on Jabber: presence`;
  return {
    svgUrl,
    pngUrl,
    profileUrl,
    html: `<a href="${escapeHtml(profileUrl)}"><img src="${escapeHtml(svgUrl)}" alt="${escapeHtml(alt)}" height="20"></a>`,
    markdown: `[![${escapeMarkdown(alt)}](<${svgUrl}>)](<${profileUrl}>)`,
  };
}

/**
 * The board's own origin when none is configured: the address this request came to, as the reverse
 * proxy reports it. A Host header that is not a host name (and port) gives `http://localhost`.
 */
export function requestOrigin(headers: Headers): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "";
  const protocol = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host) ? `${protocol}://${host}` : "http://localhost";
}

/**
 * Why a member's badge answers "not found" right now, in words for their profile; empty when it shows.
 * The same rule as the badge itself (load-presence-by-handle): public presence and a verified Jabber ID
 * (linked, or verified and waiting for their client's approval).
 */
export function whyBadgeIsHidden(presenceVisibility: PresenceVisibility, linkStates: readonly LinkState[]): string[] {
  const verified = linkStates.some((state) => state === "linked" || state === "waiting-for-approval");
  return [
    presenceVisibility === "public" ? null : "your presence is not public (“Public — anyone” above)",
    verified ? null : "no Jabber ID of yours is verified yet",
  ].filter((reason) => reason !== null);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Markdown link text: brackets, backslashes and the characters that start markup are taken literally. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]()*_`<>!#|~]/g, (character) => `\\${character}`).replace(/[\r\n]+/g, " ");
}
