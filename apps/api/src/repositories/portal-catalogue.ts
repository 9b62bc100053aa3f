import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type AuthMode, apis, catalogueEntries, policies, policyAccessRights } from '../db/schema.js';
import { containsText } from '../db/search.js';

/**
 * Read-only catalogue queries for the developer portal and the OAuth client wizard. The admin CRUD
 * lives in `catalogue.ts`; nothing here writes.
 */

/** Escapes LIKE wildcards so a search for `a_b` matches literally. */

const entryColumns = {
  id: catalogueEntries.id,
  name: catalogueEntries.name,
  shortDescription: catalogueEntries.shortDescription,
  longDescription: catalogueEntries.longDescription,
  visibility: catalogueEntries.visibility,
  approval: catalogueEntries.approval,
  maxClientsPerDeveloper: catalogueEntries.maxClientsPerDeveloper,
  api: {
    id: apis.id,
    name: apis.name,
    authMode: apis.authMode,
    listenPath: apis.listenPath,
    grantTypes: apis.grantTypes,
    scopes: apis.scopes,
    active: apis.active,
    accessTokenTtl: apis.accessTokenTtl,
  },
  policy: {
    id: policies.id,
    rateLimit: policies.rateLimit,
    rateLimitPer: policies.rateLimitPer,
    quotaMax: policies.quotaMax,
    quotaRenewal: policies.quotaRenewal,
    tokenExpiry: policies.tokenExpiry,
    active: policies.active,
  },
  /** `null` when the policy does not grant the entry's API (the admin side refuses that, but be defensive). */
  allowedScopes: policyAccessRights.allowedScopes,
};

export interface CatalogueEntryView {
  id: string;
  name: string;
  shortDescription: string;
  longDescription: string;
  visibility: 'public' | 'hidden';
  approval: 'auto' | 'manual';
  maxClientsPerDeveloper: number | null;
  api: {
    id: string;
    name: string;
    authMode: AuthMode;
    listenPath: string;
    grantTypes: ('authorization_code' | 'client_credentials' | 'refresh_token')[];
    scopes: { name: string; description: string }[];
    active: boolean;
    accessTokenTtl: number;
  };
  policy: {
    id: string;
    rateLimit: number;
    rateLimitPer: number;
    quotaMax: number | null;
    quotaRenewal: number | null;
    tokenExpiry: number;
    active: boolean;
  };
  allowedScopes: string[] | null;
}

export interface PortalCatalogueFilter {
  q?: string | undefined;
  authMode?: AuthMode | undefined;
}

export class PortalCatalogueRepository {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .select(entryColumns)
      .from(catalogueEntries)
      .innerJoin(apis, eq(apis.id, catalogueEntries.apiId))
      .innerJoin(policies, eq(policies.id, catalogueEntries.policyId))
      .leftJoin(
        policyAccessRights,
        and(eq(policyAccessRights.policyId, policies.id), eq(policyAccessRights.apiId, apis.id)),
      );
  }

  /** Conditions under which developers see an entry: published, and its API and policy switched on. */
  private static visible(): SQL {
    return and(
      eq(catalogueEntries.visibility, 'public'),
      eq(apis.active, true),
      eq(policies.active, true),
    ) as SQL;
  }

  listVisible(filter: PortalCatalogueFilter): CatalogueEntryView[] {
    const conditions: SQL[] = [PortalCatalogueRepository.visible()];
    if (filter.authMode) conditions.push(eq(apis.authMode, filter.authMode));
    const q = filter.q?.trim();
    if (q) {
      const search = or(
        containsText(catalogueEntries.name, q),
        containsText(catalogueEntries.shortDescription, q),
        containsText(apis.name, q),
      );
      if (search) conditions.push(search);
    }
    return this.select()
      .where(and(...conditions))
      .orderBy(asc(catalogueEntries.name), asc(catalogueEntries.id))
      .all();
  }

  findVisible(id: string): CatalogueEntryView | undefined {
    return this.select()
      .where(and(eq(catalogueEntries.id, id), PortalCatalogueRepository.visible()))
      .get();
  }

  /** Entries by id whatever their visibility: a client keeps showing an entry that was hidden later. */
  findByIds(ids: readonly string[]): CatalogueEntryView[] {
    if (ids.length === 0) return [];
    return this.select()
      .where(inArray(catalogueEntries.id, [...ids]))
      .all();
  }
}
