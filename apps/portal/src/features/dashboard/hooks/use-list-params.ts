import type { AdminSortOrder } from '@portico/contracts';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { SortState } from '@/components/ui/table';

/** Rows per page on the Dashboard's lists. */
export const LIST_PAGE_SIZE = 20;

/**
 * A paginated list's URL: its search parameters and `?page=` (1 when absent or invalid). `update` sets
 * or (with an empty value) removes parameters and goes back to page 1 unless `resetPage` is false.
 */
export function useListUrl() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const update = useCallback(
    (changes: Record<string, string | undefined>, resetPage = true) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          if (resetPage) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return {
    params,
    setParams,
    page,
    update,
    setPage: (value: number) => update({ page: value > 1 ? String(value) : undefined }, false),
  };
}

/**
 * A list page's search, sort, page and filters, kept in the URL (`?q=pay&sort=name&order=desc&page=2`),
 * so a reload, the back button or a shared link shows the same list.
 */
export function useListParams<S extends string>(options: {
  sortable: readonly S[];
  sort: S;
  order: AdminSortOrder;
}) {
  const { params, page, update, setPage } = useListUrl();
  const rawSort = params.get('sort');
  const sort =
    rawSort && (options.sortable as readonly string[]).includes(rawSort) ? (rawSort as S) : options.sort;
  const rawOrder = params.get('order');
  const order: AdminSortOrder = rawOrder === 'asc' || rawOrder === 'desc' ? rawOrder : options.order;
  const q = params.get('q') ?? '';

  return {
    q,
    sort,
    order,
    page,
    /** The part of the list request every searchable list sends (`q` only while searching). */
    query: { q: q || undefined, sort, order, page, pageSize: LIST_PAGE_SIZE },
    /** For `<Table sort>`. */
    sortState: { column: sort, direction: order } satisfies SortState,
    filter: (name: string) => params.get(name) ?? '',
    setSearch: (value: string) => update({ q: value.trim() }),
    setSort: (state: SortState) => update({ sort: state.column, order: state.direction }),
    setPage,
    setFilter: (name: string, value: string) => update({ [name]: value }),
  };
}

export type ListParams = ReturnType<typeof useListParams>;
