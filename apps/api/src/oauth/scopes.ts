import { SCOPE_TOKEN_PATTERN } from '@portico/contracts';
import { invalidScope, invalidTarget, unauthorizedClient } from './errors.js';

const SCOPE_TOKEN = new RegExp(SCOPE_TOKEN_PATTERN);

export type GrantKind = 'authorization_code' | 'client_credentials' | 'refresh_token';

/**
 * What one active subscription lets a client do with one API: catalogue entry → policy → the
 * policy's access right for the entry's API. Loaded by the repository, resolved here (pure).
 */
export interface Entitlement {
  api: {
    id: string;
    name: string;
    slug: string;
    listenPath: string;
    scopes: { name: string; description: string }[];
    grantTypes: readonly string[];
    /** Seconds. */
    accessTokenTtl: number;
    /** Seconds. */
    refreshTokenTtl: number;
  };
  policy: { id: string; tokenExpiry: number };
  /** The access right's scopes; empty means every scope the API defines. */
  accessRightScopes: readonly string[];
}

export interface ResolvedApi {
  id: string;
  name: string;
  audience: string;
  /** The granted scopes that belong to this API. */
  scopes: string[];
}

export interface ScopeResolution {
  scopes: string[];
  apis: ResolvedApi[];
  /** Seconds: the shortest of the APIs' and policies' access token lifetimes. */
  accessTokenTtl: number;
  /**
   * Seconds: the shortest refresh token lifetime of the APIs a refresh token issued now would keep:
   * the audience, or on a refresh the APIs of the presented refresh token (see `refreshTerms`), which
   * a narrowed audience must not lengthen.
   */
  refreshTokenTtl: number;
  /** Every API that refresh token would keep allows refresh tokens. */
  refreshAllowed: boolean;
}

/** On refresh and code exchange: the grant's scopes and APIs, which a token may keep or narrow, never widen. */
export interface ScopeCeiling {
  scopes: readonly string[];
  apiIds: readonly string[];
  /**
   * The scopes authorized on each API (the grant's pairs, see `grants.apiScopes`); absent or null for
   * a grant without pairs (made before they were kept), which only the flat lists above bound.
   */
  apiScopes?: ApiScopeMap | null;
}

/**
 * Whether an API allows a grant. A refresh token is only ever issued by the code flow (none for
 * client_credentials, RFC 6749 §4.4.3), and the admin rules allow `refresh_token` only alongside
 * `authorization_code`: the refresh grant needs both, so an API that withdrew either drops out.
 */
export function apiAllowsGrant(api: Pick<Entitlement['api'], 'grantTypes'>, grantType: GrantKind): boolean {
  if (grantType === 'refresh_token') {
    return api.grantTypes.includes('refresh_token') && api.grantTypes.includes('authorization_code');
  }
  return api.grantTypes.includes(grantType);
}

/** RFC 6749 §3.3: space-delimited, case-sensitive scope tokens; duplicates collapse, order is kept. */
export function parseScope(scope: string | undefined): string[] | undefined {
  if (scope === undefined) return undefined;
  const tokens = scope.split(' ').filter((token) => token !== '');
  if (tokens.length === 0) return undefined;
  for (const token of tokens) {
    if (!SCOPE_TOKEN.test(token)) throw invalidScope(`'${token}' is not a valid scope.`);
  }
  return [...new Set(tokens)];
}

export const formatScope = (scopes: readonly string[]): string => scopes.join(' ');

/**
 * The audience of an API: its public gateway URL, `<issuer>/gw/<listen path>` without the slashes at
 * either end (RFC 9068 §3 / RFC 8707 §2: the resource's absolute URI). The gateway derives the same
 * string from the API it routes to and requires it in `aud`.
 */
export function apiAudience(issuer: string, listenPath: string): string {
  const path = listenPath.replace(/^\/+|\/+$/g, '');
  return `${issuer}/gw/${path}`;
}

/** Scopes an entitlement allows: the access right's list (or all the API defines) within the API's scopes. */
function allowedScopes(entitlement: Entitlement): string[] {
  const defined = entitlement.api.scopes.map((scope) => scope.name);
  if (entitlement.accessRightScopes.length === 0) return defined;
  return defined.filter((name) => entitlement.accessRightScopes.includes(name));
}

/**
 * Decides a token's scopes and audience from the client's entitlements (DESIGN.md: "scopes enforced
 * against the client's subscriptions and policies").
 * - Only APIs that allow `grantType` take part; none at all → `unauthorized_client`. On a refresh
 *   (`refresh_token`), an API whose admin withdrew refresh tokens is left out of the access token.
 * - No scope requested → every allowed scope (and every such API).
 * - A requested scope outside what is allowed → `invalid_scope` (RFC 6749 §5.2).
 * - `ceiling` (refresh, RFC 6749 §6): the scopes may only stay or narrow, never widen. On a refresh,
 *   `refreshTokenTtl` and `refreshAllowed` describe the refresh token's own APIs, not the (possibly
 *   narrowed) audience: see `refreshTerms`.
 */
export function resolveScopes(
  input: {
    issuer: string;
    entitlements: readonly Entitlement[];
    requested: readonly string[] | undefined;
  } & (
    | {
        grantType: Exclude<GrantKind, 'refresh_token'>;
        /** On code exchange: the authorized scopes and APIs. */
        ceiling?: ScopeCeiling;
      }
    | {
        grantType: 'refresh_token';
        /** The presented refresh token's scopes and its grant's APIs. */
        ceiling: ScopeCeiling;
      }
  ),
): ScopeResolution {
  const ceiling: ScopeCeiling | undefined = input.ceiling;
  const usable = input.entitlements.filter(
    (e) =>
      apiAllowsGrant(e.api, input.grantType) && (ceiling === undefined || ceiling.apiIds.includes(e.api.id)),
  );
  if (usable.length === 0) {
    throw unauthorizedClient(`None of this client's APIs allows the ${input.grantType} grant.`);
  }

  // Several subscriptions can reach the same API (through different policies): merge them per API,
  // taking the union of scopes and the shortest lifetime.
  const byApi = new Map<string, { entitlement: Entitlement; allowed: Set<string>; tokenExpiry: number }>();
  for (const entitlement of usable) {
    const existing = byApi.get(entitlement.api.id);
    if (existing === undefined) {
      byApi.set(entitlement.api.id, {
        entitlement,
        allowed: new Set(allowedScopes(entitlement)),
        tokenExpiry: entitlement.policy.tokenExpiry,
      });
    } else {
      for (const scope of allowedScopes(entitlement)) existing.allowed.add(scope);
      existing.tokenExpiry = Math.min(existing.tokenExpiry, entitlement.policy.tokenExpiry);
    }
  }

  const allowed = new Set<string>();
  for (const { allowed: scopes } of byApi.values()) for (const scope of scopes) allowed.add(scope);

  let scopes: string[];
  if (input.requested === undefined) {
    scopes = ceiling === undefined ? [...allowed] : ceiling.scopes.filter((scope) => allowed.has(scope));
  } else {
    for (const scope of input.requested) {
      if (ceiling !== undefined && !ceiling.scopes.includes(scope)) {
        throw invalidScope(
          `The scope '${scope}' was not granted originally; a refresh can only keep or narrow scope.`,
        );
      }
      if (!allowed.has(scope)) throw invalidScope(`The scope '${scope}' is not allowed for this client.`);
    }
    scopes = [...input.requested];
  }

  const granted = new Set(scopes);
  const apis: ResolvedApi[] = [];
  let accessTokenTtl = Number.POSITIVE_INFINITY;
  let refreshTokenTtl = Number.POSITIVE_INFINITY;
  let refreshAllowed = true;
  for (const { entitlement, allowed: apiScopes, tokenExpiry } of byApi.values()) {
    const mine = [...apiScopes].filter((scope) => granted.has(scope));
    if (input.requested !== undefined) {
      // Explicit scopes: only the APIs those scopes belong to are in the audience.
      if (mine.length === 0 && (apiScopes.size > 0 || granted.size > 0)) continue;
    } else if (ceiling !== undefined && mine.length === 0 && apiScopes.size > 0) {
      // Refresh keeping the grant's scopes: an API whose granted scopes were all withdrawn drops out.
      continue;
    }
    apis.push({
      id: entitlement.api.id,
      name: entitlement.api.name,
      audience: apiAudience(input.issuer, entitlement.api.listenPath),
      scopes: mine,
    });
    accessTokenTtl = Math.min(accessTokenTtl, entitlement.api.accessTokenTtl, tokenExpiry);
    refreshTokenTtl = Math.min(refreshTokenTtl, entitlement.api.refreshTokenTtl);
    refreshAllowed &&= entitlement.api.grantTypes.includes('refresh_token');
  }
  if (apis.length === 0) throw invalidScope('The requested scopes do not cover any API of this client.');
  if (ceiling?.apiScopes != null) assertWithinPairs(apis, ceiling.apiScopes);

  if (input.grantType === 'refresh_token') {
    // The new refresh token keeps the presented one's scopes (RFC 6749 §6), so its lifetime and
    // whether it may exist at all depend on every API it keeps, not only on a narrowed audience.
    const terms = refreshTerms(
      input.entitlements,
      input.ceiling,
      apis.map((api) => api.id),
    );
    refreshTokenTtl = Math.min(refreshTokenTtl, terms.refreshTokenTtl);
    refreshAllowed &&= terms.refreshAllowed;
  }

  return {
    scopes,
    apis,
    accessTokenTtl: Math.max(1, accessTokenTtl),
    refreshTokenTtl: Math.max(1, refreshTokenTtl),
    refreshAllowed,
  };
}

/**
 * RFC 8707 resource indicators: a token for only the APIs named by `resources` (their audience URIs),
 * with only the scopes of those APIs. A resource that is not an absolute URI, has a fragment, or is
 * not one of the APIs this token could be for is `invalid_target` (§2). No resources: unchanged. The
 * lifetimes and refresh terms stay those of the whole resolution: shorter or equal, never longer.
 */
export function narrowToResources(
  resolution: ScopeResolution,
  resources: readonly string[],
): ScopeResolution {
  if (resources.length === 0) return resolution;
  for (const resource of resources) {
    let url: URL | undefined;
    try {
      url = new URL(resource);
    } catch {
      url = undefined;
    }
    if (url === undefined || resource.includes('#')) {
      throw invalidTarget(`The resource '${resource}' must be an absolute URI without a fragment.`);
    }
    if (!resolution.apis.some((api) => api.audience === resource)) {
      throw invalidTarget(`The resource '${resource}' is not an API this token can be for.`);
    }
  }
  const apis = resolution.apis.filter((api) => resources.includes(api.audience));
  const scopes = resolution.scopes.filter((scope) => apis.some((api) => api.scopes.includes(scope)));
  return { ...resolution, apis, scopes };
}

/**
 * A token's scope is flat (RFC 9068 `scope`): it holds each of its scopes on every API of its audience
 * that defines it. So when an API of a grant comes to define a scope the user authorized on another API
 * only, a token with both would hold it on the first API too, which the user never allowed (RFC 6749
 * §5.2 `invalid_scope`: "exceeds the scope granted by the resource owner"). The client can still ask
 * for a narrower scope, or the user authorizes again.
 */
function assertWithinPairs(apis: readonly ResolvedApi[], authorized: ApiScopeMap): void {
  for (const api of apis) {
    const allowedHere = scopesOn(authorized, api.id) ?? [];
    const beyond = api.scopes.find((scope) => !allowedHere.includes(scope));
    if (beyond !== undefined) {
      throw invalidScope(
        `The user did not authorize '${beyond}' on ${api.name}, which defines it now: ask for a narrower scope, or authorize again.`,
      );
    }
  }
}

/**
 * The terms of a refresh token that keeps `ceiling` (a refresh token's scopes and its grant's APIs,
 * RFC 6749 §6: a rotated refresh token keeps exactly the scope of the one it replaces). When the
 * client lost an API of the grant, no new refresh token is issued. Its APIs are those of the grant
 * that either define one of its scopes or define none (plus `alsoApiIds`, the access token's audience), whatever their grant types and
 * policies allow today: a policy narrowed for now or an audience narrowed by `scope` on this request
 * leaves them in the refresh token, which a later refresh can use again.
 * - `refreshTokenTtl`: the shortest `refresh_token_ttl` of those APIs ("the shortest of the APIs in
 *   the grant"), so narrowing a refresh to a long-lived API does not stretch a short-lived one's.
 * - `refreshAllowed`: every one of them still allows refresh tokens. When one no longer does, no new
 *   refresh token is issued: one without that API's scopes would break RFC 6749 §6, and one with them
 *   would let a later refresh bring the API back (narrow, then widen again).
 */
export function refreshTerms(
  entitlements: readonly Entitlement[],
  ceiling: ScopeCeiling,
  alsoApiIds: readonly string[] = [],
): { refreshTokenTtl: number; refreshAllowed: boolean } {
  let refreshTokenTtl = Number.POSITIVE_INFINITY;
  // An API of the grant the client is no longer entitled to (a lapsed subscription, an inactive API)
  // cannot be weighed: its refresh lifetime is unknown here, and a new refresh token would carry its
  // scopes on to when it is back. The chain ends; the user authorizes again.
  let refreshAllowed = ceiling.apiIds.every((apiId) => entitlements.some(({ api }) => api.id === apiId));
  for (const { api } of entitlements) {
    if (!ceiling.apiIds.includes(api.id)) continue;
    const kept =
      alsoApiIds.includes(api.id) ||
      api.scopes.length === 0 ||
      api.scopes.some((scope) => ceiling.scopes.includes(scope.name));
    if (!kept) continue;
    refreshTokenTtl = Math.min(refreshTokenTtl, api.refreshTokenTtl);
    refreshAllowed &&= apiAllowsGrant(api, 'refresh_token');
  }
  return { refreshTokenTtl, refreshAllowed };
}

/** Scope names per API id: the scopes asked for, or allowed, on each API. */
export type ApiScopeMap = Readonly<Record<string, readonly string[]>>;

/** What an authorization request asks the user: scopes, the APIs they reach, and which scope on which API. */
export interface ConsentRequest {
  scopes: readonly string[];
  apiIds: readonly string[];
  apiScopes: ApiScopeMap;
}

/** The scopes `map` lists for `apiId`, or `undefined` (own keys only: an id is never `constructor`). */
export const scopesOn = (map: ApiScopeMap | null, apiId: string): readonly string[] | undefined =>
  map !== null && Object.hasOwn(map, apiId) ? map[apiId] : undefined;

/** The scopes a request asks for on one of its APIs: all its scopes for a request from before the pairs. */
export const askedOn = (request: ConsentRequest, apiId: string): readonly string[] =>
  scopesOn(request.apiScopes, apiId) ?? request.scopes;

/**
 * True when remembered consent covers a request: every requested API was allowed, with every scope
 * requested on it. Pairs, because scope names are not unique across APIs and an API may define none:
 * consent to `read` on one API does not cover `read` on another, nor an API the client gained since.
 * A request without pairs for an API (made before migration 0005) counts as asking for every requested
 * scope on it; a consent without pairs (`null`, recorded before) covers nothing.
 */
export function consentCovers(
  granted: { apiScopes: ApiScopeMap | null },
  requested: ConsentRequest,
): boolean {
  const allowed = granted.apiScopes;
  if (allowed === null) return false;
  return requested.apiIds.every((apiId) => {
    const allowedOnApi = scopesOn(allowed, apiId);
    if (allowedOnApi === undefined) return false;
    return askedOn(requested, apiId).every((scope) => allowedOnApi.includes(scope));
  });
}

/** The scope–API pairs of a resolution: what an authorization request asks for. */
export const apiScopesOf = (apis: readonly ResolvedApi[]): Record<string, string[]> =>
  Object.fromEntries(apis.map((api) => [api.id, [...api.scopes]]));

/** Pairs allowed over several consents: per API, the union of its scopes (`null`s contribute none). */
export function mergeApiScopes(...maps: (ApiScopeMap | null)[]): Record<string, string[]> {
  const merged = new Map<string, Set<string>>();
  for (const map of maps) {
    if (map === null) continue;
    for (const [apiId, scopes] of Object.entries(map)) {
      const set = merged.get(apiId) ?? new Set<string>();
      for (const scope of scopes) set.add(scope);
      merged.set(apiId, set);
    }
  }
  return Object.fromEntries([...merged].map(([apiId, scopes]) => [apiId, [...scopes]]));
}
