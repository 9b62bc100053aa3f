import { useMe } from '@portico/sdk/react';
import { Link, Outlet } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';

/**
 * Admin-only child routes. Sits under `RequireAuth`, so the session is known; a developer gets a
 * plain "not allowed" page rather than a redirect, so they know why (the API answers 403 too).
 */
export function RequireAdmin() {
  const me = useMe();
  if (me.data?.user.role === 'admin') return <Outlet />;
  return (
    <div className="not-allowed">
      <PageHeader
        title="Not allowed"
        description="The dashboard is for API owners and administrators of this Portico instance."
      />
      <p>
        You are signed in as {me.data?.user.email ?? 'a developer'}, which is a developer account. If you
        publish APIs here, ask an administrator to give your account the admin role.
      </p>
      <p>
        <Link to={paths.home.getHref()} className={buttonClassName({ variant: 'secondary' })}>
          Back to the portal
        </Link>
      </p>
    </div>
  );
}
