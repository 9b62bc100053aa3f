import { and, asc, count, desc, eq, exists, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  catalogueEntries,
  oauthClientSubscriptions,
  oauthClients,
  type SubscriptionStatus,
  users,
} from '../db/schema.js';
import { type ClientRow, liveClientRow, liveClientRowsOwnedBy, redirectUrisOf } from './clients.js';

export type { ClientRow };

/** A client as the Dashboard shows it: owner, subscriptions (with the entries' approval mode), redirect URIs. */
export interface AdminClientRecord extends ClientRow {
  owner: { id: string; email: string; name: string };
  subscriptions: {
    catalogueEntryId: string;
    name: string;
    approval: 'auto' | 'manual';
    status: SubscriptionStatus;
  }[];
  redirectUris: string[];
}

/**
 * The approvals queue (clients `pending` on a `manual` catalogue entry) and the admin's view of clients.
 * Deleted clients never appear.
 */
export class ApprovalsRepository {
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

  /** Loads clients with everything the Dashboard shows, keeping the order of `rows`. */
  hydrate(rows: ClientRow[]): AdminClientRecord[] {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const owners = new Map(
      this.db
        .select({ id: users.id, email: users.email, name: users.name })
        .from(users)
        .where(
          inArray(
            users.id,
            rows.map((row) => row.ownerId),
          ),
        )
        .all()
        .map((owner) => [owner.id, owner]),
    );
    const subscriptions = this.db
      .select({
        clientId: oauthClientSubscriptions.clientId,
        catalogueEntryId: oauthClientSubscriptions.catalogueEntryId,
        name: catalogueEntries.name,
        approval: catalogueEntries.approval,
        status: oauthClientSubscriptions.status,
      })
      .from(oauthClientSubscriptions)
      .innerJoin(catalogueEntries, eq(catalogueEntries.id, oauthClientSubscriptions.catalogueEntryId))
      .where(inArray(oauthClientSubscriptions.clientId, ids))
      .orderBy(asc(catalogueEntries.name))
      .all();
    const uris = redirectUrisOf(this.db, ids);
    return rows.map((row) => ({
      ...row,
      owner: owners.get(row.ownerId) ?? { id: row.ownerId, email: '', name: '' },
      subscriptions: subscriptions
        .filter((s) => s.clientId === row.id)
        .map(({ catalogueEntryId, name, approval, status }) => ({
          catalogueEntryId,
          name,
          approval,
          status,
        })),
      redirectUris: uris(row.id),
    }));
  }

  /**
   * Clients waiting on an administrator: pending clients (created with a `manual` entry) and active
   * clients that added a `manual` entry later (that subscription alone is pending).
   */
  private waiting() {
    return and(
      isNull(oauthClients.deletedAt),
      ne(oauthClients.status, 'draft'),
      or(
        eq(oauthClients.status, 'pending'),
        exists(
          this.db
            .select({ one: sql`1` })
            .from(oauthClientSubscriptions)
            .where(
              and(
                eq(oauthClientSubscriptions.clientId, oauthClients.id),
                eq(oauthClientSubscriptions.status, 'pending'),
              ),
            ),
        ),
      ),
    );
  }

  listPending(filter: { page: number; pageSize: number; order: 'asc' | 'desc' }): {
    items: AdminClientRecord[];
    total: number;
  } {
    const where = this.waiting();
    // Oldest first by default: a queue is worked from the front.
    const direction = filter.order === 'desc' ? desc : asc;
    const rows = this.db
      .select()
      .from(oauthClients)
      .where(where)
      .orderBy(direction(oauthClients.updatedAt), direction(oauthClients.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total = this.db.select({ value: count() }).from(oauthClients).where(where).get()?.value ?? 0;
    return { items: this.hydrate(rows), total };
  }

  countPending(): number {
    return this.db.select({ value: count() }).from(oauthClients).where(this.waiting()).get()?.value ?? 0;
  }

  findClient(id: string): AdminClientRecord | undefined {
    const row = liveClientRow(this.db, id);
    return row ? this.hydrate([row])[0] : undefined;
  }

  clientsOwnedBy(ownerId: string): AdminClientRecord[] {
    return this.hydrate(liveClientRowsOwnedBy(this.db, ownerId));
  }

  /**
   * Decides a waiting client in one transaction: its pending subscriptions follow the decision
   * (approve → active, reject → rejected) and a pending client becomes active or rejected; an active
   * client that only had a later `manual` entry pending stays active. `rejectionReason` is what the
   * developer sees. Only what is still pending changes, so two admins deciding at once cannot both win;
   * returns false when nothing was waiting any more.
   */
  decide(id: string, decision: { approve: boolean; rejectionReason: string | null }): boolean {
    return this.db.transaction((tx) => {
      const now = new Date();
      const subscriptions = tx
        .update(oauthClientSubscriptions)
        .set({ status: decision.approve ? 'active' : 'rejected', updatedAt: now })
        .where(and(eq(oauthClientSubscriptions.clientId, id), eq(oauthClientSubscriptions.status, 'pending')))
        .run().changes;
      const client = tx
        .update(oauthClients)
        .set({
          status: decision.approve ? 'active' : 'rejected',
          rejectionReason: decision.rejectionReason,
          updatedAt: now,
        })
        .where(
          and(eq(oauthClients.id, id), eq(oauthClients.status, 'pending'), isNull(oauthClients.deletedAt)),
        )
        .run().changes;
      if (client === 0 && subscriptions > 0) {
        tx.update(oauthClients)
          .set({ rejectionReason: decision.rejectionReason, updatedAt: now })
          .where(eq(oauthClients.id, id))
          .run();
      }
      return client + subscriptions > 0;
    });
  }

  countClients(): number {
    return (
      this.db.select({ value: count() }).from(oauthClients).where(isNull(oauthClients.deletedAt)).get()
        ?.value ?? 0
    );
  }
}
