import type { SessionResponse } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { authKeys, useLogin, useLogout, useMe } from './auth.js';
import { createWrapper, json } from './test-utils.js';

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
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.me.data?.user.id).toBe('u1'));
    await waitFor(() => expect(result.current.other.data).toBe('value'));
    expect(otherFn).toHaveBeenCalledTimes(1);

    await act(() => result.current.logout.mutateAsync());

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
