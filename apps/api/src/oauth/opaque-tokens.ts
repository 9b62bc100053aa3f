import { randomToken, sha256 } from '../lib/crypto.js';

/**
 * Opaque credentials the authorization server hands out. Only SHA-256 hashes are stored: each value
 * carries 256 bits of randomness (RFC 6749 §10.10 asks for at least 128 for codes, RFC 9700 §4.14),
 * so a slow hash would add nothing, and a lookup by hash stays a single index probe.
 * The prefixes make leaked values recognisable to secret scanners.
 */
export const AUTHORIZATION_CODE_PREFIX = 'pac_';
export const REFRESH_TOKEN_PREFIX = 'prt_';

export const newAuthorizationCode = (): string => `${AUTHORIZATION_CODE_PREFIX}${randomToken(32)}`;
export const newRefreshToken = (): string => `${REFRESH_TOKEN_PREFIX}${randomToken(32)}`;
/** Id of a pending authorization request; it appears in the consent URL, so it is unguessable too. */
export const newAuthorizationRequestId = (): string => randomToken(24);

export const hashOpaque = (value: string): string => sha256(value);
