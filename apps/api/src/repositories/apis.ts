import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  type AppType,
  type AuthMode,
  apis,
  catalogueEntries,
  consents,
  type GrantType,
  grants,
  oauthClientSubscriptions,
  oauthClients,
  policies,
  policyAccessRights,
  refreshTokens,
  type ScopeDefinition,
} from '../db/schema.js';
import { containsText, foldedOrder } from '../db/search.js';

export type ApiRow = typeof apis.$inferSelect;

export interface ApiValues {
  name: string;
  slug: string;
  listenPath: string;
  upstreamUrl: string;
  authMode: AuthMode;
  active: boolean;
  grantTypes: GrantType[];
  scopes: ScopeDefinition[];
  accessTokenTtl: number;
  refreshTokenTtl: number;
}

export type ApiSort = 'name' | 'slug' | 'listenPath' | 'authMode' | 'createdAt' | 'updatedAt';

export interface ApiListFilter {
  page: number;
  pageSize: number;
  q?: string | undefined;
  authMode?: AuthMode | undefined;
  sort: ApiSort;
  order: 'asc' | 'desc';
}

export interface NamedRef {
  id: string;
  name: string;
}

/** Escapes LIKE wildcards so a search for `a_b` matches literally. */
const SORT_COLUMNS = {
  name: foldedOrder(apis.name),
  slug: apis.slug,
  listenPath: apis.listenPath,
  authMode: apis.authMode,
  createdAt: apis.createdAt,
  updatedAt: apis.updatedAt,
} as const;

/** API definitions for the Dashboard (admin CRUD). The gateway and OAuth server read APIs elsewhere. */
export class ApisRepository {
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

  /**
   * Forgets scopes an API no longer defines in what users consented to and what grants authorized on
   * it. Otherwise a scope of the same name defined again later, perhaps for something else entirely,
   * would count as consented (no consent screen) and be carried on by earlier refresh tokens.
   * - Consents and grants with scope–API pairs lose the scopes on this API; their flat lists become
   *   the pairs' union (a scope another API still has stays).
   * - Grants without pairs (made before migration 0006) lose the scopes no other API of theirs defines.
   * - The grants' refresh tokens keep only what their grant still holds.
   */
  forgetScopes(apiId: string, removed: readonly string[]): void {
    const onThisApi = (apiScopes: Record<string, string[]> | null) => apiScopes?.[apiId] ?? [];
    const withoutRemoved = (apiScopes: Record<string, string[]>) => ({
      ...apiScopes,
      [apiId]: onThisApi(apiScopes).filter((scope) => !removed.includes(scope)),
    });

    const consentRows = this.db
      .select({ id: consents.id, apiScopes: consents.apiScopes })
      .from(consents)
      .where(sql`json_type(${consents.apiScopes}, ${`$."${apiId}"`}) is not null`)
      .all();
    for (const { id, apiScopes } of consentRows) {
      if (apiScopes === null || !onThisApi(apiScopes).some((scope) => removed.includes(scope))) continue;
      const kept = withoutRemoved(apiScopes);
      const scopes = [...new Set(Object.values(kept).flat())];
      this.db.update(consents).set({ apiScopes: kept, scopes }).where(eq(consents.id, id)).run();
    }

    const grantRows = this.db
      .select({ id: grants.id, scopes: grants.scopes, apiIds: grants.apiIds, apiScopes: grants.apiScopes })
      .from(grants)
      .where(sql`exists (select 1 from json_each(${grants.apiIds}) where value = ${apiId})`)
      .all();
    for (const grant of grantRows) {
      let held: Set<string>;
      let apiScopes = grant.apiScopes;
      if (apiScopes !== null) {
        apiScopes = withoutRemoved(apiScopes);
        held = new Set(Object.values(apiScopes).flat());
      } else {
        const others = grant.apiIds.filter((id) => id !== apiId);
        const elsewhere = new Set(
          others.length === 0
            ? []
            : this.db
                .select({ scopes: apis.scopes })
                .from(apis)
                .where(inArray(apis.id, others))
                .all()
                .flatMap((row) => row.scopes.map((scope) => scope.name)),
        );
        held = new Set(grant.scopes.filter((scope) => !removed.includes(scope) || elsewhere.has(scope)));
      }
      const scopes = grant.scopes.filter((scope) => held.has(scope));
      if (scopes.length === grant.scopes.length && apiScopes === grant.apiScopes) continue;
      this.db.update(grants).set({ scopes, apiScopes }).where(eq(grants.id, grant.id)).run();
      const tokens = this.db
        .select({ id: refreshTokens.id, scopes: refreshTokens.scopes })
        .from(refreshTokens)
        .where(eq(refreshTokens.grantId, grant.id))
        .all();
      for (const token of tokens) {
        const kept = token.scopes.filter((scope) => held.has(scope));
        if (kept.length === token.scopes.length) continue;
        this.db.update(refreshTokens).set({ scopes: kept }).where(eq(refreshTokens.id, token.id)).run();
      }
    }
  }

  list(filter: ApiListFilter): { items: ApiRow[]; total: number } {
    const conditions: SQL[] = [];
    if (filter.q) {
      const search = or(
        containsText(apis.name, filter.q),
        containsText(apis.slug, filter.q),
        containsText(apis.listenPath, filter.q),
      );
      if (search) conditions.push(search);
    }
    if (filter.authMode) conditions.push(eq(apis.authMode, filter.authMode));
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const direction = filter.order === 'desc' ? desc : asc;
    const items = this.db
      .select()
      .from(apis)
      .where(where)
      // The id breaks ties so pages never overlap or skip rows.
      .orderBy(direction(SORT_COLUMNS[filter.sort]), direction(apis.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total = this.db.select({ value: count() }).from(apis).where(where).get()?.value ?? 0;
    return { items, total };
  }

  findById(id: string): ApiRow | undefined {
    return this.db.select().from(apis).where(eq(apis.id, id)).get();
  }

  findByIds(ids: readonly string[]): ApiRow[] {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(apis)
      .where(inArray(apis.id, [...ids]))
      .all();
  }

  /** Which unique fields another API already uses (`exceptId` skips the API being edited). */
  /** Every API's listen path and auth mode, but `exceptId`'s (which listen paths nest in which). */
  listenPaths(exceptId?: string): (NamedRef & { listenPath: string; authMode: AuthMode })[] {
    return this.db
      .select({ id: apis.id, name: apis.name, listenPath: apis.listenPath, authMode: apis.authMode })
      .from(apis)
      .where(exceptId ? ne(apis.id, exceptId) : undefined)
      .all();
  }

  takenFields(
    values: { slug: string; listenPath: string },
    exceptId?: string,
  ): { slug: boolean; listenPath: boolean } {
    const others = exceptId ? ne(apis.id, exceptId) : undefined;
    const slug = this.db
      .select({ id: apis.id })
      .from(apis)
      .where(and(eq(apis.slug, values.slug), others))
      .get();
    const listenPath = this.db
      .select({ id: apis.id })
      .from(apis)
      .where(and(eq(apis.listenPath, values.listenPath), others))
      .get();
    return { slug: slug !== undefined, listenPath: listenPath !== undefined };
  }

  create(values: ApiValues): ApiRow {
    const now = new Date();
    return this.db
      .insert(apis)
      .values({ id: randomUUID(), ...values, createdAt: now, updatedAt: now })
      .returning()
      .get();
  }

  update(id: string, values: Partial<ApiValues>): ApiRow | undefined {
    return this.db
      .update(apis)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(apis.id, id))
      .returning()
      .get();
  }

  /** Catalogue entries that publish the API. */
  catalogueEntriesFor(apiId: string): NamedRef[] {
    return this.db
      .select({ id: catalogueEntries.id, name: catalogueEntries.name })
      .from(catalogueEntries)
      .where(eq(catalogueEntries.apiId, apiId))
      .orderBy(asc(catalogueEntries.name))
      .all();
  }

  /** Policies with an access right to the API, with the scopes each one lists explicitly. */
  policiesFor(apiId: string): (NamedRef & { allowedScopes: string[] })[] {
    return this.db
      .select({ id: policies.id, name: policies.name, allowedScopes: policyAccessRights.allowedScopes })
      .from(policyAccessRights)
      .innerJoin(policies, eq(policies.id, policyAccessRights.policyId))
      .where(eq(policyAccessRights.apiId, apiId))
      .orderBy(asc(policies.name))
      .all();
  }

  /** Clients (not deleted) subscribed to a catalogue entry that publishes the API. */
  clientsFor(apiId: string): NamedRef[] {
    return this.db
      .selectDistinct({ id: oauthClients.id, name: oauthClients.name })
      .from(oauthClientSubscriptions)
      .innerJoin(catalogueEntries, eq(catalogueEntries.id, oauthClientSubscriptions.catalogueEntryId))
      .innerJoin(oauthClients, eq(oauthClients.id, oauthClientSubscriptions.clientId))
      .where(and(eq(catalogueEntries.apiId, apiId), isNull(oauthClients.deletedAt)))
      .orderBy(asc(oauthClients.name))
      .all();
  }

  /** The set-up clients (not drafts, not deleted) subscribed to the API, with their app types. */
  setUpClientsFor(apiId: string): (NamedRef & { appType: AppType })[] {
    return this.db
      .selectDistinct({ id: oauthClients.id, name: oauthClients.name, appType: oauthClients.appType })
      .from(oauthClientSubscriptions)
      .innerJoin(catalogueEntries, eq(catalogueEntries.id, oauthClientSubscriptions.catalogueEntryId))
      .innerJoin(oauthClients, eq(oauthClients.id, oauthClientSubscriptions.clientId))
      .where(
        and(
          eq(catalogueEntries.apiId, apiId),
          isNull(oauthClients.deletedAt),
          ne(oauthClients.status, 'draft'),
        ),
      )
      .orderBy(asc(oauthClients.name))
      .all();
  }

  /**
   * Deletes the API and, when asked to cascade, what hangs on it: subscriptions to its catalogue
   * entries, the entries themselves and the policies' access rights to it (the foreign keys would
   * refuse the entries otherwise). One transaction: either everything goes or nothing does.
   */
  delete(apiId: string): void {
    this.db.transaction((tx) => {
      const entryIds = tx
        .select({ id: catalogueEntries.id })
        .from(catalogueEntries)
        .where(eq(catalogueEntries.apiId, apiId))
        .all()
        .map((row) => row.id);
      if (entryIds.length > 0) {
        tx.delete(oauthClientSubscriptions)
          .where(inArray(oauthClientSubscriptions.catalogueEntryId, entryIds))
          .run();
        tx.delete(catalogueEntries).where(inArray(catalogueEntries.id, entryIds)).run();
      }
      tx.delete(policyAccessRights).where(eq(policyAccessRights.apiId, apiId)).run();
      tx.delete(apis).where(eq(apis.id, apiId)).run();
    });
  }

  /** Policies left without any access right (after a cascade), so the service can deactivate them. */
  policiesWithoutRights(policyIds: readonly string[]): string[] {
    if (policyIds.length === 0) return [];
    const withRights = new Set(
      this.db
        .selectDistinct({ id: policyAccessRights.policyId })
        .from(policyAccessRights)
        .where(inArray(policyAccessRights.policyId, [...policyIds]))
        .all()
        .map((row) => row.id),
    );
    return policyIds.filter((id) => !withRights.has(id));
  }

  deactivatePolicies(policyIds: readonly string[]): void {
    if (policyIds.length === 0) return;
    this.db
      .update(policies)
      .set({ active: false, updatedAt: new Date() })
      .where(inArray(policies.id, [...policyIds]))
      .run();
  }

  count(): number {
    return this.db.select({ value: count() }).from(apis).get()?.value ?? 0;
  }
}
