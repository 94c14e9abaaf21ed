"use client";
// Unlinking asks once more before it acts: the bot drops the JID and its presence disappears.
import { useActionState, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-field";
import { unlinkAction } from "@/app/profile/jabber-link-actions";

export function UnlinkForm({ jid }: { jid: string }) {
  const [state, action] = useActionState(unlinkAction, null);
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <div className="form__actions">
        <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
          Unlink<span className="visually-hidden"> {jid}</span>
        </button>
        {state && !state.ok ? <FormMessage error={state.message} /> : null}
      </div>
    );
  }
  return (
    <form action={action} className="form">
      <input type="hidden" name="jid" value={jid} />
      <p className="field__hint">Unlink {jid}? The Narthex bot removes it from its contacts and your presence from it stops showing.</p>
      {state && !state.ok ? <FormMessage error={state.message} /> : null}
      <div className="form__actions">
        <SubmitButton className="button button--danger" pendingText="Unlinking…">
          Yes, unlink<span className="visually-hidden"> {jid}</span>
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
    </form>
  );
}
