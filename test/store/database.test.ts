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

  it('migration 0041 fills each state’s dones from its events: the dones after the last reply that undid one', () => {
    // A database as it was before 0041: migrations up to 0040 only.
    const db = openDatabase(join(dir, 'c.sqlite'), { migrate: false });
    for (const m of listMigrations().filter((m) => m.version <= 40)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    // Only the state and its events matter here: no plan, task or member rows behind them.
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO agencies (id, code, name, kind, created_at) VALUES (1, 'STP', 'Sở Tư pháp', 'so', '2024-01-01')").run();
    const event = db.prepare("INSERT INTO status_events (id, item_kind, item_id, agency_id, status, keeps_done, created_at) VALUES (?, 'task', ?, 1, ?, ?, ?)");
    const state = db.prepare("INSERT INTO item_states (item_kind, item_id, agency_id, status, done_at, last_event, updated_at) VALUES ('task', ?, 1, ?, ?, ?, ?)");
    // Task 1: done in March (quý I), "đang làm" about quý II that keeps it, done again in July: both dones hold.
    event.run(1, 1, 'done', 0, '2024-03-20T02:00:00.000Z');
    event.run(2, 1, 'in_progress', 1, '2024-05-10T02:00:00.000Z');
    event.run(3, 1, 'done', 0, '2024-07-15T02:00:00.000Z');
    state.run(1, 'done', '2024-07-15T02:00:00.000Z', 3, '2024-07-15T02:00:00.000Z');
    // Task 2: done in March, then a confirmed "đang làm" that undid it (keeps_done 0), then done in July: July's alone.
    event.run(4, 2, 'done', 0, '2024-03-20T02:00:00.000Z');
    event.run(5, 2, 'in_progress', 0, '2024-03-25T02:00:00.000Z');
    event.run(6, 2, 'done', 0, '2024-07-15T02:00:00.000Z');
    state.run(2, 'done', '2024-07-15T02:00:00.000Z', 6, '2024-07-15T02:00:00.000Z');
    // Task 3: nothing done — no dones.
    event.run(7, 3, 'in_progress', 0, '2024-03-25T02:00:00.000Z');
    state.run(3, 'in_progress', null, 7, '2024-03-25T02:00:00.000Z');
    expect(migrate(db)).toBeGreaterThan(0);
    const dones = (task: number) => JSON.parse((db.prepare("SELECT dones FROM item_states WHERE item_id = ?").get(task) as { dones: string }).dones) as string[];
    expect(dones(1)).toEqual(['2024-03-20T02:00:00.000Z', '2024-07-15T02:00:00.000Z']);
    expect(dones(2)).toEqual(['2024-07-15T02:00:00.000Z']);
    expect(dones(3)).toEqual([]);
    db.close();
  });

  it('refuses a member of an agency that does not exist', () => {
    const db = openDatabase(join(dir, 'b.sqlite'));
    expect(() =>
      db.prepare("INSERT INTO members (display_name, agency_id, role, created_at) VALUES ('x', 999, 'focal', 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
