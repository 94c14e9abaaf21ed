// What a member copies to show their badge on another site: the image addresses and ready-made HTML
// and Markdown that link back to their profile. Pure; every interpolated text is escaped for its
// language (HTML attributes; Markdown link text and destinations).

export type BadgeSnippets = { svgUrl: string; pngUrl: string; profileUrl: string; html: string; markdown: string };

export function badgeSnippets(origin: string, { handle, displayName }: { handle: string; displayName: string }): BadgeSnippets {
  const svgUrl = `${origin}/badges/${encodeURIComponent(handle)}.svg`;
  const pngUrl = `${origin}/badges/${encodeURIComponent(handle)}.png`;
  const profileUrl = `${origin}/members/${encodeURIComponent(handle)}`;
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Markdown link text: brackets, backslashes and the characters that start markup are taken literally. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]()*_`<>!#|~]/g, (character) => `\\${character}`).replace(/[\r\n]+/g, " ");
}
