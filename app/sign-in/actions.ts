"use server";
// Signing in and out through Auth.js (lib/auth/auth.ts). Refusals come back as words for the form;
// the rate limits live in the Credentials provider, so a direct POST to Auth.js meets them too.
import { AuthError } from "next-auth";
import { signIn, signOut, SignInRefused } from "@/lib/auth/auth";
import { safeReturnPath } from "@/lib/auth/return-path";
import type { FieldErrors } from "@/lib/forms/field-errors";
import { formText } from "@/lib/forms/form-text";
import { waitMessage } from "@/lib/rate-limits";

type SignInField = "email" | "password";
export type SignInState = { error?: string; fieldErrors: FieldErrors<SignInField>; values: { email: string } };

const REFUSALS: Record<SignInRefused["code"], (refusal: SignInRefused) => string> = {
  invalid: () => "That email and password do not match an account.",
  suspended: () => "This account is suspended. Contact a moderator.",
  "rate-limited": (refusal) => waitMessage(refusal.retryAfterSeconds || 15 * 60),
};

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = formText(formData, "email").trim();
  const password = formText(formData, "password");
  const values = { email };
  const fieldErrors: FieldErrors<SignInField> = {};
  if (!email) fieldErrors.email = "Enter your email address.";
  else if (email.length > 254) fieldErrors.email = "An email address has at most 254 characters.";
  if (!password) fieldErrors.password = "Enter your password.";
  if (fieldErrors.email || fieldErrors.password) return { error: "Enter your email and your password to sign in.", fieldErrors, values };

  try {
    await signIn("credentials", { email, password, redirectTo: safeReturnPath(formData.get("next")) });
  } catch (error) {
    if (error instanceof SignInRefused) return { error: REFUSALS[error.code](error), fieldErrors: {}, values };
    if (error instanceof AuthError) return { error: "We could not sign you in just now. Please try again.", fieldErrors: {}, values };
    throw error; // Next's redirect to the return path
  }
  return { fieldErrors: {}, values };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
