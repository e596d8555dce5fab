import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer, waits until it has committed at least `atLeast` transactions, then SIGKILLs it. */
function killDuringBurst(db: string, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/write-burst.ts', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged = 0;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) acknowledged = Math.max(acknowledged, Number(line));
      if (acknowledged >= atLeast && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`writer ended without being killed: ${stderr}`));
    });
  });
}

describe('the store survives being killed mid-write', () => {
  it.each([1, 2, 3])('run %i: the file opens cleanly and holds every committed transaction, whole', async (run) => {
    const path = join(dir, `burst-${run}.sqlite`);
    const acknowledged = await killDuringBurst(path, 150 * run);
    const db = openDatabase(path);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const agencies = (db.prepare("SELECT COUNT(*) AS n FROM agencies WHERE code LIKE 'K%'").get() as { n: number }).n;
      const members = (db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n;
      const aliases = (db.prepare("SELECT COUNT(*) AS n FROM agency_aliases WHERE alias LIKE 'Xã KT %'").get() as { n: number }).n;
      // Every transaction the writer reported as committed is there (it may have committed more
      // before the kill landed than the parent had read from the pipe).
      expect(agencies).toBeGreaterThanOrEqual(acknowledged);
      // Transactions are whole: each agency has its member and its alias.
      expect(members).toBe(agencies);
      expect(aliases).toBe(agencies);
      // No gap: the rows present are exactly transactions 1..n.
      const max = (db.prepare("SELECT MAX(code) AS c FROM agencies WHERE code LIKE 'K%'").get() as { c: string }).c;
      expect(Number(max.slice(1))).toBe(agencies);
    } finally {
      db.close();
    }
  });
});
