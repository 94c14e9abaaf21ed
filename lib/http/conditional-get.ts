// Conditional GET (RFC 9110 §13.1.2, §15.4.5): a strong ETag made from the body, and `If-None-Match`
// answered with 304 and no body when any listed tag matches (weak comparison, so a `W/` tag that a
// proxy weakened still matches) or the header is `*`. Pure: a Request in, a Response out.
import { createHash } from "node:crypto";

/** A strong entity-tag for these bytes: the same body always gets the same tag. */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Longer than any list a real client sends; beyond it the header is ignored (a full answer follows). */
const MAX_IF_NONE_MATCH_LENGTH = 4096;
/** entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, in a comma-separated list (RFC 9110 §8.8.3). */
const ENTITY_TAG = /\s*(?:W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/gy;

/** Whether `If-None-Match` names the current representation; a malformed header names nothing. */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (header === null || header.length > MAX_IF_NONE_MATCH_LENGTH) return false;
  if (header.trim() === "*") return true;
  ENTITY_TAG.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (ENTITY_TAG.lastIndex < header.length && (match = ENTITY_TAG.exec(header)) !== null) {
    if (match[1] === etag) return true;
  }
  return false;
}

type Body = string | Uint8Array<ArrayBuffer>;

/**
 * The full response, or 304 Not Modified when the client already holds it. A 304 carries the
 * headers a 200 would have had for caching (ETag, Cache-Control, Vary) and no body. A body given as
 * a function is made only when it is sent.
 */
export function conditionalResponse(request: Request, body: Body | (() => Body), { etag, headers }: { etag: string; headers: Record<string, string> }): Response {
  const all = { ...headers, ETag: etag };
  if (ifNoneMatchMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: all });
  return new Response(typeof body === "function" ? body() : body, { status: 200, headers: all });
}
