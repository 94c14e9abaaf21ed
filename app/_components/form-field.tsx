"use client";
// Form building blocks that keep forms accessible by construction: every field (input, textarea,
// select) has a label, its hint and error are tied to it with aria-describedby, and form-level
// messages are announced.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
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

/** A submit button that says it is busy while its form's action runs. */
export function SubmitButton({ children, pendingText, className = "button" }: { children: ReactNode; pendingText: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} aria-disabled={pending || undefined} disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}
