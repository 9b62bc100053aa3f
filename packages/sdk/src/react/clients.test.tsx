import type { ClientCredentials, OAuthClient } from '@portico/contracts';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  clientKeys,
  useClient,
  useClients,
  useCompleteClient,
  useDeleteClient,
  useRotateClientSecret,
} from './clients.js';
import { json, mutationCacheText, setupHooks } from './test-utils.js';

const client: OAuthClient = {
  id: 'c1',
  clientId: 'pc_abc',
  name: 'Shop',
  description: '',
  appType: 'web',
  confidential: true,
  grantTypes: ['authorization_code', 'refresh_token'],
  redirectUris: ['https://shop.example/cb'],
  status: 'active',
  rejectionReason: null,
  apis: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('client hooks', () => {
  it('does not fetch a client without an id', async () => {
    const { fetch, wrapper } = setupHooks(() => json(200, client));
    const { result } = renderHook(() => useClient(undefined), { wrapper });
    expect(result.current.fetchStatus).toBe('idle');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps the secret out of the cache when completing, and refreshes the list', async () => {
    const credentials: ClientCredentials = { client, clientId: 'pc_abc', clientSecret: 'pcs_secret' };
    let lists = 0;
    const { wrapper, queryClient } = setupHooks((method, url) => {
      if (method === 'POST') return json(200, credentials);
      if (url === '/api/clients') {
        lists += 1;
        return json(200, { items: [] });
      }
      return json(200, client);
    });
    const { result } = renderHook(() => ({ list: useClients(), complete: useCompleteClient() }), { wrapper });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));

    let returned: ClientCredentials | undefined;
    await act(async () => {
      returned = await result.current.complete.mutateAsync({
        id: 'c1',
        body: { name: 'Shop', appType: 'web', redirectUris: ['https://shop.example/cb'] },
      });
    });
    expect(returned?.clientSecret).toBe('pcs_secret');
    expect(queryClient.getQueryData(clientKeys.detail('c1'))).toEqual(client);
    expect(
      JSON.stringify(
        queryClient
          .getQueryCache()
          .getAll()
          .map((q) => q.state.data),
      ),
    ).not.toContain('pcs_secret');
    await waitFor(() => expect(lists).toBe(2));
  });

  it('invalidates everything under the client after a rotation, and drops it after delete', async () => {
    const { wrapper, queryClient } = setupHooks((method) =>
      method === 'DELETE' ? json(200, { deleted: true, revokedTokens: 0 }) : json(201, { clientSecret: 'x' }),
    );
    queryClient.setQueryData(clientKeys.secrets('c1'), { items: [] });
    queryClient.setQueryData(clientKeys.detail('c1'), client);
    const { result } = renderHook(() => ({ rotate: useRotateClientSecret(), remove: useDeleteClient() }), {
      wrapper,
    });

    await act(() => result.current.rotate.mutateAsync({ id: 'c1', gracePeriod: '1h' }));
    expect(queryClient.getQueryState(clientKeys.secrets('c1'))?.isInvalidated).toBe(true);

    await act(() => result.current.remove.mutateAsync({ id: 'c1', confirmName: 'Shop' }));
    expect(queryClient.getQueryData(clientKeys.detail('c1'))).toBeUndefined();
    expect(queryClient.getQueryData(clientKeys.secrets('c1'))).toBeUndefined();
  });

  it('keeps new secrets in the mutation cache only until the caller resets or unmounts', async () => {
    const credentials: ClientCredentials = { client, clientId: 'pc_abc', clientSecret: 'pcs_created' };
    const { wrapper, queryClient } = setupHooks((_method, url) =>
      url.endsWith('/complete')
        ? json(200, credentials)
        : json(201, { secret: {}, clientSecret: 'pcs_rotated', secrets: [] }),
    );
    const { result, unmount } = renderHook(
      () => ({ complete: useCompleteClient(), rotate: useRotateClientSecret() }),
      { wrapper },
    );
    await act(async () => {
      await result.current.complete.mutateAsync({
        id: 'c1',
        body: { name: 'Shop', appType: 'web', redirectUris: ['https://shop.example/cb'] },
      });
      await result.current.rotate.mutateAsync({ id: 'c1', gracePeriod: '1h' });
    });
    // While a component observes the mutation it can read the secret from it.
    await waitFor(() => expect(result.current.complete.data?.clientSecret).toBe('pcs_created'));

    act(() => result.current.complete.reset());
    await waitFor(() => expect(mutationCacheText(queryClient)).not.toContain('pcs_created'));
    expect(mutationCacheText(queryClient)).toContain('pcs_rotated');

    unmount();
    await waitFor(() => expect(queryClient.getMutationCache().getAll()).toEqual([]));
  });
});
