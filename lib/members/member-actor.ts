// Who changes another member's standing: a signed-in member with the role for it (authorised by the
// one rule: "members.set-role" for roles, "members.suspend" for suspension) or the operator at the
// server's command line, who is trusted and has no member id.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import type { Result } from "@/lib/members/create-member";

export const OPERATOR = { kind: "operator" } as const;
export type MemberActor = Viewer | typeof OPERATOR;

/** The audit row's actor id (null for the operator), or why the actor may not do this. */
export function authorizeMemberAdmin(actor: MemberActor): Result<{ actorId: string | null }> {
  if (actor.kind === "operator") return { ok: true, value: { actorId: null } };
  const allowed = authorize(actor, "members.set-role");
  if (!allowed.ok) return allowed;
  return { ok: true, value: { actorId: allowed.value.id } };
}

/** The audit row's actor id (null for the operator) and role, or why the actor may not suspend anyone. */
export function authorizeSuspension(actor: MemberActor): Result<{ actorId: string | null; role: MemberRole | "operator" }> {
  if (actor.kind === "operator") return { ok: true, value: { actorId: null, role: "operator" } };
  const allowed = authorize(actor, "members.suspend");
  if (!allowed.ok) return allowed;
  return { ok: true, value: { actorId: allowed.value.id, role: allowed.value.role } };
}

/** Moderators suspend and reinstate plain members; administrators (and the operator) anyone. */
export function maySuspend(actor: MemberRole | "operator", target: MemberRole): boolean {
  return actor === "operator" || actor === "admin" || target === "member";
}
