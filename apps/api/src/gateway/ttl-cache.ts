import type { Clock } from './clock.js';

/**
 * A bounded cache whose entries expire `ttlMs` after they were stored. The gateway uses it for
 * facts that can change under a live token (revocation, client and developer status, policies):
 * a short TTL bounds how long a change takes to reach the gateway, while keeping the database
 * off the hot path (one read per key per TTL).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; storedAt: number; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    const now = this.clock();
    // A clock that went backwards (NTP step, a test) must not stretch an entry's life.
    if (entry.expiresAt <= now || now < entry.storedAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V, ttlMs = this.ttlMs): void {
    // Map iteration order is insertion order, so the first key is the oldest: evict it (FIFO) when full.
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const now = this.clock();
    this.entries.set(key, { value, storedAt: now, expiresAt: now + ttlMs });
  }

  /** Returns the cached value, or computes, stores and returns it. */
  getOrLoad(key: K, load: () => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = load();
    this.set(key, value);
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
