// Password hashing (argon2id, OWASP's recommended parameters are the library's defaults) and the
// rules a new password must meet. Length is what makes a password strong (NIST SP 800-63B §3.1.1.2);
// we also refuse a password that is just the account's email or name.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export const passwordSchema = z
  .string({ error: "Choose a password." })
  .min(1, "Choose a password.")
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters for your password.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters for your password.`)
  .refine((password) => new Set(password).size >= 4, "That password is too easy to guess: use more different characters.");

/** A message when the password merely repeats who the person is, else null. */
export function passwordRepeatsIdentity(password: string, identity: { email: string; displayName: string }): string | null {
  const lowered = password.trim().toLowerCase();
  const emailName = identity.email.split("@")[0]?.toLowerCase() ?? "";
  if ([identity.email.toLowerCase(), emailName, identity.displayName.trim().toLowerCase()].includes(lowered)) {
    return "Your password must not be your email address or your name.";
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

// Verified against when the email is unknown, so the answer takes as long as for a real account.
let decoyHash: Promise<string> | undefined;
export async function spendPasswordCheck(password: string): Promise<void> {
  decoyHash ??= hash("narthex-decoy-password");
  await verifyPassword(await decoyHash, password);
}
