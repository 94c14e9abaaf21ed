"use client";
// Adding a Jabber ID: what the member typed stays in the field when it is refused.
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { addJabberIdAction } from "@/app/profile/jabber-link-actions";

export function AddJabberIdForm() {
  const [state, action] = useActionState(addJabberIdAction, null);
  const form = useFocusFirstInvalidField(state);
  return (
    <form ref={form} action={action} className="form" noValidate>
      <TextField
        name="jid"
        label="Jabber ID"
        hint="e.g. alice@example.org. The Narthex bot sends a one-time code to it by chat."
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={3071}
        defaultValue={state?.value ?? ""}
        error={state && !state.ok ? state.message : undefined}
      />
      {state?.ok ? <FormMessage success={state.message} /> : null}
      <div className="form__actions">
        <SubmitButton pendingText="Linking…">Link Jabber ID</SubmitButton>
      </div>
    </form>
  );
}
