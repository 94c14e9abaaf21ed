// One member's presence as the caller may see it; 404 alike for everyone else (README: "Presence API
// and badges").
import { viewerOfRequest } from "@/lib/auth/request-viewer";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { HANDLE_PATTERN } from "@/lib/members/create-member";
import { presenceEntry, presenceJsonResponse, presenceNotFound } from "@/lib/presence-api/presence-api-response";
import { loadPresenceByHandle } from "@/lib/presence/load-presence-by-handle";
import { audienceOf } from "@/lib/presence/visibility";

export async function GET(request: Request, { params }: RouteContext<"/api/presence/[handle]">): Promise<Response> {
  const db = getDb();
  const audience = audienceOf(await viewerOfRequest(db, request, getWebEnv().AUTH_SECRET));
  const { handle } = await params;
  const found = HANDLE_PATTERN.test(handle) ? await loadPresenceByHandle(db, audience, handle) : null;
  return found ? presenceJsonResponse(request, audience, presenceEntry(found)) : presenceNotFound(audience);
}
