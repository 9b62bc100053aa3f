import type { PageOf } from '@portico/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { LoadingState } from '@/components/ui/spinner';
import { Table, type TableColumn } from '@/components/ui/table';
import type { ListParams } from '../hooks/use-list-params';
import { QueryState } from './query-state';
import { SearchField } from './search-field';

export interface PagedResultsProps<T> {
  query: UseQueryResult<PageOf<T>>;
  loadingLabel: string;
  errorTitle: string;
  /** Shown when the page is empty (`total` is 0). */
  empty: ReactNode;
  onPageChange: (page: number) => void;
  /** The page's items (a table, a list); the pagination follows them. */
  children: (items: T[]) => ReactNode;
}

/** Past the last page (`?page=9`, or the last item of page 2 was approved or deleted): the items are gone. */
const isPastTheEnd = <T,>(data: PageOf<T>) => data.items.length === 0 && data.page > 1 && data.total > 0;

/**
 * One page of a paginated query, with its loading, error and empty states. A page past the end goes
 * to the last page (replacing the URL), rather than showing an empty table without pagination.
 */
export function PagedResults<T>({
  query,
  loadingLabel,
  errorTitle,
  empty,
  onPageChange,
  children,
}: PagedResultsProps<T>) {
  const latestOnPageChange = useRef(onPageChange);
  latestOnPageChange.current = onPageChange;
  // Not while the previous page stands in as placeholder data: it says nothing about this page.
  const data = query.isPlaceholderData ? undefined : query.data;
  // Always an earlier page, so this ends even if the server's count and items disagree.
  const lastPage =
    data && isPastTheEnd(data) ? Math.min(data.page - 1, Math.ceil(data.total / data.pageSize)) : null;
  useEffect(() => {
    if (lastPage !== null) latestOnPageChange.current(lastPage);
  }, [lastPage]);

  return (
    <QueryState query={query} loadingLabel={loadingLabel} errorTitle={errorTitle}>
      {(data) =>
        data.total === 0 ? (
          empty
        ) : isPastTheEnd(data) ? (
          <LoadingState label={loadingLabel} />
        ) : (
          <>
            {children(data.items)}
            <Pagination
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPageChange={onPageChange}
            />
          </>
        )
      }
    </QueryState>
  );
}

export interface ListFilter {
  /** The URL parameter, also sent in the list request. */
  name: string;
  label: string;
  /** value → label; an "All" option comes first. */
  options: Readonly<Record<string, string>>;
}

export interface ListPageProps<T> {
  title: string;
  description: string;
  actions: ReactNode;
  /** From `useListParams`: search, sort, filters and page live in the URL. */
  list: ListParams;
  searchLabel: string;
  searchPlaceholder?: string;
  filters?: readonly ListFilter[];
  query: UseQueryResult<PageOf<T>>;
  loadingLabel: string;
  errorTitle: string;
  /** The empty state's title when a search or filter matches nothing, e.g. "No APIs match". */
  noMatchTitle: string;
  /** The empty state when nothing exists yet: it points to the next step. */
  empty: ReactNode;
  caption: string;
  columns: readonly TableColumn<T>[];
  getRowKey: (row: T) => string;
}

/**
 * A Dashboard list: header, a search box and filters, then a sortable table with pagination (or
 * the loading, error and empty states).
 */
export function ListPage<T>({
  title,
  description,
  actions,
  list,
  searchLabel,
  searchPlaceholder,
  filters = [],
  query,
  loadingLabel,
  errorTitle,
  noMatchTitle,
  empty,
  caption,
  columns,
  getRowKey,
}: ListPageProps<T>) {
  const filtered = Boolean(list.q) || filters.some((filter) => list.filter(filter.name) !== '');
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      <div className="list-toolbar">
        <SearchField
          label={searchLabel}
          value={list.q}
          onSearch={list.setSearch}
          placeholder={searchPlaceholder}
        />
        {filters.map((filter) => (
          <Select
            key={filter.name}
            label={filter.label}
            value={list.filter(filter.name)}
            onChange={(event) => list.setFilter(filter.name, event.target.value)}
          >
            <option value="">All</option>
            {Object.entries(filter.options).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        ))}
      </div>
      <PagedResults
        query={query}
        loadingLabel={loadingLabel}
        errorTitle={errorTitle}
        onPageChange={list.setPage}
        empty={
          filtered ? (
            <EmptyState
              title={noMatchTitle}
              description={
                filters.length > 0 ? 'Try another search or clear the filter.' : 'Try another search.'
              }
            />
          ) : (
            empty
          )
        }
      >
        {(items) => (
          <Table
            caption={caption}
            captionHidden
            columns={columns}
            rows={items}
            getRowKey={getRowKey}
            sort={list.sortState}
            onSortChange={list.setSort}
          />
        )}
      </PagedResults>
    </>
  );
}
