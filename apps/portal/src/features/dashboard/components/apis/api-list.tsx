import type { AdminApi, ApiSortField, AuthMode } from '@portico/contracts';
import { useAdminApis } from '@portico/sdk/react';
import { Link } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { TableColumn } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { useListParams } from '../../hooks/use-list-params';
import { AUTH_MODE_LABELS } from '../../lib/format';
import { ListPage } from '../list-page';

const SORTABLE = [
  'name',
  'slug',
  'listenPath',
  'authMode',
  'createdAt',
  'updatedAt',
] as const satisfies readonly ApiSortField[];

const columns: TableColumn<AdminApi>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    isRowHeader: true,
    cell: (api) => <Link to={paths.dashboard.api.getHref(api.id)}>{api.name}</Link>,
  },
  { id: 'listenPath', header: 'Listen path', sortable: true, cell: (api) => <code>{api.listenPath}</code> },
  { id: 'authMode', header: 'Authentication', sortable: true, cell: (api) => AUTH_MODE_LABELS[api.authMode] },
  {
    id: 'status',
    header: 'Status',
    cell: (api) => (api.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>),
  },
  { id: 'scopes', header: 'Scopes', align: 'end', cell: (api) => api.scopes.length },
];

/** APIs with search, an auth-mode filter, sortable columns and pages, all kept in the URL. */
export function ApiList() {
  const list = useListParams({ sortable: SORTABLE, sort: 'name', order: 'asc' });
  const query = useAdminApis({
    ...list.query,
    authMode: (list.filter('authMode') || undefined) as AuthMode | undefined,
  });

  return (
    <ListPage
      title="APIs"
      description="The APIs Portico protects and forwards to through its gateway."
      actions={
        <Link to={paths.dashboard.apiNew.getHref()} className={buttonClassName()}>
          Create API
        </Link>
      }
      list={list}
      searchLabel="Search APIs"
      searchPlaceholder="Name, slug or path"
      filters={[{ name: 'authMode', label: 'Authentication', options: AUTH_MODE_LABELS }]}
      query={query}
      loadingLabel="Loading APIs…"
      errorTitle="The APIs could not be loaded"
      noMatchTitle="No APIs match"
      empty={
        <EmptyState
          title="No APIs yet"
          description="Register the first API Portico should protect; then give it a policy and publish it in the catalogue."
          action={
            <Link to={paths.dashboard.apiNew.getHref()} className={buttonClassName()}>
              Create the first API
            </Link>
          }
        />
      }
      caption="APIs"
      columns={columns}
      getRowKey={(api) => api.id}
    />
  );
}
