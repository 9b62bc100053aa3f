import type { UsagePoint, UsageRange } from '@portico/contracts';
import { Component, lazy, type ReactNode, Suspense, useId } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { Table } from '@/components/ui/table';
import { formatCount, formatDuration, formatMs, formatStep, RANGE_LABELS } from '../lib/format';

// Lazy: uPlot is downloaded the first time a chart is shown, never with the portal's first chunk.
const UsagePlot = lazy(() => import('./usage-plot'));

export interface UsageChartProps {
  series: UsagePoint[];
  range: UsageRange;
  stepSeconds: number;
  /** What is counted, e.g. "this client's requests". */
  subject: string;
}

/** A chart that fails to load (offline, old browser) must not take the numbers down with it. */
class PlotBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) {
      return <p className="usage-chart__fallback">The chart could not be drawn; the numbers are below.</p>;
    }
    return this.props.children;
  }
}

/**
 * Requests over time: the uPlot canvas for sighted users, and the same data as text — a summary
 * and an expandable table of the steps that had traffic — for everyone else (and for tests).
 */
export function UsageChart({ series, range, stepSeconds, subject }: UsageChartProps) {
  const captionId = useId();
  const active = series.filter((point) => point.requests > 0);
  const step = formatDuration(stepSeconds);
  const total = series.reduce((sum, point) => sum + point.requests, 0);

  return (
    <figure className="usage-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="usage-chart__caption">
        Requests per {step}, {RANGE_LABELS[range].toLowerCase()}: {formatCount(total)} in{' '}
        {formatCount(active.length)} {active.length === 1 ? 'period' : 'periods'} with traffic.
      </figcaption>
      <PlotBoundary>
        <Suspense
          fallback={
            <div className="usage-chart__loading">
              <Spinner label="Loading the chart" />
            </div>
          }
        >
          <UsagePlot series={series} stepSeconds={stepSeconds} />
        </Suspense>
      </PlotBoundary>
      <details className="usage-chart__data">
        <summary>Show the numbers</summary>
        {active.length === 0 ? (
          <p>No requests in this period.</p>
        ) : (
          <Table
            caption={`${subject}, per ${step}`}
            rows={active}
            getRowKey={(point) => point.t}
            columns={[
              { id: 't', header: 'From', cell: (point) => formatStep(point.t, range), isRowHeader: true },
              {
                id: 'requests',
                header: 'Requests',
                cell: (point) => formatCount(point.requests),
                align: 'end',
              },
              { id: '2xx', header: '2xx', cell: (point) => formatCount(point.status2xx), align: 'end' },
              { id: '4xx', header: '4xx', cell: (point) => formatCount(point.status4xx), align: 'end' },
              { id: '5xx', header: '5xx', cell: (point) => formatCount(point.status5xx), align: 'end' },
              { id: '429', header: '429', cell: (point) => formatCount(point.throttled), align: 'end' },
              { id: 'p95', header: 'p95', cell: (point) => formatMs(point.p95Ms), align: 'end' },
            ]}
          />
        )}
      </details>
    </figure>
  );
}
