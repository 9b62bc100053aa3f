import type { PortalCatalogueQuery } from '@portico/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { PorticoClient } from '../client.js';
import { usePorticoClient } from './provider.js';

/** Query keys of `client.catalogue` (the developer-facing catalogue). */
export const catalogueKeys = {
  all: ['catalogue'] as const,
  list: (query: PortalCatalogueQuery = {}) => [...catalogueKeys.all, 'list', query] as const,
  detail: (id: string) => [...catalogueKeys.all, 'detail', id] as const,
};

export const catalogueQueryOptions = (client: PorticoClient, query: PortalCatalogueQuery = {}) =>
  queryOptions({
    queryKey: catalogueKeys.list(query),
    queryFn: () => client.catalogue.list(query),
    // Keep showing the previous results while a new search loads, so the list does not jump.
    placeholderData: keepPreviousData,
  });

export const catalogueEntryQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: catalogueKeys.detail(id), queryFn: () => client.catalogue.get(id) });

/** Public catalogue entries; pass `{ authMode: 'oauth2' }` for the ones an OAuth client can use. */
export function useCatalogue(query: PortalCatalogueQuery = {}) {
  return useQuery(catalogueQueryOptions(usePorticoClient(), query));
}

export function useCatalogueEntry(id: string) {
  return useQuery(catalogueEntryQueryOptions(usePorticoClient(), id));
}
