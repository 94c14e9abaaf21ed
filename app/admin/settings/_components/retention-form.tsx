"use client";
// How many days of presence history to keep; a refusal shows beside the field, which takes the focus.
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { setHistoryRetentionAction, type RetentionFormState } from "@/app/admin/settings/actions";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from "@/lib/presence-history/history-retention";

export function RetentionForm({ days }: { days: number }) {
  const [state, action] = useActionState(setHistoryRetentionAction, { values: { days: String(days) } } satisfies RetentionFormState);
  const form = useFocusFirstInvalidField(state);
  return (
    <form action={action} className="form" ref={form} noValidate>
      <FormMessage success={state.success} />
      <TextField
        name="days"
        label="Days of presence history to keep"
        hint={`From ${MIN_RETENTION_DAYS} (the week profiles show) to ${MAX_RETENTION_DAYS}.`}
        error={state.error}
        inputMode="numeric"
        required
        defaultValue={state.values.days}
        key={state.values.days}
      />
      <div className="form__actions">
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
