import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, exists, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type AuthMode, apis, catalogueEntries, policies, policyAccessRights } from '../db/schema.js';
import { containsText, foldedOrder } from '../db/search.js';
import type { NamedRef } from './apis.js';

export type PolicyRow = typeof policies.$inferSelect;

export interface AccessRightRecord {
  apiId: string;
  apiName: string;
  authMode: AuthMode;
  allowedScopes: string[];
}

export interface PolicyRecord extends PolicyRow {
  accessRights: AccessRightRecord[];
  catalogueEntryCount: number;
}

export interface PolicyValues {
  name: string;
  rateLimit: number;
  rateLimitPer: number;
  quotaMax: number | null;
  quotaRenewal: number | null;
  tokenExpiry: number;
  active: boolean;
}

export type PolicySort = 'name' | 'rateLimit' | 'createdAt' | 'updatedAt';

export interface PolicyListFilter {
  page: number;
  pageSize: number;
  q?: string | undefined;
  apiId?: string | undefined;
  active?: boolean | undefined;
  sort: PolicySort;
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = {
  name: foldedOrder(policies.name),
  // Requests per second, so "100 per minute" sorts below "10 per second".
  rateLimit: sql`cast(${policies.rateLimit} as real) / ${policies.rateLimitPer}`,
  createdAt: policies.createdAt,
  updatedAt: policies.updatedAt,
} as const;

/** Policies and their access rights (one row per granted API). */
export class PoliciesRepository {
  constructor(private readonly db: Db) {}

  private hydrate(rows: PolicyRow[]): PolicyRecord[] {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const rights = this.db
      .select({
        policyId: policyAccessRights.policyId,
        apiId: apis.id,
        apiName: apis.name,
        authMode: apis.authMode,
        allowedScopes: policyAccessRights.allowedScopes,
      })
      .from(policyAccessRights)
      .innerJoin(apis, eq(apis.id, policyAccessRights.apiId))
      .where(inArray(policyAccessRights.policyId, ids))
      .orderBy(asc(apis.name))
      .all();
    const entryCounts = new Map(
      this.db
        .select({ policyId: catalogueEntries.policyId, value: count() })
        .from(catalogueEntries)
        .where(inArray(catalogueEntries.policyId, ids))
        .groupBy(catalogueEntries.policyId)
        .all()
        .map((row) => [row.policyId, row.value]),
    );
    return rows.map((row) => ({
      ...row,
      accessRights: rights
        .filter((right) => right.policyId === row.id)
        .map(({ apiId, apiName, authMode, allowedScopes }) => ({ apiId, apiName, authMode, allowedScopes })),
      catalogueEntryCount: entryCounts.get(row.id) ?? 0,
    }));
  }

  list(filter: PolicyListFilter): { items: PolicyRecord[]; total: number } {
    const conditions: SQL[] = [];
    if (filter.q) conditions.push(containsText(policies.name, filter.q));
    if (filter.active !== undefined) conditions.push(eq(policies.active, filter.active));
    if (filter.apiId) {
      conditions.push(
        exists(
          this.db
            .select({ one: sql`1` })
            .from(policyAccessRights)
            .where(
              and(eq(policyAccessRights.policyId, policies.id), eq(policyAccessRights.apiId, filter.apiId)),
            ),
        ),
      );
    }
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const direction = filter.order === 'desc' ? desc : asc;
    const rows = this.db
      .select()
      .from(policies)
      .where(where)
      .orderBy(direction(SORT_COLUMNS[filter.sort]), direction(policies.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total = this.db.select({ value: count() }).from(policies).where(where).get()?.value ?? 0;
    return { items: this.hydrate(rows), total };
  }

  findById(id: string): PolicyRecord | undefined {
    const row = this.db.select().from(policies).where(eq(policies.id, id)).get();
    return row ? this.hydrate([row])[0] : undefined;
  }

  create(values: PolicyValues, rights: readonly { apiId: string; allowedScopes: string[] }[]): string {
    const id = randomUUID();
    const now = new Date();
    this.db.transaction((tx) => {
      tx.insert(policies)
        .values({ id, ...values, createdAt: now, updatedAt: now })
        .run();
      if (rights.length > 0) {
        tx.insert(policyAccessRights)
          .values(rights.map((right) => ({ policyId: id, ...right })))
          .run();
      }
    });
    return id;
  }

  /** Updates the policy; `rights`, when given, replaces the whole access-rights list. */
  update(
    id: string,
    values: Partial<PolicyValues>,
    rights?: readonly { apiId: string; allowedScopes: string[] }[],
  ): void {
    this.db.transaction((tx) => {
      tx.update(policies)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(policies.id, id))
        .run();
      if (rights) {
        tx.delete(policyAccessRights).where(eq(policyAccessRights.policyId, id)).run();
        if (rights.length > 0) {
          tx.insert(policyAccessRights)
            .values(rights.map((right) => ({ policyId: id, ...right })))
            .run();
        }
      }
    });
  }

  delete(id: string): void {
    this.db.delete(policies).where(eq(policies.id, id)).run();
  }

  /** Catalogue entries using the policy (they block its deletion). */
  catalogueEntriesFor(policyId: string): (NamedRef & { apiId: string })[] {
    return this.db
      .select({ id: catalogueEntries.id, name: catalogueEntries.name, apiId: catalogueEntries.apiId })
      .from(catalogueEntries)
      .where(eq(catalogueEntries.policyId, policyId))
      .orderBy(asc(catalogueEntries.name))
      .all();
  }

  /** Does the policy grant the API? (A catalogue entry's policy must.) */
  grantsApi(policyId: string, apiId: string): boolean {
    return (
      this.db
        .select({ apiId: policyAccessRights.apiId })
        .from(policyAccessRights)
        .where(and(eq(policyAccessRights.policyId, policyId), eq(policyAccessRights.apiId, apiId)))
        .get() !== undefined
    );
  }

  count(): number {
    return this.db.select({ value: count() }).from(policies).get()?.value ?? 0;
  }
}
