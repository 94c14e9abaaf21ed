// What the header's account corner shows of a viewer: their name and which tools their role opens.
// One rule for the menu rendered on the server and the one the board's shared copy fills in after
// load (GET /api/account).
import { hasRole } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";

export type AccountSummary = { signedIn: false } | { signedIn: true; displayName: string; moderator: boolean; admin: boolean };

export function accountSummaryOf(viewer: Viewer): AccountSummary {
  if (viewer.kind !== "member") return { signedIn: false };
  return { signedIn: true, displayName: viewer.displayName, moderator: hasRole(viewer, "moderator"), admin: hasRole(viewer, "admin") };
}
