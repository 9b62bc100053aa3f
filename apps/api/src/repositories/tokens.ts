import { and, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessTokens, grants, refreshTokens, users } from '../db/schema.js';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export interface ActiveTokenCounts {
  accessTokens: number;
  refreshTokens: number;
}

/** A client's access tokens that still work at `at`: not revoked, not expired. */
const workingAccessTokens = (clientId: string, at: Date) =>
  and(eq(accessTokens.clientId, clientId), isNull(accessTokens.revokedAt), gt(accessTokens.expiresAt, at));

/**
 * A client's refresh tokens that still work at `at`: not revoked, not expired, and not rotated (a
 * rotated refresh token was replaced by its successor and no longer works).
 */
const workingRefreshTokens = (clientId: string, at: Date) =>
  and(
    eq(refreshTokens.clientId, clientId),
    isNull(refreshTokens.revokedAt),
    isNull(refreshTokens.rotatedAt),
    gt(refreshTokens.expiresAt, at),
  );

/**
 * Access tokens (JWTs kept by `jti` so they can be revoked), refresh tokens and the grants they
 * belong to. The client page counts and revokes them here; the authorization server issues them.
 */
export class TokensRepository {
  constructor(private readonly db: Db) {}

  /** Tokens of a client that still work at `now` (not revoked, not expired). */
  countActiveForClient(clientId: string, now: Date): ActiveTokenCounts {
    const access = this.db
      .select({ value: count() })
      .from(accessTokens)
      .where(workingAccessTokens(clientId, now))
      .get();
    const refresh = this.db
      .select({ value: count() })
      .from(refreshTokens)
      .where(workingRefreshTokens(clientId, now))
      .get();
    return { accessTokens: access?.value ?? 0, refreshTokens: refresh?.value ?? 0 };
  }

  /**
   * Revokes every access and refresh token of a client, and its grants (so nothing derived from them
   * can be refreshed). Returns how many tokens that were still working got revoked.
   */
  revokeAllForClient(clientId: string, at: Date): number {
    return this.db.transaction((tx) => {
      const access = tx
        .update(accessTokens)
        .set({ revokedAt: at })
        .where(workingAccessTokens(clientId, at))
        .run().changes;
      const refresh = tx
        .update(refreshTokens)
        .set({ revokedAt: at })
        .where(workingRefreshTokens(clientId, at))
        .run().changes;
      tx.update(grants)
        .set({ revokedAt: at })
        .where(and(eq(grants.clientId, clientId), isNull(grants.revokedAt)))
        .run();
      return access + refresh;
    });
  }

  /**
   * Revokes what covered one API of a client: its access tokens whose `aud` names the API, and the
   * grants that cover the API (with their refresh tokens), since refreshing them would mint tokens
   * for the API again. A grant is found by the APIs it records, not only by the access tokens it
   * issued: those are deleted a day after they expire, while its refresh token lives on. Returns
   * how many working tokens got revoked.
   */
  revokeForClientAudience(clientId: string, api: { id: string; audience: string }, at: Date): number {
    // SQLite JSON1 (`json_each`): `audience` and `api_ids` are JSON arrays. Dialect-specific, kept here.
    const coversApi = sql`exists (select 1 from json_each(${accessTokens.audience}) where json_each.value = ${api.audience})`;
    const grantCoversApi = sql`exists (select 1 from json_each(${grants.apiIds}) where json_each.value = ${api.id})`;
    return this.db.transaction((tx) => {
      const fromTokens = tx
        .selectDistinct({ grantId: accessTokens.grantId })
        .from(accessTokens)
        .where(and(eq(accessTokens.clientId, clientId), coversApi))
        .all()
        .map((row) => row.grantId);
      const fromGrants = tx
        .select({ grantId: grants.id })
        .from(grants)
        .where(and(eq(grants.clientId, clientId), isNull(grants.revokedAt), grantCoversApi))
        .all()
        .map((row) => row.grantId);
      const grantIds = [...new Set([...fromTokens, ...fromGrants])].filter((id): id is string => id !== null);
      const access = tx
        .update(accessTokens)
        .set({ revokedAt: at })
        .where(and(workingAccessTokens(clientId, at), coversApi))
        .run().changes;
      let refresh = 0;
      if (grantIds.length > 0) {
        refresh = tx
          .update(refreshTokens)
          .set({ revokedAt: at })
          .where(and(workingRefreshTokens(clientId, at), inArray(refreshTokens.grantId, grantIds)))
          .run().changes;
        tx.update(grants)
          .set({ revokedAt: at })
          .where(and(eq(grants.clientId, clientId), inArray(grants.id, grantIds), isNull(grants.revokedAt)))
          .run();
      }
      return access + refresh;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Lookups (issuing and per-token revocation live in oauth-grants.ts).

  findRefreshTokenById(id: string): RefreshTokenRow | undefined {
    return this.db.select().from(refreshTokens).where(eq(refreshTokens.id, id)).get();
  }

  // -------------------------------------------------------------------------------------------
  // The client page's tokens panel (authorization server helper).

  /**
   * The client's working tokens, newest first: access tokens not revoked or expired, and refresh
   * tokens not revoked, rotated or expired. `limit` applies to each kind.
   */
  listActiveForClient(clientId: string, now: Date, limit: number): ClientTokenListing {
    const access = this.db
      .select({
        id: accessTokens.jti,
        subject: accessTokens.subject,
        userId: accessTokens.userId,
        userName: users.name,
        scopes: accessTokens.scopes,
        issuedAt: accessTokens.issuedAt,
        expiresAt: accessTokens.expiresAt,
      })
      .from(accessTokens)
      .leftJoin(users, eq(users.id, accessTokens.userId))
      .where(workingAccessTokens(clientId, now))
      .orderBy(desc(accessTokens.issuedAt), desc(accessTokens.jti))
      .limit(limit)
      .all();
    const refresh = this.db
      .select({
        id: refreshTokens.id,
        userId: refreshTokens.userId,
        userName: users.name,
        scopes: refreshTokens.scopes,
        issuedAt: refreshTokens.createdAt,
        expiresAt: refreshTokens.expiresAt,
      })
      .from(refreshTokens)
      .leftJoin(users, eq(users.id, refreshTokens.userId))
      .where(workingRefreshTokens(clientId, now))
      .orderBy(desc(refreshTokens.createdAt), desc(refreshTokens.id))
      .limit(limit)
      .all();
    const counts = this.countActiveForClient(clientId, now);
    return { access, refresh, total: counts.accessTokens + counts.refreshTokens };
  }
}

export interface ClientTokenListing {
  access: {
    id: string;
    subject: string;
    userId: string | null;
    userName: string | null;
    scopes: string[];
    issuedAt: Date;
    expiresAt: Date;
  }[];
  refresh: {
    id: string;
    userId: string | null;
    userName: string | null;
    scopes: string[];
    issuedAt: Date;
    expiresAt: Date;
  }[];
  /** Working access and refresh tokens in total. */
  total: number;
}
