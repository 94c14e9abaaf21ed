// The security headers every answer of the board carries, and its Content-Security-Policy. Scripts
// run only from the board's own origin or, inline, when this response allows them: by a nonce for a
// page rendered for this request (Next.js reads it from the request's policy and puts it on its own
// scripts), by their hashes for a kept copy of the board home (whose bytes the web server has), and
// never from anywhere else. Styles come only from the board's stylesheets; images from the board,
// `data:` and the worker (badges); connections from the board and the worker's feed. No page may be
// framed, no form may post elsewhere, and no plugin runs.
import { createHash, randomBytes } from "node:crypto";
import { Parser } from "htmlparser2";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/** What lets this response's inline scripts run. */
export type InlineScripts = { nonce: string } | { hashes: readonly string[] } | "any";

export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

/**
 * The policy for a page. `feedUrl` is where browsers reach the worker (NARTHEX_REALTIME_URL): its
 * socket.io feed (HTTP and WebSocket) and its badges.
 */
export function contentSecurityPolicy(inline: InlineScripts, feedUrl: string): string {
  const feed = new URL(feedUrl);
  const feedSocket = `${feed.protocol === "https:" ? "wss:" : "ws:"}//${feed.host}`;
  const scripts = inline === "any" ? ["'unsafe-inline'"] : "nonce" in inline ? [`'nonce-${inline.nonce}'`] : inline.hashes.map((hash) => `'${hash}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scripts].join(" "),
    "style-src 'self'",
    `img-src 'self' data: ${feed.origin}`,
    `connect-src 'self' ${feed.origin} ${feedSocket}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** `sha256-…` of each inline script of a page, as a policy names them (CSP3 §8.3: over the UTF-8 text). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  let inScript = false;
  let text = "";
  const parser = new Parser({
    onopentag(name, attributes) {
      inScript = name === "script" && !("src" in attributes);
      text = "";
    },
    ontext(chunk) {
      if (inScript) text += chunk;
    },
    onclosetag(name) {
      if (name === "script" && inScript) hashes.add(`sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`);
      inScript = false;
    },
  }, { decodeEntities: false });
  parser.end(html);
  return [...hashes];
}
