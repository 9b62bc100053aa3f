import { type Static, Type } from 'typebox';
import { Id } from './common.js';
import { SCOPE_TOKEN_PATTERN } from './oauth.js';

/**
 * Gateway (`/gw/<listen path>/*`) and "Try it" contracts.
 *
 * The gateway answers its own errors with the shared `ErrorResponse` shape; these are its stable codes.
 * `invalid_token` and `insufficient_scope` are the RFC 6750 §3.1 error codes, also sent in `WWW-Authenticate`.
 */
export const GatewayErrorCode = {
  /** RFC 6750 §3.1: missing, malformed, badly signed, expired or revoked token → 401. */
  invalidToken: 'invalid_token',
  /** RFC 6750 §3.1: the token is valid but does not carry a scope of this API → 403. */
  insufficientScope: 'insufficient_scope',
  /** Audience, client, developer or subscription refuses the request → 403. */
  accessDenied: 'access_denied',
  /** The policy's rate limit is spent for the current window → 429. */
  rateLimited: 'rate_limited',
  /** The policy's quota is spent for the current renewal period → 429. */
  quotaExceeded: 'quota_exceeded',
  /** No API listens on this path → 404. */
  notFound: 'not_found',
  /** Dot segments would let a request escape the upstream's base path → 400. */
  invalidPath: 'invalid_path',
  /** The API's authentication mode is not implemented by the gateway (yet) → 501. */
  notImplemented: 'not_implemented',
  /** The upstream could not be reached or broke the connection → 502. */
  badGateway: 'bad_gateway',
  /** The upstream did not answer in time → 504. */
  gatewayTimeout: 'gateway_timeout',
} as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

/** Headers the gateway adds for the upstream; incoming copies are always stripped so clients cannot forge them. */
export const GatewayIdentityHeader = {
  clientId: 'x-portico-client-id',
  subject: 'x-portico-subject',
  scopes: 'x-portico-scopes',
} as const;

export const GATEWAY_PREFIX = '/gw';

// ---------------------------------------------------------------------------------------------
// Try it

export const TryItMethod = Type.Union([
  Type.Literal('GET'),
  Type.Literal('POST'),
  Type.Literal('PUT'),
  Type.Literal('PATCH'),
  Type.Literal('DELETE'),
]);
export type TryItMethod = Static<typeof TryItMethod>;

export const TryItBody = Type.Object(
  {
    apiId: Id,
    /**
     * The client secret, pasted by the developer for this one request. The server uses it to ask the
     * token endpoint for a `client_credentials` token and then forgets it: it is never stored or logged.
     */
    clientSecret: Type.String({ minLength: 1, maxLength: 512 }),
    /** Scopes to request; none = every scope the client's subscriptions allow (RFC 6749 §3.3 default). */
    scopes: Type.Array(Type.String({ pattern: SCOPE_TOKEN_PATTERN, maxLength: 200 }), {
      maxItems: 50,
      default: [],
    }),
    method: TryItMethod,
    /** Path below the API's listen path, e.g. `/orders?limit=2`. */
    path: Type.String({ pattern: '^/', maxLength: 2000, default: '/' }),
    /** Request body for POST/PUT/PATCH, sent as `application/json` when it parses as JSON, else as text. */
    body: Type.Optional(Type.String({ maxLength: 65_536 })),
  },
  { additionalProperties: false },
);
export type TryItBody = Static<typeof TryItBody>;

export const TryItToken = Type.Object({
  /** The access token itself, so the developer can repeat the call with curl; it is theirs and short-lived. */
  accessToken: Type.String(),
  tokenType: Type.String(),
  scope: Type.String(),
  expiresIn: Type.Integer({ minimum: 0 }),
});
export type TryItToken = Static<typeof TryItToken>;

export const TryItResponse = Type.Object({
  token: TryItToken,
  request: Type.Object({ method: TryItMethod, url: Type.String() }),
  response: Type.Object({
    status: Type.Integer({ minimum: 100, maximum: 599 }),
    headers: Type.Record(Type.String(), Type.String()),
    body: Type.String(),
    /** True when the body was longer than the preview limit and was cut. */
    truncated: Type.Boolean(),
    durationMs: Type.Number({ minimum: 0 }),
  }),
});
export type TryItResponse = Static<typeof TryItResponse>;

/** Preview limit for bodies returned by Try it. */
export const TRY_IT_BODY_LIMIT = 64 * 1024;
