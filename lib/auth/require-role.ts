// The gate of a page that needs a role (category admin; moderators' pages to come). The rule is
// authorize's: a visitor is sent to sign in and brought back to `path`, like every members' page; a
// member without the role gets HTTP 403 and the segment's forbidden.tsx (`forbidden()` needs
// `experimental.authInterrupts`). Call it before anything streams (no loading.tsx or Suspense above the
// page), or the status is already 200. Server actions do not use it: their lib function authorises.
import { forbidden, redirect } from "next/navigation";
import { authorize, type Action } from "@/lib/auth/authorize";
import type { MemberViewer, Viewer } from "@/lib/auth/viewer";

export function requireRole(viewer: Viewer, action: Action, path: string): MemberViewer {
  if (viewer.kind !== "member") redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  const allowed = authorize(viewer, action);
  if (!allowed.ok) forbidden();
  return allowed.value;
}
