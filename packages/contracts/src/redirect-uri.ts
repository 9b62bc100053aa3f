/**
 * The one redirect URI validator, shared by the server (before anything is stored) and the portal
 * form (inline errors as the developer types). Pure: no I/O, only the WHATWG `URL` parser that both
 * Node and browsers ship.
 *
 * The authorization server compares redirect URIs by exact string (RFC 9700 §2.1, §4.1.3), so what
 * passes here is stored verbatim: nothing is normalised, and anything a matcher could read two ways
 * is refused instead.
 */

export const REDIRECT_URI_MAX_LENGTH = 2048;
export const REDIRECT_URIS_MAX = 10;

/** Hosts for which plain http is allowed (RFC 8252 §7.3 loopback redirection; §8.3 discourages but permits `localhost`). */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '[::1]', 'localhost'];

/** One problem: `index` points at the offending URL, or is `null` for a problem with the list as a whole. */
export interface RedirectUriIssue {
  index: number | null;
  message: string;
}

export const redirectUriMessages = {
  required: 'Enter a redirect URL.',
  tooLong: `Use at most ${REDIRECT_URI_MAX_LENGTH} characters.`,
  whitespace: 'Remove the spaces and control characters.',
  notAbsolute: 'Enter an absolute URL, such as https://app.example.com/callback.',
  scheme: 'Use an https URL (http is only allowed for 127.0.0.1, [::1] and localhost).',
  wildcard: 'Wildcards (*) are not allowed: register each redirect URL exactly.',
  userinfo: 'Remove the user name or password from the URL.',
  fragment: 'Remove the fragment (#...): redirect URLs must not contain one.',
  insecureHttp: 'Use https: http is only allowed for 127.0.0.1, [::1] and localhost.',
  duplicate: (first: number) => `This URL is already in the list (redirect URL ${first + 1}).`,
  tooMany: `Add at most ${REDIRECT_URIS_MAX} redirect URLs.`,
  noneAllowed: 'Machine-to-machine services do not use redirect URLs: remove them.',
  atLeastOne: 'Add at least one redirect URL.',
} as const;

/**
 * C0 controls, DEL and every kind of Unicode space: the URL parser strips or encodes these silently,
 * which would make the stored string differ from what a client later sends.
 */
function hasWhitespaceOrControl(value: string): boolean {
  if (/\s/u.test(value)) return true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}
// Scheme followed by `//`: `https:example.com` is accepted by the WHATWG parser but is not what anyone meant.
const ABSOLUTE_WITH_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i;
// `user@` or `user:pass@` in the authority (the parser reports `https://@host` with an empty username).
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

/** The message for the first rule `uri` breaks, or `null` when it is an acceptable redirect URI. */
export function redirectUriError(uri: string): string | null {
  if (uri.length === 0) return redirectUriMessages.required;
  if (uri.length > REDIRECT_URI_MAX_LENGTH) return redirectUriMessages.tooLong;
  if (hasWhitespaceOrControl(uri)) return redirectUriMessages.whitespace;
  if (!ABSOLUTE_WITH_AUTHORITY.test(uri)) return redirectUriMessages.notAbsolute;

  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return redirectUriMessages.notAbsolute;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return redirectUriMessages.scheme;
  // Checked on the raw string as well as the parsed host: `%2A` in a host decodes to `*`.
  if (uri.includes('*') || url.hostname.includes('*')) return redirectUriMessages.wildcard;
  if (USERINFO.test(uri) || url.username !== '' || url.password !== '') return redirectUriMessages.userinfo;
  // RFC 6749 §3.1.2: "The endpoint URI MUST NOT include a fragment component" — even an empty `#`.
  if (uri.includes('#')) return redirectUriMessages.fragment;
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname))
    return redirectUriMessages.insecureHttp;
  return null;
}

export interface RedirectUriListOptions {
  /**
   * `'required'`: at least one URL (code flow clients); `'forbidden'`: none at all (client credentials);
   * `'optional'` (default): only the per-URL and list rules.
   */
  presence?: 'required' | 'forbidden' | 'optional';
}

/**
 * Every problem with a list of redirect URIs: each URL's first broken rule at its index, duplicates
 * at the later occurrence, and list-level problems (count, presence) with `index: null`.
 */
export function redirectUriIssues(
  uris: readonly string[],
  options: RedirectUriListOptions = {},
): RedirectUriIssue[] {
  const presence = options.presence ?? 'optional';
  const issues: RedirectUriIssue[] = [];
  if (presence === 'forbidden' && uris.length > 0)
    issues.push({ index: null, message: redirectUriMessages.noneAllowed });
  if (presence === 'required' && uris.length === 0)
    issues.push({ index: null, message: redirectUriMessages.atLeastOne });
  if (uris.length > REDIRECT_URIS_MAX) issues.push({ index: null, message: redirectUriMessages.tooMany });

  const firstIndex = new Map<string, number>();
  uris.forEach((uri, index) => {
    const message = redirectUriError(uri);
    if (message !== null) {
      issues.push({ index, message });
      return;
    }
    // Exact string comparison, as the authorization server matches (RFC 9700 §4.1.3).
    const first = firstIndex.get(uri);
    if (first === undefined) firstIndex.set(uri, index);
    else issues.push({ index, message: redirectUriMessages.duplicate(first) });
  });
  return issues;
}

/**
 * The same issues as `{ field, message }` pairs in the API's error-detail format:
 * `redirectUris/2` for one URL, `redirectUris` for the list.
 */
export function redirectUriFieldErrors(
  uris: readonly string[],
  options: RedirectUriListOptions & { field?: string } = {},
): { field: string; message: string }[] {
  const field = options.field ?? 'redirectUris';
  return redirectUriIssues(uris, options).map((issue) => ({
    field: issue.index === null ? field : `${field}/${issue.index}`,
    message: issue.message,
  }));
}
