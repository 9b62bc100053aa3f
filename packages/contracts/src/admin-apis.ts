import { type Static, Type } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import type { FieldError } from './errors.js';

// ---------------------------------------------------------------------------------------------
// Shared building blocks of the admin lists

export const AdminSortOrder = Type.Union([Type.Literal('asc'), Type.Literal('desc')]);
export type AdminSortOrder = Static<typeof AdminSortOrder>;

/** A short reference to another object, used to name dependants and related objects in responses. */
export const AdminRef = Type.Object({ id: Id, name: Type.String() });
export type AdminRef = Static<typeof AdminRef>;

/**
 * `integer | null` as one JSON-schema `type` array instead of `anyOf`. The server's Ajv coerces types,
 * and with `anyOf: [{ integer, minimum: 1 }, { null }]` it would coerce `0` (or `false`) into `null` in
 * the second branch — turning "a limit of 0" into "unlimited". With a type array, `0` is an integer and
 * fails `minimum` instead.
 */
export const NullableInteger = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...options });

// ---------------------------------------------------------------------------------------------
// APIs

export const AuthMode = Type.Union([
  Type.Literal('oauth2'),
  Type.Literal('auth_token'),
  Type.Literal('keyless'),
]);
export type AuthMode = Static<typeof AuthMode>;
export const AUTH_MODES: readonly AuthMode[] = ['oauth2', 'auth_token', 'keyless'];

/** Grants an API may allow. No implicit and no password grant (RFC 9700 §2.1.2, §2.4). */
export const GrantType = Type.Union([
  Type.Literal('authorization_code'),
  Type.Literal('client_credentials'),
  Type.Literal('refresh_token'),
]);
export type GrantType = Static<typeof GrantType>;
export const GRANT_TYPES: readonly GrantType[] = [
  'authorization_code',
  'client_credentials',
  'refresh_token',
];

/**
 * RFC 6749 §3.3 allows almost any printable character in a scope token; we use a narrower, URL- and
 * log-friendly alphabet so scopes read the same in JWTs, consent screens and the gateway.
 */
export const SCOPE_NAME_PATTERN = '^[a-z][a-z0-9:._-]*$';
export const ScopeName = Type.String({ minLength: 1, maxLength: 64, pattern: SCOPE_NAME_PATTERN });

export const ApiScope = Type.Object(
  { name: ScopeName, description: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type ApiScope = Static<typeof ApiScope>;

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const Slug = Type.String({ minLength: 1, maxLength: 64, pattern: SLUG_PATTERN });

/** Normalised by the server (see `normaliseListenPath`); the schema only bounds the raw input. */
export const ListenPath = Type.String({ minLength: 1, maxLength: 200 });

/** The `^https?://` pattern keeps `ftp:`/`javascript:` out before the URL parser even runs. */
export const UpstreamUrl = Type.String({
  minLength: 8,
  maxLength: 2048,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
});

export const ACCESS_TOKEN_TTL_MIN = 60;
export const ACCESS_TOKEN_TTL_MAX = 86_400;
export const REFRESH_TOKEN_TTL_MIN = 3_600;
export const REFRESH_TOKEN_TTL_MAX = 31_536_000;

/** Seconds an access token for this API lives (policies may shorten it, never lengthen it). */
export const AccessTokenTtl = Type.Integer({ minimum: ACCESS_TOKEN_TTL_MIN, maximum: ACCESS_TOKEN_TTL_MAX });
export const RefreshTokenTtl = Type.Integer({
  minimum: REFRESH_TOKEN_TTL_MIN,
  maximum: REFRESH_TOKEN_TTL_MAX,
});

const apiFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  slug: Slug,
  listenPath: ListenPath,
  upstreamUrl: UpstreamUrl,
  authMode: AuthMode,
  active: Type.Boolean(),
  /** Only for `oauth2`; must be empty for the other modes. */
  grantTypes: Type.Array(GrantType, { maxItems: 3, uniqueItems: true }),
  /** Only for `oauth2`; must be empty for the other modes. */
  scopes: Type.Array(ApiScope, { maxItems: 50 }),
  accessTokenTtl: AccessTokenTtl,
  refreshTokenTtl: RefreshTokenTtl,
};

export const ApiInput = Type.Object(
  {
    name: apiFields.name,
    slug: apiFields.slug,
    listenPath: apiFields.listenPath,
    upstreamUrl: apiFields.upstreamUrl,
    authMode: apiFields.authMode,
    active: Type.Optional(apiFields.active),
    grantTypes: Type.Optional(apiFields.grantTypes),
    scopes: Type.Optional(apiFields.scopes),
    accessTokenTtl: Type.Optional(apiFields.accessTokenTtl),
    refreshTokenTtl: Type.Optional(apiFields.refreshTokenTtl),
  },
  { additionalProperties: false },
);
export type ApiInput = Static<typeof ApiInput>;

/** `PATCH /api/admin/apis/:id`: any subset of the create fields. */
export const ApiPatch = Type.Object(
  {
    name: Type.Optional(apiFields.name),
    slug: Type.Optional(apiFields.slug),
    listenPath: Type.Optional(apiFields.listenPath),
    upstreamUrl: Type.Optional(apiFields.upstreamUrl),
    authMode: Type.Optional(apiFields.authMode),
    active: Type.Optional(apiFields.active),
    grantTypes: Type.Optional(apiFields.grantTypes),
    scopes: Type.Optional(apiFields.scopes),
    accessTokenTtl: Type.Optional(apiFields.accessTokenTtl),
    refreshTokenTtl: Type.Optional(apiFields.refreshTokenTtl),
  },
  { additionalProperties: false },
);
export type ApiPatch = Static<typeof ApiPatch>;

export const AdminApi = Type.Object({
  id: Id,
  name: Type.String(),
  slug: Type.String(),
  listenPath: Type.String(),
  upstreamUrl: Type.String(),
  authMode: AuthMode,
  active: Type.Boolean(),
  grantTypes: Type.Array(GrantType),
  scopes: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
  accessTokenTtl: Type.Integer(),
  refreshTokenTtl: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AdminApi = Static<typeof AdminApi>;

export const ApiSortField = Type.Union([
  Type.Literal('name'),
  Type.Literal('slug'),
  Type.Literal('listenPath'),
  Type.Literal('authMode'),
  Type.Literal('createdAt'),
  Type.Literal('updatedAt'),
]);
export type ApiSortField = Static<typeof ApiSortField>;

export const ApiListQuery = Type.Object(
  {
    ...PageQuery.properties,
    sort: Type.Optional(ApiSortField),
    order: Type.Optional(AdminSortOrder),
    authMode: Type.Optional(AuthMode),
  },
  { additionalProperties: false },
);
export type ApiListQuery = Static<typeof ApiListQuery>;

export const ApiPage = Page(AdminApi);
export type ApiPage = Static<typeof ApiPage>;

/** Saving an API that narrows what its tokens may carry (listen path, scopes, mode, active) revokes those tokens. */
export const ApiUpdateResult = Type.Object({ api: AdminApi, revokedTokens: Type.Integer({ minimum: 0 }) });
export type ApiUpdateResult = Static<typeof ApiUpdateResult>;

/** What deleting an API would take with it; shown in the confirmation and named in the 409. */
export const ApiDependants = Type.Object({
  catalogueEntries: Type.Array(AdminRef),
  policies: Type.Array(AdminRef),
  /** OAuth clients subscribed to a catalogue entry that publishes the API. */
  clients: Type.Array(AdminRef),
  /** Access tokens for the API that are still valid and would be revoked. */
  activeTokens: Type.Integer({ minimum: 0 }),
});
export type ApiDependants = Static<typeof ApiDependants>;

/**
 * `DELETE ...?cascade=true`: also remove what depends on the object (for an API: the catalogue entries
 * publishing it, its access rights in policies, the clients' subscriptions) and revoke the tokens that
 * relied on it. Without it, a delete that would take dependants along is refused with 409.
 */
export const CascadeQuery = Type.Object(
  { cascade: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);
export type CascadeQuery = Static<typeof CascadeQuery>;

export const ApiDeleteResult = Type.Object({
  deleted: Type.Literal(true),
  removed: ApiDependants,
  revokedTokens: Type.Integer({ minimum: 0 }),
});
export type ApiDeleteResult = Static<typeof ApiDeleteResult>;

// ---------------------------------------------------------------------------------------------
// Pure rules shared by the server and the dashboard form (schemas cannot express them).

export type ListenPathResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Normalises a gateway listen path: lower-case, one leading and one trailing slash, no empty, `.` or
 * `..` segments (a `..` could let `/gw/a/../b/` escape the prefix it was granted under).
 * `Payments` → `/payments/`, `/orders/v2` → `/orders/v2/`.
 */
export function normaliseListenPath(input: string): ListenPathResult {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return { ok: false, message: 'is required' };
  if (/[?#\\%]/.test(trimmed)) return { ok: false, message: 'must not contain ?, #, % or \\' };
  const segments = trimmed.split('/').filter((segment) => segment !== '');
  if (segments.length === 0)
    return { ok: false, message: 'must name at least one path segment, e.g. /payments/' };
  for (const segment of segments) {
    if (segment === '.' || segment === '..')
      return { ok: false, message: 'must not contain . or .. segments' };
    if (!/^[a-z0-9._~-]+$/.test(segment)) {
      return { ok: false, message: 'may only contain a-z, 0-9, ".", "_", "~", "-" and "/"' };
    }
  }
  return { ok: true, value: `/${segments.join('/')}/` };
}

/** Returns a message when the upstream URL is not an absolute http(s) URL the gateway can forward to. */
export function checkUpstreamUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'must be an absolute URL, e.g. https://api.internal.example/v1';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.hostname === '') return 'must name a host';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  if (url.hash !== '') return 'must not contain a fragment';
  return undefined;
}

/** The fields the cross-field rules look at (create bodies, or a patch merged onto the stored API). */
export interface ApiRuleInput {
  listenPath: string;
  upstreamUrl: string;
  authMode: AuthMode;
  grantTypes?: readonly GrantType[];
  scopes?: readonly ApiScope[];
}

/**
 * Rules beyond the JSON schema, as per-field errors (same shape the server returns):
 * listen path and upstream URL syntax, oauth2 needs a grant type, other modes carry no OAuth settings,
 * `refresh_token` only with `authorization_code` (client_credentials gets no refresh token, RFC 6749 §4.4.3),
 * scope names unique.
 */
export function checkApiRules(input: ApiRuleInput): FieldError[] {
  const errors: FieldError[] = [];
  const listen = normaliseListenPath(input.listenPath);
  if (!listen.ok) errors.push({ field: 'listenPath', message: listen.message });
  const upstream = checkUpstreamUrl(input.upstreamUrl);
  if (upstream) errors.push({ field: 'upstreamUrl', message: upstream });
  const grantTypes = input.grantTypes ?? [];
  const scopes = input.scopes ?? [];
  if (input.authMode === 'oauth2') {
    if (grantTypes.length === 0) {
      errors.push({ field: 'grantTypes', message: 'an OAuth 2.0 API must allow at least one grant type' });
    }
    if (grantTypes.includes('refresh_token') && !grantTypes.includes('authorization_code')) {
      errors.push({ field: 'grantTypes', message: 'refresh_token needs authorization_code' });
    }
  } else {
    if (grantTypes.length > 0) {
      errors.push({ field: 'grantTypes', message: 'only OAuth 2.0 APIs have grant types' });
    }
    if (scopes.length > 0) errors.push({ field: 'scopes', message: 'only OAuth 2.0 APIs define scopes' });
  }
  const seen = new Set<string>();
  scopes.forEach((scope, index) => {
    if (seen.has(scope.name))
      errors.push({ field: `scopes/${index}/name`, message: `duplicate scope "${scope.name}"` });
    seen.add(scope.name);
  });
  return errors;
}
