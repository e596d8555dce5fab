import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

type CliResult = { code: number | null; out: string; err: string };

/**
 * The CLI as an operator runs it, in a child process, on a database of its own in a temporary
 * directory (removed after the file's tests): `cli('score', '--json')` → exit code, stdout, stderr.
 */
export function cliOnOwnDatabase(name: string): {
  dir: string;
  db: string;
  cli: (...args: string[]) => CliResult;
  /** The same, with environment variables changed for this run (e.g. a PATH without soffice). */
  cliWithEnv: (env: NodeJS.ProcessEnv, ...args: string[]) => CliResult;
} {
  const dir = mkdtempSync(join(tmpdir(), `dondoc-${name}-`));
  const db = join(dir, `${name}.sqlite`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, db, cli: (...args: string[]) => cliOn(db, ...args), cliWithEnv: (env, ...args) => run(db, env, args) };
}

/** The CLI in a child process on the database file `db` (which a test app may hold open too). */
export function cliOn(db: string, ...args: string[]): CliResult {
  return run(db, {}, args);
}

function run(db: string, env: NodeJS.ProcessEnv, args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
