import type { AdminPolicy, PolicySortField } from '@portico/contracts';
import { useAdminPolicies } from '@portico/sdk/react';
import { Link } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { TableColumn } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { useListParams } from '../../hooks/use-list-params';
import { formatQuotaValue, formatRate } from '../../lib/format';
import { ListPage } from '../list-page';

const SORTABLE = [
  'name',
  'rateLimit',
  'createdAt',
  'updatedAt',
] as const satisfies readonly PolicySortField[];

const columns: TableColumn<AdminPolicy>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    isRowHeader: true,
    cell: (policy) => <Link to={paths.dashboard.policy.getHref(policy.id)}>{policy.name}</Link>,
  },
  {
    id: 'apis',
    header: 'Grants',
    cell: (policy) =>
      policy.accessRights.length === 0
        ? 'No API'
        : policy.accessRights
            .map((r) =>
              r.allowedScopes.length === 0 ? r.apiName : `${r.apiName} (${r.allowedScopes.join(', ')})`,
            )
            .join('; '),
  },
  { id: 'rateLimit', header: 'Rate limit', sortable: true, cell: (policy) => formatRate(policy.rateLimit) },
  { id: 'quota', header: 'Quota', cell: (policy) => formatQuotaValue(policy.quota) },
  {
    id: 'status',
    header: 'Status',
    cell: (policy) => (policy.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>),
  },
  { id: 'entries', header: 'Catalogue entries', align: 'end', cell: (policy) => policy.catalogueEntryCount },
];

export function PolicyList() {
  const list = useListParams({ sortable: SORTABLE, sort: 'name', order: 'asc' });
  const query = useAdminPolicies(list.query);

  return (
    <ListPage
      title="Policies"
      description="Access rights, rate limits and quotas that OAuth clients receive."
      actions={
        <Link to={paths.dashboard.policyNew.getHref()} className={buttonClassName()}>
          Create policy
        </Link>
      }
      list={list}
      searchLabel="Search policies"
      searchPlaceholder="Name"
      query={query}
      loadingLabel="Loading policies…"
      errorTitle="The policies could not be loaded"
      noMatchTitle="No policies match"
      empty={
        <EmptyState
          title="No policies yet"
          description="No policies yet — create one to publish an API. A policy says which APIs and scopes a client gets, and how often it may call them."
          action={
            <Link to={paths.dashboard.policyNew.getHref()} className={buttonClassName()}>
              Create the first policy
            </Link>
          }
        />
      }
      caption="Policies"
      columns={columns}
      getRowKey={(policy) => policy.id}
    />
  );
}
