/**
 * Brute-force protection for client authentication: counts failed attempts per key (a client_id,
 * an address) in a fixed window and refuses further attempts once a key is over its limit.
 * Successful requests are not counted, so a busy, well-behaved client is never throttled here.
 *
 * In memory on purpose: it is a per-process speed bump for guessing secrets (which are 256-bit
 * random anyway), and a lookup must cost nothing on the token endpoint's hot path.
 */
export interface FailureLimit {
  max: number;
  windowMs: number;
}

interface Bucket {
  count: number;
  resetAt: number;
}

export class FailureLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #maxKeys: number;

  constructor(
    private readonly now: () => number = Date.now,
    maxKeys = 100_000,
  ) {
    this.#maxKeys = maxKeys;
  }

  /** Seconds until `key` may try again, or 0 when it is not blocked. */
  retryAfter(key: string, limit: FailureLimit): number {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) return 0;
    const now = this.now();
    if (bucket.resetAt <= now) {
      this.#buckets.delete(key);
      return 0;
    }
    return bucket.count >= limit.max ? Math.max(1, Math.ceil((bucket.resetAt - now) / 1000)) : 0;
  }

  recordFailure(key: string, limit: FailureLimit): void {
    const now = this.now();
    const bucket = this.#buckets.get(key);
    if (bucket === undefined || bucket.resetAt <= now) {
      if (this.#buckets.size >= this.#maxKeys) this.#prune(now);
      this.#buckets.set(key, { count: 1, resetAt: now + limit.windowMs });
    } else {
      bucket.count += 1;
    }
  }

  reset(): void {
    this.#buckets.clear();
  }

  /** Drops expired windows; if every window is still live, drops the oldest half to bound memory. */
  #prune(now: number): void {
    for (const [key, bucket] of this.#buckets) if (bucket.resetAt <= now) this.#buckets.delete(key);
    if (this.#buckets.size < this.#maxKeys) return;
    let drop = Math.ceil(this.#buckets.size / 2);
    for (const key of this.#buckets.keys()) {
      if (drop-- <= 0) break;
      this.#buckets.delete(key);
    }
  }
}
