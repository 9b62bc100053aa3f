/**
 * A bounded cache that is valid for one value of a version counter: every lookup reads the current
 * version first, and a different version empties the cache. With a counter the database bumps on
 * every relevant write (`AuthzVersionRepository`), cached entries are never stale, unlike a TTL cache,
 * which is what client authentication needs: a revoked secret or a deleted client must stop working at
 * once. Loads returning `undefined` are not cached (unknown keys cost one load each, and cannot fill
 * the cache).
 */
export class VersionedCache<K, V> {
  readonly #entries = new Map<K, V>();
  #version: number | undefined;

  constructor(
    private readonly currentVersion: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  getOrLoad(key: K, load: () => V | undefined): V | undefined {
    // Read the version before loading: a write committed in between bumps it, so the next lookup
    // reloads. (Reading it after the load could pair old data with the new version.)
    const version = this.currentVersion();
    if (version !== this.#version) {
      this.#entries.clear();
      this.#version = version;
    }
    const cached = this.#entries.get(key);
    if (cached !== undefined) return cached;
    const value = load();
    if (value === undefined) return undefined;
    // Map iteration order is insertion order: when full, evict the oldest entry.
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return value;
  }

  /**
   * The cached value without reading the version, with the version it is valid for; it may be stale
   * by now. Only for callers that confirm that version before anything depends on the value (the
   * token endpoint does so in the transaction that writes the token).
   */
  peek(key: K): { value: V; version: number } | undefined {
    const value = this.#entries.get(key);
    return value === undefined || this.#version === undefined ? undefined : { value, version: this.#version };
  }

  /** The version the entries are valid for, as last read. */
  get version(): number | undefined {
    return this.#version;
  }

  get size(): number {
    return this.#entries.size;
  }
}
