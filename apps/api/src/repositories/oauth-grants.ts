import { and, eq, gt, isNull } from 'drizzle-orm';
import { type Db, prepareInsert } from '../db/client.js';
import { accessTokens, grants, refreshTokens } from '../db/schema.js';

export type GrantRow = typeof grants.$inferSelect;
export type NewGrant = typeof grants.$inferInsert;
export type AccessTokenRow = typeof accessTokens.$inferSelect;
export type NewAccessToken = typeof accessTokens.$inferInsert;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type NewRefreshToken = typeof refreshTokens.$inferInsert;

type InsertAccessTokenParams = [
  jti: string,
  clientId: string,
  subject: string,
  userId: string | null,
  audience: string,
  scopes: string,
  grantId: string | null,
  issuedAt: number,
  expiresAt: number,
];

export interface RevokedCounts {
  accessTokens: number;
  refreshTokens: number;
}

/**
 * Grants and the tokens derived from them, as the authorization server writes them. Refresh tokens
 * are found by hash (only hashes are stored); access tokens by `jti`.
 */
export class OAuthGrantsRepository {
  /** Prepared: the token endpoint inserts one row per issued token. */
  readonly #insertAccessToken;
  /** Built once: Drizzle's `transaction` builds a new better-sqlite3 wrapper on every call. */
  readonly #transaction;

  constructor(private readonly db: Db) {
    // Every issued token is a row: a plain statement (see `prepareInsert`).
    const c = accessTokens;
    this.#insertAccessToken = prepareInsert<InsertAccessTokenParams>(db, accessTokens, [
      c.jti,
      c.clientId,
      c.subject,
      c.userId,
      c.audience,
      c.scopes,
      c.grantId,
      c.issuedAt,
      c.expiresAt,
    ]);
    this.#transaction = db.$client.transaction((fn: () => unknown) => fn());
  }

  /**
   * Runs `fn` in one transaction (issuance writes the token and its audit event together). IMMEDIATE:
   * these transactions read before they write, and a deferred one would fail at once with
   * SQLITE_BUSY if another process wrote in between, instead of waiting (`busy_timeout`).
   */
  transaction<T>(fn: () => T): T {
    return this.#transaction.immediate(fn) as T;
  }

  insertGrant(row: NewGrant): void {
    this.db.insert(grants).values(row).run();
  }

  findGrant(id: string): GrantRow | undefined {
    return this.db.select().from(grants).where(eq(grants.id, id)).get();
  }

  /**
   * Revokes a grant and every token derived from it (RFC 9700 §4.14.2 refresh token reuse, RFC 6749
   * §4.1.2 code replay, RFC 7009 §2.1 revoking a refresh token). Idempotent.
   */
  revokeGrant(grantId: string, at: Date): RevokedCounts {
    return this.db.transaction((tx) => {
      tx.update(grants)
        .set({ revokedAt: at })
        .where(and(eq(grants.id, grantId), isNull(grants.revokedAt)))
        .run();
      const refresh = tx
        .update(refreshTokens)
        .set({ revokedAt: at })
        .where(and(eq(refreshTokens.grantId, grantId), isNull(refreshTokens.revokedAt)))
        .run().changes;
      const access = tx
        .update(accessTokens)
        .set({ revokedAt: at })
        .where(
          and(
            eq(accessTokens.grantId, grantId),
            isNull(accessTokens.revokedAt),
            gt(accessTokens.expiresAt, at),
          ),
        )
        .run().changes;
      return { accessTokens: access, refreshTokens: refresh };
    });
  }

  /** Revokes every live grant of one user with one client (the user withdrew consent). */
  revokeGrantsForUser(userId: string, clientRowId: string, at: Date): RevokedCounts {
    return this.db.transaction(() => {
      const ids = this.db
        .select({ id: grants.id })
        .from(grants)
        .where(and(eq(grants.userId, userId), eq(grants.clientId, clientRowId), isNull(grants.revokedAt)))
        .all();
      const total: RevokedCounts = { accessTokens: 0, refreshTokens: 0 };
      for (const { id } of ids) {
        const counts = this.revokeGrant(id, at);
        total.accessTokens += counts.accessTokens;
        total.refreshTokens += counts.refreshTokens;
      }
      return total;
    });
  }

  insertAccessToken(row: Omit<NewAccessToken, 'revokedAt'>): void {
    this.#insertAccessToken.run(
      row.jti,
      row.clientId,
      row.subject,
      row.userId ?? null,
      JSON.stringify(row.audience),
      JSON.stringify(row.scopes),
      row.grantId ?? null,
      row.issuedAt.getTime(),
      row.expiresAt.getTime(),
    );
  }

  findAccessToken(jti: string): AccessTokenRow | undefined {
    return this.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get();
  }

  /** True when the token was live and is now revoked. */
  revokeAccessToken(jti: string, at: Date): boolean {
    return (
      this.db
        .update(accessTokens)
        .set({ revokedAt: at })
        .where(and(eq(accessTokens.jti, jti), isNull(accessTokens.revokedAt)))
        .run().changes > 0
    );
  }

  insertRefreshToken(row: NewRefreshToken): void {
    this.db.insert(refreshTokens).values(row).run();
  }

  findRefreshTokenByHash(hash: string): RefreshTokenRow | undefined {
    return this.db.select().from(refreshTokens).where(eq(refreshTokens.hash, hash)).get();
  }

  /**
   * Marks a refresh token as used, atomically: of two concurrent requests with the same token only
   * one sees `true`; the other is treated as reuse. A rotated token no longer works, so it is marked
   * revoked as well (token counts and lists then need no special case); `rotated_at` tells reuse
   * apart from revocation.
   */
  markRefreshTokenRotated(id: string, at: Date): boolean {
    return (
      this.db
        .update(refreshTokens)
        .set({ rotatedAt: at, revokedAt: at })
        .where(
          and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)),
        )
        .run().changes > 0
    );
  }
}
