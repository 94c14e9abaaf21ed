// Suspending a member and reinstating them. A suspended member cannot sign in, their open sessions
// end (from the next request they act as a visitor's, and stay ended after reinstatement: the member
// signs in again, lib/auth/viewer.ts), their presence stops being shown and their feeds become a
// visitor's. Moderators suspend plain members, administrators and the operator anyone but
// themselves. Audited in the same transaction as the change.
import { z } from "zod";
import { loadViewer } from "@/lib/auth/viewer";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";
import { authorizeSuspension, maySuspend, type MemberActor } from "@/lib/members/member-actor";

const targetSchema = z.object({ handle: z.string().trim().toLowerCase().min(1, "Name the member by their handle.").max(100, "That is not a member's handle.") });

export const SUSPENSION_MESSAGES = {
  outranked: "Only administrators can suspend or reinstate moderators and administrators.",
  yourself: "You cannot suspend or reinstate yourself.",
} as const;

export function suspendMember(db: Db, actor: MemberActor, input: z.input<typeof targetSchema>, now = new Date()): Promise<Result<{ handle: string }>> {
  return changeSuspension(db, actor, input, now);
}

export function reinstateMember(db: Db, actor: MemberActor, input: z.input<typeof targetSchema>): Promise<Result<{ handle: string }>> {
  return changeSuspension(db, actor, input, null);
}

async function changeSuspension(db: Db, actor: MemberActor, input: z.input<typeof targetSchema>, suspendedAt: Date | null): Promise<Result<{ handle: string }>> {
  const allowed = authorizeSuspension(actor);
  if (!allowed.ok) return allowed;
  const parsed = targetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Name the member by their handle." };
  const { handle } = parsed.data;
  const { actorId } = allowed.value;
  return db.$transaction(async (tx) => {
    // The actor's role is read again inside the write, so a demotion mid-request still applies.
    let actorRole = allowed.value.role;
    if (actorId) {
      const again = authorizeSuspension(await loadViewer(tx, actorId));
      if (!again.ok) return again;
      actorRole = again.value.role;
    }
    const member = await tx.member.findUnique({ where: { handle }, select: { id: true, role: true, suspendedAt: true, sessionsEndedAt: true } });
    if (!member) return { ok: false as const, error: `No member has the handle "${handle}".` };
    if (actorId === member.id) return { ok: false as const, error: SUSPENSION_MESSAGES.yourself };
    if (!maySuspend(actorRole, member.role)) return { ok: false as const, error: SUSPENSION_MESSAGES.outranked };
    if (suspendedAt && member.suspendedAt) return { ok: false as const, error: `${handle} is already suspended.` };
    if (!suspendedAt && !member.suspendedAt) return { ok: false as const, error: `${handle} is not suspended.` };
    const sessionsEndedAt = suspendedAt ?? member.sessionsEndedAt;
    await tx.member.update({ where: { id: member.id }, data: { suspendedAt, sessionsEndedAt } });
    await tx.auditEntry.create({
      data: {
        actorId,
        action: suspendedAt ? "member.suspend" : "member.reinstate",
        targetType: "member",
        targetId: member.id,
        before: JSON.stringify({ suspendedAt: member.suspendedAt?.toISOString() ?? null }),
        after: JSON.stringify({ suspendedAt: suspendedAt?.toISOString() ?? null, sessionsEndedAt: sessionsEndedAt?.toISOString() ?? null }),
      },
    });
    // A suspended member's presence stops being shown, and their open feeds become a visitor's.
    await enqueueCommand(tx, "presence.resync", {}, actorId);
    return { ok: true as const, value: { handle } };
  });
}
