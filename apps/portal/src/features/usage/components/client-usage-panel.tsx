import type { ClientApiUsage, UsageRange } from '@portico/contracts';
import { useClientUsage } from '@portico/sdk/react';
import { useState } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { Table } from '@/components/ui/table';
import {
  formatCount,
  formatMs,
  formatQuota,
  formatQuotaRenewal,
  formatRateLimit,
  RANGE_LABELS,
} from '../lib/format';
import { RangeToggle } from './range-toggle';
import { UsageReport } from './usage-report';
import '../usage.css';

export interface ClientUsagePanelProps {
  /** Row id of the OAuth client (the `:id` of the client page). */
  clientId: string;
}

/** The client page's **Usage** section: totals, the chart, and per API the limits and remaining quota. */
export function ClientUsagePanel({ clientId }: ClientUsagePanelProps) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useClientUsage(clientId, range);

  return (
    <section className="client-section usage-panel" aria-labelledby="client-usage">
      <div className="usage-panel__header">
        <h2 id="client-usage">Usage</h2>
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
          {usage.data.totals.requests === 0 && (
            <p className="usage-panel__empty">
              No requests through the gateway in the {RANGE_LABELS[range].toLowerCase()}. Calls made with this
              client's tokens to <code>/gw/…</code> show up here within seconds.
            </p>
          )}
          <UsageReport report={usage.data} subject="Requests of this client" />
          {usage.data.apis.length > 0 && (
            <Table<ClientApiUsage>
              caption="Per API: limits and remaining quota"
              rows={usage.data.apis}
              getRowKey={(api) => api.apiId}
              columns={[
                { id: 'api', header: 'API', cell: (api) => api.apiName, isRowHeader: true },
                {
                  id: 'requests',
                  header: 'Requests',
                  cell: (api) => formatCount(api.totals.requests),
                  align: 'end',
                },
                {
                  id: '429',
                  header: 'Throttled',
                  cell: (api) => formatCount(api.totals.throttled),
                  align: 'end',
                },
                { id: 'p95', header: 'p95', cell: (api) => formatMs(api.totals.p95Ms), align: 'end' },
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
    </section>
  );
}
