import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { authorizationCodes } from '../db/schema.js';

export type AuthorizationCodeRow = typeof authorizationCodes.$inferSelect;
export type NewAuthorizationCode = typeof authorizationCodes.$inferInsert;

export type CodeRedemption =
  | { outcome: 'redeemed'; code: AuthorizationCodeRow }
  | { outcome: 'replayed'; code: AuthorizationCodeRow }
  | { outcome: 'unknown' };

/** Authorization codes, stored by SHA-256 hash only. */
export class AuthorizationCodesRepository {
  constructor(private readonly db: Db) {}

  insert(row: NewAuthorizationCode): void {
    this.db.insert(authorizationCodes).values(row).run();
  }

  /**
   * RFC 6749 §4.1.2: a code is used once. `UPDATE ... WHERE consumed_at IS NULL RETURNING` consumes
   * it atomically, so of two concurrent redemptions exactly one wins; the loser — and any later
   * attempt — is a replay.
   */
  redeem(hash: string, at: Date): CodeRedemption {
    const redeemed = this.db
      .update(authorizationCodes)
      .set({ consumedAt: at })
      .where(and(eq(authorizationCodes.hash, hash), isNull(authorizationCodes.consumedAt)))
      .returning()
      .get();
    if (redeemed) return { outcome: 'redeemed', code: redeemed };
    const existing = this.db.select().from(authorizationCodes).where(eq(authorizationCodes.hash, hash)).get();
    return existing ? { outcome: 'replayed', code: existing } : { outcome: 'unknown' };
  }
}
