import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * The CLI as an operator runs it, in a child process, on a database of its own in a temporary
 * directory (removed after the file's tests): `cli('score', '--json')` → exit code, stdout, stderr.
 */
export function cliOnOwnDatabase(name: string): {
  dir: string;
  db: string;
  cli: (...args: string[]) => { code: number | null; out: string; err: string };
  /** The same, with environment variables changed for this run (e.g. a PATH without soffice). */
  cliWithEnv: (env: NodeJS.ProcessEnv, ...args: string[]) => { code: number | null; out: string; err: string };
} {
  const dir = mkdtempSync(join(tmpdir(), `dondoc-${name}-`));
  const db = join(dir, `${name}.sqlite`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cliWithEnv = (env: NodeJS.ProcessEnv, ...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  const cli = (...args: string[]) => cliWithEnv({}, ...args);
  return { dir, db, cli, cliWithEnv };
}
