// Presence of every member the caller may see, by handle (README: "Presence API and badges"): members
// see members-only presence too; visitors only public; nobody sees a hidden member.
import { viewerOfRequest } from "@/lib/auth/request-viewer";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { presenceEntry, presenceJsonResponse } from "@/lib/presence-api/presence-api-response";
import { loadPresenceOfAll } from "@/lib/presence/load-presence-by-handle";
import { audienceOf } from "@/lib/presence/visibility";

export async function GET(request: Request): Promise<Response> {
  const db = getDb();
  const audience = audienceOf(await viewerOfRequest(db, request, getWebEnv().AUTH_SECRET));
  const members = await loadPresenceOfAll(db, audience);
  return presenceJsonResponse(request, audience, { members: members.map(presenceEntry) });
}
