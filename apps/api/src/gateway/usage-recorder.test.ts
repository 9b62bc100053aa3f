import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.js';
import { percentile } from './histogram.js';
import { UsageRecorder } from './usage-recorder.js';

const sample = { clientId: 'c', apiId: 'a', latencyMs: 3, throttled: false };

describe('usage recorder', () => {
  it('aggregates per client, API and minute with status classes and 429s', () => {
    const clock = manualClock(Date.UTC(2030, 0, 1, 12, 0, 30));
    const usage = new UsageRecorder(clock);
    usage.record({ ...sample, status: 200 });
    usage.record({ ...sample, status: 204 });
    usage.record({ ...sample, status: 302 });
    usage.record({ ...sample, status: 404 });
    usage.record({ ...sample, status: 429, throttled: true });
    usage.record({ ...sample, status: 502, latencyMs: 40 });
    usage.record({ ...sample, apiId: 'b', status: 200 });
    clock.advance(30_000);
    usage.record({ ...sample, status: 200 });

    const deltas = usage.drain();
    expect(deltas).toHaveLength(3);
    const first = deltas.find((d) => d.apiId === 'a' && d.bucket === Date.UTC(2030, 0, 1, 12, 0));
    expect(first).toMatchObject({
      requests: 6,
      status2xx: 2,
      status3xx: 1,
      status4xx: 2,
      status5xx: 1,
      throttled: 1,
      latencySumMs: 55,
    });
    expect(percentile(first?.histogram ?? [], 0.95)).toBeGreaterThan(25);
    expect(deltas.find((d) => d.bucket === Date.UTC(2030, 0, 1, 12, 1))?.requests).toBe(1);
    expect(usage.drain()).toEqual([]);
  });

  it('restores a failed batch by merging it with newer counts', () => {
    const usage = new UsageRecorder(manualClock());
    usage.record({ ...sample, status: 200 });
    const failed = usage.drain();
    usage.record({ ...sample, status: 500 });
    usage.restore(failed);
    const [merged] = usage.drain();
    expect(merged).toMatchObject({ requests: 2, status2xx: 1, status5xx: 1 });
    expect(merged?.histogram.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
