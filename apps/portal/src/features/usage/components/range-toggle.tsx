import type { UsageRange } from '@portico/contracts';
import { RANGE_LABELS } from '../lib/format';

export interface RangeToggleProps {
  value: UsageRange;
  onChange: (range: UsageRange) => void;
  /** Names the group for screen readers, e.g. "Usage period". */
  label?: string;
}

const RANGES: UsageRange[] = ['24h', '7d'];

/** Two toggle buttons (aria-pressed) rather than tabs: they change the data, not the panel. */
export function RangeToggle({ value, onChange, label = 'Period' }: RangeToggleProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would add a visible legend and borders to two buttons.
    <div className="usage-range" role="group" aria-label={label}>
      {RANGES.map((range) => (
        <button
          key={range}
          type="button"
          className="usage-range__option"
          aria-pressed={value === range}
          onClick={() => onChange(range)}
        >
          {RANGE_LABELS[range]}
        </button>
      ))}
    </div>
  );
}
