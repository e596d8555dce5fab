import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { migrate, openDatabase, openReadOnly } from '../store/database.js';

/** Tables whose row counts a backup or restore prints, so a person can see the copy is whole. */
const COUNTED = ['agencies', 'members', 'plans', 'tasks', 'status_events', 'reports', 'broadcasts', 'outbox'] as const;

export interface DatabaseCheck {
  path: string;
  bytes: number;
  integrity: string;
  schemaVersion: number;
  counts: Record<(typeof COUNTED)[number], number>;
}

/** Opens a database file read-only and checks it: integrity, schema version, row counts. */
export function checkDatabase(path: string): DatabaseCheck {
  const db = openReadOnly(path);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const counts = Object.fromEntries(
      COUNTED.map((table) => [table, tables.has(table) ? (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n : 0]),
    ) as DatabaseCheck['counts'];
    return { path, bytes: statSync(path).size, integrity, schemaVersion, counts };
  } finally {
    db.close();
  }
}

export type BackupProblem = { code: 'no_source'; path: string } | { code: 'target_exists'; path: string } | { code: 'bad_copy'; integrity: string };

/**
 * Copies a live database with VACUUM INTO: one read snapshot, so it completes under constant writes
 * (the online backup API restarts on every write), and the copy is compact. The copy is checked
 * (integrity, rows) and removed again if it is not sound.
 */
export function backupDatabase(source: string, target: string): { ok: true; value: DatabaseCheck } | { ok: false; error: BackupProblem } {
  if (source === ':memory:' || !existsSync(source)) return { ok: false, error: { code: 'no_source', path: source } };
  if (existsSync(target)) return { ok: false, error: { code: 'target_exists', path: target } };
  const db = openDatabase(source, { migrate: false, mustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  const check = checkDatabase(target);
  if (check.integrity !== 'ok') {
    rmSync(target, { force: true });
    return { ok: false, error: { code: 'bad_copy', integrity: check.integrity } };
  }
  return { ok: true, value: check };
}

export type RestoreProblem =
  | { code: 'no_file'; path: string }
  | { code: 'not_dondoc'; path: string }
  | { code: 'bad_file'; integrity: string }
  | { code: 'newer_schema'; version: number; supported: number };

/**
 * Puts a backup in place of the database: the file is checked first (integrity, a dondoc schema
 * not newer than this version), the current database is kept beside it as `<db>.truoc-khoi-phuc-<time>`,
 * then the backup is copied in and brought to the current schema. The caller makes sure no dondoc
 * process runs on the database.
 */
export function restoreDatabase(
  file: string,
  target: string,
  supportedSchema: number,
  now: Date,
): { ok: true; value: { restored: DatabaseCheck; kept: string | null } } | { ok: false; error: RestoreProblem } {
  if (!existsSync(file)) return { ok: false, error: { code: 'no_file', path: file } };
  let check: DatabaseCheck;
  try {
    check = checkDatabase(file);
  } catch {
    return { ok: false, error: { code: 'not_dondoc', path: file } };
  }
  if (check.integrity !== 'ok') return { ok: false, error: { code: 'bad_file', integrity: check.integrity } };
  if (check.schemaVersion === 0) return { ok: false, error: { code: 'not_dondoc', path: file } };
  if (check.schemaVersion > supportedSchema) return { ok: false, error: { code: 'newer_schema', version: check.schemaVersion, supported: supportedSchema } };
  let kept: string | null = null;
  if (existsSync(target)) {
    kept = `${target}.truoc-khoi-phuc-${now.toISOString().replace(/[:.]/g, '-')}`;
    const current = openDatabase(target, { migrate: false, mustExist: true });
    try {
      current.prepare('VACUUM INTO ?').run(kept);
    } finally {
      current.close();
    }
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(file, target);
  const db = openDatabase(target, { migrate: false });
  try {
    migrate(db);
  } finally {
    db.close();
  }
  return { ok: true, value: { restored: checkDatabase(target), kept } };
}
