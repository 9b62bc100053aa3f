import type { FieldError } from '@portico/contracts';
import type { TSchema } from 'typebox';
import { type FieldErrors, validateForm } from '@/lib/validation';

/**
 * The contracts schema's errors (what the server's validation would say) plus the cross-field rules
 * the schema cannot express, as `{ field: message }` with the server's field names (`scopes/0/name`).
 */
export function formErrors(schema: TSchema, body: unknown, rules: readonly FieldError[] = []): FieldErrors {
  const errors: FieldErrors = { ...validateForm(schema, body).errors };
  for (const { field, message } of rules) {
    errors[field] ??= message.charAt(0).toUpperCase() + message.slice(1);
  }
  return errors;
}

/** Whole numbers go to the server as numbers; anything else stays text so the schema says "Enter a number". */
export const numberOrText = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value);

/** Focuses the first control named in `errors`, in document order. */
export function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors): void {
  if (!form) return;
  const controls = form.querySelectorAll<HTMLElement>('[name]');
  for (const control of controls) {
    const name = control.getAttribute('name') ?? '';
    if (errors[name]) {
      control.focus();
      return;
    }
  }
  // A list-level error (e.g. `grantTypes`) sits on a fieldset; focus its first control.
  for (const field of Object.keys(errors)) {
    const first = form.querySelector<HTMLElement>(
      `[name^="${CSS.escape(field)}/"], [data-field="${CSS.escape(field)}"] input`,
    );
    if (first) {
      first.focus();
      return;
    }
  }
}
