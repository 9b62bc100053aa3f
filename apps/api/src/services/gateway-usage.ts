import {
  type ApiUsageResponse,
  type ClientApiUsage,
  type ClientUsageResponse,
  type DeveloperUsageResponse,
  USAGE_RANGE_SECONDS,
  USAGE_STEP_SECONDS,
  type UsageApiRow,
  type UsageClientRow,
  type UsagePoint,
  type UsageRange,
  type UsageTotals,
} from '@portico/contracts';
import { emptyHistogram, fromRecord, type Histogram, mergeInto, percentile } from '../gateway/histogram.js';
import type { UsageCounterRow, UsageRepository } from '../repositories/usage.js';
import type { GatewayRuntime } from './gateway-runtime.js';

interface Accumulator {
  requests: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  throttled: number;
  histogram: Histogram;
}

const emptyAccumulator = (): Accumulator => ({
  requests: 0,
  status2xx: 0,
  status3xx: 0,
  status4xx: 0,
  status5xx: 0,
  throttled: 0,
  histogram: emptyHistogram(),
});

function add(acc: Accumulator, row: UsageCounterRow): void {
  acc.requests += row.requests;
  acc.status2xx += row.status2xx;
  acc.status3xx += row.status3xx;
  acc.status4xx += row.status4xx;
  acc.status5xx += row.status5xx;
  acc.throttled += row.throttled;
  mergeInto(acc.histogram, fromRecord(row.latencyHistogram));
}

function totalsOf(acc: Accumulator): UsageTotals {
  return {
    requests: acc.requests,
    status2xx: acc.status2xx,
    status3xx: acc.status3xx,
    status4xx: acc.status4xx,
    status5xx: acc.status5xx,
    throttled: acc.throttled,
    p50Ms: percentile(acc.histogram, 0.5),
    p95Ms: percentile(acc.histogram, 0.95),
  };
}

/** Sums rows per key, e.g. per client or per API. */
function groupBy(rows: UsageCounterRow[], key: (row: UsageCounterRow) => string): Map<string, Accumulator> {
  const groups = new Map<string, Accumulator>();
  for (const row of rows) {
    const k = key(row);
    let acc = groups.get(k);
    if (acc === undefined) {
      acc = emptyAccumulator();
      groups.set(k, acc);
    }
    add(acc, row);
  }
  return groups;
}

interface Window {
  range: UsageRange;
  from: number;
  to: number;
  stepMs: number;
}

/**
 * Usage reports over the per-minute counters: a zero-filled series in chart steps, totals with
 * p50/p95 from the merged latency histograms, and breakdowns per client or API.
 */
export class UsageReportService {
  constructor(
    private readonly repo: UsageRepository,
    private readonly gateway: GatewayRuntime,
    private readonly onFlushError: (error: unknown) => void = () => {},
  ) {}

  /** The range ends with the step that holds "now", so the latest requests are on the chart. */
  window(range: UsageRange): Window {
    const stepMs = USAGE_STEP_SECONDS[range] * 1000;
    const to = Math.floor(this.gateway.clock() / stepMs) * stepMs + stepMs;
    return { range, from: to - USAGE_RANGE_SECONDS[range] * 1000, to, stepMs };
  }

  /** Reports read the database, so first write what the gateway still holds in memory. */
  private rows(window: Window, filter: { clientIds?: string[]; apiId?: string }): UsageCounterRow[] {
    try {
      this.gateway.flush();
    } catch (error) {
      // A failed flush keeps its counts for the next one; the report is then only slightly behind.
      this.onFlushError(error);
    }
    return this.repo.counters({ from: window.from, to: window.to, ...filter });
  }

  private base(window: Window, rows: UsageCounterRow[]) {
    const steps = Math.round((window.to - window.from) / window.stepMs);
    const points = Array.from({ length: steps }, emptyAccumulator);
    const all = emptyAccumulator();
    for (const row of rows) {
      const index = Math.floor((row.bucket - window.from) / window.stepMs);
      const point = points[index];
      if (point !== undefined) add(point, row);
      add(all, row);
    }
    const series: UsagePoint[] = points.map((acc, i) => ({
      t: new Date(window.from + i * window.stepMs).toISOString(),
      ...totalsOf(acc),
    }));
    return {
      range: window.range,
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      stepSeconds: window.stepMs / 1000,
      totals: totalsOf(all),
      series,
    };
  }

  private clientRows(rows: UsageCounterRow[]): UsageClientRow[] {
    const groups = groupBy(rows, (row) => row.clientId);
    return this.repo
      .clientsByIds([...groups.keys()])
      .map((client) => ({
        clientId: client.id,
        oauthClientId: client.clientId,
        clientName: client.name,
        ownerId: client.ownerId,
        ownerEmail: client.ownerEmail,
        totals: totalsOf(groups.get(client.id) ?? emptyAccumulator()),
      }))
      .sort((a, b) => b.totals.requests - a.totals.requests || a.clientName.localeCompare(b.clientName));
  }

  /** A developer's view of one of their clients, with the limits and remaining quota per API. */
  clientUsage(clientRowId: string, range: UsageRange): ClientUsageResponse {
    const window = this.window(range);
    const rows = this.rows(window, { clientIds: [clientRowId] });
    const perApi = groupBy(rows, (row) => row.apiId);
    const subscribed = this.repo.subscribedApis(clientRowId);
    const apis: ClientApiUsage[] = subscribed.map((api) => {
      const quota =
        api.quotaMax === null
          ? null
          : this.gateway.quota.peek(clientRowId, api.apiId, {
              max: api.quotaMax,
              renewalSeconds: api.quotaRenewal,
            });
      return {
        apiId: api.apiId,
        apiName: api.apiName,
        listenPath: api.listenPath,
        totals: totalsOf(perApi.get(api.apiId) ?? emptyAccumulator()),
        rateLimit: { limit: api.rateLimit, windowSeconds: api.rateLimitPer },
        quota:
          quota === null
            ? null
            : {
                max: quota.max,
                used: quota.used,
                remaining: quota.remaining,
                renewalSeconds: api.quotaRenewal,
                renewsAt: quota.renewsAt === null ? null : new Date(quota.renewsAt).toISOString(),
              },
      };
    });
    // APIs the client used in the range but is no longer subscribed to still show their traffic.
    const unsubscribed = [...perApi.keys()].filter((id) => !subscribed.some((api) => api.apiId === id));
    for (const api of this.repo.apisByIds(unsubscribed)) {
      apis.push({
        apiId: api.id,
        apiName: api.name,
        listenPath: api.listenPath,
        totals: totalsOf(perApi.get(api.id) ?? emptyAccumulator()),
        rateLimit: null,
        quota: null,
      });
    }
    return { clientId: clientRowId, ...this.base(window, rows), apis };
  }

  /** An API's traffic and its busiest clients; null when the API does not exist. */
  apiUsage(apiId: string, range: UsageRange): ApiUsageResponse | null {
    const api = this.repo.findApi(apiId);
    if (api === null) return null;
    const window = this.window(range);
    const rows = this.rows(window, { apiId });
    return { api, ...this.base(window, rows), clients: this.clientRows(rows) };
  }

  /** All traffic of one developer's clients, per client and per API. */
  developerUsage(
    developer: { id: string; email: string; name: string },
    range: UsageRange,
  ): DeveloperUsageResponse {
    const window = this.window(range);
    const rows = this.rows(window, { clientIds: this.repo.clientIdsOfOwner(developer.id) });
    const perApi = groupBy(rows, (row) => row.apiId);
    const apis: UsageApiRow[] = this.repo
      .apisByIds([...perApi.keys()])
      .map((api) => ({
        apiId: api.id,
        apiName: api.name,
        totals: totalsOf(perApi.get(api.id) ?? emptyAccumulator()),
      }))
      .sort((a, b) => b.totals.requests - a.totals.requests || a.apiName.localeCompare(b.apiName));
    return {
      developer: { id: developer.id, email: developer.email, name: developer.name },
      ...this.base(window, rows),
      clients: this.clientRows(rows),
      apis,
    };
  }
}
