"use client";
// The sign-in form: email and password, one message for whatever went wrong (never which of the two).
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { signInAction, type SignInState } from "@/app/sign-in/actions";

const INITIAL: SignInState = { fieldErrors: {}, values: { email: "" } };

export function SignInForm({ next }: { next: string }) {
  const [state, action] = useActionState(signInAction, INITIAL);
  const form = useFocusFirstInvalidField(state);
  return (
    <form ref={form} action={action} className="form" noValidate>
      <FormMessage error={state.error} />
      <input type="hidden" name="next" value={next} />
      <TextField
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        defaultValue={state.values.email}
        error={state.fieldErrors.email}
      />
      <TextField name="password" type="password" label="Password" autoComplete="current-password" required error={state.fieldErrors.password} />
      <div className="form__actions">
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </div>
      <p className="auth-switch">
        New here? <Link href={next === "/" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next)}`}>Join Narthex</Link>
      </p>
    </form>
  );
}
