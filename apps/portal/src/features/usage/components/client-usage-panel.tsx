import type { ClientApiUsage, UsageRange } from '@portico/contracts';
import { useClientUsage } from '@portico/sdk/react';
import { useState } from 'react';
import { Table } from '@/components/ui/table';
import { formatQuota, formatQuotaRenewal, formatRateLimit, RANGE_LABELS } from '../lib/format';
import { apiColumns } from './usage-columns';
import { UsagePanel } from './usage-panel';
import { UsageReport } from './usage-report';

export interface ClientUsagePanelProps {
  /** Row id of the OAuth client (the `:id` of the client page). */
  clientId: string;
}

/** The client page's **Usage** section: totals, the chart, and per API the limits and remaining quota. */
export function ClientUsagePanel({ clientId }: ClientUsagePanelProps) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useClientUsage(clientId, range);

  return (
    <UsagePanel
      headingId="client-usage"
      className="client-section"
      range={range}
      onRangeChange={setRange}
      usage={usage}
    >
      {(report) => (
        <>
          {report.totals.requests === 0 && (
            <p className="usage-panel__empty">
              No requests through the gateway in the {RANGE_LABELS[range].toLowerCase()}. Calls made with this
              client's tokens to <code>/gw/…</code> show up here within seconds.
            </p>
          )}
          <UsageReport report={report} subject="Requests of this client" />
          {report.apis.length > 0 && (
            <Table<ClientApiUsage>
              caption="Per API: limits and remaining quota"
              rows={report.apis}
              getRowKey={(api) => api.apiId}
              columns={[
                ...apiColumns<ClientApiUsage>(),
                { id: 'rate', header: 'Rate limit', cell: (api) => formatRateLimit(api.rateLimit) },
                {
                  id: 'quota',
                  header: 'Quota',
                  cell: (api) => {
                    const renewal = formatQuotaRenewal(api.quota);
                    return (
                      <>
                        {formatQuota(api.quota)}
                        {renewal && <span className="usage-panel__muted"> ({renewal})</span>}
                      </>
                    );
                  },
                },
              ]}
            />
          )}
        </>
      )}
    </UsagePanel>
  );
}
