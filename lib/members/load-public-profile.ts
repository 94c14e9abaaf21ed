// What anyone may read about a member on their public profile (/members/<handle>). A suspended
// member has no profile, as they vanish from the directory and from presence.
import type { Db } from "@/lib/db/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";

export type PublicProfile = { id: string; handle: string; displayName: string; role: MemberRole; createdAt: Date };

export async function loadPublicProfile(db: Db, handle: string): Promise<PublicProfile | null> {
  const member = await db.member.findUnique({
    where: { handle },
    select: { id: true, handle: true, displayName: true, role: true, createdAt: true, suspendedAt: true },
  });
  if (!member || member.suspendedAt) return null;
  const { suspendedAt: _suspended, ...profile } = member;
  return profile;
}
