"use client";
// The sign-up form: keeps what was typed (except the password) and shows each problem beside its field.
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { signUpAction, type SignUpState } from "@/app/sign-up/actions";

const INITIAL: SignUpState = { fieldErrors: {}, values: { displayName: "", email: "" } };

export function SignUpForm({ next }: { next: string }) {
  const [state, action] = useActionState(signUpAction, INITIAL);
  const form = useFocusFirstInvalidField(state);
  return (
    <form ref={form} action={action} className="form" noValidate>
      <FormMessage error={state.error} />
      <input type="hidden" name="next" value={next} />
      <TextField
        name="displayName"
        label="Your name"
        hint="As the community knows you. Shown beside your posts."
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values.displayName}
        error={state.fieldErrors.displayName}
      />
      <TextField
        name="email"
        type="email"
        label="Email"
        hint="You sign in with it. Never shown to other members."
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        maxLength={254}
        defaultValue={state.values.email}
        error={state.fieldErrors.email}
      />
      <TextField
        name="password"
        type="password"
        label="Password"
        hint="At least 10 characters. A few words you will remember make a strong password."
        autoComplete="new-password"
        required
        error={state.fieldErrors.password}
      />
      <div className="form__actions">
        <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      </div>
      <p className="auth-switch">
        Already a member? <Link href={next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    </form>
  );
}
