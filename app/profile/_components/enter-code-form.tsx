"use client";
// Entering the one-time code the bot sent by chat. Case, spaces and dashes do not matter.
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { confirmCodeAction } from "@/app/profile/jabber-link-actions";

export function EnterCodeForm({ jid }: { jid: string }) {
  const [state, action] = useActionState(confirmCodeAction, null);
  const form = useFocusFirstInvalidField(state);
  return (
    <form ref={form} action={action} className="form" noValidate>
      <input type="hidden" name="jid" value={jid} />
      <TextField
        name="code"
        label={`Code sent to ${jid}`}
        hint="Eight letters and digits, like K7QF-92XM."
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        required
        maxLength={64}
        defaultValue={state?.value ?? ""}
        error={state && !state.ok ? state.message : undefined}
      />
      {state?.ok ? <FormMessage success={state.message} /> : null}
      <div className="form__actions">
        <SubmitButton pendingText="Checking…">Confirm</SubmitButton>
      </div>
    </form>
  );
}
