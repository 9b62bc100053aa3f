import type { CompleteClientBody, GracePeriod, OAuthClient, UpdateClientBody } from '@portico/contracts';
import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PorticoClient } from '../client.js';
import { usePorticoClient } from './provider.js';

/**
 * Query keys of `client.clients`. Everything about one client lives under `clientKeys.detail(id)`,
 * so invalidating that prefix refreshes the client, its secrets and its tokens together; features
 * that add per-client queries (e.g. a token list) should key them under it too.
 */
export const clientKeys = {
  all: ['clients'] as const,
  list: () => [...clientKeys.all, 'list'] as const,
  detail: (id: string) => [...clientKeys.all, 'detail', id] as const,
  secrets: (id: string) => [...clientKeys.detail(id), 'secrets'] as const,
  tokenSummary: (id: string) => [...clientKeys.detail(id), 'tokens', 'summary'] as const,
};

export const clientsQueryOptions = (client: PorticoClient) =>
  queryOptions({ queryKey: clientKeys.list(), queryFn: () => client.clients.list() });

export const clientQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: clientKeys.detail(id), queryFn: () => client.clients.get(id) });

export const clientSecretsQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: clientKeys.secrets(id), queryFn: () => client.clients.listSecrets(id) });

export const clientTokenSummaryQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: clientKeys.tokenSummary(id), queryFn: () => client.clients.tokenSummary(id) });

/** The signed-in developer's OAuth clients. */
export function useClients() {
  return useQuery(clientsQueryOptions(usePorticoClient()));
}

/** One client (`enabled` only with an id, so a wizard can call it before the draft exists). */
export function useClient(id: string | undefined) {
  const client = usePorticoClient();
  return useQuery({ ...clientQueryOptions(client, id ?? ''), enabled: id !== undefined && id !== '' });
}

export function useClientSecrets(id: string) {
  return useQuery(clientSecretsQueryOptions(usePorticoClient(), id));
}

export function useClientTokenSummary(id: string) {
  return useQuery(clientTokenSummaryQueryOptions(usePorticoClient(), id));
}

/** Stores a fresh client in the cache and marks the list stale. */
function storeClient(queryClient: QueryClient, value: OAuthClient) {
  queryClient.setQueryData(clientKeys.detail(value.id), value);
  return queryClient.invalidateQueries({ queryKey: clientKeys.list() });
}

/** Refreshes everything about one client (detail, secrets, tokens) and the list. */
function refreshClient(queryClient: QueryClient, id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: clientKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: clientKeys.list() }),
  ]);
}

/** Step "Select APIs": `mutate({ catalogueEntryIds })` → the draft. */
export function useCreateClient() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { catalogueEntryIds: string[] }) => client.clients.create(body),
    onSuccess: (created) => storeClient(queryClient, created),
  });
}

export function useUpdateClient() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateClientBody }) => client.clients.update(id, body),
    onSuccess: (updated) => storeClient(queryClient, updated),
  });
}

/**
 * Step "Application details". The result holds the client secret: it is returned to the caller and
 * never written to the query cache. The mutation cache keeps a mutation's result for as long as a
 * component observes it, then `gcTime`; with `gcTime: 0` it goes as soon as the caller unmounts or
 * calls `reset()` — which the caller should do once it has the secret.
 */
export function useCompleteClient() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CompleteClientBody }) => client.clients.complete(id, body),
    onSuccess: (result) => storeClient(queryClient, result.client),
    gcTime: 0,
  });
}

export function useAddClientApi() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, catalogueEntryId }: { id: string; catalogueEntryId: string }) =>
      client.clients.addApi(id, catalogueEntryId),
    onSuccess: (change) => refreshClient(queryClient, change.client.id),
  });
}

export function useRemoveClientApi() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, catalogueEntryId }: { id: string; catalogueEntryId: string }) =>
      client.clients.removeApi(id, catalogueEntryId),
    onSuccess: (change) => refreshClient(queryClient, change.client.id),
  });
}

/**
 * The result's `clientSecret` is shown once. It is not written to the query cache, and the mutation
 * (which holds it) leaves the mutation cache as soon as the caller unmounts or calls `reset()`.
 */
export function useRotateClientSecret() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, gracePeriod }: { id: string; gracePeriod: GracePeriod }) =>
      client.clients.rotateSecret(id, gracePeriod),
    onSuccess: (_result, { id }) => refreshClient(queryClient, id),
    gcTime: 0,
  });
}

export function useRevokeClientSecret() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, secretId }: { id: string; secretId: string }) =>
      client.clients.revokeSecret(id, secretId),
    onSuccess: (_result, { id }) => refreshClient(queryClient, id),
  });
}

export function useRevokeAllClientTokens() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.clients.revokeAllTokens(id),
    onSuccess: (_result, id) => refreshClient(queryClient, id),
  });
}

/** Deletes after confirmation by name; drops the client from the cache. */
export function useDeleteClient() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirmName }: { id: string; confirmName: string }) =>
      client.clients.delete(id, confirmName),
    onSuccess: (_result, { id }) => {
      queryClient.removeQueries({ queryKey: clientKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: clientKeys.list() });
    },
  });
}
