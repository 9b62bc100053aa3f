import type { UsageRange } from '@portico/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { RangeToggle } from './range-toggle';
import '../usage.css';

export interface UsagePanelProps<T> {
  /** Id of the panel's heading, which names the section. */
  headingId: string;
  /** Heading level inside the page (2 on its own page, 3 inside a dialog or card). */
  headingLevel?: 2 | 3;
  /** Classes added in front of `usage-panel`, e.g. the layout of the page around it. */
  className?: string;
  range: UsageRange;
  onRangeChange: (range: UsageRange) => void;
  /** The report for `range`: the panel shows its loading and error states. */
  usage: UseQueryResult<T, unknown>;
  /** What the loaded report looks like in this panel (totals, chart, breakdowns). */
  children: (report: T) => ReactNode;
}

/** The frame every usage panel shares: heading, period toggle, and the report's loading and error states. */
export function UsagePanel<T>({
  headingId,
  headingLevel = 2,
  className,
  range,
  onRangeChange,
  usage,
  children,
}: UsagePanelProps<T>) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={className ? `${className} usage-panel` : 'usage-panel'} aria-labelledby={headingId}>
      <div className="usage-panel__header">
        <Heading id={headingId}>Usage</Heading>
        <RangeToggle value={range} onChange={onRangeChange} label="Usage period" />
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
        children(usage.data)
      )}
    </section>
  );
}
