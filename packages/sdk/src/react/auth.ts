import type { LoginBody, RegisterBody, SessionResponse } from '@portico/contracts';
import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PorticoClient } from '../client.js';
import { usePorticoClient } from './provider.js';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The current session: `SessionResponse` when signed in, `null` when not. */
export const meQueryOptions = (client: PorticoClient) =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: () => client.auth.me(),
    // Route guards read this on every navigation; the session rarely changes under us.
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions(usePorticoClient()));
}

/**
 * Swaps the cached session and drops everything cached for the previous one, so no data of one
 * user is ever shown to the next. The `me` entry is updated in place rather than removed so that
 * mounted `useMe()` observers (layout, guards) see the change at once.
 *
 * The mutation cache goes too: mutations keep their variables and results (passwords, client
 * secrets) until they are garbage-collected. Clearing it from the login/logout mutation's own
 * `onSuccess` is safe: a removed mutation still runs to the end and notifies its observers, so the
 * caller's `mutate` callbacks fire and its `useMutation` result turns to success as usual.
 */
function replaceSession(queryClient: QueryClient, session: SessionResponse | null) {
  const meKey = authKeys.me();
  queryClient.removeQueries({
    predicate: (query) =>
      query.queryKey.length !== meKey.length || query.queryKey.some((part, i) => part !== meKey[i]),
  });
  queryClient.getMutationCache().clear();
  queryClient.setQueryData(meKey, session);
}

/**
 * The session ended on the server (a 401: expired, revoked, signed out in another tab): forget
 * everything cached for it, as signing out does, and mark it signed out so route guards send the
 * user to the login page. Nothing of the old session stays in memory for the next person at this
 * browser.
 */
export function forgetSession(queryClient: QueryClient): void {
  replaceSession(queryClient, null);
}

/** For mutations whose variables hold a password: drop them as soon as no component observes them. */
const FORGET_WHEN_UNUSED = { gcTime: 0 } as const;

export function useLogin() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => client.auth.login(body),
    onSuccess: (session) => replaceSession(queryClient, session),
    ...FORGET_WHEN_UNUSED,
  });
}

export function useRegister() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterBody) => client.auth.register(body),
    onSuccess: (session) => replaceSession(queryClient, session),
    ...FORGET_WHEN_UNUSED,
  });
}

/** Signs out and clears the query and mutation caches (the session entry becomes `null`). */
export function useLogout() {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await queryClient.cancelQueries();
      await client.auth.logout();
    },
    onSuccess: () => replaceSession(queryClient, null),
  });
}
