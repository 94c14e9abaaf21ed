// The JSON presence API (`/api/presence`, `/api/presence/<handle>`), kept pure for tests: each member
// as a fixed set of fields, the answers with their ETag and caching headers, and the one "not found".
// JSON.stringify escapes every control character and quote; with nosniff the body is never taken for
// HTML, so markup in a status text stays text.
import { conditionalResponse, etagOf } from "@/lib/http/conditional-get";
import type { HandlePresence } from "@/lib/presence/load-presence-by-handle";
import { PRESENCE_LABELS, type PresenceState } from "@/lib/presence/states";
import type { Audience } from "@/lib/presence/visibility";

export type PresenceEntry = {
  handle: string;
  displayName: string;
  state: PresenceState;
  /** The state in words, as the board shows it. */
  label: string;
  statusText: string | null;
  /** When the current state began (ISO 8601); null while presence is paused. */
  since: string | null;
  /** Last moment the member was known to be online; null if never seen. */
  lastSeen: string | null;
  /** XEP-0319: idle since, when their client says so. */
  idleSince: string | null;
};

/** Only these fields: the member's id and Jabber IDs never leave the board through the API. */
export function presenceEntry({ handle, displayName, view }: HandlePresence): PresenceEntry {
  return {
    handle,
    displayName,
    state: view.state,
    label: PRESENCE_LABELS[view.state],
    statusText: view.statusText,
    since: view.since,
    lastSeen: view.lastSeenAt,
    idleSince: view.idleSince,
  };
}

/**
 * What a caller sees depends on their session, so answers vary by cookie: a visitor's may be kept by
 * shared caches, a member's only by their own browser. Short-lived either way; then a 304 is cheap.
 * Other sites' scripts may read the visitors' answers (credentialed cross-origin reads are refused
 * by browsers when the origin is `*`).
 */
function headersFor(audience: Audience): Record<string, string> {
  return {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": `${audience === "public" ? "public" : "private"}, max-age=15`,
    Vary: "Cookie",
    "X-Content-Type-Options": "nosniff",
    "Access-Control-Allow-Origin": "*",
  };
}

export function presenceJsonResponse(request: Request, audience: Audience, body: { members: PresenceEntry[] } | PresenceEntry): Response {
  const json = JSON.stringify(body);
  return conditionalResponse(request, json, { etag: etagOf(json), headers: headersFor(audience) });
}

/**
 * The one answer for a handle the caller may not see (unknown, malformed, hidden, members only to a
 * visitor, suspended, no verified Jabber ID): the same status, headers and body for each.
 */
export function presenceNotFound(audience: Audience): Response {
  return new Response(JSON.stringify({ error: "No such member" }), { status: 404, headers: headersFor(audience) });
}
