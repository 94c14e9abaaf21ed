// Seeding the people a spec signs in as: an account made the way the product makes one (sign-up), a
// role given as the operator gives it (audited), and the viewer a lib call acts for.
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { MemberRole, PresenceVisibility } from "@/lib/generated/prisma/enums";
import { OPERATOR } from "@/lib/members/member-actor";
import { setRole } from "@/lib/members/set-role";
import { signUp } from "@/lib/members/sign-up";

export type NewMember = {
  displayName: string;
  email: string;
  password: string;
  /** Chosen by the operator; otherwise sign-up makes one from the name. */
  handle?: string;
  role?: MemberRole;
  /** Sign-up always starts at the default, so this is written straight to the member afterwards. */
  presenceVisibility?: PresenceVisibility;
};

/** Signs the member up and, when asked, gives them a role and a visibility; throws with the lib's words. */
export async function addMember(db: Db, member: NewMember): Promise<{ id: string; handle: string }> {
  const { displayName, email, password, handle, role, presenceVisibility } = member;
  const signedUp = await signUp(db, { displayName, email, password }, { handle });
  if (!signedUp.ok) throw new Error(signedUp.error);
  const { id } = signedUp.value;
  if (role && role !== "member") {
    const promoted = await setRole(db, OPERATOR, { handle: signedUp.value.handle, role });
    if (!promoted.ok) throw new Error(promoted.error);
  }
  if (presenceVisibility) await db.member.update({ where: { id }, data: { presenceVisibility } });
  return { id, handle: signedUp.value.handle };
}

/** The viewer for the member with this email, as a page would load them. */
export async function viewerOf(db: Db, email: string): Promise<Viewer> {
  const member = await db.member.findUniqueOrThrow({ where: { email } });
  return loadViewer(db, member.id);
}
