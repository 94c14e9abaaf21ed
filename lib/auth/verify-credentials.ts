// Checks an email and password for sign-in. Unknown email and wrong password get the same answer in
// the same time; a suspended member is told so only after giving the right password.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { spendPasswordCheck, verifyPassword } from "@/lib/auth/passwords";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export type CredentialsCheck =
  | { ok: true; member: { id: string; displayName: string; email: string } }
  | { ok: false; reason: "invalid" | "suspended" };

export async function verifyCredentials(db: Db, input: unknown): Promise<CredentialsCheck> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const member = await db.member.findUnique({
    where: { email },
    select: { id: true, displayName: true, email: true, passwordHash: true, suspendedAt: true },
  });
  if (!member?.passwordHash) {
    await spendPasswordCheck(password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(member.passwordHash, password))) return { ok: false, reason: "invalid" };
  if (member.suspendedAt) return { ok: false, reason: "suspended" };
  return { ok: true, member: { id: member.id, displayName: member.displayName, email } };
}
