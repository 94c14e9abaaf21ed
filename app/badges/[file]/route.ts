// Embeddable presence badges: /badges/<handle>.svg and .png, always as a signed-out visitor sees them
// (other sites embed them; no cookie is relied on). Query parameters are ignored. No per-address rate
// limit: embedding sites' image proxies (GitHub's, a CDN) fetch every viewer's badge from a few
// addresses, and a refusal costs about as much as the answer (one indexed read, cached by clients).
import { badgeNotFound, badgeResponse, parseBadgeFile } from "@/lib/badges/badge-response";
import { getDb } from "@/lib/db/client";
import { loadPresenceByHandle } from "@/lib/presence/load-presence-by-handle";

export async function GET(request: Request, { params }: RouteContext<"/badges/[file]">): Promise<Response> {
  const badge = parseBadgeFile((await params).file);
  const found = badge && (await loadPresenceByHandle(getDb(), "public", badge.handle));
  return badge && found ? badgeResponse(request, found, badge.format) : badgeNotFound();
}
