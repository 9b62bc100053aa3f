import type { UsageApiRow, UsageClientRow, UsageRange } from '@portico/contracts';
import { useDeveloperUsage } from '@portico/sdk/react';
import { useState } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { Table } from '@/components/ui/table';
import { formatCount, formatMs } from '../lib/format';
import { clientColumns } from './api-usage-panel';
import { RangeToggle } from './range-toggle';
import { UsageReport } from './usage-report';
import '../usage.css';

export interface DeveloperUsagePanelProps {
  userId: string;
  headingLevel?: 2 | 3;
}

/** Dashboard: all traffic of one developer's clients, per client and per API. */
export function DeveloperUsagePanel({ userId, headingLevel = 2 }: DeveloperUsagePanelProps) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useDeveloperUsage(userId, range);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `developer-usage-${userId}`;

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
      ) : usage.data.totals.requests === 0 ? (
        <>
          <UsageReport report={usage.data} subject={`Requests of ${usage.data.developer.name}'s clients`} />
          <p className="usage-panel__empty">None of this developer's clients called an API in this period.</p>
        </>
      ) : (
        <>
          <UsageReport report={usage.data} subject={`Requests of ${usage.data.developer.name}'s clients`} />
          <Table<UsageClientRow>
            caption="Per client"
            rows={usage.data.clients}
            getRowKey={(row) => row.clientId}
            columns={clientColumns().filter((column) => column.id !== 'owner')}
          />
          <Table<UsageApiRow>
            caption="Per API"
            rows={usage.data.apis}
            getRowKey={(row) => row.apiId}
            columns={[
              { id: 'api', header: 'API', cell: (row) => row.apiName, isRowHeader: true },
              {
                id: 'requests',
                header: 'Requests',
                cell: (row) => formatCount(row.totals.requests),
                align: 'end',
              },
              {
                id: '429',
                header: 'Throttled',
                cell: (row) => formatCount(row.totals.throttled),
                align: 'end',
              },
              { id: 'p95', header: 'p95', cell: (row) => formatMs(row.totals.p95Ms), align: 'end' },
            ]}
          />
        </>
      )}
    </section>
  );
}
