import { type Static, Type } from 'typebox';
import { Id, Timestamp } from './common.js';

/**
 * The OAuth 2.0 authorization server's wire formats (RFC 6749, 7009, 7662, 8414, 9068, 9207).
 *
 * The protocol endpoints (`/oauth/*`, `/.well-known/*`) speak OAuth, not the REST API's dialect:
 * errors are `{ error, error_description? }` (RFC 6749 §5.2), field names are snake_case, and
 * unknown request parameters are ignored rather than refused (RFC 6749 §3.1, §3.2). The JSON
 * endpoints the portal uses for the consent screen and the account page (`/api/...`) follow the
 * REST conventions (`ErrorResponse`, camelCase, closed bodies).
 */

// ---------------------------------------------------------------------------------------------
// Errors

/** RFC 6749 §4.1.2.1, §5.2; RFC 7009 §2.2.1; plus `rate_limited` for brute-force throttling (429). */
export const OAuthErrorCode = {
  invalidRequest: 'invalid_request',
  invalidClient: 'invalid_client',
  invalidGrant: 'invalid_grant',
  unauthorizedClient: 'unauthorized_client',
  unsupportedGrantType: 'unsupported_grant_type',
  unsupportedResponseType: 'unsupported_response_type',
  unsupportedTokenType: 'unsupported_token_type',
  invalidScope: 'invalid_scope',
  /** RFC 8707 §2: a `resource` that is not an API the token could be for. */
  invalidTarget: 'invalid_target',
  accessDenied: 'access_denied',
  serverError: 'server_error',
  temporarilyUnavailable: 'temporarily_unavailable',
  rateLimited: 'rate_limited',
} as const;
export type OAuthErrorCode = (typeof OAuthErrorCode)[keyof typeof OAuthErrorCode];

/** RFC 6749 §5.2 error response. Deliberately not the REST `ErrorResponse`: OAuth clients parse this shape. */
export const OAuthErrorResponse = Type.Object(
  {
    error: Type.String({ examples: ['invalid_grant', 'invalid_client', 'unsupported_grant_type'] }),
    error_description: Type.Optional(Type.String()),
  },
  { $id: 'OAuthErrorResponse' },
);
export type OAuthErrorResponse = Static<typeof OAuthErrorResponse>;

// ---------------------------------------------------------------------------------------------
// Request parameters

/**
 * One request parameter. A parameter sent twice arrives as an array and is refused with
 * `invalid_request` (RFC 6749 §3.1, §3.2: "Request and response parameters MUST NOT be included
 * more than once"); the schema admits the array so the refusal is an OAuth error, not a 400 in the
 * REST shape.
 */
export const OAuthParam = Type.Union([Type.String(), Type.Array(Type.String())]);

/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
export const SCOPE_TOKEN_PATTERN = '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$';

/** RFC 7636 §4.1: 43–128 characters from the unreserved set. */
export const CODE_VERIFIER_PATTERN = '^[A-Za-z0-9\\-._~]{43,128}$';

/** `GET /oauth/authorize` query (RFC 6749 §4.1.1, RFC 7636 §4.3). Unknown parameters are ignored. */
export const AuthorizeQuery = Type.Object(
  {
    response_type: Type.Optional(OAuthParam),
    client_id: Type.Optional(OAuthParam),
    redirect_uri: Type.Optional(OAuthParam),
    scope: Type.Optional(OAuthParam),
    state: Type.Optional(OAuthParam),
    code_challenge: Type.Optional(OAuthParam),
    code_challenge_method: Type.Optional(OAuthParam),
    response_mode: Type.Optional(OAuthParam),
    /** RFC 8707: the API(s) the token is for, by audience URI; may be repeated. */
    resource: Type.Optional(OAuthParam),
  },
  { additionalProperties: true },
);
export type AuthorizeQuery = Static<typeof AuthorizeQuery>;

/** Client authentication by `client_secret_post` (RFC 6749 §2.3.1) or identification of a public client. */
const ClientAuthParams = {
  client_id: Type.Optional(OAuthParam),
  client_secret: Type.Optional(OAuthParam),
};

/** `POST /oauth/token`, `application/x-www-form-urlencoded` only (RFC 6749 §4.1.3, §4.4.2, §6). */
export const TokenRequest = Type.Object(
  {
    grant_type: Type.Optional(OAuthParam),
    code: Type.Optional(OAuthParam),
    redirect_uri: Type.Optional(OAuthParam),
    code_verifier: Type.Optional(OAuthParam),
    refresh_token: Type.Optional(OAuthParam),
    scope: Type.Optional(OAuthParam),
    /** RFC 8707: the API(s) the access token is for, by audience URI; may be repeated. */
    resource: Type.Optional(OAuthParam),
    ...ClientAuthParams,
  },
  { additionalProperties: true },
);
export type TokenRequest = Static<typeof TokenRequest>;

/** `POST /oauth/revoke` (RFC 7009 §2.1) and `POST /oauth/introspect` (RFC 7662 §2.1). */
export const TokenOperationRequest = Type.Object(
  {
    token: Type.Optional(OAuthParam),
    token_type_hint: Type.Optional(OAuthParam),
    ...ClientAuthParams,
  },
  { additionalProperties: true },
);
export type TokenOperationRequest = Static<typeof TokenOperationRequest>;

// ---------------------------------------------------------------------------------------------
// Responses

/** RFC 6749 §5.1. `refresh_token` only for the authorization code and refresh grants. */
export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ minimum: 1 }),
  scope: Type.Optional(
    Type.String({
      description:
        'space-separated granted scopes (RFC 6749 §5.1); absent when none is granted (an API that defines no scopes), as an empty scope is not valid (§3.3)',
    }),
  ),
  refresh_token: Type.Optional(Type.String()),
});
export type TokenResponse = Static<typeof TokenResponse>;

/**
 * RFC 7662 §2.2. Anything the caller may not learn about (unknown, expired, revoked, another
 * client's token) is exactly `{ "active": false }`.
 */
export const IntrospectionResponse = Type.Object({
  active: Type.Boolean(),
  scope: Type.Optional(Type.String()),
  client_id: Type.Optional(Type.String()),
  /** RFC 7662 §2.2: the access token's type (`Bearer`); not given for refresh tokens. */
  token_type: Type.Optional(Type.String({ examples: ['Bearer'] })),
  exp: Type.Optional(Type.Integer()),
  iat: Type.Optional(Type.Integer()),
  sub: Type.Optional(Type.String()),
  aud: Type.Optional(Type.Array(Type.String())),
  iss: Type.Optional(Type.String()),
  jti: Type.Optional(Type.String()),
});
export type IntrospectionResponse = Static<typeof IntrospectionResponse>;

/** RFC 8414 §2 authorization server metadata. */
export const AuthorizationServerMetadata = Type.Object({
  issuer: Type.String(),
  authorization_endpoint: Type.String(),
  token_endpoint: Type.String(),
  revocation_endpoint: Type.String(),
  introspection_endpoint: Type.String(),
  jwks_uri: Type.String(),
  scopes_supported: Type.Array(Type.String()),
  response_types_supported: Type.Array(Type.String()),
  response_modes_supported: Type.Array(Type.String()),
  grant_types_supported: Type.Array(Type.String()),
  token_endpoint_auth_methods_supported: Type.Array(Type.String()),
  revocation_endpoint_auth_methods_supported: Type.Array(Type.String()),
  introspection_endpoint_auth_methods_supported: Type.Array(Type.String()),
  code_challenge_methods_supported: Type.Array(Type.String()),
  authorization_response_iss_parameter_supported: Type.Boolean(),
  service_documentation: Type.Optional(Type.String()),
});
export type AuthorizationServerMetadata = Static<typeof AuthorizationServerMetadata>;

/** One public key of the JWKS (RFC 7517 §4): EC P-256 (`ES256`) or RSA (`RS256`). */
export const PublicJwk = Type.Object(
  {
    kty: Type.String(),
    kid: Type.String(),
    use: Type.Literal('sig'),
    alg: Type.String(),
    crv: Type.Optional(Type.String()),
    x: Type.Optional(Type.String()),
    y: Type.Optional(Type.String()),
    n: Type.Optional(Type.String()),
    e: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type PublicJwk = Static<typeof PublicJwk>;

export const JwksResponse = Type.Object({ keys: Type.Array(PublicJwk) });
export type JwksResponse = Static<typeof JwksResponse>;

/** RFC 9068 §2.2 claims of Portico's access tokens (`typ: at+jwt`). */
export interface AccessTokenClaims {
  iss: string;
  /** A user id, or `client:<client_id>` for client_credentials so it never looks like a user. */
  sub: string;
  /** Each API the token may call, as `<issuer>/gw/<listen path without slashes at the ends>`. */
  aud: string[];
  client_id: string;
  /** Absent when no scope is granted (RFC 6749 §3.3 allows no empty scope). */
  scope?: string;
  iat: number;
  exp: number;
  jti: string;
}

/** Prefix of `sub` for tokens a client obtained for itself (client_credentials). */
export const CLIENT_SUBJECT_PREFIX = 'client:';

// ---------------------------------------------------------------------------------------------
// Consent screen (portal JSON API, REST conventions)

export const ConsentScope = Type.Object({
  name: Type.String(),
  description: Type.String(),
});
export type ConsentScope = Static<typeof ConsentScope>;

export const ConsentApi = Type.Object({
  id: Id,
  name: Type.String(),
  /** The scopes of this API the application asks for (empty when the API defines none). */
  scopes: Type.Array(ConsentScope),
});
export type ConsentApi = Static<typeof ConsentApi>;

export const ConsentClient = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  developerName: Type.String(),
});
export type ConsentClient = Static<typeof ConsentClient>;

/** `GET /api/oauth/authorize-request/:id`: what the consent screen shows. */
export const AuthorizeRequestView = Type.Object({
  id: Type.String(),
  client: ConsentClient,
  apis: Type.Array(ConsentApi),
  scopes: Type.Array(Type.String()),
  /** Where the browser goes after the decision (origin only, shown to the user). */
  redirectOrigin: Type.String(),
  /**
   * True when the screen may continue without asking: the signed-in user already granted every
   * requested scope and API to this app, and it is a confidential client (RFC 8252 §8.6).
   */
  alreadyGranted: Type.Boolean(),
  /**
   * The user granted all of this before, but the app is public (a single-page or native app, which
   * cannot prove its identity), so the user confirms again.
   */
  previouslyAllowed: Type.Boolean(),
  expiresAt: Timestamp,
});
export type AuthorizeRequestView = Static<typeof AuthorizeRequestView>;

export const AuthorizeRequestParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
export type AuthorizeRequestParams = Static<typeof AuthorizeRequestParams>;

export const AuthorizeDecision = Type.Union([Type.Literal('allow'), Type.Literal('deny')]);
export type AuthorizeDecision = Static<typeof AuthorizeDecision>;

export const AuthorizeDecisionBody = Type.Object(
  { decision: AuthorizeDecision },
  { additionalProperties: false },
);
export type AuthorizeDecisionBody = Static<typeof AuthorizeDecisionBody>;

/** The client's redirect URI with `code`/`error`, `state` and `iss` (RFC 9207): the SPA navigates there. */
export const AuthorizeDecisionResponse = Type.Object({ redirectTo: Type.String() });
export type AuthorizeDecisionResponse = Static<typeof AuthorizeDecisionResponse>;

// ---------------------------------------------------------------------------------------------
// Account page: apps the user consented to

export const AccountConsent = Type.Object({
  id: Id,
  client: ConsentClient,
  scopes: Type.Array(Type.String()),
  /** The APIs the consent covers (consent is per API as well as per scope). */
  apis: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      /** The scopes allowed on this API; absent on consents recorded before scope–API pairs were kept. */
      scopes: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  grantedAt: Timestamp,
});
export type AccountConsent = Static<typeof AccountConsent>;

export const AccountConsentList = Type.Object({ items: Type.Array(AccountConsent) });
export type AccountConsentList = Static<typeof AccountConsentList>;

// ---------------------------------------------------------------------------------------------
// Client page: the tokens a client holds

export const ClientTokenType = Type.Union([Type.Literal('access_token'), Type.Literal('refresh_token')]);
export type ClientTokenType = Static<typeof ClientTokenType>;

export const ClientTokenSubject = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('client')]),
  /** The user's id, or the client's `client_id`. */
  id: Type.String(),
  /** The user's name (or the client's name) for display. */
  label: Type.String(),
});
export type ClientTokenSubject = Static<typeof ClientTokenSubject>;

export const ClientToken = Type.Object({
  /** `jti` of an access token, id of a refresh token. */
  id: Type.String(),
  type: ClientTokenType,
  subject: ClientTokenSubject,
  scopes: Type.Array(Type.String()),
  issuedAt: Timestamp,
  expiresAt: Timestamp,
});
export type ClientToken = Static<typeof ClientToken>;

export const ClientTokenList = Type.Object({
  items: Type.Array(ClientToken),
  /** Active tokens in total (the list shows the most recent ones). */
  total: Type.Integer({ minimum: 0 }),
});
export type ClientTokenList = Static<typeof ClientTokenList>;

export const ClientTokenParams = Type.Object({
  id: Id,
  tokenId: Type.String({ minLength: 1, maxLength: 64 }),
});
export type ClientTokenParams = Static<typeof ClientTokenParams>;

export const RevokeTokensResponse = Type.Object({ revoked: Type.Integer({ minimum: 0 }) });
export type RevokeTokensResponse = Static<typeof RevokeTokensResponse>;
