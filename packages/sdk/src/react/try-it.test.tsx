import type { TryItResponse } from '@portico/contracts';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clientKeys } from './clients.js';
import { json, mutationCacheText, setupHooks } from './test-utils.js';
import { useTryIt } from './try-it.js';

const response: TryItResponse = {
  token: { accessToken: 'pat_access_token', tokenType: 'Bearer', scope: '', expiresIn: 3600 },
  request: { method: 'GET', url: 'https://gateway.example/payments/' },
  response: { status: 200, headers: {}, body: '{}', truncated: false, durationMs: 12 },
};

describe('try-it hook', () => {
  it('refreshes the client, and drops the pasted secret and the token once the caller resets', async () => {
    const { wrapper, queryClient, fetch } = setupHooks(() => json(200, response));
    queryClient.setQueryData(clientKeys.detail('c1'), { id: 'c1' });
    const { result } = renderHook(() => useTryIt(), { wrapper });

    await act(() =>
      result.current.mutateAsync({
        clientId: 'c1',
        input: { apiId: 'a1', clientSecret: 'pcs_pasted', method: 'GET' },
      }),
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(queryClient.getQueryState(clientKeys.detail('c1'))?.isInvalidated).toBe(true);

    act(() => result.current.reset());
    await waitFor(() => expect(queryClient.getMutationCache().getAll()).toEqual([]));
    expect(mutationCacheText(queryClient)).not.toContain('pcs_pasted');
  });
});
