import type { ClientApi, OAuthClient } from '@portico/contracts';
import { useAddClientApi, useCatalogue, useRemoveClientApi } from '@portico/sdk/react';
import { type FormEvent, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { errorMessage } from '@/components/ui/error-state';
import { Select } from '@/components/ui/field';
import { Table, type TableColumn } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { SUBSCRIPTION_STATUS } from '@/lib/client-labels';
import { formatDuration, formatQuota, formatRateLimit } from '@/lib/format-limits';

/** The client's APIs with the limits their policies grant; add one, or remove one (revoking its tokens). */
export function ClientApisSection({ client }: { client: OAuthClient }) {
  const toast = useToast();
  const catalogue = useCatalogue({ authMode: 'oauth2' });
  const add = useAddClientApi();
  const remove = useRemoveClientApi();
  const [toAdd, setToAdd] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ClientApi | null>(null);
  const onlyApi = client.apis.length === 1;
  const onlyApiNoteId = useId();

  const used = new Set(client.apis.map((api) => api.catalogueEntryId));
  const available = (catalogue.data?.items ?? []).filter((entry) => !used.has(entry.id));

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    if (!toAdd) {
      setAddError('Choose an API to add.');
      return;
    }
    setAddError(null);
    add.mutate(
      { id: client.id, catalogueEntryId: toAdd },
      {
        onSuccess: ({ client: updated }) => {
          const api = updated.apis.find((item) => item.catalogueEntryId === toAdd);
          setToAdd('');
          toast.show({
            tone: 'success',
            title:
              api?.status === 'pending'
                ? `${api.name} added, waiting for approval`
                : `${api?.name ?? 'API'} added`,
          });
        },
        onError: (error) => setAddError(errorMessage(error)),
      },
    );
  };

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(
      { id: client.id, catalogueEntryId: removing.catalogueEntryId },
      {
        onSuccess: ({ revokedTokens }) => {
          toast.show({
            tone: 'success',
            title: `${removing.name} removed`,
            description: `${revokedTokens} ${revokedTokens === 1 ? 'token was' : 'tokens were'} revoked.`,
          });
          setRemoving(null);
        },
        onError: (error) => {
          toast.show({
            tone: 'error',
            title: `Could not remove ${removing.name}`,
            description: errorMessage(error),
          });
          setRemoving(null);
        },
      },
    );
  };

  const columns: TableColumn<ClientApi>[] = [
    { id: 'name', header: 'API', isRowHeader: true, cell: (api) => api.name },
    {
      id: 'status',
      header: 'Status',
      cell: (api) => (
        <Badge tone={SUBSCRIPTION_STATUS[api.status].tone}>{SUBSCRIPTION_STATUS[api.status].label}</Badge>
      ),
    },
    { id: 'rate', header: 'Rate limit', cell: (api) => formatRateLimit(api.limits) },
    { id: 'quota', header: 'Quota', cell: (api) => formatQuota(api.limits) },
    {
      id: 'lifetime',
      header: 'Token lifetime',
      cell: (api) => formatDuration(api.limits.tokenLifetimeSeconds),
    },
    { id: 'scopes', header: 'Scopes', cell: (api) => (api.scopes.length > 0 ? api.scopes.join(', ') : '—') },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      cell: (api) => (
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Remove ${api.name}`}
          disabled={onlyApi}
          aria-describedby={onlyApi ? onlyApiNoteId : undefined}
          onClick={() => setRemoving(api)}
        >
          Remove
        </Button>
      ),
    },
  ];

  return (
    <section className="client-section" aria-labelledby="client-apis">
      <h2 id="client-apis">APIs</h2>
      <Table
        caption="APIs this client may call"
        captionHidden
        columns={columns}
        rows={client.apis}
        getRowKey={(api) => api.catalogueEntryId}
      />
      {onlyApi && (
        <p id={onlyApiNoteId} className="client-section__intro">
          A client needs at least one API, so its only API cannot be removed; delete the client instead.
        </p>
      )}
      <form className="inline-form" onSubmit={onAdd} noValidate>
        <Select
          label="Add an API"
          value={toAdd}
          error={addError}
          disabled={catalogue.isPending || available.length === 0}
          description={
            catalogue.isError
              ? 'The catalogue could not be loaded.'
              : available.length === 0 && !catalogue.isPending
                ? 'This client already uses every OAuth 2.0 API in the catalogue.'
                : undefined
          }
          onChange={(event) => {
            setToAdd(event.target.value);
            setAddError(null);
          }}
        >
          <option value="">Choose an API…</option>
          {available.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name}
              {entry.approval === 'manual' ? ' (needs approval)' : ''}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary" loading={add.isPending} disabled={available.length === 0}>
          Add API
        </Button>
      </form>
      <ConfirmDialog
        open={removing !== null}
        tone="danger"
        title={`Remove ${removing?.name ?? 'API'}?`}
        description={`The client will no longer get tokens for ${removing?.apiName ?? 'this API'}, and the tokens that covered it stop working at once.`}
        confirmLabel="Remove API"
        pending={remove.isPending}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}
