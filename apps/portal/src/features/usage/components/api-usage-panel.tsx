import type { UsageClientRow, UsageRange } from '@portico/contracts';
import { useApiUsage } from '@portico/sdk/react';
import { useState } from 'react';
import { Table } from '@/components/ui/table';
import { formatCount, formatMs } from '../lib/format';
import { UsagePanel } from './usage-panel';
import { UsageReport } from './usage-report';

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

  return (
    <UsagePanel
      headingId={`api-usage-${apiId}`}
      headingLevel={headingLevel}
      range={range}
      onRangeChange={setRange}
      usage={usage}
    >
      {(report) => (
        <>
          <UsageReport report={report} subject={`Requests to ${report.api.name}`} />
          {report.clients.length === 0 ? (
            <p className="usage-panel__empty">No client called this API in this period.</p>
          ) : (
            <Table<UsageClientRow>
              caption="Busiest clients"
              rows={report.clients}
              getRowKey={(row) => row.clientId}
              columns={clientColumns()}
            />
          )}
        </>
      )}
    </UsagePanel>
  );
}
