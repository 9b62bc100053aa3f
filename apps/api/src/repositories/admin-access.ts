import { and, eq, gt, inArray, isNull, notInArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  accessTokens,
  catalogueEntries,
  grants,
  oauthClientSubscriptions,
  oauthClients,
  refreshTokens,
} from '../db/schema.js';

export interface LiveAccessToken {
  jti: string;
  clientId: string;
  audience: string[];
  scopes: string[];
}

export interface ClientState {
  id: string;
  status: 'draft' | 'pending' | 'active' | 'rejected';
  deleted: boolean;
}

/**
 * The token-table side of admin changes: which clients an API, policy or catalogue entry reaches, the
 * tokens those clients still hold, and the writes that revoke them. The authorization server owns
 * issuing; the Dashboard only ever revokes.
 */
export class AdminAccessRepository {
  constructor(private readonly db: Db) {}

  /** Clients (not deleted) with a subscription to one of the entries. */
  clientsForEntries(entryIds: readonly string[]): string[] {
    if (entryIds.length === 0) return [];
    return this.db
      .selectDistinct({ id: oauthClientSubscriptions.clientId })
      .from(oauthClientSubscriptions)
      .innerJoin(oauthClients, eq(oauthClients.id, oauthClientSubscriptions.clientId))
      .where(
        and(
          inArray(oauthClientSubscriptions.catalogueEntryId, [...entryIds]),
          isNull(oauthClients.deletedAt),
        ),
      )
      .all()
      .map((row) => row.id);
  }

  /**
   * Pending clients of `clientIds` with no pending subscription left (the manual entry they waited on
   * was deleted) have nothing left to approve: they become active, as when their developer removes
   * that API. Returns how many did.
   */
  settleWaiting(clientIds: readonly string[]): number {
    if (clientIds.length === 0) return 0;
    const stillWaiting = this.db
      .select({ id: oauthClientSubscriptions.clientId })
      .from(oauthClientSubscriptions)
      .where(eq(oauthClientSubscriptions.status, 'pending'));
    return this.db
      .update(oauthClients)
      .set({ status: 'active', updatedAt: new Date() })
      .where(
        and(
          inArray(oauthClients.id, [...clientIds]),
          eq(oauthClients.status, 'pending'),
          notInArray(oauthClients.id, stillWaiting),
        ),
      )
      .run().changes;
  }

  /** Clients reached through a catalogue entry that uses the policy. */
  clientsForPolicy(policyId: string): string[] {
    const entryIds = this.db
      .select({ id: catalogueEntries.id })
      .from(catalogueEntries)
      .where(eq(catalogueEntries.policyId, policyId))
      .all()
      .map((row) => row.id);
    return this.clientsForEntries(entryIds);
  }

  /** Clients subscribed to an entry that publishes the API. */
  clientsForApi(apiId: string): string[] {
    const entryIds = this.db
      .select({ id: catalogueEntries.id })
      .from(catalogueEntries)
      .where(eq(catalogueEntries.apiId, apiId))
      .all()
      .map((row) => row.id);
    return this.clientsForEntries(entryIds);
  }

  clientStates(clientIds: readonly string[]): ClientState[] {
    if (clientIds.length === 0) return [];
    return this.db
      .select({ id: oauthClients.id, status: oauthClients.status, deletedAt: oauthClients.deletedAt })
      .from(oauthClients)
      .where(inArray(oauthClients.id, [...clientIds]))
      .all()
      .map((row) => ({ id: row.id, status: row.status, deleted: row.deletedAt !== null }));
  }

  /** Access tokens of the clients that still work at `now`. */
  liveAccessTokens(clientIds: readonly string[], now: Date): LiveAccessToken[] {
    if (clientIds.length === 0) return [];
    return this.db
      .select({
        jti: accessTokens.jti,
        clientId: accessTokens.clientId,
        audience: accessTokens.audience,
        scopes: accessTokens.scopes,
      })
      .from(accessTokens)
      .where(
        and(
          inArray(accessTokens.clientId, [...clientIds]),
          isNull(accessTokens.revokedAt),
          gt(accessTokens.expiresAt, now),
        ),
      )
      .all();
  }

  /** Returns how many of the tokens were still unrevoked. */
  revokeAccessTokens(jtis: readonly string[], at: Date): number {
    let revoked = 0;
    // Chunked so a large revocation stays under SQLite's bound-parameter limit.
    for (let i = 0; i < jtis.length; i += 500) {
      const chunk = jtis.slice(i, i + 500);
      revoked += this.db
        .update(accessTokens)
        .set({ revokedAt: at })
        .where(and(inArray(accessTokens.jti, chunk), isNull(accessTokens.revokedAt)))
        .run().changes;
    }
    return revoked;
  }

  /**
   * A deactivated developer: the tokens of every client they own, and the tokens other apps hold on
   * their behalf as an end user (`user_id`). Returns working tokens revoked.
   */
  revokeAllForUser(userId: string, at: Date): number {
    return this.db.transaction((tx) => {
      // A subquery, not a list of ids: a developer may own more clients than SQLite takes parameters.
      const owned = tx
        .select({ id: oauthClients.id })
        .from(oauthClients)
        .where(eq(oauthClients.ownerId, userId));
      const accessOwner = or(eq(accessTokens.userId, userId), inArray(accessTokens.clientId, owned));
      const refreshOwner = or(eq(refreshTokens.userId, userId), inArray(refreshTokens.clientId, owned));
      const grantOwner = or(eq(grants.userId, userId), inArray(grants.clientId, owned));
      const access = tx
        .update(accessTokens)
        .set({ revokedAt: at })
        .where(and(accessOwner, isNull(accessTokens.revokedAt), gt(accessTokens.expiresAt, at)))
        .run().changes;
      const refresh = tx
        .update(refreshTokens)
        .set({ revokedAt: at })
        .where(and(refreshOwner, isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, at)))
        .run().changes;
      tx.update(grants)
        .set({ revokedAt: at })
        .where(and(grantOwner, isNull(grants.revokedAt)))
        .run();
      return access + refresh;
    });
  }
}
