import type { OAuthClientSummary } from '@portico/contracts';
import { useClients } from '@portico/sdk/react';
import { Link } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { Table, type TableColumn } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { clientDisplayName, formatDate } from '../lib/labels';
import { wizardHref } from '../lib/wizard-href';
import { ClientStatusBadge } from './client-status-badge';

const columns: TableColumn<OAuthClientSummary>[] = [
  {
    id: 'name',
    header: 'Name',
    isRowHeader: true,
    cell: (client) =>
      client.status === 'draft' ? (
        <span className="clients-table__draft">{clientDisplayName(client)}</span>
      ) : (
        <Link to={paths.oauthClients.detail.getHref(client.id)}>{client.name}</Link>
      ),
  },
  {
    id: 'apis',
    header: 'APIs',
    cell: (client) => client.apis.map((api) => api.name).join(', ') || '—',
  },
  { id: 'status', header: 'Status', cell: (client) => <ClientStatusBadge status={client.status} /> },
  {
    id: 'created',
    header: 'Created',
    cell: (client) => <time dateTime={client.createdAt}>{formatDate(client.createdAt)}</time>,
  },
  {
    id: 'actions',
    header: <span className="visually-hidden">Actions</span>,
    align: 'end',
    cell: (client) =>
      client.status === 'draft' ? (
        <Link
          to={wizardHref({ draft: client.id })}
          className={buttonClassName({ variant: 'secondary', size: 'sm' })}
        >
          Continue setup
        </Link>
      ) : (
        <Link
          to={paths.oauthClients.detail.getHref(client.id)}
          className={buttonClassName({ variant: 'ghost', size: 'sm' })}
          aria-label={`Manage ${client.name}`}
        >
          Manage
        </Link>
      ),
  },
];

/** The **OAuth Clients** page: an empty state with **Create first OAuth Client**, or the list. */
export function ClientsList() {
  const clients = useClients();
  const hasClients = (clients.data?.items.length ?? 0) > 0;

  return (
    <>
      <PageHeader
        title="OAuth Clients"
        description="The applications you have registered to call the APIs in the catalogue."
        actions={
          hasClients && (
            <Link to={wizardHref()} className={buttonClassName()}>
              Create OAuth Client
            </Link>
          )
        }
      />
      {clients.isPending ? (
        <LoadingState label="Loading your OAuth clients…" />
      ) : clients.isError ? (
        <ErrorState
          title="Your OAuth clients could not be loaded"
          error={clients.error}
          onRetry={() => clients.refetch()}
          retrying={clients.isFetching}
        />
      ) : !hasClients ? (
        <EmptyState
          title="You have no OAuth clients yet"
          description="An OAuth client lets your application get tokens for the APIs in the catalogue. Pick the APIs, describe your application, and you get its credentials."
          action={
            <Link to={wizardHref()} className={buttonClassName()}>
              Create first OAuth Client
            </Link>
          }
        />
      ) : (
        <Table
          caption="Your OAuth clients"
          captionHidden
          columns={columns}
          rows={clients.data.items}
          getRowKey={(client) => client.id}
        />
      )}
    </>
  );
}
