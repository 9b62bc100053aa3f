import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apis, catalogueEntries, oauthClientSubscriptions, oauthClients, policies } from '../db/schema.js';
import { containsText, foldedOrder } from '../db/search.js';

export type CatalogueEntryRow = typeof catalogueEntries.$inferSelect;

export interface CatalogueEntryRecord extends CatalogueEntryRow {
  api: { id: string; name: string; authMode: 'oauth2' | 'auth_token' | 'keyless' };
  policy: { id: string; name: string };
  clientCount: number;
}

export interface CatalogueEntryValues {
  apiId: string;
  policyId: string;
  name: string;
  shortDescription: string;
  longDescription: string;
  visibility: 'public' | 'hidden';
  approval: 'auto' | 'manual';
  maxClientsPerDeveloper: number | null;
}

export type CatalogueSort = 'name' | 'visibility' | 'createdAt' | 'updatedAt';

export interface CatalogueListFilter {
  page: number;
  pageSize: number;
  q?: string | undefined;
  visibility?: 'public' | 'hidden' | undefined;
  apiId?: string | undefined;
  policyId?: string | undefined;
  sort: CatalogueSort;
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = {
  name: foldedOrder(catalogueEntries.name),
  visibility: catalogueEntries.visibility,
  createdAt: catalogueEntries.createdAt,
  updatedAt: catalogueEntries.updatedAt,
} as const;

/** Admin CRUD for catalogue entries. The portal reads the catalogue through `portal-catalogue.ts`. */
export class CatalogueRepository {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .select({
        entry: catalogueEntries,
        api: { id: apis.id, name: apis.name, authMode: apis.authMode },
        policy: { id: policies.id, name: policies.name },
      })
      .from(catalogueEntries)
      .innerJoin(apis, eq(apis.id, catalogueEntries.apiId))
      .innerJoin(policies, eq(policies.id, catalogueEntries.policyId));
  }

  private withCounts(
    rows: {
      entry: CatalogueEntryRow;
      api: CatalogueEntryRecord['api'];
      policy: CatalogueEntryRecord['policy'];
    }[],
  ): CatalogueEntryRecord[] {
    if (rows.length === 0) return [];
    const counts = new Map(
      this.db
        .select({ entryId: oauthClientSubscriptions.catalogueEntryId, value: count() })
        .from(oauthClientSubscriptions)
        .innerJoin(oauthClients, eq(oauthClients.id, oauthClientSubscriptions.clientId))
        .where(
          and(
            inArray(
              oauthClientSubscriptions.catalogueEntryId,
              rows.map((row) => row.entry.id),
            ),
            isNull(oauthClients.deletedAt),
          ),
        )
        .groupBy(oauthClientSubscriptions.catalogueEntryId)
        .all()
        .map((row) => [row.entryId, row.value]),
    );
    return rows.map(({ entry, api, policy }) => ({
      ...entry,
      api,
      policy,
      clientCount: counts.get(entry.id) ?? 0,
    }));
  }

  list(filter: CatalogueListFilter): { items: CatalogueEntryRecord[]; total: number } {
    const conditions: SQL[] = [];
    if (filter.q) {
      const search = or(
        containsText(catalogueEntries.name, filter.q),
        containsText(catalogueEntries.shortDescription, filter.q),
      );
      if (search) conditions.push(search);
    }
    if (filter.visibility) conditions.push(eq(catalogueEntries.visibility, filter.visibility));
    if (filter.apiId) conditions.push(eq(catalogueEntries.apiId, filter.apiId));
    if (filter.policyId) conditions.push(eq(catalogueEntries.policyId, filter.policyId));
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const direction = filter.order === 'desc' ? desc : asc;
    const rows = this.select()
      .where(where)
      .orderBy(direction(SORT_COLUMNS[filter.sort]), direction(catalogueEntries.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total = this.db.select({ value: count() }).from(catalogueEntries).where(where).get()?.value ?? 0;
    return { items: this.withCounts(rows), total };
  }

  findById(id: string): CatalogueEntryRecord | undefined {
    const row = this.select().where(eq(catalogueEntries.id, id)).get();
    return row ? this.withCounts([row])[0] : undefined;
  }

  create(values: CatalogueEntryValues): string {
    const id = randomUUID();
    const now = new Date();
    this.db
      .insert(catalogueEntries)
      .values({ id, ...values, createdAt: now, updatedAt: now })
      .run();
    return id;
  }

  update(id: string, values: Partial<CatalogueEntryValues>): void {
    this.db
      .update(catalogueEntries)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(catalogueEntries.id, id))
      .run();
  }

  /** Removes the entry; subscriptions to it go with it (foreign key cascade). */
  delete(id: string): void {
    this.db.delete(catalogueEntries).where(eq(catalogueEntries.id, id)).run();
  }

  count(): number {
    return this.db.select({ value: count() }).from(catalogueEntries).get()?.value ?? 0;
  }
}
