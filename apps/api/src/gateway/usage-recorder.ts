import type { Clock } from './clock.js';
import { emptyHistogram, type Histogram, observe } from './histogram.js';

export const MINUTE_MS = 60_000;

/** One gateway response of an identified client. */
export interface UsageSample {
  clientId: string;
  apiId: string;
  status: number;
  latencyMs: number;
  /** Refused by the gateway's rate limit or quota. */
  throttled: boolean;
}

/** Counts of one client × API × minute accumulated since the last drain. */
export interface UsageDelta {
  clientId: string;
  apiId: string;
  /** Start of the minute, epoch ms. */
  bucket: number;
  requests: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  throttled: number;
  latencySumMs: number;
  histogram: Histogram;
}

/**
 * Aggregates usage in memory per client, API and minute, so a request costs a map update rather
 * than a database write; the owner drains it into `usage_counters` periodically and on close.
 */
export class UsageRecorder {
  private deltas = new Map<string, UsageDelta>();

  constructor(private readonly clock: Clock) {}

  record(sample: UsageSample): void {
    const bucket = Math.floor(this.clock() / MINUTE_MS) * MINUTE_MS;
    const key = `${sample.clientId}\u0000${sample.apiId}\u0000${bucket}`;
    let delta = this.deltas.get(key);
    if (delta === undefined) {
      delta = {
        clientId: sample.clientId,
        apiId: sample.apiId,
        bucket,
        requests: 0,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 0,
        throttled: 0,
        latencySumMs: 0,
        histogram: emptyHistogram(),
      };
      this.deltas.set(key, delta);
    }
    delta.requests += 1;
    const statusClass = Math.floor(sample.status / 100);
    if (statusClass === 2) delta.status2xx += 1;
    else if (statusClass === 3) delta.status3xx += 1;
    else if (statusClass === 4) delta.status4xx += 1;
    else if (statusClass === 5) delta.status5xx += 1;
    if (sample.throttled) delta.throttled += 1;
    delta.latencySumMs += sample.latencyMs;
    observe(delta.histogram, sample.latencyMs);
  }

  /** Hands over everything counted so far and starts afresh. */
  drain(): UsageDelta[] {
    if (this.deltas.size === 0) return [];
    const drained = [...this.deltas.values()];
    this.deltas = new Map();
    return drained;
  }

  /** Puts back deltas whose write failed, merging with what was counted meanwhile. */
  restore(deltas: UsageDelta[]): void {
    for (const delta of deltas) {
      const key = `${delta.clientId}\u0000${delta.apiId}\u0000${delta.bucket}`;
      const current = this.deltas.get(key);
      if (current === undefined) {
        this.deltas.set(key, delta);
        continue;
      }
      current.requests += delta.requests;
      current.status2xx += delta.status2xx;
      current.status3xx += delta.status3xx;
      current.status4xx += delta.status4xx;
      current.status5xx += delta.status5xx;
      current.throttled += delta.throttled;
      current.latencySumMs += delta.latencySumMs;
      for (let i = 0; i < current.histogram.length; i++) {
        current.histogram[i] = (current.histogram[i] ?? 0) + (delta.histogram[i] ?? 0);
      }
    }
  }

  get pending(): number {
    return this.deltas.size;
  }
}
