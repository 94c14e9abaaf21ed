"use client";
// Blocking a Jabber ID or a whole server: what the moderator typed stays in the field when refused.
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { blockAction, type BlockFormState } from "@/app/moderation/blocklist-actions";

export function BlockForm() {
  const [state, action] = useActionState(blockAction, {} satisfies BlockFormState);
  const form = useFocusFirstInvalidField(state);
  return (
    <form ref={form} action={action} className="form" noValidate>
      <TextField
        name="jid"
        label="Jabber ID or server to block"
        hint="e.g. spam@example.net, or example.net to block everyone on that server."
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={3071}
        defaultValue={state.value ?? ""}
        error={state.error}
      />
      <FormMessage success={state.success} />
      <div className="form__actions">
        <SubmitButton pendingText="Blocking…">Block</SubmitButton>
      </div>
    </form>
  );
}
