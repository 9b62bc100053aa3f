import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  type AuthMode,
  accessTokens,
  apis,
  catalogueEntries,
  grants,
  oauthClientSubscriptions,
  oauthClients,
  policies,
  policyAccessRights,
  users,
} from '../db/schema.js';

export interface GatewayApiRow {
  id: string;
  name: string;
  listenPath: string;
  upstreamUrl: string;
  authMode: AuthMode;
  scopes: string[];
}

export interface TokenStateRow {
  revoked: boolean;
  userActive: boolean;
}

export interface ClientPolicyRow {
  policyId: string;
  rateLimit: number;
  rateLimitPer: number;
  quotaMax: number | null;
  quotaRenewal: number | null;
  allowedScopes: string[];
}

export interface ClientAccessRow {
  clientRowId: string;
  active: boolean;
  ownerActive: boolean;
  policy: ClientPolicyRow | null;
}

/**
 * The reads behind the gateway's checks. Each is a single indexed query; the gateway service caches
 * the answers for well under a second, so these run at most a few times per second per key.
 */
export class GatewayRepository {
  constructor(private readonly db: Db) {}

  listActiveApis(): GatewayApiRow[] {
    return this.db
      .select({
        id: apis.id,
        name: apis.name,
        listenPath: apis.listenPath,
        upstreamUrl: apis.upstreamUrl,
        authMode: apis.authMode,
        scopes: apis.scopes,
      })
      .from(apis)
      .where(eq(apis.active, true))
      .all()
      .map((row) => ({ ...row, scopes: row.scopes.map((scope) => scope.name) }));
  }

  /** Null when the authorization server never recorded this `jti`. A revoked grant revokes its tokens too. */
  tokenState(jti: string): TokenStateRow | null {
    const row = this.db
      .select({
        revokedAt: accessTokens.revokedAt,
        grantRevokedAt: grants.revokedAt,
        userStatus: users.status,
      })
      .from(accessTokens)
      .leftJoin(grants, eq(grants.id, accessTokens.grantId))
      .leftJoin(users, eq(users.id, accessTokens.userId))
      .where(eq(accessTokens.jti, jti))
      .get();
    if (row === undefined) return null;
    return {
      revoked: row.revokedAt !== null || row.grantRevokedAt !== null,
      userActive: row.userStatus === null || row.userStatus === 'active',
    };
  }

  /**
   * The client (by public `client_id`) and the policy of its first active subscription to a catalogue
   * entry of `apiId` whose policy is active and still grants the API. Null when no live client has that id.
   */
  clientAccess(clientId: string, apiId: string): ClientAccessRow | null {
    const client = this.db
      .select({ id: oauthClients.id, status: oauthClients.status, ownerStatus: users.status })
      .from(oauthClients)
      .innerJoin(users, eq(users.id, oauthClients.ownerId))
      .where(and(eq(oauthClients.clientId, clientId), isNull(oauthClients.deletedAt)))
      .get();
    if (client === undefined) return null;

    const policy = this.db
      .select({
        policyId: policies.id,
        rateLimit: policies.rateLimit,
        rateLimitPer: policies.rateLimitPer,
        quotaMax: policies.quotaMax,
        quotaRenewal: policies.quotaRenewal,
        allowedScopes: policyAccessRights.allowedScopes,
      })
      .from(oauthClientSubscriptions)
      .innerJoin(catalogueEntries, eq(catalogueEntries.id, oauthClientSubscriptions.catalogueEntryId))
      .innerJoin(policies, eq(policies.id, catalogueEntries.policyId))
      .innerJoin(
        policyAccessRights,
        and(
          eq(policyAccessRights.policyId, policies.id),
          eq(policyAccessRights.apiId, catalogueEntries.apiId),
        ),
      )
      .where(
        and(
          eq(oauthClientSubscriptions.clientId, client.id),
          eq(oauthClientSubscriptions.status, 'active'),
          eq(catalogueEntries.apiId, apiId),
          eq(policies.active, true),
        ),
      )
      // Two entries may publish the same API; the oldest subscription decides, so the answer is stable.
      .orderBy(asc(oauthClientSubscriptions.createdAt), asc(catalogueEntries.id))
      .get();

    return {
      clientRowId: client.id,
      active: client.status === 'active',
      ownerActive: client.ownerStatus === 'active',
      policy: policy ?? null,
    };
  }
}
