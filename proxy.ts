// Routes a signed-in member's board home: a plain `/` (no `before` or `deleted` query) carrying a
// session cookie is served the shared copy of the viewer's audience (app/cached-board/), so one render
// serves every signed-in member. (A browser's document request for `/` is answered before Next.js by
// the web server, lib/web-server/, from the same copies taken through here; this routes the rest:
// the client router's payloads, and `/` whenever the web server has no copy.) Who the viewer is comes from the session, checked and re-read from
// the database here, never from the cookie's mere presence: a forged, expired or suspended member's
// cookie gets the visitors' copy. Requests without the cookie never reach this (next.config.ts sends
// them to the public copy without running any code); everything else is rendered for its request.
import { NextResponse, type NextRequest } from "next/server";
import { viewerOfRequest } from "@/lib/auth/request-viewer";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { audienceOf } from "@/lib/presence/visibility";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const viewer = await viewerOfRequest(getDb(), request, getWebEnv().AUTH_SECRET);
  const url = request.nextUrl.clone();
  url.pathname = `/cached-board/${audienceOf(viewer)}`;
  return NextResponse.rewrite(url);
}

// Next.js reads this statically, so it is spelled out in full: the names are SESSION_COOKIE_NAMES
// (lib/auth/session-cookie.ts; proxy.test.ts keeps them equal).
export const config = {
  matcher: [
    {
      source: "/",
      has: [{ type: "cookie", key: "narthex.session" }],
      missing: [
        { type: "query", key: "before" },
        { type: "query", key: "deleted" },
      ],
    },
    {
      source: "/",
      has: [{ type: "cookie", key: "narthex.session.0" }],
      missing: [
        { type: "query", key: "before" },
        { type: "query", key: "deleted" },
      ],
    },
  ],
};
