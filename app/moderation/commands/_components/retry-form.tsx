"use client";
// "Try again" on a failed command's row; the answer is said in the row, where the keyboard stays.
import { useActionState } from "react";
import { AnswerArea, SubmitButton } from "@/app/_components/form-field";
import { retryCommandAction, type RetryFormState } from "@/app/moderation/command-actions";


export function RetryForm({ id }: { id: number }) {
  const [state, action] = useActionState(retryCommandAction, {} satisfies RetryFormState);
  return (
    <form action={action} className="console-inline-form">
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingText="Queuing…" className="button button--secondary">
        Try again<span className="visually-hidden"> command #{id}</span>
      </SubmitButton>
      <AnswerArea state={state} />
    </form>
  );
}
