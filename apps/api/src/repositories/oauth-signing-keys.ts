import { and, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessTokens, signingKeys } from '../db/schema.js';
import type { SigningAlgorithm, SigningKeyMaterial } from '../oauth/signing-keys.js';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/**
 * Signing keys of the authorization server. One key is active (no `retired_at`); a rotation retires
 * it and inserts its successor in one transaction. Retired keys stay published while a token they may
 * have signed is still unexpired.
 */
export class SigningKeysRepository {
  constructor(private readonly db: Db) {}

  active(): SigningKeyRow | undefined {
    return this.db
      .select()
      .from(signingKeys)
      .where(isNull(signingKeys.retiredAt))
      .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid))
      .get();
  }

  /** Inserts `material` as the active key unless another process got there first; returns the active key. */
  insertIfNone(material: SigningKeyMaterial, at: Date): SigningKeyRow {
    return this.db.transaction((tx) => {
      const existing = tx.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).get();
      if (existing) return existing;
      return tx
        .insert(signingKeys)
        .values({ ...toRow(material), createdAt: at })
        .returning()
        .get();
    });
  }

  /** Retires every active key and makes `material` the active one. Returns the kids it retired. */
  rotate(material: SigningKeyMaterial, at: Date): string[] {
    return this.db.transaction((tx) => {
      const retired = tx
        .update(signingKeys)
        .set({ retiredAt: at })
        .where(isNull(signingKeys.retiredAt))
        .returning({ kid: signingKeys.kid })
        .all()
        .map((row) => row.kid);
      tx.insert(signingKeys)
        .values({ ...toRow(material), createdAt: at })
        .run();
      return retired;
    });
  }

  /**
   * The active key plus each retired key that may still have signed a live token: one issued between
   * the key's creation and its retirement (plus `graceMs`, the time a running server may take to
   * notice a rotation made by the CLI) that has not expired at `now`.
   */
  published(now: Date, graceMs: number): SigningKeyRow[] {
    const liveToken = sql`exists (select 1 from ${accessTokens} where ${and(
      gt(accessTokens.expiresAt, now),
      sql`${accessTokens.issuedAt} >= ${signingKeys.createdAt}`,
      sql`${accessTokens.issuedAt} <= ${signingKeys.retiredAt} + ${graceMs}`,
    )})`;
    return this.db
      .select()
      .from(signingKeys)
      .where(sql`${isNull(signingKeys.retiredAt)} or (${and(isNotNull(signingKeys.retiredAt), liveToken)})`)
      .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid))
      .all();
  }

  find(kid: string): SigningKeyRow | undefined {
    return this.db.select().from(signingKeys).where(eq(signingKeys.kid, kid)).get();
  }
}

function toRow(material: SigningKeyMaterial) {
  return {
    kid: material.kid,
    alg: material.alg satisfies SigningAlgorithm,
    privateJwk: material.privateJwk as Record<string, unknown>,
    publicJwk: material.publicJwk as Record<string, unknown>,
  };
}
