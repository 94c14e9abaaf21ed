// A member changes their own profile: display name and who may see their presence. A visibility
// change reaches every open feed through the worker ("presence.resync", queued in the same transaction).
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import { correctFieldsMessage, fieldErrorsOf, formRefusal, type FormResult } from "@/lib/forms/field-errors";
import type { PresenceVisibility } from "@/lib/generated/prisma/enums";
import { displayNameSchema } from "@/lib/members/sign-up";

export const profileSchema = z.object({
  displayName: displayNameSchema,
  presenceVisibility: z.enum(["public", "members", "hidden"], { error: "Choose who may see when you are online." }),
});

export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileField = keyof ProfileInput;
export type Profile = { displayName: string; presenceVisibility: PresenceVisibility };

const FIELDS: readonly ProfileField[] = ["displayName", "presenceVisibility"];

export async function updateProfile(db: Db, viewer: Viewer, input: unknown): Promise<FormResult<Profile & { resync: boolean }, ProfileField>> {
  const allowed = authorize(viewer, "profile.update");
  if (!allowed.ok) return formRefusal(allowed.error);
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, FIELDS);
    return formRefusal(correctFieldsMessage(Object.keys(fieldErrors).length), fieldErrors);
  }
  const profile = parsed.data;
  const memberId = allowed.value.id;
  return db.$transaction(async (tx) => {
    const before = await tx.member.findUnique({ where: { id: memberId }, select: { presenceVisibility: true, suspendedAt: true } });
    if (!before || before.suspendedAt) return formRefusal<ProfileField>("Please sign in to change your profile.");
    await tx.member.update({ where: { id: memberId }, data: profile });
    const resync = before.presenceVisibility !== profile.presenceVisibility;
    if (resync) await enqueueCommand(tx, "presence.resync", {}, memberId);
    return { ok: true as const, value: { ...profile, resync } };
  });
}
