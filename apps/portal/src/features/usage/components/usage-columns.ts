import type { UsageClientRow, UsageTotals } from '@portico/contracts';
import type { TableColumn } from '@/components/ui/table';
import { formatCount, formatMs } from '../lib/format';

/** Columns of the per-client usage tables (dashboard: one API's clients, one developer's clients). */
export function clientColumns(): TableColumn<UsageClientRow>[] {
  return [
    { id: 'client', header: 'Client', cell: (row) => row.clientName, isRowHeader: true },
    { id: 'owner', header: 'Developer', cell: (row) => row.ownerEmail },
    { id: 'requests', header: 'Requests', cell: (row) => formatCount(row.totals.requests), align: 'end' },
    { id: 'errors', header: '5xx', cell: (row) => formatCount(row.totals.status5xx), align: 'end' },
    { id: '429', header: 'Throttled', cell: (row) => formatCount(row.totals.throttled), align: 'end' },
    { id: 'p95', header: 'p95', cell: (row) => formatMs(row.totals.p95Ms), align: 'end' },
  ];
}

/** Columns of the per-API usage tables (a developer's APIs, a client's APIs); callers may append more. */
export function apiColumns<T extends { apiName: string; totals: UsageTotals }>(): TableColumn<T>[] {
  return [
    { id: 'api', header: 'API', cell: (row) => row.apiName, isRowHeader: true },
    { id: 'requests', header: 'Requests', cell: (row) => formatCount(row.totals.requests), align: 'end' },
    { id: '429', header: 'Throttled', cell: (row) => formatCount(row.totals.throttled), align: 'end' },
    { id: 'p95', header: 'p95', cell: (row) => formatMs(row.totals.p95Ms), align: 'end' },
  ];
}
