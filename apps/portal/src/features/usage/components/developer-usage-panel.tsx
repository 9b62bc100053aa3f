import type { UsageApiRow, UsageClientRow, UsageRange } from '@portico/contracts';
import { useDeveloperUsage } from '@portico/sdk/react';
import { useState } from 'react';
import { Table } from '@/components/ui/table';
import { apiColumns, clientColumns } from './usage-columns';
import { UsagePanel } from './usage-panel';
import { UsageReport } from './usage-report';

export interface DeveloperUsagePanelProps {
  userId: string;
  headingLevel?: 2 | 3;
}

/** Dashboard: all traffic of one developer's clients, per client and per API. */
export function DeveloperUsagePanel({ userId, headingLevel = 2 }: DeveloperUsagePanelProps) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useDeveloperUsage(userId, range);

  return (
    <UsagePanel
      headingId={`developer-usage-${userId}`}
      headingLevel={headingLevel}
      range={range}
      onRangeChange={setRange}
      usage={usage}
    >
      {(report) => (
        <>
          <UsageReport report={report} subject={`Requests of ${report.developer.name}'s clients`} />
          {report.totals.requests === 0 ? (
            <p className="usage-panel__empty">
              None of this developer's clients called an API in this period.
            </p>
          ) : (
            <>
              <Table<UsageClientRow>
                caption="Per client"
                rows={report.clients}
                getRowKey={(row) => row.clientId}
                columns={clientColumns().filter((column) => column.id !== 'owner')}
              />
              <Table<UsageApiRow>
                caption="Per API"
                rows={report.apis}
                getRowKey={(row) => row.apiId}
                columns={apiColumns<UsageApiRow>()}
              />
            </>
          )}
        </>
      )}
    </UsagePanel>
  );
}
