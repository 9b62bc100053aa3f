import { and, asc, count, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { oauthClients, type UserRow, type UserStatus, users } from '../db/schema.js';
import { containsText, foldedOrder } from '../db/search.js';

export interface DeveloperRecord extends UserRow {
  clientCount: number;
}

export type DeveloperSort = 'name' | 'email' | 'createdAt' | 'lastLoginAt';

export interface DeveloperListFilter {
  page: number;
  pageSize: number;
  q?: string | undefined;
  status?: UserStatus | undefined;
  sort: DeveloperSort;
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = {
  name: foldedOrder(users.name),
  email: users.email,
  createdAt: users.createdAt,
  // Never-signed-in developers sort as the oldest logins.
  lastLoginAt: sql`coalesce(${users.lastLoginAt}, 0)`,
} as const;

/** Developer accounts (role `developer`) for the Dashboard. Accounts themselves are created by the auth service. */
export class DevelopersRepository {
  constructor(private readonly db: Db) {}

  /**
   * Runs `fn` in one transaction (nested calls become savepoints), so a change, the revocations it
   * causes and its audit event land together or not at all. IMMEDIATE: `fn` reads what it is about to
   * change, and a deferred transaction would fail with SQLITE_BUSY instead of waiting if another
   * process wrote in between.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn(), { behavior: 'immediate' });
  }

  private withCounts(rows: UserRow[]): DeveloperRecord[] {
    if (rows.length === 0) return [];
    const counts = new Map(
      this.db
        .select({ ownerId: oauthClients.ownerId, value: count() })
        .from(oauthClients)
        .where(
          and(
            inArray(
              oauthClients.ownerId,
              rows.map((row) => row.id),
            ),
            isNull(oauthClients.deletedAt),
          ),
        )
        .groupBy(oauthClients.ownerId)
        .all()
        .map((row) => [row.ownerId, row.value]),
    );
    return rows.map((row) => ({ ...row, clientCount: counts.get(row.id) ?? 0 }));
  }

  list(filter: DeveloperListFilter): { items: DeveloperRecord[]; total: number } {
    const conditions: (SQL | undefined)[] = [eq(users.role, 'developer')];
    if (filter.q) {
      conditions.push(or(containsText(users.email, filter.q), containsText(users.name, filter.q)));
    }
    if (filter.status) conditions.push(eq(users.status, filter.status));
    const where = and(...conditions);
    const direction = filter.order === 'desc' ? desc : asc;
    const rows = this.db
      .select()
      .from(users)
      .where(where)
      .orderBy(direction(SORT_COLUMNS[filter.sort]), direction(users.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total = this.db.select({ value: count() }).from(users).where(where).get()?.value ?? 0;
    return { items: this.withCounts(rows), total };
  }

  /** A developer account; admins are not managed here (404 for their ids). */
  findById(id: string): DeveloperRecord | undefined {
    const row = this.db
      .select()
      .from(users)
      .where(and(eq(users.id, id), eq(users.role, 'developer')))
      .get();
    return row ? this.withCounts([row])[0] : undefined;
  }

  emailTaken(email: string, exceptId: string): boolean {
    return (
      this.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, email), ne(users.id, exceptId)))
        .get() !== undefined
    );
  }

  update(id: string, values: { email?: string; name?: string; status?: UserStatus }): void {
    this.db
      .update(users)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.role, 'developer')))
      .run();
  }

  count(): number {
    return (
      this.db.select({ value: count() }).from(users).where(eq(users.role, 'developer')).get()?.value ?? 0
    );
  }
}
