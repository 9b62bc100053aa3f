import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  apis,
  catalogueEntries,
  oauthClientSubscriptions,
  policies,
  policyAccessRights,
} from '../db/schema.js';
import type { Entitlement } from '../oauth/scopes.js';

/**
 * What a client may get tokens for: its active subscriptions → catalogue entry → active policy →
 * the policy's access right for the entry's API → the active oauth2 API. The token endpoint runs this
 * on every request, so it is one prepared statement. The Dashboard reuses it to revoke tokens that a
 * narrowed policy no longer covers.
 */
export class OAuthEntitlementsRepository {
  readonly #entitlements;

  constructor(private readonly db: Db) {
    this.#entitlements = db
      .select({
        apiId: apis.id,
        apiName: apis.name,
        slug: apis.slug,
        listenPath: apis.listenPath,
        scopes: apis.scopes,
        grantTypes: apis.grantTypes,
        accessTokenTtl: apis.accessTokenTtl,
        refreshTokenTtl: apis.refreshTokenTtl,
        policyId: policies.id,
        tokenExpiry: policies.tokenExpiry,
        accessRightScopes: policyAccessRights.allowedScopes,
      })
      .from(oauthClientSubscriptions)
      .innerJoin(catalogueEntries, eq(catalogueEntries.id, oauthClientSubscriptions.catalogueEntryId))
      .innerJoin(policies, and(eq(policies.id, catalogueEntries.policyId), eq(policies.active, true)))
      .innerJoin(
        policyAccessRights,
        and(
          eq(policyAccessRights.policyId, policies.id),
          eq(policyAccessRights.apiId, catalogueEntries.apiId),
        ),
      )
      .innerJoin(
        apis,
        and(eq(apis.id, catalogueEntries.apiId), eq(apis.active, true), eq(apis.authMode, 'oauth2')),
      )
      .where(
        and(
          eq(oauthClientSubscriptions.clientId, sql.placeholder('clientRowId')),
          eq(oauthClientSubscriptions.status, 'active'),
        ),
      )
      .orderBy(asc(oauthClientSubscriptions.createdAt), asc(apis.name))
      .prepare();
  }

  /** Active subscriptions to active oauth2 APIs through active policies that grant the entry's API. */
  entitlements(clientRowId: string): Entitlement[] {
    return this.#entitlements.all({ clientRowId }).map((row) => ({
      api: {
        id: row.apiId,
        name: row.apiName,
        slug: row.slug,
        listenPath: row.listenPath,
        scopes: row.scopes,
        grantTypes: row.grantTypes,
        accessTokenTtl: row.accessTokenTtl,
        refreshTokenTtl: row.refreshTokenTtl,
      },
      policy: { id: row.policyId, tokenExpiry: row.tokenExpiry },
      accessRightScopes: row.accessRightScopes,
    }));
  }

  /** Every scope the active oauth2 APIs define (RFC 8414 `scopes_supported`). */
  allScopes(): string[] {
    // Only APIs the public catalogue offers: RFC 8414 §2 lets a server leave scopes out, and those of
    // APIs published through hidden entries only are nobody else's business.
    const rows = this.db
      .selectDistinct({ id: apis.id, scopes: apis.scopes })
      .from(apis)
      .innerJoin(catalogueEntries, eq(catalogueEntries.apiId, apis.id))
      .where(
        and(eq(apis.active, true), eq(apis.authMode, 'oauth2'), eq(catalogueEntries.visibility, 'public')),
      )
      .all();
    return [...new Set(rows.flatMap((row) => row.scopes.map((scope) => scope.name)))].sort();
  }
}
