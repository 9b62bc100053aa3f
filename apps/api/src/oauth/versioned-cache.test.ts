import { describe, expect, it } from 'vitest';
import { VersionedCache } from './versioned-cache.js';

describe('VersionedCache', () => {
  it('loads once per key while the version holds, and reloads everything when it changes', () => {
    let version = 1;
    let loads = 0;
    const cache = new VersionedCache<string, string>(() => version);
    const load = (key: string) => () => {
      loads++;
      return `${key}@${version}`;
    };
    expect(cache.getOrLoad('a', load('a'))).toBe('a@1');
    expect(cache.getOrLoad('a', load('a'))).toBe('a@1');
    expect(cache.getOrLoad('b', load('b'))).toBe('b@1');
    expect(loads).toBe(2);

    version = 2;
    expect(cache.getOrLoad('a', load('a'))).toBe('a@2');
    expect(cache.size).toBe(1);
    expect(loads).toBe(3);
  });

  it('reads the version before loading, so a change during a load is seen by the next lookup', () => {
    let version = 1;
    const cache = new VersionedCache<string, number>(() => version);
    // The load sees data written after the version was read (another process committed meanwhile).
    expect(
      cache.getOrLoad('k', () => {
        version = 2;
        return 2;
      }),
    ).toBe(2);
    let reloaded = false;
    cache.getOrLoad('k', () => {
      reloaded = true;
      return 3;
    });
    expect(reloaded).toBe(true);
  });

  it('does not cache misses, and evicts the oldest entry when full', () => {
    const cache = new VersionedCache<string, number>(() => 1, 2);
    let misses = 0;
    const miss = () => {
      misses++;
      return undefined;
    };
    expect(cache.getOrLoad('unknown', miss)).toBeUndefined();
    expect(cache.getOrLoad('unknown', miss)).toBeUndefined();
    expect(misses).toBe(2);
    expect(cache.size).toBe(0);

    cache.getOrLoad('a', () => 1);
    cache.getOrLoad('b', () => 2);
    cache.getOrLoad('c', () => 3);
    expect(cache.size).toBe(2);
    let reloadedA = false;
    cache.getOrLoad('a', () => {
      reloadedA = true;
      return 1;
    });
    expect(reloadedA).toBe(true);
  });
});
