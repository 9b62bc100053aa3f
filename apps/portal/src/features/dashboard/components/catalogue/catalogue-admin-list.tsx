import type { AdminCatalogueEntry, CatalogueSortField, Visibility } from '@portico/contracts';
import { useAdminCatalogue } from '@portico/sdk/react';
import { Link } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { TableColumn } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { useListParams } from '../../hooks/use-list-params';
import { ListPage } from '../list-page';

const SORTABLE = [
  'name',
  'visibility',
  'createdAt',
  'updatedAt',
] as const satisfies readonly CatalogueSortField[];
const VISIBILITY_FILTER: Record<Visibility, string> = { public: 'Public', hidden: 'Hidden' };

const columns: TableColumn<AdminCatalogueEntry>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    isRowHeader: true,
    cell: (entry) => <Link to={paths.dashboard.catalogueEntry.getHref(entry.id)}>{entry.name}</Link>,
  },
  { id: 'api', header: 'API', cell: (entry) => entry.api.name },
  { id: 'policy', header: 'Policy', cell: (entry) => entry.policy.name },
  {
    id: 'visibility',
    header: 'Visibility',
    sortable: true,
    cell: (entry) =>
      entry.visibility === 'public' ? <Badge tone="info">Public</Badge> : <Badge>Hidden</Badge>,
  },
  {
    id: 'approval',
    header: 'Approval',
    cell: (entry) => (entry.approval === 'manual' ? <Badge tone="warning">Manual</Badge> : 'Automatic'),
  },
  { id: 'clients', header: 'OAuth clients', align: 'end', cell: (entry) => entry.clientCount },
];

export function CatalogueAdminList() {
  const list = useListParams({ sortable: SORTABLE, sort: 'name', order: 'asc' });
  const query = useAdminCatalogue({
    ...list.query,
    visibility: (list.filter('visibility') || undefined) as Visibility | undefined,
  });

  return (
    <ListPage
      title="Catalogue"
      description="What developers see in the portal, and on which terms."
      actions={
        <Link to={paths.dashboard.catalogueNew.getHref()} className={buttonClassName()}>
          Publish API
        </Link>
      }
      list={list}
      searchLabel="Search the catalogue"
      filters={[{ name: 'visibility', label: 'Visibility', options: VISIBILITY_FILTER }]}
      query={query}
      loadingLabel="Loading the catalogue…"
      errorTitle="The catalogue could not be loaded"
      noMatchTitle="No entries match"
      empty={
        <EmptyState
          title="Nothing published yet"
          description="Publish an API with a policy so developers can find it in the portal and create OAuth clients for it."
          action={
            <Link to={paths.dashboard.catalogueNew.getHref()} className={buttonClassName()}>
              Publish the first API
            </Link>
          }
        />
      }
      caption="Catalogue entries"
      columns={columns}
      getRowKey={(entry) => entry.id}
    />
  );
}
