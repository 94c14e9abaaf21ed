"use client";
// The member's own name and presence visibility. A hidden member looks exactly like one with no
// Jabber ID to everybody else, so the choice says so.
import { useActionState, useId } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { updateProfileAction, type ProfileState } from "@/app/profile/profile-actions";

const VISIBILITY_CHOICES = [
  { value: "public", label: "Public — anyone", hint: "Visitors who are not signed in see it too." },
  { value: "members", label: "Members only — signed-in members (default)", hint: "Visitors see you without a presence dot." },
  { value: "hidden", label: "Hidden — nobody", hint: "You look like a member with no Jabber ID: no dot, no chat link, no status." },
] as const;

export function ProfileForm({ displayName, presenceVisibility }: { displayName: string; presenceVisibility: string }) {
  const [state, action] = useActionState(updateProfileAction, { fieldErrors: {}, values: { displayName, presenceVisibility } } satisfies ProfileState);
  const form = useFocusFirstInvalidField(state);
  const id = useId();
  const visibilityErrorId = state.fieldErrors.presenceVisibility ? `${id}-visibility-error` : undefined;
  return (
    <form ref={form} action={action} className="form" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <TextField
        name="displayName"
        label="Display name"
        hint="Shown beside your posts and in the members directory."
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values.displayName}
        error={state.fieldErrors.displayName}
      />
      <fieldset aria-describedby={visibilityErrorId}>
        <legend>Who can see when you are online</legend>
        {visibilityErrorId ? (
          <p className="field__error" id={visibilityErrorId}>
            {state.fieldErrors.presenceVisibility}
          </p>
        ) : null}
        {VISIBILITY_CHOICES.map((choice) => (
          <div className="field field--choice" key={choice.value}>
            <input
              type="radio"
              id={`${id}-${choice.value}`}
              name="presenceVisibility"
              value={choice.value}
              defaultChecked={state.values.presenceVisibility === choice.value}
              aria-describedby={`${id}-${choice.value}-hint`}
            />
            <span>
              <label className="field__label" htmlFor={`${id}-${choice.value}`}>
                {choice.label}
              </label>
              <span className="field__hint" id={`${id}-${choice.value}-hint`}>
                {choice.hint}
              </span>
            </span>
          </div>
        ))}
      </fieldset>
      <div className="form__actions">
        <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
      </div>
    </form>
  );
}
