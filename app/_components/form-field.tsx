"use client";
// Form building blocks that keep forms accessible by construction: every field (input, textarea,
// select) has a label, its hint and error are tied to it with aria-describedby, and form-level
// messages are announced; after a refusal the keyboard lands on the first field to correct.
import {
  useEffect,
  useId,
  useRef,
  type ButtonHTMLAttributes,
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
 * For a form whose action answers with a new state: once an answer (not the first state) arrives,
 * focus moves to what `pick` finds in the element given the returned ref, so the keyboard and a screen
 * reader land on what the answer says. `pick` must be stable (a module-level function).
 */
export function useFocusOnAnswer<T extends HTMLElement>(state: unknown, pick: (element: T) => HTMLElement | null): RefObject<T | null> {
  const element = useRef<T>(null);
  const initial = useRef(state);
  useEffect(() => {
    if (state === initial.current || !element.current) return;
    pick(element.current)?.focus();
  }, [state, pick]);
  return element;
}

const itself = (element: HTMLDivElement) => element;

/**
 * Where the answer to a form without fields of its own is said (a row's button, a list's buttons):
 * the sentence takes the keyboard when it arrives, so a screen reader reads it and Tab goes on from it.
 */
export function AnswerArea({ state }: { state: { error?: string; success?: string } }) {
  const area = useFocusOnAnswer(state, itself);
  return (
    <div ref={area} tabIndex={-1} className="console-list__message">
      <FormMessage error={state.error} success={state.success} />
    </div>
  );
}

const firstInvalidField = (form: HTMLFormElement) => form.querySelector<HTMLElement>('[aria-invalid="true"]');

/**
 * When the answer marks a field invalid, focus moves to the first such field (as the browser's own
 * validation does), which brings it into view and reads its error with it. Give the ref to the form.
 */
export function useFocusFirstInvalidField(state: unknown): RefObject<HTMLFormElement | null> {
  return useFocusOnAnswer(state, firstInvalidField);
}

const ignoreClick = (event: MouseEvent<HTMLButtonElement>) => event.preventDefault();

/**
 * A submit button that sends nothing more while its form's action runs. It is marked aria-disabled
 * rather than disabled: disabling the focused button would drop the keyboard's place on the page.
 */
export function BusyButton({ pending, children, ...button }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "onClick"> & { pending: boolean }) {
  return (
    <button type="submit" {...button} aria-disabled={pending || undefined} onClick={pending ? ignoreClick : undefined}>
      {children}
    </button>
  );
}

/** A submit button that says it is busy while its form's action runs. */
export function SubmitButton({ children, pendingText, className = "button" }: { children: ReactNode; pendingText: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <BusyButton pending={pending} className={className}>
      {pending ? pendingText : children}
    </BusyButton>
  );
}

/**
 * One of a form's several submit buttons, told apart by `name`=`value` (e.g. a toolbar's verbs): while
 * the action runs none sends again, and the one pressed says so ("Archive…").
 */
export function ChoiceButton({ name, value, label, className, disabled }: { name: string; value: string; label: string; className: string; disabled?: boolean }) {
  const { pending, data } = useFormStatus();
  const busy = pending && data?.get(name) === value;
  return (
    <BusyButton pending={pending} name={name} value={value} className={className} disabled={disabled}>
      {busy ? `${label}…` : label}
    </BusyButton>
  );
}
