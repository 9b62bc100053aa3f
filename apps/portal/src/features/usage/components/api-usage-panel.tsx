import type { UsageClientRow, UsageRange } from '@portico/contracts';
import { useApiUsage } from '@portico/sdk/react';
import { useState } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { Table } from '@/components/ui/table';
import { formatCount, formatMs } from '../lib/format';
import { RangeToggle } from './range-toggle';
import { UsageReport } from './usage-report';
import '../usage.css';

export interface ApiUsagePanelProps {
  apiId: string;
  /** Heading level inside the page (2 on its own page, 3 inside a dialog or card). */
  headingLevel?: 2 | 3;
}

export function clientColumns() {
  return [
    { id: 'client', header: 'Client', cell: (row: UsageClientRow) => row.clientName, isRowHeader: true },
    { id: 'owner', header: 'Developer', cell: (row: UsageClientRow) => row.ownerEmail },
    {
      id: 'requests',
      header: 'Requests',
      cell: (row: UsageClientRow) => formatCount(row.totals.requests),
      align: 'end' as const,
    },
    {
      id: 'errors',
      header: '5xx',
      cell: (row: UsageClientRow) => formatCount(row.totals.status5xx),
      align: 'end' as const,
    },
    {
      id: '429',
      header: 'Throttled',
      cell: (row: UsageClientRow) => formatCount(row.totals.throttled),
      align: 'end' as const,
    },
    {
      id: 'p95',
      header: 'p95',
      cell: (row: UsageClientRow) => formatMs(row.totals.p95Ms),
      align: 'end' as const,
    },
  ];
}

/** Dashboard: one API's traffic through the gateway and its busiest clients. */
export function ApiUsagePanel({ apiId, headingLevel = 2 }: ApiUsagePanelProps) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useApiUsage(apiId, range);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `api-usage-${apiId}`;

  return (
    <section className="usage-panel" aria-labelledby={headingId}>
      <div className="usage-panel__header">
        <Heading id={headingId}>Usage</Heading>
        <RangeToggle value={range} onChange={setRange} label="Usage period" />
      </div>
      {usage.isPending ? (
        <LoadingState label="Loading usage…" variant="inline" />
      ) : usage.isError ? (
        <ErrorState
          title="Usage could not be loaded"
          error={usage.error}
          onRetry={() => usage.refetch()}
          retrying={usage.isFetching}
        />
      ) : (
        <>
          <UsageReport report={usage.data} subject={`Requests to ${usage.data.api.name}`} />
          {usage.data.clients.length === 0 ? (
            <p className="usage-panel__empty">No client called this API in this period.</p>
          ) : (
            <Table<UsageClientRow>
              caption="Busiest clients"
              rows={usage.data.clients}
              getRowKey={(row) => row.clientId}
              columns={clientColumns()}
            />
          )}
        </>
      )}
    </section>
  );
}
