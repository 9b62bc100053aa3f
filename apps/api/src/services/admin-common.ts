import { displayNameIssue, type FieldError } from '@portico/contracts';

/** Who performs an admin action, for the audit log. */
export interface AdminActor {
  id: string;
  ip?: string | undefined;
}

/** Resolves page and page size with the contracts' defaults. */
export function paging(
  query: { page?: number | undefined; pageSize?: number | undefined },
  defaultSize = 20,
) {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? defaultSize };
}

/** `"A", "B" and 3 more` — names dependants in a 409 message without an unbounded list. */
export function nameList(names: readonly string[], max = 5): string {
  const quoted = names.slice(0, max).map((name) => `"${name}"`);
  const rest = names.length - quoted.length;
  if (rest > 0) return `${quoted.join(', ')} and ${rest} more`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/**
 * The field error for an admin-entered name (API, catalogue entry, policy), or `undefined`. Developers
 * and end users read these (the consent screen names the APIs), so they follow the display-name rules.
 */
export function adminNameError(name: string): FieldError | undefined {
  const issue = displayNameIssue(name.trim());
  if (issue === undefined) return undefined;
  return {
    field: 'name',
    message:
      issue === 'blank' ? 'must not be blank' : 'must not contain control or text-direction characters',
  };
}
