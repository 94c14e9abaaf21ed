"use client";
// Unlinking asks once more before it acts: the bot drops the JID and its presence disappears.
// Asking replaces the button that had focus (and answering "Keep it" brings it back), so focus
// moves with it: to the question, then back to "Unlink", never lost to the top of the page.
import { useActionState, useEffect, useRef, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-field";
import { unlinkAction } from "@/app/profile/jabber-link-actions";

export function UnlinkForm({ jid }: { jid: string }) {
  const [state, action] = useActionState(unlinkAction, null);
  const [asking, setAsking] = useState(false);
  const answered = useRef(false);
  const question = useRef<HTMLParagraphElement>(null);
  const unlinkButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (answered.current) unlinkButton.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <div className="form__actions">
        <button type="button" className="button button--danger" ref={unlinkButton} onClick={() => setAsking(true)}>
          Unlink<span className="visually-hidden"> {jid}</span>
        </button>
        {state && !state.ok ? <FormMessage error={state.message} /> : null}
      </div>
    );
  }
  return (
    <form action={action} className="form">
      <input type="hidden" name="jid" value={jid} />
      <p className="field__hint" ref={question} tabIndex={-1}>
        Unlink {jid}? The Narthex bot removes it from its contacts and your presence from it stops showing.
      </p>
      {state && !state.ok ? <FormMessage error={state.message} /> : null}
      <div className="form__actions">
        <SubmitButton className="button button--danger" pendingText="Unlinking…">
          Yes, unlink<span className="visually-hidden"> {jid}</span>
        </SubmitButton>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            answered.current = true;
            setAsking(false);
          }}
        >
          Keep it
        </button>
      </div>
    </form>
  );
}
