import type { AuthorizeDecision } from '@portico/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PorticoClient } from '../client.js';
import { clientKeys } from './clients.js';
import { usePorticoClient } from './provider.js';

/**
 * Query keys of `client.oauth`. A client's token list lives under `clientKeys.detail(id)`, so the
 * clients hooks (revoke all, delete, remove an API) refresh it too.
 */
export const oauthKeys = {
  all: ['oauth'] as const,
  metadata: () => [...oauthKeys.all, 'metadata'] as const,
  authorizeRequest: (id: string) => [...oauthKeys.all, 'authorize-request', id] as const,
  consents: () => [...oauthKeys.all, 'consents'] as const,
  clientTokens: (clientId: string) => [...clientKeys.detail(clientId), 'tokens', 'list'] as const,
};

export const oauthMetadataQueryOptions = (client: PorticoClient) =>
  queryOptions({
    queryKey: oauthKeys.metadata(),
    queryFn: () => client.oauth.metadata(),
    staleTime: 5 * 60_000,
  });

export const authorizeRequestQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({
    queryKey: oauthKeys.authorizeRequest(id),
    queryFn: () => client.oauth.authorizeRequest(id),
    // A request is answered once; a refetch after the decision would only show "expired".
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export const consentsQueryOptions = (client: PorticoClient) =>
  queryOptions({ queryKey: oauthKeys.consents(), queryFn: () => client.oauth.consents() });

export const clientTokensQueryOptions = (client: PorticoClient, clientId: string) =>
  queryOptions({
    queryKey: oauthKeys.clientTokens(clientId),
    queryFn: () => client.oauth.clientTokens(clientId),
  });

export function useOAuthMetadata() {
  return useQuery(oauthMetadataQueryOptions(usePorticoClient()));
}

/** The consent screen's request (`enabled` only with an id). */
export function useAuthorizeRequest(id: string | undefined) {
  const client = usePorticoClient();
  return useQuery({
    ...authorizeRequestQueryOptions(client, id ?? ''),
    enabled: id !== undefined && id !== '',
  });
}

/** Allow or deny; the result's `redirectTo` is where the browser must go next. */
export function useAuthorizeDecision() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: AuthorizeDecision }) =>
      client.oauth.decide(id, decision),
    onSuccess: (_result, { decision }) =>
      decision === 'allow' ? queryClient.invalidateQueries({ queryKey: oauthKeys.consents() }) : undefined,
  });
}

export function useConsents() {
  return useQuery(consentsQueryOptions(usePorticoClient()));
}

export function useRevokeConsent() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (consentId: string) => client.oauth.revokeConsent(consentId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oauthKeys.consents() }),
  });
}

export function useClientTokens(clientId: string) {
  return useQuery(clientTokensQueryOptions(usePorticoClient(), clientId));
}

/** Revokes one token and refreshes everything about the client (its token list and summary). */
export function useRevokeClientToken() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ clientId, tokenId }: { clientId: string; tokenId: string }) =>
      client.oauth.revokeClientToken(clientId, tokenId),
    onSuccess: (_result, { clientId }) =>
      queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) }),
  });
}
