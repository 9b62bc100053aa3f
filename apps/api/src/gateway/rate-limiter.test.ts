import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.js';
import { FixedWindowRateLimiter, rateLimitHeaders } from './rate-limiter.js';

describe('fixed window rate limiter', () => {
  it('allows `limit` requests per window and counts down', () => {
    const clock = manualClock();
    const limiter = new FixedWindowRateLimiter(clock);
    const decisions = [1, 2, 3].map(() => limiter.hit('c:a', 3, 60));
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const refused = limiter.hit('c:a', 3, 60);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 60, limit: 3 });
  });

  it('opens a new window once the previous one ended', () => {
    const clock = manualClock();
    const limiter = new FixedWindowRateLimiter(clock);
    limiter.hit('k', 1, 10);
    clock.advance(9_500);
    expect(limiter.hit('k', 1, 10)).toMatchObject({ allowed: false, resetSeconds: 1 });
    clock.advance(500);
    expect(limiter.hit('k', 1, 10)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 10 });
  });

  it('keeps keys apart', () => {
    const limiter = new FixedWindowRateLimiter(manualClock());
    expect(limiter.hit('client-1:api', 1, 60).allowed).toBe(true);
    expect(limiter.hit('client-2:api', 1, 60).allowed).toBe(true);
    expect(limiter.hit('client-1:api', 1, 60).allowed).toBe(false);
  });

  it('prunes windows that have ended', () => {
    const clock = manualClock();
    const limiter = new FixedWindowRateLimiter(clock);
    limiter.hit('old', 5, 1);
    clock.advance(2 * 60_000);
    limiter.hit('new', 5, 1);
    expect(limiter.size).toBe(1);
  });

  it('keeps a window longer than an hour until it ends (a per-day limit stays per day)', () => {
    const clock = manualClock();
    const limiter = new FixedWindowRateLimiter(clock);
    expect(limiter.hit('c:a', 1, 7200).allowed).toBe(true);
    expect(limiter.hit('c:a', 1, 7200).allowed).toBe(false);
    clock.advance(3_601_000);
    limiter.hit('other', 1, 60); // runs the pruning
    expect(limiter.hit('c:a', 1, 7200)).toMatchObject({ allowed: false, resetSeconds: 3599 });
    clock.advance(3_600_000);
    expect(limiter.hit('c:a', 1, 7200).allowed).toBe(true);
  });

  it('renders RateLimit-* headers, and Retry-After only when refused', () => {
    const limiter = new FixedWindowRateLimiter(manualClock());
    expect(rateLimitHeaders(limiter.hit('k', 1, 30))).toEqual({
      'ratelimit-limit': '1',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '30',
      'ratelimit-policy': '1;w=30',
    });
    expect(rateLimitHeaders(limiter.hit('k', 1, 30))['retry-after']).toBe('30');
  });
});
