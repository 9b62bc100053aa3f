import { apiAudience, type Entitlement } from '../oauth/scopes.js';

/**
 * What a client may hold right now, per audience (the API's gateway URL): the scopes allowed there.
 * Built from the same entitlements the token endpoint resolves scopes from, so "exceeds the rights"
 * means exactly "the token endpoint would not issue this token any more".
 */
export type AudienceRights = Map<string, Set<string>>;

/** An entitlement's scopes: the access right's list (empty = all), always within what the API defines. */
function entitlementScopes(entitlement: Entitlement): string[] {
  const defined = entitlement.api.scopes.map((scope) => scope.name);
  if (entitlement.accessRightScopes.length === 0) return defined;
  return defined.filter((name) => entitlement.accessRightScopes.includes(name));
}

/** Several subscriptions may reach the same API through different policies: their scopes add up. */
export function rightsFromEntitlements(issuer: string, entitlements: readonly Entitlement[]): AudienceRights {
  const rights: AudienceRights = new Map();
  for (const entitlement of entitlements) {
    const audience = apiAudience(issuer, entitlement.api.listenPath);
    const scopes = rights.get(audience) ?? new Set<string>();
    for (const scope of entitlementScopes(entitlement)) scopes.add(scope);
    rights.set(audience, scopes);
  }
  return rights;
}

/**
 * An access token exceeds the rights when one of its audiences is no longer granted, or one of its
 * scopes is allowed by none of its (still granted) audiences.
 */
export function accessTokenExceeds(
  token: { audience: readonly string[]; scopes: readonly string[] },
  rights: AudienceRights,
): boolean {
  const allowed = new Set<string>();
  for (const audience of token.audience) {
    const scopes = rights.get(audience);
    if (scopes === undefined) return true;
    for (const scope of scopes) allowed.add(scope);
  }
  return token.scopes.some((scope) => !allowed.has(scope));
}
