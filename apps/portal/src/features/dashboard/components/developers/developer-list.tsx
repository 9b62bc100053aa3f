import {
  type AdminDeveloper,
  DeveloperCreateBody,
  type DeveloperSortField,
  PASSWORD_MIN_LENGTH,
  type UserStatus,
} from '@portico/contracts';
import { useAdminDevelopers, useCreateDeveloper } from '@portico/sdk/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import type { TableColumn } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { useNewAccountForm } from '@/lib/use-account-form';
import { useListParams } from '../../hooks/use-list-params';
import { formatDateTime } from '../../lib/format';
import { FormActions } from '../form-parts';
import { ListPage } from '../list-page';

const SORTABLE = [
  'name',
  'email',
  'createdAt',
  'lastLoginAt',
] as const satisfies readonly DeveloperSortField[];
const STATUS_FILTER: Record<UserStatus, string> = { active: 'Active', inactive: 'Inactive' };

const columns: TableColumn<AdminDeveloper>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    isRowHeader: true,
    cell: (dev) => <Link to={paths.dashboard.developer.getHref(dev.id)}>{dev.name}</Link>,
  },
  { id: 'email', header: 'Email', sortable: true, cell: (dev) => dev.email },
  {
    id: 'status',
    header: 'Status',
    cell: (dev) =>
      dev.status === 'active' ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Inactive</Badge>,
  },
  { id: 'clients', header: 'OAuth clients', align: 'end', cell: (dev) => dev.clientCount },
  {
    id: 'lastLoginAt',
    header: 'Last sign-in',
    sortable: true,
    cell: (dev) => formatDateTime(dev.lastLoginAt),
  },
  { id: 'createdAt', header: 'Registered', sortable: true, cell: (dev) => formatDateTime(dev.createdAt) },
];

export function DeveloperList() {
  const list = useListParams({ sortable: SORTABLE, sort: 'createdAt', order: 'desc' });
  const query = useAdminDevelopers({
    ...list.query,
    status: (list.filter('status') || undefined) as UserStatus | undefined,
  });
  const [creating, setCreating] = useState(false);

  return (
    <>
      <ListPage
        title="Developers"
        description="The developer accounts registered on this portal."
        actions={<Button onClick={() => setCreating(true)}>Create developer</Button>}
        list={list}
        searchLabel="Search developers"
        searchPlaceholder="Email or name"
        filters={[{ name: 'status', label: 'Status', options: STATUS_FILTER }]}
        query={query}
        loadingLabel="Loading developers…"
        errorTitle="The developers could not be loaded"
        noMatchTitle="No developers match"
        empty={
          <EmptyState
            title="No developers yet"
            description="Developers register on the portal themselves, or you can create an account with a temporary password."
            action={<Button onClick={() => setCreating(true)}>Create the first developer</Button>}
          />
        }
        caption="Developers"
        columns={columns}
        getRowKey={(dev) => dev.id}
      />
      <CreateDeveloperDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CreateDeveloperDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create developer"
      description="They sign in with this temporary password; share it with them securely."
    >
      {open && <CreateDeveloperForm onDone={onClose} />}
    </Dialog>
  );
}

function CreateDeveloperForm({ onDone }: { onDone: () => void }) {
  const create = useCreateDeveloper();
  const toast = useToast();
  const navigate = useNavigate();
  const form = useNewAccountForm(DeveloperCreateBody, { name: 'a name', email: 'an email address' });
  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      aria-label="Create developer"
      onSubmit={form.handleSubmit((body) =>
        create.mutate(body, {
          onSuccess: (developer) => {
            toast.show({ tone: 'success', title: `Developer ${developer.email} created` });
            onDone();
            navigate(paths.dashboard.developer.getHref(developer.id));
          },
          onError: (error) => form.applyServerError(error),
        }),
      )}
    >
      {form.formError && <FormAlert title="The developer could not be created">{form.formError}</FormAlert>}
      <TextField label="Name" autoComplete="off" data-autofocus {...form.fieldProps('name')} />
      <TextField label="Email" type="email" autoComplete="off" {...form.fieldProps('email')} />
      <TextField
        label="Temporary password"
        type="text"
        autoComplete="new-password"
        spellCheck={false}
        description={`At least ${PASSWORD_MIN_LENGTH} characters; common passwords are refused.`}
        {...form.fieldProps('password')}
      />
      <FormActions submitLabel="Create developer" pending={create.isPending} onCancel={onDone} />
    </form>
  );
}
