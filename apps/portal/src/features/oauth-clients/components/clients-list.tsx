import type { OAuthClientSummary } from '@portico/contracts';
import { useClients, useDeleteClient } from '@portico/sdk/react';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, buttonClassName } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, errorMessage } from '@/components/ui/error-state';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { Table, type TableColumn } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { clientDisplayName, formatDate, formatDateTime } from '../lib/labels';
import { wizardHref } from '../lib/wizard-href';
import { ClientStatusBadge } from './client-status-badge';

/**
 * What tells drafts apart for assistive technology ("Continue setup" and "Discard draft" on every
 * draft row): its name if it has one, else its APIs and when it was started, numbered if still equal.
 */
function draftLabels(clients: readonly OAuthClientSummary[]): Map<string, string> {
  const labels = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const client of clients) {
    if (client.status !== 'draft') continue;
    const apis = client.apis.map((api) => api.name).join(', ') || 'no APIs';
    const base = client.name
      ? `draft ${client.name}`
      : `draft for ${apis}, started ${formatDateTime(client.createdAt)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    labels.set(client.id, count > 1 ? `${base} (${count})` : base);
  }
  return labels;
}

const columns = (
  labels: Map<string, string>,
  onDiscard: (client: OAuthClientSummary) => void,
): TableColumn<OAuthClientSummary>[] => [
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
        <span className="clients-table__actions">
          <Link
            to={wizardHref({ draft: client.id })}
            className={buttonClassName({ variant: 'secondary', size: 'sm' })}
            aria-label={`Continue setup of ${labels.get(client.id)}`}
          >
            Continue setup
          </Link>
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Discard ${labels.get(client.id)}`}
            onClick={() => onDiscard(client)}
          >
            Discard draft
          </Button>
        </span>
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
  const remove = useDeleteClient();
  const toast = useToast();
  const [discarding, setDiscarding] = useState<OAuthClientSummary | null>(null);
  const [discardError, setDiscardError] = useState<string | null>(null);
  // The discarded row leaves with its button: focus goes to the list (or its empty state) instead.
  const tableRef = useRef<HTMLDivElement>(null);
  const labels = draftLabels(clients.data?.items ?? []);

  const openDiscard = (client: OAuthClientSummary) => {
    setDiscardError(null);
    setDiscarding(client);
  };
  const confirmDiscard = () => {
    if (!discarding || remove.isPending) return;
    // A draft is confirmed by its name as saved (empty until its details are entered).
    remove.mutate(
      { id: discarding.id, confirmName: discarding.name },
      {
        onSuccess: () => {
          setDiscarding(null);
          toast.show({ tone: 'success', title: 'Draft discarded' });
        },
        onError: (failure) => setDiscardError(errorMessage(failure)),
      },
    );
  };

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
      <div ref={tableRef} tabIndex={-1} className="clients-list">
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
            columns={columns(labels, openDiscard)}
            rows={clients.data.items}
            getRowKey={(client) => client.id}
          />
        )}
      </div>
      <ConfirmDialog
        open={discarding !== null}
        tone="danger"
        title="Discard this draft?"
        description={
          discarding &&
          `The ${labels.get(discarding.id) ?? 'draft'} is deleted. It has no credentials yet, so nothing stops working.`
        }
        confirmLabel="Discard draft"
        pending={remove.isPending}
        onConfirm={confirmDiscard}
        onCancel={() => setDiscarding(null)}
        returnFocusTo={tableRef}
      >
        {discardError && <FormAlert title="The draft could not be discarded">{discardError}</FormAlert>}
      </ConfirmDialog>
    </>
  );
}
