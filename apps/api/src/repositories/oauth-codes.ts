import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { authorizationCodes } from '../db/schema.js';

export type AuthorizationCodeRow = typeof authorizationCodes.$inferSelect;
export type NewAuthorizationCode = typeof authorizationCodes.$inferInsert;

/** Authorization codes, stored by SHA-256 hash only. */
export class AuthorizationCodesRepository {
  constructor(private readonly db: Db) {}

  insert(row: NewAuthorizationCode): void {
    this.db.insert(authorizationCodes).values(row).run();
  }

  find(hash: string): AuthorizationCodeRow | undefined {
    return this.db.select().from(authorizationCodes).where(eq(authorizationCodes.hash, hash)).get();
  }

  /**
   * RFC 6749 §4.1.2: a code is used once. `UPDATE ... WHERE consumed_at IS NULL` spends it atomically:
   * of two concurrent redemptions exactly one gets `true`; the loser is a replay. The token endpoint
   * calls it in the transaction that writes the tokens, so a code is spent exactly when tokens exist.
   */
  consume(hash: string, at: Date): boolean {
    return (
      this.db
        .update(authorizationCodes)
        .set({ consumedAt: at })
        .where(and(eq(authorizationCodes.hash, hash), isNull(authorizationCodes.consumedAt)))
        .run().changes === 1
    );
  }
}
