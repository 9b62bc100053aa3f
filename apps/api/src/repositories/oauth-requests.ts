import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { authorizationRequests } from '../db/schema.js';

export type AuthorizationRequestRow = typeof authorizationRequests.$inferSelect;
export type NewAuthorizationRequest = typeof authorizationRequests.$inferInsert;

/**
 * Validated authorization requests waiting for the user's decision on the consent screen. The id in
 * the consent URL is random; the request is single-use (`completed_at`) and short-lived.
 */
export class AuthorizationRequestsRepository {
  constructor(private readonly db: Db) {}

  insert(row: NewAuthorizationRequest): void {
    this.db.insert(authorizationRequests).values(row).run();
  }

  /** A pending request: not completed and not expired at `now`. */
  findPending(id: string, now: Date): AuthorizationRequestRow | undefined {
    return this.db
      .select()
      .from(authorizationRequests)
      .where(
        and(
          eq(authorizationRequests.id, id),
          isNull(authorizationRequests.completedAt),
          gt(authorizationRequests.expiresAt, now),
        ),
      )
      .get();
  }

  /** Completes a pending request atomically: of two concurrent decisions only one gets the row. */
  complete(id: string, now: Date): AuthorizationRequestRow | undefined {
    return this.db
      .update(authorizationRequests)
      .set({ completedAt: now })
      .where(
        and(
          eq(authorizationRequests.id, id),
          isNull(authorizationRequests.completedAt),
          gt(authorizationRequests.expiresAt, now),
        ),
      )
      .returning()
      .get();
  }

  /** Housekeeping: requests that expired before `before` (answered or not) are of no further use. */
  deleteExpired(before: Date): number {
    return this.db.delete(authorizationRequests).where(lt(authorizationRequests.expiresAt, before)).run()
      .changes;
  }
}
