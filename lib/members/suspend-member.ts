// Suspending a member (they can no longer sign in, and an open session acts as a visitor's on its
// next request: lib/auth/viewer.ts) and reinstating them. Audited in the same transaction.
import { z } from "zod";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";
import { authorizeMemberAdmin, type MemberActor } from "@/lib/members/member-actor";

const targetSchema = z.object({ handle: z.string().trim().toLowerCase().min(1, "Name the member by their handle.") });

export function suspendMember(db: Db, actor: MemberActor, input: z.input<typeof targetSchema>, now = new Date()): Promise<Result<{ handle: string }>> {
  return changeSuspension(db, actor, input, now);
}

export function reinstateMember(db: Db, actor: MemberActor, input: z.input<typeof targetSchema>): Promise<Result<{ handle: string }>> {
  return changeSuspension(db, actor, input, null);
}

async function changeSuspension(db: Db, actor: MemberActor, input: z.input<typeof targetSchema>, suspendedAt: Date | null): Promise<Result<{ handle: string }>> {
  const allowed = authorizeMemberAdmin(actor);
  if (!allowed.ok) return allowed;
  const parsed = targetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Name the member by their handle." };
  const { handle } = parsed.data;
  const { actorId } = allowed.value;
  return db.$transaction(async (tx) => {
    const member = await tx.member.findUnique({ where: { handle }, select: { id: true, suspendedAt: true } });
    if (!member) return { ok: false as const, error: `No member has the handle "${handle}".` };
    if (actorId === member.id) return { ok: false as const, error: "You cannot suspend or reinstate yourself." };
    if (suspendedAt && member.suspendedAt) return { ok: false as const, error: `${handle} is already suspended.` };
    if (!suspendedAt && !member.suspendedAt) return { ok: false as const, error: `${handle} is not suspended.` };
    await tx.member.update({ where: { id: member.id }, data: { suspendedAt } });
    await tx.auditEntry.create({
      data: {
        actorId,
        action: suspendedAt ? "member.suspend" : "member.reinstate",
        targetType: "member",
        targetId: member.id,
        before: JSON.stringify({ suspendedAt: member.suspendedAt?.toISOString() ?? null }),
        after: JSON.stringify({ suspendedAt: suspendedAt?.toISOString() ?? null }),
      },
    });
    // A suspended member's presence stops being shown, and their open feeds become a visitor's.
    await enqueueCommand(tx, "presence.resync", {}, actorId);
    return { ok: true as const, value: { handle } };
  });
}
