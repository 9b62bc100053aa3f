import type { ReactNode } from 'react';

export type SortDirection = 'asc' | 'desc';
export interface SortState {
  column: string;
  direction: SortDirection;
}

export interface TableColumn<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Renders the header as a button that calls `onSortChange`. */
  sortable?: boolean;
  align?: 'start' | 'end';
  /** The column that names the row (e.g. the client's name), rendered as a row header. */
  isRowHeader?: boolean;
}

export interface TableProps<T> {
  caption: ReactNode;
  /** The caption still names the table for screen readers when the page heading already says it. */
  captionHidden?: boolean;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  getRowKey: (row: T) => string;
  /** Sorting is controlled: the caller sorts (often on the server) and passes the state back. */
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
}

export function Table<T>({
  caption,
  captionHidden,
  columns,
  rows,
  getRowKey,
  sort,
  onSortChange,
}: TableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className={captionHidden ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.column === column.id;
              const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th key={column.id} scope="col" aria-sort={ariaSort} className={alignClass(column.align)}>
                  {column.sortable && onSortChange ? (
                    <button
                      type="button"
                      className="table__sort"
                      onClick={() =>
                        onSortChange({
                          column: column.id,
                          direction: active && sort.direction === 'asc' ? 'desc' : 'asc',
                        })
                      }
                    >
                      {column.header}
                      <span className="table__sort-icon" aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={getRowKey(row)}>
              {columns.map((column) =>
                column.isRowHeader ? (
                  <th key={column.id} scope="row" className={alignClass(column.align)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.id} className={alignClass(column.align)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function alignClass(align: 'start' | 'end' | undefined) {
  return align === 'end' ? 'table__cell--end' : undefined;
}
