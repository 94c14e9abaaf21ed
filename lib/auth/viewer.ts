// Who is looking: a signed-out visitor or a signed-in member. Loaded fresh from the database on every
// request (role changes and suspension take effect at once); a suspended member is a visitor.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";

export type MemberViewer = { kind: "member"; id: string; handle: string; displayName: string; role: MemberRole };
export type Viewer = { kind: "visitor" } | MemberViewer;

export const VISITOR: Viewer = { kind: "visitor" };

/**
 * The viewer a session's member id stands for; unknown or suspended members are visitors. Inside a
 * transaction it re-checks an actor's standing in the same write (a demotion mid-request applies).
 */
export async function loadViewer(db: Db | Prisma.TransactionClient, memberId: string | null | undefined): Promise<Viewer> {
  if (!memberId) return VISITOR;
  const member = await db.member.findUnique({
    where: { id: memberId },
    select: { id: true, handle: true, displayName: true, role: true, suspendedAt: true },
  });
  if (!member || member.suspendedAt) return VISITOR;
  return { kind: "member", id: member.id, handle: member.handle, displayName: member.displayName, role: member.role };
}
