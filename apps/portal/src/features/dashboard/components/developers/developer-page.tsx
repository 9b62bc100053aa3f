import { type AdminClient, type AdminDeveloper, APP_TYPE_PROFILES, DeveloperPatch } from '@portico/contracts';
import {
  useAdminDeveloper,
  useAdminDeveloperClients,
  useDeactivateDeveloper,
  useReactivateDeveloper,
  useUpdateDeveloper,
} from '@portico/sdk/react';
import { type ReactNode, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage } from '@/components/ui/error-state';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { Table, type TableColumn } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { CLIENT_STATUS, SUBSCRIPTION_STATUS } from '@/lib/client-labels';
import { useSchemaForm } from '@/lib/use-schema-form';
import { formatDateTime, pluralise } from '../../lib/format';
import { FormActions } from '../form-parts';
import { QueryState } from '../query-state';

const clientColumns: TableColumn<AdminClient>[] = [
  { id: 'name', header: 'Name', isRowHeader: true, cell: (c) => c.name || <em>Unnamed draft</em> },
  { id: 'clientId', header: 'Client ID', cell: (c) => <code>{c.clientId}</code> },
  { id: 'type', header: 'Type', cell: (c) => APP_TYPE_PROFILES[c.appType].label },
  {
    id: 'status',
    header: 'Status',
    cell: (c) => <Badge tone={CLIENT_STATUS[c.status].tone}>{CLIENT_STATUS[c.status].label}</Badge>,
  },
  {
    id: 'apis',
    header: 'APIs',
    cell: (c) =>
      c.subscriptions.length === 0
        ? '—'
        : c.subscriptions
            .map((s) =>
              s.status === 'active'
                ? s.name
                : `${s.name} (${SUBSCRIPTION_STATUS[s.status].label.toLowerCase()})`,
            )
            .join(', '),
  },
  { id: 'createdAt', header: 'Created', cell: (c) => formatDateTime(c.createdAt) },
];

/** One developer: details, edit, deactivate/reactivate, and their OAuth clients. */
export function DeveloperPage({ id, usagePanel }: { id: string; usagePanel?: ReactNode }) {
  const query = useAdminDeveloper(id);
  return (
    <QueryState
      query={query}
      loadingLabel="Loading the developer…"
      errorTitle="The developer could not be loaded"
      notFound={{
        title: 'Developer not found',
        description: 'There is no developer with this ID',
        backHref: paths.dashboard.developers.getHref(),
        backLabel: 'Back to developers',
      }}
    >
      {(developer) => <DeveloperDetail developer={developer} usagePanel={usagePanel} />}
    </QueryState>
  );
}

function DeveloperDetail({ developer, usagePanel }: { developer: AdminDeveloper; usagePanel?: ReactNode }) {
  return (
    <>
      <PageHeader
        title={developer.name}
        description={developer.email}
        actions={<StatusAction developer={developer} />}
      />
      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd>
            {developer.status === 'active' ? (
              <Badge tone="success">Active</Badge>
            ) : (
              <Badge tone="danger">Inactive</Badge>
            )}
          </dd>
        </div>
        <div>
          <dt>Registered</dt>
          <dd>{formatDateTime(developer.createdAt)}</dd>
        </div>
        <div>
          <dt>Last sign-in</dt>
          <dd>{formatDateTime(developer.lastLoginAt)}</dd>
        </div>
      </dl>
      <DeveloperClients id={developer.id} />
      <EditDeveloper key={developer.email + developer.name} developer={developer} />
      {usagePanel}
    </>
  );
}

function StatusAction({ developer }: { developer: AdminDeveloper }) {
  const deactivate = useDeactivateDeveloper();
  const reactivate = useReactivateDeveloper();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);

  if (developer.status === 'inactive') {
    return (
      <Button
        variant="secondary"
        loading={reactivate.isPending}
        onClick={() =>
          reactivate.mutate(developer.id, {
            onSuccess: () => toast.show({ tone: 'success', title: `${developer.name} can sign in again` }),
            onError: (error) =>
              toast.show({ tone: 'error', title: 'Not reactivated', description: errorMessage(error) }),
          })
        }
      >
        Reactivate
      </Button>
    );
  }
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Deactivate
      </Button>
      <ConfirmDialog
        open={confirming}
        tone="danger"
        title={`Deactivate ${developer.name}?`}
        confirmLabel="Deactivate"
        pending={deactivate.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          deactivate.mutate(developer.id, {
            onSuccess: (result) => {
              toast.show({
                tone: 'success',
                title: `${developer.name} deactivated`,
                description: `${pluralise(result.revokedSessions, 'session')} ended, ${pluralise(result.revokedTokens, 'token')} revoked.`,
              });
              setConfirming(false);
            },
            onError: (error) => {
              toast.show({ tone: 'error', title: 'Not deactivated', description: errorMessage(error) });
              setConfirming(false);
            },
          })
        }
      >
        <p>
          They are signed out everywhere at once and cannot sign in. Their{' '}
          {pluralise(developer.clientCount, 'OAuth client')} stop getting tokens, and the tokens issued so far
          are revoked. You can reactivate the account later; revoked tokens stay revoked.
        </p>
      </ConfirmDialog>
    </>
  );
}

function DeveloperClients({ id }: { id: string }) {
  const query = useAdminDeveloperClients(id);
  return (
    <section className="admin-section" aria-labelledby="developer-clients">
      <h2 id="developer-clients">OAuth clients</h2>
      <QueryState
        query={query}
        loadingLabel="Loading OAuth clients…"
        loadingVariant="inline"
        errorTitle="The OAuth clients could not be loaded"
      >
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title="No OAuth clients"
              description="This developer has not created a client yet."
            />
          ) : (
            <Table
              caption="OAuth clients of this developer"
              captionHidden
              columns={clientColumns}
              rows={items}
              getRowKey={(c) => c.id}
            />
          )
        }
      </QueryState>
    </section>
  );
}

function EditDeveloper({ developer }: { developer: AdminDeveloper }) {
  const update = useUpdateDeveloper();
  const toast = useToast();
  const form = useSchemaForm(
    DeveloperPatch,
    { name: developer.name, email: developer.email },
    {
      hints: { name: { noun: 'a name' }, email: { noun: 'an email address' } },
      toBody: (values) => ({ name: values.name.trim(), email: values.email.trim() }),
    },
  );
  return (
    <section className="admin-section" aria-labelledby="developer-edit">
      <h2 id="developer-edit">Account details</h2>
      <form
        ref={form.formRef}
        className="form admin-form"
        noValidate
        aria-labelledby="developer-edit"
        onSubmit={form.handleSubmit((body) =>
          update.mutate(
            { id: developer.id, body },
            {
              onSuccess: () => toast.show({ tone: 'success', title: 'Account details saved' }),
              onError: (error) => form.applyServerError(error),
            },
          ),
        )}
      >
        {form.formError && <FormAlert title="The changes could not be saved">{form.formError}</FormAlert>}
        <TextField label="Name" autoComplete="off" {...form.fieldProps('name')} />
        <TextField label="Email" type="email" autoComplete="off" {...form.fieldProps('email')} />
        <FormActions submitLabel="Save details" pending={update.isPending} />
      </form>
    </section>
  );
}
