import type { Entitlement } from '../oauth/scopes.js';
import type { AdminAccessRepository } from '../repositories/admin-access.js';
import { accessTokenExceeds, rightsFromEntitlements } from './admin-token-rights.js';

/** Reads a client's current entitlements (the authorization server's own query). */
export interface EntitlementSource {
  entitlements(clientRowId: string): Entitlement[];
}

/**
 * Keeps tokens within what admins allow. After an API, policy, catalogue entry or approval changes,
 * the Dashboard calls `revokeExceeding` with the clients the change reaches: every access token of
 * theirs that the token endpoint would no longer issue (an audience or scope no longer granted) is
 * revoked at once; tokens still within the rights keep working. Refresh tokens are left alone: the
 * token endpoint re-checks the entitlements on every refresh and narrows the scope (RFC 6749 §6).
 */
export class AdminAccessService {
  constructor(
    private readonly access: AdminAccessRepository,
    private readonly entitlements: EntitlementSource,
    private readonly issuer: string,
  ) {}

  revokeExceeding(clientIds: readonly string[], at: Date = new Date()): number {
    const ids = [...new Set(clientIds)];
    if (ids.length === 0) return 0;
    const rights = new Map(
      this.access.clientStates(ids).map((client) => [
        client.id,
        // Only an active client may hold tokens at all.
        client.deleted || client.status !== 'active'
          ? new Map<string, Set<string>>()
          : rightsFromEntitlements(this.issuer, this.entitlements.entitlements(client.id)),
      ]),
    );
    const exceeding = this.access
      .liveAccessTokens(ids, at)
      .filter((token) => accessTokenExceeds(token, rights.get(token.clientId) ?? new Map()))
      .map((token) => token.jti);
    return this.access.revokeAccessTokens(exceeding, at);
  }

  /** Working access tokens of the clients whose audience includes `audience`. */
  countLiveForAudience(clientIds: readonly string[], audience: string, at: Date = new Date()): number {
    return this.access
      .liveAccessTokens([...new Set(clientIds)], at)
      .filter((t) => t.audience.includes(audience)).length;
  }

  revokeAllForUser(userId: string, at: Date = new Date()): number {
    return this.access.revokeAllForUser(userId, at);
  }

  /** See `AdminAccessRepository.settleWaiting`: after subscriptions were deleted. */
  settleWaiting(clientIds: readonly string[]): number {
    return this.access.settleWaiting(clientIds);
  }

  clientsForApi(apiId: string): string[] {
    return this.access.clientsForApi(apiId);
  }

  clientsForPolicy(policyId: string): string[] {
    return this.access.clientsForPolicy(policyId);
  }

  clientsForEntries(entryIds: readonly string[]): string[] {
    return this.access.clientsForEntries(entryIds);
  }
}
