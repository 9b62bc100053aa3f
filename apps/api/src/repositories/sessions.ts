import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type SessionRow, sessions, type UserRow, users } from '../db/schema.js';

export interface NewSession {
  id: string;
  userId: string;
  csrfTokenHash: string;
  expiresAt: Date;
  userAgent?: string | undefined;
  ip?: string | undefined;
}

export class SessionsRepository {
  constructor(private readonly db: Db) {}

  create(input: NewSession): SessionRow {
    const now = new Date();
    return this.db
      .insert(sessions)
      .values({ ...input, createdAt: now, lastSeenAt: now })
      .returning()
      .get();
  }

  /** The session and its user, only while the session is neither revoked nor expired. */
  findLive(id: string, now: Date): { session: SessionRow; user: UserRow } | undefined {
    return this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .get();
  }

  touch(id: string, at: Date): void {
    this.db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id)).run();
  }

  revoke(id: string, at: Date = new Date()): void {
    this.db
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
      .run();
  }

  revokeAllForUser(userId: string, at: Date = new Date()): number {
    return this.db
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .run().changes;
  }

  /** Housekeeping: drop sessions that ended more than `olderThan` ago. */
  purgeEnded(olderThan: Date): number {
    return this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, olderThan), lt(sessions.revokedAt, olderThan)))
      .run().changes;
  }
}
