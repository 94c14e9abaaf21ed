"use client";
// Adding a contact to the bot's roster: Jabber ID, optional name and groups. A refusal keeps what was
// typed and puts the keyboard on the first field to correct (or on the answer); a success empties the
// form and links to the queued command, whose state the command queue shows.
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusOnAnswer } from "@/app/_components/form-field";
import { addContactAction, type ContactFormState } from "@/app/moderation/actions";
import { CONTACT_GROUP_MAX, CONTACT_GROUPS_MAX, CONTACT_NAME_MAX } from "@/lib/moderation/roster-contact-rules";

const START: ContactFormState = { fieldErrors: {}, values: { jid: "", name: "", groups: "" }, round: 0 };

/** The first field to correct, else the sentence that answers. */
const answerOf = (form: HTMLFormElement) => form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>("[data-answer]");

export const GROUPS_HINT = `Separate groups with commas, e.g. Choir, Wardens. At most ${CONTACT_GROUPS_MAX} groups of ${CONTACT_GROUP_MAX} characters.`;

export function AddContactForm() {
  const [state, action] = useActionState(addContactAction, START);
  const form = useFocusOnAnswer(state, answerOf);
  const { fieldErrors, values } = state;
  return (
    <form ref={form} action={action} className="form contact-form" noValidate>
      <div data-answer tabIndex={-1} className="console-list__message">
        <FormMessage error={Object.keys(fieldErrors).length > 0 ? undefined : state.error} success={state.success} />
        {state.success && state.commandId !== undefined ? (
          <p>
            <Link href="/moderation/commands">Follow command #{state.commandId} in the command queue</Link>
          </p>
        ) : null}
      </div>
      <div className="contact-form__fields" key={state.round}>
        <TextField
          name="jid"
          label="Jabber ID"
          hint="e.g. alice@example.org"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={3071}
          defaultValue={values.jid}
          error={fieldErrors.jid}
        />
        <TextField name="name" label="Name (optional)" maxLength={CONTACT_NAME_MAX} defaultValue={values.name} error={fieldErrors.name} autoComplete="off" />
        <TextField name="groups" label="Groups (optional)" hint={GROUPS_HINT} defaultValue={values.groups} error={fieldErrors.groups} autoComplete="off" />
      </div>
      <div className="form__actions">
        <SubmitButton pendingText="Adding…">Add contact</SubmitButton>
      </div>
    </form>
  );
}
