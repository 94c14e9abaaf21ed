"use client";
// A roster contact's changes, in its row: edit the name and groups, ask again for its presence (while
// the bot does not receive it), remove it. Removing a linked member's Jabber ID first answers with
// what happens to their link and a confirm button. Each answer takes the keyboard to what it says.
import { useActionState, useEffect, useRef, useState } from "react";
import { AnswerArea, ChoiceButton, FormMessage, SubmitButton, TextField, useFocusOnAnswer } from "@/app/_components/form-field";
import {
  editContactAction,
  removeContactAction,
  requestSubscriptionAction,
  type ContactFormState,
  type DecisionFormState,
  type RemoveContactState,
} from "@/app/moderation/actions";
import { GROUPS_HINT } from "@/app/moderation/roster/_components/add-contact-form";
import { useRosterAnswer } from "@/app/moderation/roster/_components/roster-answer";
import type { RosterRow } from "@/lib/moderation/load-roster-view";
import { CONTACT_NAME_MAX } from "@/lib/moderation/roster-contact-rules";

const ifSaid = (element: HTMLDivElement) => (element.textContent ? element : null);
const answerOf = (form: HTMLFormElement) => form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>("[data-answer]");

type Contact = Pick<RosterRow, "jid" | "name" | "groups" | "subscription">;

function EditContact({ contact }: { contact: Contact }) {
  const start: ContactFormState = { fieldErrors: {}, values: { jid: contact.jid, name: contact.name ?? "", groups: contact.groups.join(", ") }, round: 0 };
  const [state, action] = useActionState(editContactAction, start);
  const form = useFocusOnAnswer(state, answerOf);
  const { fieldErrors, values } = state;
  return (
    <details className="contact-actions__edit" open={state.round > 0 ? true : undefined}>
      <summary className="button button--secondary">
        Edit<span className="visually-hidden"> {contact.jid}</span>
      </summary>
      <form ref={form} action={action} className="form contact-form" noValidate>
        <input type="hidden" name="jid" value={contact.jid} />
        <div data-answer tabIndex={-1} className="console-list__message">
          <FormMessage error={Object.keys(fieldErrors).length > 0 ? undefined : state.error} success={state.success} />
        </div>
        <div className="contact-form__fields" key={state.round}>
          <TextField name="name" label={`Name of ${contact.jid}`} maxLength={CONTACT_NAME_MAX} defaultValue={values.name} error={fieldErrors.name} autoComplete="off" />
          <TextField name="groups" label={`Groups of ${contact.jid}`} hint={GROUPS_HINT} defaultValue={values.groups} error={fieldErrors.groups} autoComplete="off" />
        </div>
        <div className="form__actions">
          <SubmitButton pendingText="Saving…" className="button button--secondary">
            Save<span className="visually-hidden"> {contact.jid}</span>
          </SubmitButton>
        </div>
      </form>
    </details>
  );
}

function AskAgain({ jid }: { jid: string }) {
  const [state, action] = useActionState(requestSubscriptionAction, {} satisfies DecisionFormState);
  return (
    <form action={action} className="contact-actions__form">
      <input type="hidden" name="jid" value={jid} />
      <SubmitButton pendingText="Asking…" className="button button--secondary">
        Ask for presence<span className="visually-hidden"> of {jid}</span>
      </SubmitButton>
      <AnswerArea state={state} />
    </form>
  );
}

function RemoveContact({ jid }: { jid: string }) {
  const [state, action] = useActionState(removeContactAction, { round: 0 } satisfies RemoveContactState);
  // "Keep it" closes the question without a round trip; a new answer opens it again.
  const [keptRound, setKeptRound] = useState(-1);
  // A success is said above the table (the row goes once the worker has removed the contact).
  const message = useFocusOnAnswer(state, ifSaid);
  const announce = useRosterAnswer();
  useEffect(() => {
    if (state.success) announce(state.success);
  }, [state, announce]);
  const form = useRef<HTMLFormElement>(null);
  const asking = state.confirm && keptRound !== state.round ? state.confirm : null;
  useEffect(() => {
    // The question and its buttons are gone: the keyboard goes back to Remove.
    if (keptRound >= 0) form.current?.querySelector<HTMLElement>("button[type='submit']")?.focus();
  }, [keptRound]);
  return (
    <form ref={form} action={action} className="contact-actions__form">
      <input type="hidden" name="jid" value={jid} />
      {asking ? null : (
        <SubmitButton pendingText="Removing…" className="button button--secondary">
          Remove<span className="visually-hidden"> {jid}</span>
        </SubmitButton>
      )}
      <div ref={message} tabIndex={-1} className="console-list__message">
        {asking ? (
          <div className="contact-actions__confirm" role="group" aria-label={`Confirm removing ${jid}`}>
            <p className="form-error" role="alert">
              {asking.message}
            </p>
            <input type="hidden" name="confirmMemberId" value={asking.memberId} />
            <div className="form__actions">
              <ChoiceButton name="confirm" value="yes" label={`Remove and unlink ${jid}`} className="button" />
              <button type="button" className="button button--secondary" onClick={() => setKeptRound(state.round)}>
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <FormMessage error={state.error} />
        )}
      </div>
    </form>
  );
}

export function ContactActions({ contact }: { contact: Contact }) {
  const canAsk = contact.subscription === "none" || contact.subscription === "from";
  return (
    <div className="contact-actions">
      <EditContact contact={contact} />
      {canAsk ? <AskAgain jid={contact.jid} /> : null}
      <RemoveContact jid={contact.jid} />
    </div>
  );
}
