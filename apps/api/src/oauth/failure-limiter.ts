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
  /** Keys that succeeded lately (see `trust`), with when that stops counting. */
  readonly #trusted = new Map<string, number>();
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
      if (this.#buckets.size >= this.#maxKeys)
        prune(this.#buckets, now, (bucket) => bucket.resetAt, this.#maxKeys);
      this.#buckets.set(key, { count: 1, resetAt: now + limit.windowMs });
    } else {
      bucket.count += 1;
    }
  }

  /**
   * Remembers that `key` (a client and an address) succeeded, for `ttlMs`. Called on every success,
   * so it writes only when the entry is missing or past half its lifetime.
   */
  trust(key: string, ttlMs: number): void {
    const now = this.now();
    const until = this.#trusted.get(key);
    if (until !== undefined && until - now > ttlMs / 2) return;
    if (until === undefined && this.#trusted.size >= this.#maxKeys)
      prune(this.#trusted, now, (until) => until, this.#maxKeys);
    this.#trusted.set(key, now + ttlMs);
  }

  /** Whether `key` succeeded within the time `trust` was given. */
  trusted(key: string): boolean {
    const until = this.#trusted.get(key);
    return until !== undefined && until > this.now();
  }

  reset(): void {
    this.#buckets.clear();
    this.#trusted.clear();
  }
}

/** Drops expired entries; if every entry is still live, drops the oldest half to bound memory. */
function prune<V>(map: Map<string, V>, now: number, expiresAt: (value: V) => number, maxKeys: number): void {
  for (const [key, value] of map) if (expiresAt(value) <= now) map.delete(key);
  if (map.size < maxKeys) return;
  let drop = Math.ceil(map.size / 2);
  for (const key of map.keys()) {
    if (drop-- <= 0) break;
    map.delete(key);
  }
}
