import { useMe } from '@portico/sdk/react';
import { Link } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';

export default function HomePage() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError)
    return <ErrorState error={me.error} onRetry={() => me.refetch()} retrying={me.isFetching} />;

  if (!me.data) {
    return (
      <div className="home">
        <PageHeader
          title="Build on our APIs"
          description="Portico is the developer portal for this organisation's APIs. Browse the catalogue, create OAuth clients and get tokens for your applications."
        />
        <div className="home__actions">
          <Link to={paths.auth.register.getHref()} className={buttonClassName()}>
            Create account
          </Link>
          <Link to={paths.auth.login.getHref()} className={buttonClassName({ variant: 'secondary' })}>
            Log in
          </Link>
        </div>
      </div>
    );
  }

  const { user } = me.data;
  return (
    <div className="home">
      <PageHeader title={`Welcome, ${user.name}`} description="What would you like to do?" />
      <ul className="card-grid">
        <li className="card">
          <h2 className="card__title">
            <Link to={paths.catalogue.list.getHref()}>Browse the catalogue</Link>
          </h2>
          <p>See which APIs are published, what they do and the access they come with.</p>
        </li>
        <li className="card">
          <h2 className="card__title">
            <Link to={paths.oauthClients.list.getHref()}>Manage OAuth Clients</Link>
          </h2>
          <p>Create clients for your applications, manage their redirect URLs and rotate secrets.</p>
        </li>
        {user.role === 'admin' && (
          <li className="card">
            <h2 className="card__title">
              <Link to={paths.dashboard.root.getHref()}>Open the dashboard</Link>
            </h2>
            <p>Publish APIs, set policies and approve developers' requests.</p>
          </li>
        )}
      </ul>
    </div>
  );
}
