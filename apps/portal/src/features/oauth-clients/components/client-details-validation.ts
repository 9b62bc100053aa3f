import {
  type AppType,
  CLIENT_DESCRIPTION_MAX,
  CLIENT_NAME_MAX,
  CompleteClientBody,
  clientDetailsErrors,
  displayNameProblem,
  displayTextProblem,
  type OAuthClient,
  REDIRECT_URIS_MAX,
  redirectUriError,
  type UpdateClientBody,
} from '@portico/contracts';
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

/**
 * What of the typed details a draft can keep (`PATCH /api/clients/:id`), so they survive going Back
 * and a reload: only the values the server accepts for a draft (a usable name and description, valid
 * and distinct redirect URLs, the app type picked; a draft's name need not be free yet) and only
 * those that changed.
 * `null` when there is nothing to save.
 */
export function draftDetailsPatch(
  draft: Pick<OAuthClient, 'name' | 'description' | 'redirectUris' | 'appType'>,
  values: Omit<ClientDetailsValues, 'appType'> & { appType: ClientDetailsValues['appType'] | null },
): UpdateClientBody | null {
  const patch: UpdateClientBody = {};
  if (values.appType !== null && values.appType !== draft.appType) patch.appType = values.appType;
  const name = values.name.trim();
  if (displayNameProblem(name) === undefined && name.length <= CLIENT_NAME_MAX && name !== draft.name)
    patch.name = name;
  const description = values.description.trim();
  if (
    displayTextProblem(description) === undefined &&
    description.length <= CLIENT_DESCRIPTION_MAX &&
    description !== draft.description
  )
    patch.description = description;
  const uris = [
    ...new Set(values.redirectUris.map((uri) => uri.trim()).filter((uri) => redirectUriError(uri) === null)),
  ].slice(0, REDIRECT_URIS_MAX);
  if (uris.join('\n') !== draft.redirectUris.join('\n')) patch.redirectUris = uris;
  return Object.keys(patch).length > 0 ? patch : null;
}
