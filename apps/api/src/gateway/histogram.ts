/**
 * A small fixed-bucket latency histogram. Counters are stored per minute, and percentiles of any
 * range come from summing bucket counts, which exact samples could not do without keeping them all.
 * Bounds are upper limits in milliseconds; the last bucket (`inf`) catches everything slower.
 */
export const LATENCY_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;
export const BUCKET_COUNT = LATENCY_BOUNDS_MS.length + 1;
const INF = 'inf';

export type Histogram = number[];

export const emptyHistogram = (): Histogram => new Array<number>(BUCKET_COUNT).fill(0);

export function bucketIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
    if (ms <= (LATENCY_BOUNDS_MS[i] as number)) return i;
  }
  return LATENCY_BOUNDS_MS.length;
}

export function observe(histogram: Histogram, ms: number): void {
  const i = bucketIndex(ms);
  histogram[i] = (histogram[i] ?? 0) + 1;
}

export function mergeInto(target: Histogram, source: Histogram): Histogram {
  for (let i = 0; i < BUCKET_COUNT; i++) target[i] = (target[i] ?? 0) + (source[i] ?? 0);
  return target;
}

const keyOf = (i: number): string => (i < LATENCY_BOUNDS_MS.length ? String(LATENCY_BOUNDS_MS[i]) : INF);

/** Stored form: `{ "1": 3, "50": 1, "inf": 0 }`, non-zero buckets only. */
export function toRecord(histogram: Histogram): Record<string, number> {
  const record: Record<string, number> = {};
  histogram.forEach((count, i) => {
    if (count > 0) record[keyOf(i)] = count;
  });
  return record;
}

/** Reads the stored form; unknown keys (e.g. from a future bucket layout) are ignored rather than guessed. */
export function fromRecord(record: Record<string, number> | null | undefined): Histogram {
  const histogram = emptyHistogram();
  if (!record) return histogram;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    const count = record[keyOf(i)];
    if (typeof count === 'number' && Number.isFinite(count) && count > 0) histogram[i] = count;
  }
  return histogram;
}

/**
 * The `p`-quantile (0 < p <= 1), interpolated linearly inside the bucket that holds it.
 * Null without samples. Samples in the overflow bucket are reported as the last bound.
 */
export function percentile(histogram: Histogram, p: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = p * total;
  let seen = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    const count = histogram[i] ?? 0;
    if (count === 0) continue;
    if (seen + count >= rank) {
      if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1] as number;
      const lower = i === 0 ? 0 : (LATENCY_BOUNDS_MS[i - 1] as number);
      const upper = LATENCY_BOUNDS_MS[i] as number;
      const value = lower + ((upper - lower) * (rank - seen)) / count;
      return Math.round(value * 100) / 100;
    }
    seen += count;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1] as number;
}
