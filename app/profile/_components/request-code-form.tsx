"use client";
// "Send a new code": the old code stops working and the bot tries the JID again.
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-field";
import { requestCodeAction } from "@/app/profile/jabber-link-actions";

export function RequestCodeForm({ jid }: { jid: string }) {
  const [state, action] = useActionState(requestCodeAction, null);
  return (
    <form action={action} className="form">
      <input type="hidden" name="jid" value={jid} />
      {state ? <FormMessage error={state.ok ? undefined : state.message} success={state.ok ? state.message : undefined} /> : null}
      <div className="form__actions">
        <SubmitButton className="button button--secondary" pendingText="Sending…">
          Send a new code<span className="visually-hidden"> to {jid}</span>
        </SubmitButton>
      </div>
    </form>
  );
}
