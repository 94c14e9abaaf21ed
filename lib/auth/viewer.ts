// Who is looking: a signed-out visitor or a signed-in member. Loaded fresh from the database on every
// request (role changes and suspension take effect at once); a suspended member is a visitor, and so
// is a session signed in before the member's sessions were ended (suspension ends them for good).
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";

export type MemberViewer = { kind: "member"; id: string; handle: string; displayName: string; role: MemberRole };
export type Viewer = { kind: "visitor" } | MemberViewer;

export const VISITOR: Viewer = { kind: "visitor" };

/** Whether a session signed in at `signedInAt` (seconds; unknown for sessions older than the claim) still counts. */
export function sessionStillValid(signedInAt: number | null, sessionsEndedAt: Date | null): boolean {
  if (!sessionsEndedAt) return true;
  return signedInAt !== null && signedInAt * 1000 >= sessionsEndedAt.getTime();
}

/**
 * The viewer a session's member id stands for; unknown or suspended members are visitors, and so is a
 * session (`signedInAt` given) from before the member's sessions were ended. Inside a transaction it
 * re-checks an actor's standing in the same write (a demotion mid-request applies).
 */
export async function loadViewer(db: Db | Prisma.TransactionClient, memberId: string | null | undefined, session?: { signedInAt: number | null }): Promise<Viewer> {
  if (!memberId) return VISITOR;
  const member = await db.member.findUnique({
    where: { id: memberId },
    select: { id: true, handle: true, displayName: true, role: true, suspendedAt: true, sessionsEndedAt: true },
  });
  if (!member || member.suspendedAt) return VISITOR;
  if (session && !sessionStillValid(session.signedInAt, member.sessionsEndedAt)) return VISITOR;
  return { kind: "member", id: member.id, handle: member.handle, displayName: member.displayName, role: member.role };
}
