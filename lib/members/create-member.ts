// Creating a member (operator CLI now; sign-up later). Input is validated here, once.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** 1-32 lower-case letters, digits or dashes, not starting or ending with a dash: safe in any URL. */
export const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

export const memberInputSchema = z.object({
  handle: z
    .string()
    .trim()
    .toLowerCase()
    .regex(HANDLE_PATTERN, "a handle is 1-32 letters, digits or dashes, not starting or ending with a dash"),
  displayName: z.string().trim().min(1, "a display name is required").max(80, "a display name is at most 80 characters"),
  presenceVisibility: z.enum(["public", "members", "hidden"]).default("members"),
  role: z.enum(["member", "moderator", "admin"]).default("member"),
});

export type MemberInput = z.input<typeof memberInputSchema>;
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export async function createMember(db: Db, input: MemberInput): Promise<Result<{ id: string; handle: string }>> {
  const parsed = memberInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((issue) => issue.message).join("; ") };
  try {
    const member = await db.member.create({ data: parsed.data, select: { id: true, handle: true } });
    return { ok: true, value: member };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, error: `the handle "${parsed.data.handle}" is already taken` };
    }
    throw error;
  }
}
