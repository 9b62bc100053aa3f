import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TryItInput } from '../try-it.js';
import { clientKeys } from './clients.js';
import { usePorticoClient } from './provider.js';

/**
 * "Try it": `mutate({ clientId, input })`. A successful call issued a token and sent traffic, so the
 * client's token list and usage chart (both under `clientKeys.detail(id)`) are refreshed.
 * The variables hold the client secret and the result an access token: `gcTime: 0` drops the mutation
 * from the mutation cache as soon as the caller unmounts or calls `reset()`.
 */
export function useTryIt() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ clientId, input }: { clientId: string; input: TryItInput }) =>
      client.tryIt.run(clientId, input),
    onSettled: (_result, _error, { clientId }) =>
      queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) }),
    gcTime: 0,
  });
}
