/**
 * Compute once per data change (issue 31): values derived from the whole store (the province's
 * counts, the overdue list, the scores, the matrix's states) are kept until the data version
 * (`progress.dataVersion()`, moved by triggers on every write that any figure reads, from any
 * process) changes. A key holds everything else the value depends on (the day, the agency, the
 * period). At most `limit` values are kept (default 64), the least recently used dropped first.
 */
export class VersionedCache {
  private version: number | undefined;
  private readonly values = new Map<string, unknown>();

  constructor(
    private readonly currentVersion: () => number,
    private readonly limit = 64,
  ) {}

  /** The value for `key` at the current data version, computed by `compute` when not kept yet. */
  get<T>(key: string, compute: () => T): T {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.values.clear();
      this.version = version;
    }
    if (this.values.has(key)) {
      const value = this.values.get(key) as T;
      // Most recently used last: Map keeps insertion order.
      this.values.delete(key);
      this.values.set(key, value);
      return value;
    }
    const value = compute();
    // A write inside `compute` (none is expected) would make the value older than the version it is filed under.
    if (this.currentVersion() !== version) return value;
    this.values.set(key, value);
    if (this.values.size > this.limit) this.values.delete(this.values.keys().next().value!);
    return value;
  }
}
