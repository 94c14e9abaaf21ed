// The viewer of a request before it is routed (proxy.ts): the session cookie's member, re-read from
// the database like every page does (suspension and role changes apply at once), or a visitor for no
// cookie, a forged or expired one, or a member who is gone or suspended.
import { getToken } from "next-auth/jwt";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";

export async function viewerOfRequest(db: Db, request: Request, secret: string): Promise<Viewer> {
  // Auth.js salts the session's encryption key with the cookie's name (lib/auth/auth.ts sets ours).
  const token = await getToken({ req: request, secret, cookieName: SESSION_COOKIE, salt: SESSION_COOKIE });
  if (!token?.sub) return VISITOR;
  return loadViewer(db, token.sub, { signedInAt: typeof token.signedInAt === "number" ? token.signedInAt : null });
}
