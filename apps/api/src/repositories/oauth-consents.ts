import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apis, consents, oauthClients, users } from '../db/schema.js';
import { type ApiScopeMap, mergeApiScopes, scopesOn } from '../oauth/scopes.js';

export type ConsentRow = typeof consents.$inferSelect;

export interface ConsentWithClient {
  id: string;
  scopes: string[];
  /** The APIs the consent covers that still exist, by name, with the scopes allowed on each when known. */
  apis: { id: string; name: string; scopes?: string[] }[];
  grantedAt: Date;
  client: { id: string; clientId: string; name: string; description: string; developerName: string };
}

/**
 * What each user allowed each client: per user + client, the scopes allowed on each API (merged over
 * every consent). One live row per user + client: granting more replaces it, revoking sets `revoked_at`.
 */
export class ConsentsRepository {
  constructor(private readonly db: Db) {}

  findActive(userId: string, clientRowId: string): ConsentRow | undefined {
    return this.db
      .select()
      .from(consents)
      .where(and(eq(consents.userId, userId), eq(consents.clientId, clientRowId), isNull(consents.revokedAt)))
      .orderBy(desc(consents.createdAt))
      .get();
  }

  /**
   * Records consent to the scope–API pairs `apiScopes` (and their unions `scopes`, `apiIds`), merged
   * with what the user had already allowed this client.
   */
  grant(
    userId: string,
    clientRowId: string,
    granted: { scopes: readonly string[]; apiIds: readonly string[]; apiScopes: ApiScopeMap },
    at: Date,
  ): ConsentRow {
    return this.db.transaction((tx) => {
      const previous = tx
        .select()
        .from(consents)
        .where(
          and(eq(consents.userId, userId), eq(consents.clientId, clientRowId), isNull(consents.revokedAt)),
        )
        .all();
      const scopes = [...new Set([...previous.flatMap((row) => row.scopes), ...granted.scopes])];
      const apiIds = [...new Set([...previous.flatMap((row) => row.apiIds), ...granted.apiIds])];
      const apiScopes = mergeApiScopes(...previous.map((row) => row.apiScopes), granted.apiScopes);
      if (previous.length > 0) {
        tx.update(consents)
          .set({ revokedAt: at })
          .where(
            and(eq(consents.userId, userId), eq(consents.clientId, clientRowId), isNull(consents.revokedAt)),
          )
          .run();
      }
      return tx
        .insert(consents)
        .values({ id: randomUUID(), userId, clientId: clientRowId, scopes, apiIds, apiScopes, createdAt: at })
        .returning()
        .get();
    });
  }

  /** The user's live consents to clients that still exist, newest first. */
  listForUser(userId: string): ConsentWithClient[] {
    const rows = this.db
      .select({
        id: consents.id,
        scopes: consents.scopes,
        apiIds: consents.apiIds,
        apiScopes: consents.apiScopes,
        grantedAt: consents.createdAt,
        clientRowId: oauthClients.id,
        clientId: oauthClients.clientId,
        name: oauthClients.name,
        description: oauthClients.description,
        developerName: users.name,
      })
      .from(consents)
      .innerJoin(oauthClients, and(eq(oauthClients.id, consents.clientId), isNull(oauthClients.deletedAt)))
      .innerJoin(users, eq(users.id, oauthClients.ownerId))
      .where(and(eq(consents.userId, userId), isNull(consents.revokedAt)))
      .orderBy(desc(consents.createdAt), desc(consents.id))
      .all();
    const apiIds = [...new Set(rows.flatMap((row) => row.apiIds))];
    const names = new Map(
      apiIds.length === 0
        ? []
        : this.db
            .select({ id: apis.id, name: apis.name })
            .from(apis)
            .where(inArray(apis.id, apiIds))
            .all()
            .map((api) => [api.id, api.name] as const),
    );
    return rows.map((row) => ({
      id: row.id,
      scopes: row.scopes,
      apis: row.apiIds.flatMap((id) => {
        const name = names.get(id);
        if (name === undefined) return [];
        const scopes = scopesOn(row.apiScopes, id);
        return [scopes === undefined ? { id, name } : { id, name, scopes: [...scopes] }];
      }),
      grantedAt: row.grantedAt,
      client: {
        id: row.clientRowId,
        clientId: row.clientId,
        name: row.name,
        description: row.description,
        developerName: row.developerName,
      },
    }));
  }

  /** Revokes one of the user's live consents; `undefined` when it is not theirs or not live. */
  revoke(userId: string, consentId: string, at: Date): ConsentRow | undefined {
    return this.db
      .update(consents)
      .set({ revokedAt: at })
      .where(and(eq(consents.id, consentId), eq(consents.userId, userId), isNull(consents.revokedAt)))
      .returning()
      .get();
  }
}
