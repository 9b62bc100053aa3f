import { CLIENT_SUBJECT_PREFIX, GatewayErrorCode } from '@portico/contracts';
import { AppError } from '../lib/errors.js';
import type { Clock } from './clock.js';
import { bearerChallenge, type Identity } from './headers.js';
import type { UpstreamBase } from './paths.js';
import type { QuotaTracker } from './quota.js';
import { type FixedWindowRateLimiter, rateLimitHeaders } from './rate-limiter.js';
import type { TokenVerifier, VerifiedToken, VerifyResult } from './token-verifier.js';

export type GatewayAuthMode = 'oauth2' | 'auth_token' | 'keyless';

/** An API as the gateway routes it. */
export interface GatewayApi {
  id: string;
  name: string;
  listenPath: string;
  /** `/<listen path>`, for matching. */
  prefix: string;
  upstreamUrl: string;
  /** `upstreamUrl` split once, for building each request's target; null when it is not a valid URL. */
  upstream: UpstreamBase | null;
  authMode: GatewayAuthMode;
  /** Scope names the API defines; empty = the API does not use scopes. */
  scopes: string[];
  /** The `aud` value tokens for this API carry (RFC 9068 §3: the resource the token is for). */
  audience: string;
}

/** Live facts about a token's `jti`; null when the authorization server never recorded it. */
export interface TokenState {
  revoked: boolean;
  /** False when the token was issued for an end user who has since been deactivated. */
  userActive: boolean;
}

export interface PolicyLimits {
  rateLimit: number;
  rateLimitPerSeconds: number;
  quotaMax: number | null;
  quotaRenewalSeconds: number | null;
  /** Scopes the policy grants for this API; empty = every scope the API defines. */
  allowedScopes: string[];
}

/** The client as the gateway needs it for one API. */
export interface ClientAccess {
  /** Row id (`oauth_clients.id`), the key of usage and quota. */
  clientRowId: string;
  /** `<client row id>\u0000<api id>`: the key of this client's rate-limit window and quota for the API. */
  key: string;
  active: boolean;
  ownerActive: boolean;
  /** The policy of the client's active subscription to this API; null when it has none. */
  policy: PolicyLimits | null;
}

export interface GatewayCheckDeps {
  clock: Clock;
  verifier: TokenVerifier;
  tokenState(jti: string): TokenState | null;
  /** `clientId` is the public `client_id` claim. Null when no such client exists (or it was deleted). */
  clientAccess(clientId: string, apiId: string): ClientAccess | null;
  rateLimiter: FixedWindowRateLimiter;
  quota: QuotaTracker;
}

export interface Admission {
  /** Null for keyless APIs. */
  identity: AdmittedIdentity | null;
  /** Extra response headers (`RateLimit-*`). */
  headers: Record<string, string>;
}

/** A refusal by the gateway; `clientRowId` is set once the caller was identified, so usage can count it. */
export class GatewayRejection extends AppError {
  constructor(
    statusCode: number,
    code: GatewayErrorCode,
    message: string,
    headers?: Record<string, string>,
    readonly clientRowId: string | null = null,
    readonly throttled = false,
  ) {
    super(statusCode, code, message, undefined, headers);
    this.name = 'GatewayRejection';
  }
}

/**
 * RFC 6750 §2.1: `Authorization: Bearer <token>`, the scheme case-insensitive. Parsed by hand rather
 * than with a regular expression: this runs on every request. Null when the header is not of that form.
 */
export function bearerToken(authorization: string): string | null {
  if (authorization.length < 8 || authorization.slice(0, 7).toLowerCase() !== 'bearer ') return null;
  const token = authorization.slice(7).trim();
  return token === '' || /\s/.test(token) ? null : token;
}

function invalidToken(description: string): GatewayRejection {
  return new GatewayRejection(401, GatewayErrorCode.invalidToken, description, {
    'www-authenticate': bearerChallenge({ error: 'invalid_token', description }),
  });
}

/** RFC 9110 §5.6.2 `token`: what a method name (here, `Access-Control-Request-Method`) is made of. */
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A CORS preflight (Fetch standard, "CORS-preflight request"): `OPTIONS` with `Origin` and a method
 * in `Access-Control-Request-Method`, and no body. Browsers send it without credentials before a
 * cross-origin call that carries `Authorization`, so it can never pass the token check: the gateway
 * forwards it unchecked (as Tyk's "options passthrough" does) and the upstream answers with its CORS
 * policy. It reaches the upstream as an anonymous `OPTIONS`, the same as a call to a keyless API;
 * an `OPTIONS` with a body is no preflight and goes through every check.
 */
export function isCorsPreflight(
  method: string,
  headers: {
    origin?: string;
    'access-control-request-method'?: string | string[];
    'content-length'?: string;
    'transfer-encoding'?: string;
  },
): boolean {
  const requested = headers['access-control-request-method'];
  return (
    method === 'OPTIONS' &&
    headers.origin !== undefined &&
    typeof requested === 'string' &&
    METHOD_TOKEN.test(requested) &&
    (headers['content-length'] === undefined || headers['content-length'] === '0') &&
    headers['transfer-encoding'] === undefined
  );
}

/** What a CORS preflight to an oauth2 API is forwarded with: no identity, no extra headers. */
export const PREFLIGHT_ADMISSION: Admission = Object.freeze({ identity: null, headers: {} });

/**
 * The gateway's checks, in the order the issue fixes: token (401), then audience, client, developer,
 * subscription and scopes (403), then rate limit and quota (429). Returns what to forward — directly
 * when the token's signature is cached, as a promise when it must be verified first — or throws (or
 * rejects with) a `GatewayRejection` carrying the status, error code and headers of the answer.
 */
export function admit(
  api: GatewayApi,
  authorization: string | undefined,
  deps: GatewayCheckDeps,
): Admission | Promise<Admission> {
  if (api.authMode === 'keyless') return { identity: null, headers: {} };
  if (api.authMode === 'auth_token') {
    throw new GatewayRejection(
      501,
      GatewayErrorCode.notImplemented,
      `${api.name} uses the auth_token mode, which the Portico gateway does not implement; ` +
        'an administrator can switch the API to oauth2 or keyless.',
    );
  }

  // 1. Token present and well-formed, signature, expiry, not revoked → 401.
  if (authorization === undefined || authorization === '') {
    // RFC 6750 §3.1: a request without any credentials gets a challenge without an error code.
    throw new GatewayRejection(
      401,
      GatewayErrorCode.invalidToken,
      'This API requires a bearer access token.',
      {
        'www-authenticate': bearerChallenge(),
      },
    );
  }
  const raw = bearerToken(authorization);
  if (raw === null) {
    throw invalidToken('The Authorization header must be "Bearer <access token>".');
  }
  // A token seen before is answered from the cache synchronously (no promise on the hot path); only
  // a new one waits for its signature check.
  const cached = deps.verifier.cached(raw);
  if (cached !== undefined) return admitVerified(api, cached, deps);
  return deps.verifier.verify(raw).then((result) => admitVerified(api, result, deps));
}

/** The checks after the signature: revocation, then 403s, then rate limit and quota. */
function admitVerified(api: GatewayApi, result: VerifyResult, deps: GatewayCheckDeps): Admission {
  if (!result.ok) throw invalidToken(result.description);
  const token = result.token;
  const state = deps.tokenState(token.jti);
  if (state === null || state.revoked) throw invalidToken('The access token was revoked.');

  // 2. Audience, client, developer/user, subscription, scopes → 403.
  if (!token.aud.includes(api.audience)) {
    throw new GatewayRejection(
      403,
      GatewayErrorCode.accessDenied,
      `The access token is not valid for ${api.name}.`,
    );
  }
  const access = deps.clientAccess(token.clientId, api.id);
  if (access === null || !access.active) {
    throw new GatewayRejection(
      403,
      GatewayErrorCode.accessDenied,
      'The OAuth client of this token is not active.',
      undefined,
      access?.clientRowId ?? null,
    );
  }
  const deny = (message: string) =>
    new GatewayRejection(403, GatewayErrorCode.accessDenied, message, undefined, access.clientRowId);
  if (!access.ownerActive) throw deny('The developer account that owns this client is deactivated.');
  if (!state.userActive) throw deny('The user this token was issued for is deactivated.');
  if (access.policy === null) throw deny(`The client is not subscribed to ${api.name}.`);
  const policy = access.policy;

  const identity = identityFor(token, api, access, policy);
  if (api.scopes.length > 0 && identity.scopes.length === 0) {
    const granted = policy.allowedScopes.length > 0 ? policy.allowedScopes : api.scopes;
    const required = api.scopes.filter((scope) => granted.includes(scope));
    const description = `The access token carries no scope of ${api.name} that the client's policy grants.`;
    throw new GatewayRejection(
      403,
      GatewayErrorCode.insufficientScope,
      description,
      { 'www-authenticate': bearerChallenge({ error: 'insufficient_scope', description, scope: required }) },
      access.clientRowId,
    );
  }

  // 3. Rate limit → 429 with Retry-After and RateLimit-* (per client per API).
  const rate = deps.rateLimiter.hit(access.key, policy.rateLimit, policy.rateLimitPerSeconds);
  const headers = rateLimitHeaders(rate);
  if (!rate.allowed) {
    throw new GatewayRejection(
      429,
      GatewayErrorCode.rateLimited,
      `Rate limit of ${policy.rateLimit} requests per ${policy.rateLimitPerSeconds} s reached; retry in ${rate.resetSeconds} s.`,
      headers,
      access.clientRowId,
      true,
    );
  }

  // 4. Quota → 429 saying when it renews.
  if (policy.quotaMax !== null) {
    const quota = deps.quota.consume(
      access.clientRowId,
      api.id,
      { max: policy.quotaMax, renewalSeconds: policy.quotaRenewalSeconds },
      access.key,
    );
    if (!quota.allowed) {
      const quotaHeaders: Record<string, string> = { ...headers };
      let when = 'it does not renew';
      if (quota.renewsAt !== null) {
        when = `it renews at ${new Date(quota.renewsAt).toISOString()}`;
        quotaHeaders['retry-after'] = String(Math.max(1, Math.ceil((quota.renewsAt - deps.clock()) / 1000)));
      }
      throw new GatewayRejection(
        429,
        GatewayErrorCode.quotaExceeded,
        `Quota of ${quota.max} requests used up; ${when}.`,
        quotaHeaders,
        access.clientRowId,
        true,
      );
    }
  }

  return { identity, headers };
}

type AdmittedIdentity = Identity & { clientRowId: string };

/**
 * Who the upstream is told is calling: the token's scopes that this API defines and the policy grants.
 * Memoised per (cached) token and API for as long as the client's policy object is the same one (a
 * reloaded policy is a new object), so the hot path builds no arrays or strings for it; the WeakMap lets
 * the memo go with the token when the verifier's cache drops it.
 */
const identities = new WeakMap<
  VerifiedToken,
  Map<string, { policy: PolicyLimits; identity: AdmittedIdentity }>
>();

function identityFor(
  token: VerifiedToken,
  api: GatewayApi,
  access: ClientAccess,
  policy: PolicyLimits,
): AdmittedIdentity {
  let perApi = identities.get(token);
  const memo = perApi?.get(api.id);
  if (memo !== undefined && memo.policy === policy && memo.identity.clientRowId === access.clientRowId) {
    return memo.identity;
  }
  const granted = policy.allowedScopes.length > 0 ? policy.allowedScopes : api.scopes;
  const scopes = token.scopes.filter((scope) => api.scopes.includes(scope) && granted.includes(scope));
  const identity: AdmittedIdentity = {
    clientId: token.clientId,
    clientRowId: access.clientRowId,
    subject: token.sub,
    scopes,
    scope: scopes.join(' '),
  };
  if (perApi === undefined) {
    perApi = new Map();
    identities.set(token, perApi);
  }
  perApi.set(api.id, { policy, identity });
  return identity;
}

/** True when `sub` names the client itself (client_credentials), not a user. */
export const isClientSubject = (sub: string): boolean => sub.startsWith(CLIENT_SUBJECT_PREFIX);
