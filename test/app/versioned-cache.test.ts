import { describe, expect, it } from 'vitest';
import { VersionedCache } from '../../src/app/versioned-cache.js';

/**
 * The compute-once-per-data-change cache behind the dashboard's province figures (issue 31): a value
 * is computed once per data version and key, computed again as soon as the version moves, and the
 * least recently used key goes first when the cache is full.
 */
describe('VersionedCache', () => {
  it('computes a key once per data version, again after the version moves', () => {
    let version = 1;
    let computed = 0;
    const cache = new VersionedCache(() => version);
    const get = () => cache.get('overdue 2024-05-15', () => ++computed);
    expect([get(), get(), get()]).toEqual([1, 1, 1]);
    version = 2;
    // A write moved the version: the next read computes (the value of version 1 is never served again).
    expect([get(), get()]).toEqual([2, 2]);
    // Other keys (another day, another agency) are values of their own.
    expect(cache.get('overdue 2024-05-16', () => 'next day')).toBe('next day');
    expect(computed).toBe(2);
  });

  it('files nothing computed while the version moved (a write during the computation)', () => {
    let version = 1;
    const cache = new VersionedCache(() => version);
    expect(cache.get('k', () => ((version = 2), 'during the write'))).toBe('during the write');
    // Filed under neither version: the next read computes again.
    expect(cache.get('k', () => 'after')).toBe('after');
  });

  it('keeps at most `limit` values, dropping the least recently used', () => {
    const cache = new VersionedCache(() => 7, 2);
    let computed = 0;
    const get = (key: string) => cache.get(key, () => `${key}#${++computed}`);
    get('a');
    get('b');
    get('a'); // a used last: b is the least recently used
    get('c'); // drops b
    expect(get('a')).toBe('a#1');
    expect(get('c')).toBe('c#3');
    expect(get('b')).toBe('b#4');
  });
});
