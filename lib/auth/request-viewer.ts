// The viewer of a request before it is routed (proxy.ts, and the web server's board home): the session cookie's member, re-read from
// the database like every page does (suspension and role changes apply at once), or a visitor for no
// cookie, a forged or expired one, or a member who is gone or suspended.
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { LRUCache } from "lru-cache";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";

export async function viewerOfRequest(db: Db, request: Pick<Request, "headers">, secret: string): Promise<Viewer> {
  // Auth.js salts the session's encryption key with the cookie's name (lib/auth/auth.ts sets ours).
  const token = await getToken({ req: request, secret, cookieName: SESSION_COOKIE, salt: SESSION_COOKIE, decode: decodeRemembered });
  if (!token?.sub) return VISITOR;
  return loadViewer(db, token.sub, { signedInAt: typeof token.signedInAt === "number" ? token.signedInAt : null });
}

/**
 * Sessions already opened, by their encrypted cookie. Opening one derives a key and decrypts (about
 * a millisecond of the thread pool); the same cookie always opens to the same claims, so a member's
 * next request skips that. Only cookies that opened are kept, each until its own expiry; who the
 * member is now is still read from the database on every request.
 */
const openedSessions = new LRUCache<string, JWT>({ max: 10_000 });

async function decodeRemembered(params: JWTDecodeParams): Promise<JWT | null> {
  const token = params.token;
  if (!token) return null;
  const remembered = openedSessions.get(token);
  if (remembered) return remembered;
  const claims = await decode(params);
  const lifetimeMs = typeof claims?.exp === "number" ? claims.exp * 1000 - Date.now() : 0;
  if (claims && lifetimeMs > 0) openedSessions.set(token, claims, { ttl: lifetimeMs });
  return claims;
}
