import { describe, expect, it } from 'vitest';
import {
  bucketIndex,
  emptyHistogram,
  fromRecord,
  mergeInto,
  observe,
  percentile,
  toRecord,
} from './histogram.js';

describe('latency histogram', () => {
  it('puts samples in the first bucket whose bound is not exceeded', () => {
    expect(bucketIndex(0.3)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.01)).toBe(1);
    expect(bucketIndex(42)).toBe(5);
    expect(bucketIndex(99_999)).toBe(13);
  });

  it('has no percentile without samples', () => {
    expect(percentile(emptyHistogram(), 0.5)).toBeNull();
  });

  it('interpolates p50 and p95 inside the holding bucket', () => {
    const h = emptyHistogram();
    // 100 samples: 90 in (5, 10], 10 in (50, 100].
    for (let i = 0; i < 90; i++) observe(h, 7);
    for (let i = 0; i < 10; i++) observe(h, 80);
    // rank 50 of 90 in (5,10] → 5 + 5 * 50/90
    expect(percentile(h, 0.5)).toBeCloseTo(7.78, 2);
    // rank 95: 5 into the 10 samples of (50,100] → 50 + 50 * 5/10
    expect(percentile(h, 0.95)).toBe(75);
  });

  it('reports the overflow bucket as the last bound', () => {
    const h = emptyHistogram();
    observe(h, 60_000);
    expect(percentile(h, 0.95)).toBe(10_000);
  });

  it('round-trips through the stored record and merges', () => {
    const a = emptyHistogram();
    observe(a, 3);
    observe(a, 3);
    observe(a, 20_000);
    const record = toRecord(a);
    expect(record).toEqual({ '5': 2, inf: 1 });
    const b = fromRecord({ '5': 1, bogus: 9 });
    expect(mergeInto(b, fromRecord(record))).toEqual(fromRecord({ '5': 3, inf: 1 }));
    expect(fromRecord(null)).toEqual(emptyHistogram());
  });
});
