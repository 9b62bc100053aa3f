import type { Clock } from './clock.js';

/** A client's consumption of one API's quota in one renewal period. */
export interface QuotaPeriod {
  periodStart: number;
  used: number;
}

/**
 * A change to write: `delta` more requests in the period that began at `periodStart`. A newer
 * `periodStart` than the stored one replaces it (the period renewed); an older one is stale and ignored.
 */
export interface QuotaWrite {
  clientId: string;
  apiId: string;
  periodStart: number;
  delta: number;
}

/** Persistence for quota periods (the `quota_usage` table). Synchronous: better-sqlite3 is. */
export interface QuotaStore {
  load(clientId: string, apiId: string): QuotaPeriod | null;
  save(writes: QuotaWrite[]): void;
}

export interface QuotaPolicy {
  max: number;
  /** Seconds between renewals; null = never renews. */
  renewalSeconds: number | null;
}

export interface QuotaDecision {
  allowed: boolean;
  max: number;
  used: number;
  remaining: number;
  /** Epoch ms when the period ends; null when it never renews (or none has started, for `peek`). */
  renewsAt: number | null;
}

/** The key of one client's quota for one API. */
export const quotaKey = (clientId: string, apiId: string): string => `${clientId}\u0000${apiId}`;

interface Entry {
  clientId: string;
  apiId: string;
  periodStart: number;
  used: number;
  /** Requests counted since the last flush. */
  pending: number;
  /** A new period began since the last flush, so it must be written even without requests. */
  started: boolean;
}

/**
 * Quota per client per API per renewal period. Counting happens in memory so the gateway's hot path
 * never writes to the database; `flush()` (every few seconds and on close) persists the deltas, so a
 * graceful restart — or a second instance started later on the same database — continues the period
 * instead of resetting it. A crash can lose at most one flush interval of counts.
 *
 * A period starts at the first request after the previous one ended (Tyk's behaviour), so an idle
 * client's first request always opens a full period.
 */
export class QuotaTracker {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly store: QuotaStore,
  ) {}

  private entry(clientId: string, apiId: string, key: string): Entry | null {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const stored = this.store.load(clientId, apiId);
      if (stored === null) return null;
      entry = {
        clientId,
        apiId,
        periodStart: stored.periodStart,
        used: stored.used,
        pending: 0,
        started: false,
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private expired(entry: Entry, policy: QuotaPolicy, now: number): boolean {
    return policy.renewalSeconds !== null && now >= entry.periodStart + policy.renewalSeconds * 1000;
  }

  /** Counts one request when the quota allows it. `key` may be passed precomputed (see `quotaKey`). */
  consume(
    clientId: string,
    apiId: string,
    policy: QuotaPolicy,
    key = quotaKey(clientId, apiId),
  ): QuotaDecision {
    const now = this.clock();
    let entry = this.entry(clientId, apiId, key);
    if (entry === null || this.expired(entry, policy, now)) {
      entry = { clientId, apiId, periodStart: now, used: 0, pending: 0, started: true };
      this.entries.set(key, entry);
    }
    const renewsAt = policy.renewalSeconds === null ? null : entry.periodStart + policy.renewalSeconds * 1000;
    if (entry.used >= policy.max) {
      return { allowed: false, max: policy.max, used: entry.used, remaining: 0, renewsAt };
    }
    entry.used += 1;
    entry.pending += 1;
    return { allowed: true, max: policy.max, used: entry.used, remaining: policy.max - entry.used, renewsAt };
  }

  /** Current state without counting, for reports. */
  peek(clientId: string, apiId: string, policy: QuotaPolicy): QuotaDecision {
    const now = this.clock();
    const entry = this.entry(clientId, apiId, quotaKey(clientId, apiId));
    if (entry === null || this.expired(entry, policy, now)) {
      return { allowed: policy.max > 0, max: policy.max, used: 0, remaining: policy.max, renewsAt: null };
    }
    const used = Math.min(entry.used, policy.max);
    const renewsAt = policy.renewalSeconds === null ? null : entry.periodStart + policy.renewalSeconds * 1000;
    return {
      allowed: entry.used < policy.max,
      max: policy.max,
      used,
      remaining: policy.max - used,
      renewsAt,
    };
  }

  /** Writes every pending change; returns how many entries were written. */
  flush(): number {
    const dirty = [...this.entries.values()].filter((entry) => entry.pending > 0 || entry.started);
    if (dirty.length === 0) return 0;
    // Only mark entries clean once the store accepted them: a failed write is retried on the next flush.
    this.store.save(
      dirty.map(({ clientId, apiId, periodStart, pending }) => ({
        clientId,
        apiId,
        periodStart,
        delta: pending,
      })),
    );
    for (const entry of dirty) {
      entry.pending = 0;
      entry.started = false;
    }
    return dirty.length;
  }

  /** Number of periods held in memory. */
  get size(): number {
    return this.entries.size;
  }
}
