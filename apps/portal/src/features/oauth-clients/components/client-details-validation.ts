import { type AppType, CompleteClientBody, clientDetailsErrors } from '@portico/contracts';
import { type FieldErrors, validateForm } from '@/lib/validation';

export interface ClientDetailsValues {
  name: string;
  description: string;
  appType: AppType;
  redirectUris: readonly string[];
}

/** What the form sends: trimmed text, and no redirect URLs for a machine-to-machine service. */
export function toDetailsBody(values: ClientDetailsValues) {
  const description = values.description.trim();
  return {
    name: values.name.trim(),
    ...(description ? { description } : {}),
    appType: values.appType,
    redirectUris: values.appType === 'service' ? [] : values.redirectUris.map((uri) => uri.trim()),
  };
}

const hints = {
  name: { noun: 'a name for your application' },
  description: { messages: { maxLength: 'Use at most 1,000 characters' } },
};

/**
 * The same checks the server runs: the contracts schema (lengths, counts) and the shared rules
 * (redirect URL syntax, duplicates, required or forbidden by app type). The rule's message wins
 * when both flag a field, because it says what to change.
 */
export function validateClientDetails(values: ClientDetailsValues): FieldErrors {
  const body = toDetailsBody(values);
  const errors: FieldErrors = { ...validateForm(CompleteClientBody, body, hints).errors };
  for (const { field, message } of clientDetailsErrors(body)) errors[field] = message;
  return errors;
}
