import { isPorticoApiError } from '@portico/sdk';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** `{ field: message }`, keyed like the API's `details[].field` (`redirectUris/1`). */
export type FieldErrors = Record<string, string>;

export interface FieldHints {
  /** How to name the field in "Enter …" messages, e.g. `your email address`. */
  noun?: string;
  /** Replaces the generated message for a failing keyword, e.g. `{ pattern: 'Use lowercase letters' }`. */
  messages?: Partial<Record<string, string>>;
}

export type ValidationResult<T extends TSchema> =
  | { ok: true; value: Static<T>; errors: FieldErrors }
  | { ok: false; errors: FieldErrors };

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/**
 * Validates form values with the same contracts schema the server uses, and turns TypeBox's
 * errors (written for developers: `must not have fewer than 12 characters`) into one message
 * per field written for people: `Use at least 12 characters`.
 */
export function validateForm<T extends TSchema>(
  schema: T,
  values: unknown,
  hints: Record<string, FieldHints> = {},
): ValidationResult<T> {
  const byField = new Map<string, SchemaError[]>();
  for (const error of Value.Errors(schema, values) as Iterable<SchemaError>) {
    for (const field of fieldsOf(error)) {
      const list = byField.get(field) ?? [];
      list.push(error);
      byField.set(field, list);
    }
  }
  if (byField.size === 0) return { ok: true, value: values as Static<T>, errors: {} };

  const errors: FieldErrors = {};
  for (const [field, list] of byField) {
    const value = valueAt(values, field);
    errors[field] = messageFor(list, value, hints[field] ?? {});
  }
  return { ok: false, errors };
}

/** `required` errors sit on the parent object; everything else on the field's own path. */
function fieldsOf(error: SchemaError): string[] {
  const base = error.instancePath.replace(/^\//, '');
  if (error.keyword === 'required' && Array.isArray(error.params.requiredProperties)) {
    return (error.params.requiredProperties as string[]).map((name) => (base ? `${base}/${name}` : name));
  }
  // Unknown properties (reported as `additionalProperties` and as a `false` schema on the extra
  // key) cannot come from a form's own fields, so there is no field to show them next to.
  if (error.keyword === 'additionalProperties' || error.keyword === 'boolean') return [];
  return base ? [base] : [];
}

function valueAt(root: unknown, field: string): unknown {
  let current = root;
  for (const part of field.split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The most useful message first: an empty field is "missing" before it is "too short". */
const PRIORITY = ['required', 'format', 'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems'];

function messageFor(errors: SchemaError[], value: unknown, hints: FieldHints): string {
  const isEmpty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  const sorted = [...errors].sort((a, b) => rank(a.keyword) - rank(b.keyword));
  const first = sorted[0]!;
  const custom = hints.messages?.[isEmpty ? 'required' : first.keyword];
  if (custom) return custom;
  if (isEmpty && sorted.some((e) => ['required', 'minLength', 'minItems', 'format'].includes(e.keyword))) {
    return hints.noun ? `Enter ${hints.noun}` : 'This field is required';
  }
  return describe(first, hints);
}

function rank(keyword: string) {
  const index = PRIORITY.indexOf(keyword);
  return index === -1 ? PRIORITY.length : index;
}

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'Enter a valid email address',
  uri: 'Enter a valid URL, like https://example.com/callback',
  url: 'Enter a valid URL, like https://example.com/callback',
  'date-time': 'Enter a valid date and time',
  date: 'Enter a valid date',
  uuid: 'Enter a valid ID',
};

function describe(error: SchemaError, hints: FieldHints): string {
  const limit = Number(error.params.limit);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (error.keyword) {
    case 'required':
      return hints.noun ? `Enter ${hints.noun}` : 'This field is required';
    case 'format':
      return FORMAT_MESSAGES[String(error.params.format)] ?? 'Enter a valid value';
    case 'minLength':
      return `Use at least ${plural(limit, 'character')}`;
    case 'maxLength':
      return `Use at most ${plural(limit, 'character')}`;
    case 'minItems':
      return `Add at least ${limit}`;
    case 'maxItems':
      return `Add at most ${limit}`;
    case 'minimum':
      return `Enter ${limit} or more`;
    case 'maximum':
      return `Enter ${limit} or less`;
    case 'exclusiveMinimum':
      return `Enter a number above ${limit}`;
    case 'exclusiveMaximum':
      return `Enter a number below ${limit}`;
    case 'type':
      return String(error.params.type) === 'integer' || String(error.params.type) === 'number'
        ? 'Enter a number'
        : 'Enter a valid value';
    case 'pattern':
      return 'Use the format shown';
    case 'const':
    case 'enum':
    case 'anyOf':
      return 'Choose one of the options';
    case 'uniqueItems':
      return 'Remove the duplicates';
    default:
      return 'Enter a valid value';
  }
}

/**
 * Splits an API failure between the form's fields (validation `details` that name one of them)
 * and a form-level message for everything else (wrong password, rate limit, network...).
 */
export function serverFormErrors(
  error: unknown,
  fields: readonly string[],
): { fieldErrors: FieldErrors; formError: string | null } {
  if (!isPorticoApiError(error)) {
    return { fieldErrors: {}, formError: 'Something unexpected happened. Please try again.' };
  }
  const fieldErrors: FieldErrors = {};
  let unmatched = false;
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    if (fields.includes(field)) fieldErrors[field] = sentence(message);
    else unmatched = true;
  }
  const formError = Object.keys(fieldErrors).length === 0 || unmatched ? error.message : null;
  return { fieldErrors, formError };
}

/** Server messages may be validator-style lower case ("must be ..."); show them as sentences. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
