// Joining Narthex: a member account from a name, an email and a password (the sign-up form), or an
// administrator's account (operator CLI). Validated here, once; nothing is written unless all is right.
import { z } from "zod";
import { hashPassword, passwordRepeatsIdentity, passwordSchema } from "@/lib/auth/passwords";
import type { Db } from "@/lib/db/client";
import { correctFieldsMessage, fieldErrorsOf, formRefusal, type FormResult } from "@/lib/forms/field-errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { memberInputSchema } from "@/lib/members/create-member";
import { freeHandle, handleFromName } from "@/lib/members/handle-from-name";

export const EMAIL_TAKEN = "An account with that email already exists. Sign in instead.";

export const displayNameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(80, "Use at most 80 characters for your name.")
  .regex(/^[^\p{Cc}]*$/u, "Your name cannot contain control characters.");

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter an email address like name@example.org."));

export const signUpSchema = z
  .object({ displayName: displayNameSchema, email: emailSchema, password: passwordSchema })
  .superRefine((input, ctx) => {
    const repeats = passwordRepeatsIdentity(input.password, input);
    if (repeats) ctx.addIssue({ code: "custom", path: ["password"], message: repeats });
  });

export type SignUpInput = z.input<typeof signUpSchema>;
export type SignUpField = "displayName" | "email" | "password";
export type SignUpResult = FormResult<{ id: string; handle: string; email: string; displayName: string }, SignUpField>;

const FIELDS: readonly SignUpField[] = ["displayName", "email", "password"];

/**
 * Creates the account with an argon2id password hash. The handle comes from the display name (a
 * number added when taken) unless the operator names one. Duplicate emails are refused, also when
 * two sign-ups race (the unique index decides).
 */
export async function signUp(db: Db, input: unknown, options: { handle?: string; role?: MemberRole } = {}): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, FIELDS);
    return formRefusal(correctFieldsMessage(Object.keys(fieldErrors).length), fieldErrors);
  }
  const { displayName, email, password } = parsed.data;
  let fixedHandle: string | undefined;
  if (options.handle !== undefined) {
    const handle = memberInputSchema.shape.handle.safeParse(options.handle);
    if (!handle.success) return formRefusal(`That handle is not valid: ${handle.error.issues[0]?.message ?? "use letters, digits and dashes"}.`);
    fixedHandle = handle.data;
  }
  if (await emailTaken(db, email)) return emailTakenRefusal();
  if (fixedHandle && (await db.member.findUnique({ where: { handle: fixedHandle }, select: { id: true } }))) return handleTakenRefusal(fixedHandle);

  const passwordHash = await hashPassword(password);
  // A concurrent sign-up may take the chosen handle between choosing and writing: choose again.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const handle = fixedHandle ?? (await freeHandle(db, handleFromName(displayName)));
    try {
      const member = await db.member.create({
        data: { handle, displayName, email, passwordHash, role: options.role ?? "member" },
        select: { id: true, handle: true, email: true, displayName: true },
      });
      return { ok: true, value: { ...member, email } };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      if (await emailTaken(db, email)) return emailTakenRefusal();
      if (fixedHandle) return handleTakenRefusal(fixedHandle);
    }
  }
  throw new Error("sign-up could not find a free handle after 5 attempts");
}

async function emailTaken(db: Db, email: string): Promise<boolean> {
  return (await db.member.findUnique({ where: { email }, select: { id: true } })) !== null;
}

function emailTakenRefusal() {
  return formRefusal<SignUpField>(EMAIL_TAKEN, { email: "This email address already belongs to an account." });
}

function handleTakenRefusal(handle: string) {
  return formRefusal<SignUpField>(`The handle "${handle}" is already taken.`);
}
