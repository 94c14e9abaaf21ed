"use server";
// Joining: rate-limited per address, the account made by lib/members/sign-up, then signed in at once.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress, signIn } from "@/lib/auth/auth";
import { getViewer } from "@/lib/auth/current-viewer";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getDb } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/forms/field-errors";
import { formText } from "@/lib/forms/form-text";
import { signUp, type SignUpField } from "@/lib/members/sign-up";
import { takeAttempt, waitMessage } from "@/lib/rate-limits";

/** What the form shows after a refused attempt; the password is never sent back. */
export type SignUpState = { error?: string; fieldErrors: FieldErrors<SignUpField>; values: { displayName: string; email: string } };

export async function signUpAction(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const values = { displayName: formText(formData, "displayName"), email: formText(formData, "email") };
  const password = formText(formData, "password");
  const next = safeReturnPath(formData.get("next"));
  // Already signed in (a second tab): no second account by accident.
  if ((await getViewer()).kind === "member") redirect(next);
  const limit = await takeAttempt("signUpPerAddress", clientAddress(await headers()));
  if (!limit.ok) return { error: waitMessage(limit.retryAfterSeconds), fieldErrors: {}, values };
  const overall = await takeAttempt("signUpEverywhere", "all");
  if (!overall.ok) return { error: waitMessage(overall.retryAfterSeconds), fieldErrors: {}, values };

  const result = await signUp(getDb(), { ...values, password });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  try {
    await signIn("credentials", { email: result.value.email, password, redirectTo: next });
  } catch (error) {
    if (error instanceof AuthError) {
      return { error: "Your account is ready, but we could not sign you in just now. Please sign in.", fieldErrors: {}, values };
    }
    throw error; // Next's redirect to the return path
  }
  return { fieldErrors: {}, values };
}
