import { useMe } from '@portico/sdk/react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { type LoginLocationState, sessionEnded } from '../lib/session-ended';

/** Renders the child routes for a signed-in user; sends anyone else to log in, and back here after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();

  if (me.isPending) return <LoadingState label="Checking your session…" />;
  if (me.isError) {
    return (
      <ErrorState
        title="We could not check your session"
        error={me.error}
        onRetry={() => me.refetch()}
        retrying={me.isFetching}
      />
    );
  }
  if (!me.data) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    // Signed in until a request was refused: the login page says the session ended.
    const state: LoginLocationState | undefined = sessionEnded(queryClient)
      ? { sessionEnded: true }
      : undefined;
    return <Navigate to={paths.auth.login.getHref(here)} replace state={state} />;
  }
  return <Outlet />;
}
