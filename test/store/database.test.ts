import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, openDatabase } from '../../src/store/database.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('uses WAL and foreign keys, and applies numbered migrations once, in order', () => {
    const path = join(dir, 'a.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(versions.at(-1));
    expect(migrate(db)).toBe(0);
    db.close();
    const again = openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(versions.at(-1));
    again.close();
  });

  it('refuses a member of an agency that does not exist', () => {
    const db = openDatabase(join(dir, 'b.sqlite'));
    expect(() =>
      db.prepare("INSERT INTO members (display_name, agency_id, role, created_at) VALUES ('x', 999, 'focal', 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
