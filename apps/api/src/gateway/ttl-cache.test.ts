import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.js';
import { TtlCache } from './ttl-cache.js';

describe('TTL cache', () => {
  it('keeps entries for the TTL, then reloads them', () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(clock, 500);
    let loads = 0;
    const load = () => ++loads;
    expect(cache.getOrLoad('k', load)).toBe(1);
    clock.advance(499);
    expect(cache.getOrLoad('k', load)).toBe(1);
    clock.advance(1);
    expect(cache.getOrLoad('k', load)).toBe(2);
  });

  it('caches null answers too, and drops entries when the clock goes backwards', () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number | null>(clock, 500);
    let loads = 0;
    const load = () => {
      loads += 1;
      return null;
    };
    cache.getOrLoad('k', load);
    cache.getOrLoad('k', load);
    expect(loads).toBe(1);
    clock.advance(-1);
    cache.getOrLoad('k', load);
    expect(loads).toBe(2);
  });

  it('evicts the oldest entry when full', () => {
    const cache = new TtlCache<string, number>(manualClock(), 1000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 2, 3, 2]);
  });
});
