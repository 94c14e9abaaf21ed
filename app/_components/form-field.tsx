"use client";
// Form building blocks that keep forms accessible by construction: every field (input, textarea,
// select) has a label, its hint and error are tied to it with aria-describedby, and form-level
// messages are announced; after a refusal the keyboard lands on the first field to correct.
import {
  useEffect,
  useId,
  useRef,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useFormStatus } from "react-dom";

type Described = { name: string; label: string; hint?: ReactNode; error?: string };
type ControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };
type Controlled<A> = Omit<A, "id" | "aria-describedby" | "aria-invalid"> & Described;

/** The frame every field shares: label, hint and error, tied to the control it renders. */
function Field({ label, hint, error, control }: Omit<Described, "name"> & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
    </div>
  );
}

export function TextField({ label, hint, error, type = "text", ...input }: Controlled<InputHTMLAttributes<HTMLInputElement>>) {
  return <Field label={label} hint={hint} error={error} control={(props) => <input {...props} type={type} {...input} />} />;
}

export function TextAreaField({ label, hint, error, ...textarea }: Controlled<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return <Field label={label} hint={hint} error={error} control={(props) => <textarea {...props} {...textarea} />} />;
}

export function SelectField({
  label,
  hint,
  error,
  options,
  ...select
}: Controlled<SelectHTMLAttributes<HTMLSelectElement>> & { options: ReadonlyArray<{ value: string; label: string }> }) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(props) => (
        <select {...props} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** The whole form's outcome: an error is announced at once (role="alert"), a success politely. */
export function FormMessage({ error, success }: { error?: string; success?: string }) {
  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (success) {
    return (
      <p className="form-success" role="status">
        {success}
      </p>
    );
  }
  return null;
}

/**
 * For a form whose action answers with a new state: when that answer marks a field invalid, focus
 * moves to the first such field (as the browser's own validation does), which brings it into view and
 * reads its error with it. Give the returned ref to the form.
 */
export function useFocusFirstInvalidField(state: unknown): RefObject<HTMLFormElement | null> {
  const form = useRef<HTMLFormElement>(null);
  const initial = useRef(state);
  useEffect(() => {
    if (state === initial.current) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return form;
}

/**
 * While its form's action runs, a submit button sends nothing more. It is marked aria-disabled rather
 * than disabled: disabling the focused button would drop the keyboard's place on the page.
 */
export function ignoreWhileBusy(pending: boolean): ((event: MouseEvent<HTMLButtonElement>) => void) | undefined {
  return pending ? (event) => event.preventDefault() : undefined;
}

/** A submit button that says it is busy while its form's action runs. */
export function SubmitButton({ children, pendingText, className = "button" }: { children: ReactNode; pendingText: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} aria-disabled={pending || undefined} onClick={ignoreWhileBusy(pending)}>
      {pending ? pendingText : children}
    </button>
  );
}
