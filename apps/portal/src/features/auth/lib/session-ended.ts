import { authKeys } from '@portico/sdk/react';
import type { QueryClient } from '@tanstack/react-query';

/**
 * Set when a signed-in session ends on the server (a 401 mid-action), so the route guard can tell
 * the login page why the user is there. It lives in the query cache next to the session: logging in
 * or out drops it with everything else cached for the old session.
 */
const sessionEndedKey = () => [...authKeys.all, 'session-ended'] as const;

export function markSessionEnded(queryClient: QueryClient): void {
  queryClient.setQueryData(sessionEndedKey(), true);
}

export function sessionEnded(queryClient: QueryClient): boolean {
  return queryClient.getQueryData(sessionEndedKey()) === true;
}

/** What the guard passes to the login page in the location state. */
export interface LoginLocationState {
  sessionEnded?: boolean;
}
