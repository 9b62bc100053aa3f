import type {
  PortalCatalogueEntry,
  PortalCatalogueEntryDetail,
  PortalCatalogueList,
  PortalCatalogueQuery,
  PortalPolicyLimits,
  PortalScope,
} from '@portico/contracts';
import { notFound } from '../lib/errors.js';
import type { CatalogueEntryView, PortalCatalogueRepository } from '../repositories/portal-catalogue.js';

/** The limits the gateway enforces for an entry; a token lives no longer than the API or the policy allows. */
export function policyLimits(view: CatalogueEntryView): PortalPolicyLimits {
  return {
    rateLimit: { requests: view.policy.rateLimit, perSeconds: view.policy.rateLimitPer },
    quota:
      view.policy.quotaMax === null
        ? null
        : { max: view.policy.quotaMax, renewalSeconds: view.policy.quotaRenewal },
    tokenLifetimeSeconds: Math.min(view.policy.tokenExpiry, view.api.accessTokenTtl),
  };
}

/** Scopes reachable through the entry: the policy's access right (empty = all), within what the API defines. */
export function entryScopes(view: CatalogueEntryView): PortalScope[] {
  if (view.allowedScopes === null) return [];
  const allowed = view.allowedScopes;
  return view.api.scopes
    .filter((scope) => allowed.length === 0 || allowed.includes(scope.name))
    .map(({ name, description }) => ({ name, description }));
}

export function toPortalEntry(view: CatalogueEntryView): PortalCatalogueEntry {
  return {
    id: view.id,
    name: view.name,
    shortDescription: view.shortDescription,
    api: {
      id: view.api.id,
      name: view.api.name,
      authMode: view.api.authMode,
      listenPath: view.api.listenPath,
      grantTypes: view.api.authMode === 'oauth2' ? view.api.grantTypes : [],
    },
    approval: view.approval,
    maxClientsPerDeveloper: view.maxClientsPerDeveloper,
    limits: policyLimits(view),
    scopes: entryScopes(view),
  };
}

/** The developer-facing catalogue: public entries whose API and policy are active. */
export class PortalCatalogueService {
  constructor(private readonly repo: PortalCatalogueRepository) {}

  list(query: PortalCatalogueQuery): PortalCatalogueList {
    const items = this.repo.listVisible({ q: query.q, authMode: query.authMode }).map(toPortalEntry);
    return { items, total: items.length };
  }

  get(id: string): PortalCatalogueEntryDetail {
    const view = this.repo.findVisible(id);
    if (!view) throw notFound('This API is not in the catalogue.');
    return { ...toPortalEntry(view), longDescription: view.longDescription };
  }
}
