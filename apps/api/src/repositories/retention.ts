import { inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import {
  accessTokens,
  auditEvents,
  authorizationCodes,
  authorizationRequests,
  refreshTokens,
  sessions,
} from '../db/schema.js';

/**
 * Deletes rows that are past their use, a chunk at a time (the retention sweep,
 * `services/retention.ts`). Each method deletes at most `limit` rows in one statement, found through
 * an index on the expiry (or creation) time, and returns how many it deleted.
 */
export class RetentionRepository {
  constructor(private readonly db: Db) {}

  accessTokens(before: Date, limit: number): number {
    return this.#deleteChunk(accessTokens, lt(accessTokens.expiresAt, before), limit);
  }

  refreshTokens(before: Date, limit: number): number {
    return this.#deleteChunk(refreshTokens, lt(refreshTokens.expiresAt, before), limit);
  }

  authorizationCodes(before: Date, limit: number): number {
    return this.#deleteChunk(authorizationCodes, lt(authorizationCodes.expiresAt, before), limit);
  }

  authorizationRequests(before: Date, limit: number): number {
    return this.#deleteChunk(authorizationRequests, lt(authorizationRequests.expiresAt, before), limit);
  }

  sessions(before: Date, limit: number): number {
    return this.#deleteChunk(sessions, lt(sessions.expiresAt, before), limit);
  }

  auditEvents(before: Date, limit: number): number {
    return this.#deleteChunk(auditEvents, lt(auditEvents.createdAt, before), limit);
  }

  /** `delete ... where rowid in (select rowid ... limit n)`: SQLite's DELETE has no LIMIT by default. */
  #deleteChunk(table: SQLiteTable, where: SQL | undefined, limit: number): number {
    const chunk = this.db.select({ rowid: sql`rowid` }).from(table).where(where).limit(limit);
    return this.db.delete(table).where(inArray(sql`rowid`, chunk)).run().changes;
  }
}
