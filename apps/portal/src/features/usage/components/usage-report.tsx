import type { UsageTotals as Totals, UsagePoint, UsageRange } from '@portico/contracts';
import { RANGE_LABELS } from '../lib/format';
import { UsageChart } from './usage-chart';
import { UsageTotals } from './usage-totals';

export interface UsageReportProps {
  report: { range: UsageRange; stepSeconds: number; totals: Totals; series: UsagePoint[] };
  /** What is counted, e.g. "Requests of Billing sync". */
  subject: string;
}

/** Totals and the chart of one report; the panels add their own breakdowns below. */
export function UsageReport({ report, subject }: UsageReportProps) {
  return (
    <>
      <UsageTotals totals={report.totals} label={`${subject}, ${RANGE_LABELS[report.range].toLowerCase()}`} />
      <UsageChart
        series={report.series}
        range={report.range}
        stepSeconds={report.stepSeconds}
        subject={subject}
      />
    </>
  );
}
