import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.js';
import { type QuotaPeriod, type QuotaStore, QuotaTracker, type QuotaWrite } from './quota.js';

/** The same merge rule as the SQL upsert: add within a period, a newer period replaces, an older one is stale. */
class MemoryStore implements QuotaStore {
  rows = new Map<string, QuotaPeriod>();
  writes: QuotaWrite[][] = [];
  load(clientId: string, apiId: string) {
    const row = this.rows.get(`${clientId}/${apiId}`);
    return row ? { ...row } : null;
  }
  save(writes: QuotaWrite[]) {
    this.writes.push(writes);
    for (const w of writes) {
      const key = `${w.clientId}/${w.apiId}`;
      const row = this.rows.get(key);
      if (!row || w.periodStart > row.periodStart)
        this.rows.set(key, { periodStart: w.periodStart, used: w.delta });
      else if (w.periodStart === row.periodStart) row.used += w.delta;
    }
  }
}

const policy = { max: 3, renewalSeconds: 3600 };

describe('quota tracker', () => {
  it('allows max requests per period and says when it renews', () => {
    const clock = manualClock();
    const start = clock();
    const quota = new QuotaTracker(clock, new MemoryStore());
    expect([1, 2, 3].map(() => quota.consume('c', 'a', policy).remaining)).toEqual([2, 1, 0]);
    const refused = quota.consume('c', 'a', policy);
    expect(refused).toMatchObject({ allowed: false, used: 3, remaining: 0, renewsAt: start + 3_600_000 });
  });

  it('renews at the first request after the period ended', () => {
    const clock = manualClock();
    const quota = new QuotaTracker(clock, new MemoryStore());
    for (let i = 0; i < 3; i++) quota.consume('c', 'a', policy);
    clock.advance(3_600_000);
    const renewed = quota.consume('c', 'a', policy);
    expect(renewed).toMatchObject({ allowed: true, used: 1, renewsAt: clock() + 3_600_000 });
  });

  it('never renews without a renewal period', () => {
    const clock = manualClock();
    const quota = new QuotaTracker(clock, new MemoryStore());
    quota.consume('c', 'a', { max: 1, renewalSeconds: null });
    clock.advance(365 * 86_400_000);
    expect(quota.consume('c', 'a', { max: 1, renewalSeconds: null })).toMatchObject({
      allowed: false,
      renewsAt: null,
    });
  });

  it('persists deltas on flush so a new tracker (a restarted server) continues the period', () => {
    const clock = manualClock();
    const store = new MemoryStore();
    const first = new QuotaTracker(clock, store);
    first.consume('c', 'a', policy);
    first.consume('c', 'a', policy);
    expect(first.flush()).toBe(1);
    expect(first.flush()).toBe(0);
    const second = new QuotaTracker(clock, store);
    expect(second.peek('c', 'a', policy)).toMatchObject({ used: 2, remaining: 1 });
    expect(second.consume('c', 'a', policy).allowed).toBe(true);
    expect(second.consume('c', 'a', policy).allowed).toBe(false);
    second.flush();
    expect(store.rows.get('c/a')?.used).toBe(3);
  });

  it('writes a renewed period as a replacement, not an addition', () => {
    const clock = manualClock();
    const store = new MemoryStore();
    const quota = new QuotaTracker(clock, store);
    for (let i = 0; i < 3; i++) quota.consume('c', 'a', policy);
    quota.flush();
    clock.advance(3_600_000);
    quota.consume('c', 'a', policy);
    quota.flush();
    expect(store.rows.get('c/a')).toEqual({ periodStart: clock(), used: 1 });
  });

  it('keeps pending counts when the store fails, and writes them next time', () => {
    const clock = manualClock();
    const store = new MemoryStore();
    const quota = new QuotaTracker(clock, store);
    quota.consume('c', 'a', policy);
    const save = store.save.bind(store);
    store.save = () => {
      throw new Error('disk full');
    };
    expect(() => quota.flush()).toThrow('disk full');
    store.save = save;
    quota.consume('c', 'a', policy);
    quota.flush();
    expect(store.rows.get('c/a')?.used).toBe(2);
  });

  it('peeks without counting and reports no period before the first request', () => {
    const quota = new QuotaTracker(manualClock(), new MemoryStore());
    expect(quota.peek('c', 'a', policy)).toEqual({
      allowed: true,
      max: 3,
      used: 0,
      remaining: 3,
      renewsAt: null,
    });
    expect(quota.peek('c', 'a', policy).used).toBe(0);
  });
});
