import type { Clock } from './clock.js';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests still allowed in the current window (after this one, when allowed). */
  remaining: number;
  /** Whole seconds until the window resets (at least 1 while it is running). */
  resetSeconds: number;
  windowSeconds: number;
}

interface Window {
  start: number;
  /** The length it was last used with (the policy's), so pruning knows when it ended. */
  windowMs: number;
  count: number;
}

/**
 * Fixed-window rate limiter, one window per key (client × API). A window opens at the first request
 * and lasts `windowSeconds`; at most `limit` requests pass in it. Fixed windows make `RateLimit-Reset`
 * and `Retry-After` exact, at the cost of allowing up to 2 × limit across a window boundary — the
 * trade-off Tyk and @fastify/rate-limit make too.
 *
 * State is in process memory: with several instances each would enforce its own share. Moving this map
 * behind the storage layer is the step for a multi-instance deployment.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastPrune: number;

  constructor(private readonly clock: Clock) {
    this.lastPrune = clock();
  }

  hit(key: string, limit: number, windowSeconds: number): RateLimitDecision {
    const now = this.clock();
    const windowMs = windowSeconds * 1000;
    this.maybePrune(now);
    let window = this.windows.get(key);
    if (window === undefined || now >= window.start + windowMs || now < window.start) {
      window = { start: now, windowMs, count: 0 };
      this.windows.set(key, window);
    } else {
      window.windowMs = windowMs;
    }
    const resetSeconds = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    if (window.count >= limit) {
      return { allowed: false, limit, remaining: 0, resetSeconds, windowSeconds };
    }
    window.count += 1;
    return { allowed: true, limit, remaining: limit - window.count, resetSeconds, windowSeconds };
  }

  /**
   * Forgets windows that have ended (at most once a minute) so idle clients do not accumulate. Only
   * ended ones: a policy's window may last up to a day.
   */
  private maybePrune(now: number): void {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [key, window] of this.windows) {
      if (now >= window.start + window.windowMs || now < window.start) this.windows.delete(key);
    }
  }

  get size(): number {
    return this.windows.size;
  }
}

/**
 * Response headers per draft-ietf-httpapi-ratelimit-headers (the `RateLimit-Limit/-Remaining/-Reset`
 * fields of draft 07, which clients and @fastify/rate-limit understand, plus `RateLimit-Policy`).
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
    'ratelimit-policy': `${decision.limit};w=${decision.windowSeconds}`,
  };
  // RFC 9110 §10.2.3: delay-seconds until the client may retry.
  if (!decision.allowed) headers['retry-after'] = String(decision.resetSeconds);
  return headers;
}
