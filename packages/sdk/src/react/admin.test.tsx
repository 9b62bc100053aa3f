import type { AdminPolicy, PolicyPage } from '@portico/contracts';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  adminKeys,
  useAdminApiDependants,
  useAdminPolicies,
  useCreateDeveloper,
  useUpdatePolicy,
} from './admin.js';
import { catalogueKeys } from './catalogue.js';
import { json, mutationCacheText, setupHooks } from './test-utils.js';

const policy: AdminPolicy = {
  id: 'p1',
  name: 'Gold',
  accessRights: [{ apiId: 'a1', apiName: 'Payments', authMode: 'oauth2', allowedScopes: [] }],
  rateLimit: { requests: 10, perSeconds: 1 },
  quota: null,
  tokenExpiry: 3600,
  active: true,
  catalogueEntryCount: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const page: PolicyPage = { items: [policy], total: 1, page: 1, pageSize: 20 };

describe('admin hooks', () => {
  it('keys lists by their query', async () => {
    const { queryClient, wrapper } = setupHooks(() => json(200, page));
    const { result } = renderHook(() => useAdminPolicies({ q: 'gold' }), { wrapper });
    await waitFor(() => expect(result.current.data).toEqual(page));
    expect(queryClient.getQueryData(adminKeys.policies.list({ q: 'gold' }))).toEqual(page);
  });

  it('loads the dependants only when enabled', async () => {
    const { fetch, wrapper } = setupHooks(() => json(200, {}));
    const { result } = renderHook(() => useAdminApiDependants('a1', false), { wrapper });
    expect(result.current.fetchStatus).toBe('idle');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a policy update invalidates the Dashboard and the portal catalogue', async () => {
    const { queryClient, wrapper } = setupHooks((method) =>
      method === 'PATCH' ? json(200, { policy, revokedTokens: 2 }) : json(200, page),
    );
    queryClient.setQueryData(adminKeys.overview(), { counts: {} });
    queryClient.setQueryData(catalogueKeys.list(), { items: [], total: 0 });
    const { result } = renderHook(() => useUpdatePolicy(), { wrapper });
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.mutateAsync({ id: 'p1', body: { active: false } });
    });
    expect(outcome).toEqual({ policy, revokedTokens: 2 });
    expect(queryClient.getQueryState(adminKeys.overview())?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(catalogueKeys.list())?.isInvalidated).toBe(true);
  });

  it("drops a new developer's temporary password from the mutation cache once the form is gone", async () => {
    const { queryClient, wrapper } = setupHooks(() => json(201, { id: 'd1' }));
    const { result, unmount } = renderHook(() => useCreateDeveloper(), { wrapper });
    await act(() =>
      result.current.mutateAsync({ email: 'bo@example.com', name: 'Bo', password: 'temporary-password' }),
    );
    expect(mutationCacheText(queryClient)).toContain('temporary-password');
    unmount();
    await waitFor(() => expect(queryClient.getMutationCache().getAll()).toEqual([]));
  });
});
