import type { UsageClientRow, UsageRange } from '@portico/contracts';
import { useApiUsage } from '@portico/sdk/react';
import { useState } from 'react';
import { Table } from '@/components/ui/table';
import { clientColumns } from './usage-columns';
import { UsagePanel } from './usage-panel';
import { UsageReport } from './usage-report';

export interface ApiUsagePanelProps {
  apiId: string;
  /** Heading level inside the page (2 on its own page, 3 inside a dialog or card). */
  headingLevel?: 2 | 3;
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
