"use client";
// What happens to subscription requests from Jabber IDs no member has linked: kept for a moderator,
// approved at once, or denied at once. Applies to requests as they arrive; the answer is announced
// and the keyboard moves to it.
import { useActionState, useId } from "react";
import { FormMessage, SubmitButton, useFocusOnAnswer } from "@/app/_components/form-field";
import { setRequestPolicyAction, type PolicyFormState } from "@/app/moderation/blocklist-actions";
import { REQUEST_POLICIES, REQUEST_POLICY_WORDS, type RequestPolicy } from "@/lib/roster/request-policy";

const answerArea = (form: HTMLFormElement) => form.querySelector<HTMLElement>(".console-list__message");

export function RequestPolicyForm({ policy }: { policy: RequestPolicy }) {
  const [state, action] = useActionState(setRequestPolicyAction, {} satisfies PolicyFormState);
  const form = useFocusOnAnswer(state, answerArea);
  const id = useId();
  return (
    <form ref={form} action={action} className="form console__section">
      <fieldset>
        <legend>When a Jabber ID no member has linked asks to see the bot&rsquo;s presence</legend>
        {REQUEST_POLICIES.map((choice) => (
          <div className="field field--choice" key={choice}>
            <input type="radio" id={`${id}-${choice}`} name="policy" value={choice} defaultChecked={policy === choice} aria-describedby={`${id}-${choice}-hint`} />
            <span>
              <label className="field__label" htmlFor={`${id}-${choice}`}>
                {REQUEST_POLICY_WORDS[choice].label}
              </label>
              <span className="field__hint" id={`${id}-${choice}-hint`}>
                {REQUEST_POLICY_WORDS[choice].explains}
              </span>
            </span>
          </div>
        ))}
      </fieldset>
      <div tabIndex={-1} className="console-list__message">
        <FormMessage error={state.error} success={state.success} />
      </div>
      <div className="form__actions">
        <SubmitButton pendingText="Saving…">Save policy</SubmitButton>
      </div>
    </form>
  );
}
