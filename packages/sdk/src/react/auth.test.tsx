import type { SessionResponse } from '@portico/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { authKeys, useLogin, useLogout, useMe, useRegister } from './auth.js';
import { createWrapper, json, mutationCacheText } from './test-utils.js';

const session: SessionResponse = {
  user: {
    id: 'u1',
    email: 'ada@example.com',
    name: 'Ada',
    role: 'admin',
    status: 'active',
    createdAt: '2025-01-01T00:00:00.000Z',
    lastLoginAt: null,
  },
  csrfToken: 'csrf-1',
};

function setup(handler: (url: string, init: RequestInit) => Response) {
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => handler(String(input), init ?? {}));
  return { fetch, ...createWrapper(fetch) };
}

describe('auth hooks', () => {
  it('useMe resolves to null when signed out and to the session after useLogin', async () => {
    let signedIn = false;
    const { wrapper } = setup((url) => {
      if (url === '/api/auth/login') {
        signedIn = true;
        return json(200, session);
      }
      return signedIn ? json(200, session) : json(401, { error: 'unauthorized', message: 'Sign in' });
    });
    const { result } = renderHook(() => ({ me: useMe(), login: useLogin() }), { wrapper });

    await waitFor(() => expect(result.current.me.isSuccess).toBe(true));
    expect(result.current.me.data).toBeNull();

    await act(() => result.current.login.mutateAsync({ email: 'ada@example.com', password: 'pw' }));
    await waitFor(() => expect(result.current.me.data?.user.name).toBe('Ada'));
  });

  it('signing in or up leaves no password in the mutation cache, and the caller still hears of it', async () => {
    const { wrapper, queryClient } = setup(() => json(200, session));
    const { result } = renderHook(() => ({ login: useLogin(), register: useRegister() }), { wrapper });
    const onSuccess = vi.fn();

    await act(() =>
      result.current.login.mutateAsync({ email: 'ada@example.com', password: 'login-pw' }, { onSuccess }),
    );
    expect(onSuccess).toHaveBeenCalledWith(session, expect.anything(), undefined, expect.anything());
    await waitFor(() => expect(result.current.login.isSuccess).toBe(true));
    expect(result.current.login.data).toEqual(session);
    expect(mutationCacheText(queryClient)).not.toContain('login-pw');

    await act(() =>
      result.current.register.mutateAsync(
        { email: 'ada@example.com', name: 'Ada', password: 'register-password' },
        { onSuccess },
      ),
    );
    expect(onSuccess).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(result.current.register.isSuccess).toBe(true));
    expect(queryClient.getMutationCache().getAll()).toEqual([]);
  });

  it('useLogout clears cached data and marks the session signed out', async () => {
    const { wrapper, queryClient, fetch } = setup((url) =>
      url === '/api/auth/logout' ? new Response(null, { status: 204 }) : json(200, session),
    );
    queryClient.setQueryData(['clients', 'list'], { items: ['secret stuff'] });
    const otherFn = vi.fn(async () => 'value');
    const { result } = renderHook(
      () => ({
        me: useMe(),
        logout: useLogout(),
        other: useQuery({ queryKey: ['other'], queryFn: otherFn, staleTime: Infinity }),
        // Any mutation still on screen, e.g. one whose variables hold a secret.
        mutation: useMutation({ mutationFn: async (secret: string) => secret.length }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.me.data?.user.id).toBe('u1'));
    await waitFor(() => expect(result.current.other.data).toBe('value'));
    expect(otherFn).toHaveBeenCalledTimes(1);
    await act(() => result.current.mutation.mutateAsync('pcs_secret'));
    expect(mutationCacheText(queryClient)).toContain('pcs_secret');

    await act(() => result.current.logout.mutateAsync());
    expect(queryClient.getMutationCache().getAll()).toEqual([]);
    await waitFor(() => expect(result.current.logout.isSuccess).toBe(true));

    // Observers are notified on React Query's batched schedule, after the mutation settles.
    await waitFor(() => expect(result.current.me.data).toBeNull());
    expect(queryClient.getQueryData(authKeys.me())).toBeNull();
    expect(queryClient.getQueryData(['clients', 'list'])).toBeUndefined();
    // A query still on screen is not served from the old session's cache: it is fetched again.
    await waitFor(() => expect(otherFn).toHaveBeenCalledTimes(2));
    const logoutCall = fetch.mock.calls.find(([url]) => url === '/api/auth/logout');
    expect(new Headers(logoutCall?.[1]?.headers).get('x-csrf-token')).toBe('csrf-1');
  });
});
