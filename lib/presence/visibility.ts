// Who may see a member's presence (capability 5): public → everyone, members → signed-in members,
// hidden → nobody. Viewers fall into two audiences, so a feed needs at most two versions of a view.
// A hidden member must look exactly like a member with no Jabber ID: callers drop them entirely.
import type { Viewer } from "@/lib/auth/viewer";
import type { PresenceVisibility } from "@/lib/generated/prisma/enums";

export type Audience = "public" | "members";
export const AUDIENCES: readonly Audience[] = ["public", "members"];

export function audienceOf(viewer: Viewer): Audience {
  return viewer.kind === "member" ? "members" : "public";
}

/** The visibilities an audience may see (for database filters). */
export function visibilitiesFor(audience: Audience): PresenceVisibility[] {
  return audience === "members" ? ["public", "members"] : ["public"];
}

export function canViewPresence(audience: Audience, visibility: PresenceVisibility): boolean {
  return visibilitiesFor(audience).includes(visibility);
}
