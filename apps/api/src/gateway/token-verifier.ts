import {
  type CryptoKey,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
  type KeyObject,
} from 'jose';
import type { Clock } from './clock.js';

/** What the gateway needs from a verified RFC 9068 access token. */
export interface VerifiedToken {
  jti: string;
  sub: string;
  /** Public `client_id` claim. */
  clientId: string;
  aud: string[];
  scopes: string[];
  /** Expiry, epoch ms. */
  expiresAt: number;
}

export type VerifyResult = { ok: true; token: VerifiedToken } | { ok: false; description: string };

/** A verification key for `kid`, or null when no such key is published. */
export type KeyResolver = (kid: string) => Promise<CryptoKey | KeyObject | null>;

export interface TokenVerifierOptions {
  issuer: string;
  resolveKey: KeyResolver;
  clock: Clock;
  /** RFC 8725 §3.1: an explicit allow-list, never the token's own choice (no `none`, no HMAC). */
  algorithms?: string[];
  maxCacheEntries?: number;
}

// RFC 6750 §2.1 b64token, narrowed to the JWS compact serialisation (RFC 7515 §7.1): three base64url parts.
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_TOKEN_LENGTH = 8192;
const EXPIRED: VerifyResult = { ok: false, description: 'The access token expired.' };

/**
 * Verifies access tokens: shape, `typ: at+jwt` (RFC 9068 §4), signature by `kid`, issuer, expiry and
 * the claims the gateway relies on. A token that verified once is cached until it expires, so the
 * signature is checked once per token rather than once per request; expiry is still compared with the
 * clock on every hit. Revocation is deliberately not cached here (see the gateway's revocation check).
 */
export class TokenVerifier {
  /** Successful results by token, kept until the token expires (the result object is reused as is). */
  private readonly cache = new Map<string, { ok: true; token: VerifiedToken }>();
  private readonly inflight = new Map<string, Promise<VerifyResult>>();
  private readonly algorithms: string[];
  private readonly maxCacheEntries: number;

  constructor(private readonly options: TokenVerifierOptions) {
    this.algorithms = options.algorithms ?? ['ES256', 'RS256'];
    this.maxCacheEntries = options.maxCacheEntries ?? 50_000;
  }

  /** The answer for a token verified before, without a promise; undefined for a token not seen yet. */
  cached(token: string): VerifyResult | undefined {
    const cached = this.cache.get(token);
    if (cached === undefined) return undefined;
    if (cached.token.expiresAt > this.options.clock()) return cached;
    this.cache.delete(token);
    return EXPIRED;
  }

  async verify(token: string): Promise<VerifyResult> {
    const cached = this.cached(token);
    if (cached !== undefined) return cached;
    if (token.length > MAX_TOKEN_LENGTH || !JWS_COMPACT.test(token)) {
      return { ok: false, description: 'The access token is malformed.' };
    }
    // Concurrent first requests with the same token share one verification.
    let pending = this.inflight.get(token);
    if (pending === undefined) {
      pending = this.verifyUncached(token).finally(() => this.inflight.delete(token));
      this.inflight.set(token, pending);
    }
    return pending;
  }

  private async verifyUncached(token: string): Promise<VerifyResult> {
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      kid = header.kid;
    } catch {
      return { ok: false, description: 'The access token is malformed.' };
    }
    if (typeof kid !== 'string' || kid === '')
      return { ok: false, description: 'The access token has no key id.' };
    const key = await this.options.resolveKey(kid);
    if (key === null) return { ok: false, description: 'The access token was signed with an unknown key.' };

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer: this.options.issuer,
        algorithms: this.algorithms,
        typ: 'at+jwt',
        currentDate: new Date(this.options.clock()),
        requiredClaims: ['exp', 'iat', 'sub', 'jti', 'aud'],
      }));
    } catch (error) {
      return { ok: false, description: describe(error) };
    }

    const clientId = payload.client_id;
    const scope = payload.scope ?? '';
    if (typeof clientId !== 'string' || clientId === '' || typeof scope !== 'string') {
      return { ok: false, description: 'The access token lacks the client_id or scope claim.' };
    }
    const verified: VerifiedToken = {
      jti: payload.jti as string,
      sub: payload.sub as string,
      clientId,
      aud: Array.isArray(payload.aud) ? payload.aud : [payload.aud as string],
      scopes: scope.split(' ').filter(Boolean),
      expiresAt: (payload.exp as number) * 1000,
    };
    const result = { ok: true as const, token: verified };
    this.remember(token, result);
    return result;
  }

  private remember(token: string, result: { ok: true; token: VerifiedToken }): void {
    if (this.cache.size >= this.maxCacheEntries) {
      // Drop expired entries first; if the cache is still full, the oldest insertion goes.
      const now = this.options.clock();
      for (const [key, value] of this.cache) if (value.token.expiresAt <= now) this.cache.delete(key);
      if (this.cache.size >= this.maxCacheEntries) {
        const oldest = this.cache.keys().next();
        if (!oldest.done) this.cache.delete(oldest.value);
      }
    }
    this.cache.set(token, result);
  }

  /** Forgets every cached verification (e.g. after a signing key was withdrawn). */
  clear(): void {
    this.cache.clear();
  }

  get cacheSize(): number {
    return this.cache.size;
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token expired.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is invalid.';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The access token uses a signing algorithm that is not accepted.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'typ') return 'The token is not an access token (typ must be at+jwt).';
    if (error.claim === 'iss') return 'The access token was issued by another authorization server.';
    if (error.claim === 'nbf') return 'The access token is not valid yet.';
    if (error.reason === 'missing') return `The access token lacks the ${error.claim} claim.`;
    return `The access token has an invalid ${error.claim} claim.`;
  }
  return 'The access token is malformed.';
}
