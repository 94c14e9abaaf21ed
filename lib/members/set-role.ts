// Changing a member's role (member, moderator, admin). Audited in the same transaction as the change.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import type { Result } from "@/lib/members/create-member";
import { authorizeMemberAdmin, type MemberActor } from "@/lib/members/member-actor";

export const setRoleSchema = z.object({
  handle: z.string().trim().toLowerCase().min(1, "Name the member by their handle."),
  role: z.enum(["member", "moderator", "admin"], { error: "A role is member, moderator or admin." }),
});

export async function setRole(db: Db, actor: MemberActor, input: { handle: string; role: string }): Promise<Result<{ handle: string; role: MemberRole; changed: boolean }>> {
  const allowed = authorizeMemberAdmin(actor);
  if (!allowed.ok) return allowed;
  const parsed = setRoleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "That is not a valid role change." };
  const { handle, role } = parsed.data;
  const { actorId } = allowed.value;
  return db.$transaction(async (tx) => {
    const member = await tx.member.findUnique({ where: { handle }, select: { id: true, role: true } });
    if (!member) return { ok: false as const, error: `No member has the handle "${handle}".` };
    // An administrator cannot demote themselves by accident and leave nobody in charge.
    if (actorId === member.id) return { ok: false as const, error: "You cannot change your own role." };
    if (member.role === role) return { ok: true as const, value: { handle, role, changed: false } };
    await tx.member.update({ where: { id: member.id }, data: { role } });
    await tx.auditEntry.create({
      data: { actorId, action: "member.set-role", targetType: "member", targetId: member.id, before: JSON.stringify({ role: member.role }), after: JSON.stringify({ role }) },
    });
    return { ok: true as const, value: { handle, role, changed: true } };
  });
}
