import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating if needed) the SQLite file with WAL, foreign keys and a busy timeout, then migrates it. */
export function openDatabase(path: string, options: { migrate?: boolean; mustExist?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.mustExist) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { fileMustExist: options.mustExist ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (options.migrate !== false) migrate(db);
  return db;
}

/** Opens an existing database file read-only, changing nothing in it (a backup being checked). */
export function openReadOnly(path: string): Db {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** The numbered migration files, in order; a schema change is always a new file. */
export function listMigrations(): { version: number; name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file,
      sql: readFileSync(join(migrationsDir, file), 'utf8'),
    }));
}

/** Applies every migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  let applied = 0;
  for (const migration of listMigrations()) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied += 1;
  }
  return applied;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * Prepares a statement once per database and SQL text, then reuses it: preparing costs more than
 * running most of dondoc's queries, and the same few dozen statements run on every message.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * Deletes (or, with `change`, updates) the rows of `table` matching `where`, or with `dryRun` only
 * counts them: a retention prune and its dry run read the same rows. Returns how many.
 */
export function pruneRows(db: Db, sql: { table: string; where: string; change?: string }, params: unknown[], dryRun: boolean): number {
  if (dryRun) return (prepared(db, `SELECT COUNT(*) AS n FROM ${sql.table} WHERE ${sql.where}`).get(...params) as { n: number }).n;
  const statement = sql.change ? `UPDATE ${sql.table} SET ${sql.change} WHERE ${sql.where}` : `DELETE FROM ${sql.table} WHERE ${sql.where}`;
  return prepared(db, statement).run(...params).changes;
}
