import { invalidClient, invalidRequest, OAuthError } from './errors.js';
import { type RawParams, singleParam } from './params.js';

/** RFC 8414 `token_endpoint_auth_methods_supported`. */
export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

export type ClientCredentials =
  | { method: 'client_secret_basic' | 'client_secret_post'; clientId: string; secret: string }
  | { method: 'none'; clientId: string };

/** RFC 6749 Appendix B: application/x-www-form-urlencoded decoding (`+` is a space, then percent-decoding). */
function formUrlDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/**
 * RFC 6749 §2.3.1 / RFC 7617: `Basic base64(urlencode(client_id) ":" urlencode(client_secret))`.
 * The id and secret are form-url-decoded after Base64, so secrets with `:` or non-ASCII survive.
 */
function parseBasic(value: string): { clientId: string; secret: string } {
  const encoded = value.slice(value.indexOf(' ') + 1).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw invalidClient('Malformed HTTP Basic credentials.', true);
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw invalidClient('Malformed HTTP Basic credentials.', true);
  try {
    const clientId = formUrlDecode(decoded.slice(0, colon));
    const secret = formUrlDecode(decoded.slice(colon + 1));
    if (clientId === '' || secret === '') throw invalidClient('Malformed HTTP Basic credentials.', true);
    return { clientId, secret };
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    throw invalidClient('Malformed HTTP Basic credentials.', true);
  }
}

/**
 * Works out how the client authenticates. RFC 6749 §2.3: "The client MUST NOT use more than one
 * authentication method in each request", so Basic plus a `client_secret` in the body is refused.
 * Whether `none` is acceptable depends on the client's type and is decided once it is loaded.
 */
export function extractClientCredentials(
  authorization: string | undefined,
  params: RawParams,
): ClientCredentials {
  const bodyClientId = singleParam(params, 'client_id');
  const bodySecret = singleParam(params, 'client_secret');

  if (authorization !== undefined && authorization !== '') {
    if (!/^basic /i.test(authorization)) {
      // RFC 6749 §5.2: the client tried the Authorization header, so 401 with a challenge naming
      // the scheme that is supported.
      throw invalidClient(
        'Only HTTP Basic client authentication is accepted in the Authorization header.',
        true,
      );
    }
    const basic = parseBasic(authorization);
    if (bodySecret !== undefined) {
      throw invalidRequest(
        'Use exactly one client authentication method: HTTP Basic or client_secret in the body.',
      );
    }
    if (bodyClientId !== undefined && bodyClientId !== basic.clientId) {
      throw invalidRequest('The client_id in the body does not match the HTTP Basic credentials.');
    }
    return { method: 'client_secret_basic', ...basic };
  }

  if (bodySecret !== undefined) {
    if (bodyClientId === undefined)
      throw invalidRequest('The "client_id" parameter is required with client_secret.');
    return { method: 'client_secret_post', clientId: bodyClientId, secret: bodySecret };
  }
  if (bodyClientId !== undefined) return { method: 'none', clientId: bodyClientId };
  throw invalidClient('Client authentication is required.', false);
}
