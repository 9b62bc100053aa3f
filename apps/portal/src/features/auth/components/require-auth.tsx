import { useMe } from '@portico/sdk/react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';

/** Renders the child routes for a signed-in user; sends anyone else to log in, and back here after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

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
    return <Navigate to={paths.auth.login.getHref(here)} replace />;
  }
  return <Outlet />;
}
