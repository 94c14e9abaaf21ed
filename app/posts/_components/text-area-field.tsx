"use client";
// A labelled multi-line field and a labelled select, tied to their hint and error like TextField.
import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

type Described = { label: string; hint?: ReactNode; error?: string };

function useDescribed(hint: ReactNode | undefined, error: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [errorId, hintId].filter(Boolean).join(" ") || undefined };
}

function FieldTexts({ hint, error, hintId, errorId }: { hint?: ReactNode; error?: string; hintId?: string; errorId?: string }) {
  return (
    <>
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
    </>
  );
}

export function TextAreaField({ label, hint, error, ...textarea }: Described & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "aria-describedby" | "aria-invalid"> & { name: string }) {
  const { id, hintId, errorId, describedBy } = useDescribed(hint, error);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <FieldTexts hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...textarea} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  error,
  options,
  ...select
}: Described & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "aria-describedby" | "aria-invalid"> & { name: string; options: ReadonlyArray<{ value: string; label: string }> }) {
  const { id, hintId, errorId, describedBy } = useDescribed(hint, error);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <FieldTexts hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
