import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';

describe('FailureLimiter', () => {
  const limit = { max: 3, windowMs: 60_000 };

  it('blocks a key once it reaches the limit, until the window ends', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(() => now);
    for (let i = 0; i < 2; i++) limiter.recordFailure('k', limit);
    expect(limiter.retryAfter('k', limit)).toBe(0);
    limiter.recordFailure('k', limit);
    expect(limiter.retryAfter('k', limit)).toBe(60);
    now += 30_500;
    expect(limiter.retryAfter('k', limit)).toBe(30);
    now += 30_000;
    expect(limiter.retryAfter('k', limit)).toBe(0);
  });

  it('keeps keys independent', () => {
    const limiter = new FailureLimiter(() => 0);
    for (let i = 0; i < 3; i++) limiter.recordFailure('a', limit);
    expect(limiter.retryAfter('a', limit)).toBeGreaterThan(0);
    expect(limiter.retryAfter('b', limit)).toBe(0);
  });

  it('trusts a key for a while after a success, and bounds that memory too', () => {
    let now = 0;
    const limiter = new FailureLimiter(() => now, 10);
    limiter.trust('client@a', 1_000);
    expect(limiter.trusted('client@a')).toBe(true);
    expect(limiter.trusted('client@b')).toBe(false);
    now = 999;
    expect(limiter.trusted('client@a')).toBe(true);
    now = 1_000;
    expect(limiter.trusted('client@a')).toBe(false);
    for (let i = 0; i < 100; i++) limiter.trust(`k${i}`, 1_000);
    limiter.trust('last', 1_000);
    expect(limiter.trusted('last')).toBe(true);
    // At most 10 keys: the oldest live ones made room.
    expect(limiter.trusted('k0')).toBe(false);
    expect(
      Array.from({ length: 100 }, (_, i) => limiter.trusted(`k${i}`)).filter(Boolean).length,
    ).toBeLessThan(10);
  });

  it('bounds its memory', () => {
    const limiter = new FailureLimiter(() => 0, 10);
    for (let i = 0; i < 100; i++) limiter.recordFailure(`k${i}`, limit);
    for (let i = 0; i < 3; i++) limiter.recordFailure('last', limit);
    expect(limiter.retryAfter('last', limit)).toBeGreaterThan(0);
  });
});
