// What a member sees of their own account on the profile page (their email only ever reaches them).
import type { Db } from "@/lib/db/client";
import type { MemberRole, PresenceVisibility } from "@/lib/generated/prisma/enums";

export type OwnProfile = {
  id: string;
  handle: string;
  displayName: string;
  email: string | null;
  role: MemberRole;
  presenceVisibility: PresenceVisibility;
  createdAt: Date;
};

export function loadOwnProfile(db: Db, memberId: string): Promise<OwnProfile | null> {
  return db.member.findUnique({
    where: { id: memberId },
    select: { id: true, handle: true, displayName: true, email: true, role: true, presenceVisibility: true, createdAt: true },
  });
}

export const ROLE_NAMES: Record<MemberRole, string> = { member: "Member", moderator: "Moderator", admin: "Administrator" };
