import type { UsageRange } from '@portico/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PorticoClient } from '../client.js';
import { clientKeys } from './clients.js';
import { usePorticoClient } from './provider.js';

/** Usage charts refresh on their own while open, so new traffic shows without a reload. */
const REFRESH_MS = 30_000;

/**
 * Query keys of `client.usage`. A client's usage lives under `clientKeys.detail(id)` so refreshing a
 * client (or "Try it", which sends traffic) refreshes its chart too.
 */
export const usageKeys = {
  all: ['usage'] as const,
  client: (clientId: string, range: UsageRange) => [...clientKeys.detail(clientId), 'usage', range] as const,
  clientAll: (clientId: string) => [...clientKeys.detail(clientId), 'usage'] as const,
  api: (apiId: string, range: UsageRange) => [...usageKeys.all, 'api', apiId, range] as const,
  developer: (userId: string, range: UsageRange) => [...usageKeys.all, 'developer', userId, range] as const,
};

export const clientUsageQueryOptions = (client: PorticoClient, clientId: string, range: UsageRange) =>
  queryOptions({
    queryKey: usageKeys.client(clientId, range),
    queryFn: () => client.usage.client(clientId, range),
    refetchInterval: REFRESH_MS,
  });

export const apiUsageQueryOptions = (client: PorticoClient, apiId: string, range: UsageRange) =>
  queryOptions({
    queryKey: usageKeys.api(apiId, range),
    queryFn: () => client.usage.api(apiId, range),
    refetchInterval: REFRESH_MS,
  });

export const developerUsageQueryOptions = (client: PorticoClient, userId: string, range: UsageRange) =>
  queryOptions({
    queryKey: usageKeys.developer(userId, range),
    queryFn: () => client.usage.developer(userId, range),
    refetchInterval: REFRESH_MS,
  });

/** Usage of one of the signed-in developer's clients. */
export function useClientUsage(clientId: string, range: UsageRange = '24h') {
  return useQuery(clientUsageQueryOptions(usePorticoClient(), clientId, range));
}

/** Usage of one API (admin). */
export function useApiUsage(apiId: string, range: UsageRange = '24h') {
  return useQuery(apiUsageQueryOptions(usePorticoClient(), apiId, range));
}

/** Usage of one developer's clients (admin). */
export function useDeveloperUsage(userId: string, range: UsageRange = '24h') {
  return useQuery(developerUsageQueryOptions(usePorticoClient(), userId, range));
}
