import type { UsageTotals as Totals } from '@portico/contracts';
import { formatCount, formatMs } from '../lib/format';

export interface UsageTotalsProps {
  totals: Totals;
  /** Labels the list for screen readers, e.g. "Totals, last 24 hours". */
  label: string;
}

/** The headline numbers of a report, as a description list (term → value). */
export function UsageTotals({ totals, label }: UsageTotalsProps) {
  const items: Array<[string, string]> = [
    ['Requests', formatCount(totals.requests)],
    ['Successful (2xx)', formatCount(totals.status2xx)],
    ['Client errors (4xx)', formatCount(totals.status4xx)],
    ['Server errors (5xx)', formatCount(totals.status5xx)],
    ['Throttled (429)', formatCount(totals.throttled)],
    ['Latency p50', formatMs(totals.p50Ms)],
    ['Latency p95', formatMs(totals.p95Ms)],
  ];
  return (
    <dl className="usage-totals" aria-label={label}>
      {items.map(([term, value]) => (
        <div key={term} className="usage-totals__item">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
