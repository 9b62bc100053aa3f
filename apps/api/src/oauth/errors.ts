import type { OAuthErrorCode, OAuthErrorResponse } from '@portico/contracts';

/**
 * An OAuth protocol error (RFC 6749 §4.1.2.1, §5.2). The OAuth routes render it as
 * `{ error, error_description }` — never as the REST `ErrorResponse` — with the status and headers it carries.
 */
export class OAuthError extends Error {
  readonly description: string;

  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    readonly statusCode = 400,
    readonly headers: Record<string, string> = {},
  ) {
    const safe = toDescriptionCharset(description);
    super(safe);
    this.description = safe;
    this.name = 'OAuthError';
  }

  toJSON(): OAuthErrorResponse {
    return { error: this.code, error_description: this.description };
  }
}

/**
 * RFC 6749 §4.1.2.1, §5.2: `error_description` MUST NOT contain characters outside
 * %x20-21 / %x23-5B / %x5D-7E. Descriptions may echo request input (a grant type, a scope), so
 * double quotes become single quotes and anything else outside the set becomes `?`.
 */
function toDescriptionCharset(text: string): string {
  return text.replace(/"/g, "'").replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '?');
}

export const isOAuthError = (error: unknown): error is OAuthError => error instanceof OAuthError;

export const invalidRequest = (description: string) => new OAuthError('invalid_request', description);
export const invalidGrant = (description: string) => new OAuthError('invalid_grant', description);
export const invalidScope = (description: string) => new OAuthError('invalid_scope', description);
export const invalidTarget = (description: string) => new OAuthError('invalid_target', description);
export const unauthorizedClient = (description: string) => new OAuthError('unauthorized_client', description);
export const unsupportedGrantType = (description: string) =>
  new OAuthError('unsupported_grant_type', description);

/**
 * RFC 6749 §5.2: when the client tried the Authorization header (Basic, or a scheme we do not
 * accept), answer 401 with a Basic `WWW-Authenticate` challenge; otherwise 401 without one is still
 * the right status for a failed authentication.
 */
export const invalidClient = (description: string, usedAuthorizationHeader: boolean) =>
  new OAuthError(
    'invalid_client',
    description,
    401,
    usedAuthorizationHeader ? { 'www-authenticate': 'Basic realm="portico", charset="UTF-8"' } : {},
  );

/** Brute-force throttling of client authentication: 429 with `Retry-After` (RFC 6585 §4). */
export const rateLimited = (retryAfterSeconds: number) =>
  new OAuthError(
    'rate_limited',
    `Too many failed client authentication attempts; retry in ${retryAfterSeconds} seconds.`,
    429,
    { 'retry-after': String(retryAfterSeconds) },
  );
