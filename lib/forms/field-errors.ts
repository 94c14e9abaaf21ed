// Form results with a message per field, so a form can put each error beside its input (and the
// whole-form message in an alert). Built from zod issues: the first issue of each field wins.
import type { z } from "zod";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** A form's outcome: the value, or a summary plus the message for each field that was wrong. */
export type FormResult<T, F extends string> = { ok: true; value: T } | { ok: false; error: string; fieldErrors: FieldErrors<F> };

export function fieldErrorsOf<F extends string>(error: z.ZodError, fields: readonly F[]): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of error.issues) {
    const field = fields.find((name) => name === issue.path[0]);
    if (field && errors[field] === undefined) errors[field] = issue.message;
  }
  return errors;
}

/** A refusal that concerns the form as a whole (not signed in, not allowed, too many attempts). */
export function formRefusal<F extends string>(error: string, fieldErrors: FieldErrors<F> = {}): { ok: false; error: string; fieldErrors: FieldErrors<F> } {
  return { ok: false, error, fieldErrors };
}

/** "Please correct the 2 fields marked below." */
export function correctFieldsMessage(count: number): string {
  return count === 1 ? "Please correct the field marked below." : `Please correct the ${count} fields marked below.`;
}
