import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cliOn(database: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, DONDOC_DB_PATH: database, DONDOC_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

interface BackupJson { target: string; integrity: string; counts: { members: number; agencies: number } }

describe('npm run cli -- backup / restore', () => {
  it('completes a backup while another process writes every few milliseconds, and verifies the copy', async () => {
    const source = join(dir, 'busy.sqlite');
    const writer = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/write-burst.ts', source], { stdio: ['ignore', 'pipe', 'inherit'] });
    let committed = 0;
    writer.stdout!.on('data', (chunk: Buffer) => {
      committed = Number(chunk.toString().trim().split('\n').at(-1));
    });
    try {
      // The precondition: writes are under way when the backup starts, and go on during it.
      while (committed < 50) await new Promise((resolve) => setTimeout(resolve, 10));
      const before = committed;
      expect(before).toBeGreaterThanOrEqual(50);
      const target = join(dir, 'busy-copy.sqlite');
      const result = cliOn(source, 'backup', target, '--json');
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      const printed = JSON.parse(result.out) as BackupJson;
      expect(printed.integrity).toBe('ok');
      // The copy is one consistent moment: every committed transaction wrote one agency and one member.
      expect(printed.counts.members).toBeGreaterThanOrEqual(before);
      const copy = openDatabase(target, { migrate: false });
      const agencies = (copy.prepare("SELECT COUNT(*) AS n FROM agencies WHERE code LIKE 'K%'").get() as { n: number }).n;
      expect(agencies).toBe(printed.counts.members);
      copy.close();
      // The writer went on committing after the copy's moment.
      const live = openDatabase(source, { migrate: false });
      expect((live.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n).toBeGreaterThan(printed.counts.members);
      live.close();
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('refuses a database path that does not exist (a typo) without creating anything', () => {
    const missing = join(dir, 'khong-co', 'dondoc.sqlite');
    const result = cliOn(missing, 'backup', join(dir, 'x.sqlite'));
    expect(result.code).toBe(2);
    expect(result.err).toContain(`không có cơ sở dữ liệu ${missing}; kiểm tra DONDOC_DB_PATH`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });

  it('restores a backup in place of the database, keeping the old one beside it; refuses a file that is not a dondoc database', () => {
    const live = join(dir, 'live.sqlite');
    expect(cliOn(live, 'invite', '--agency', 'SNV', '--role', 'quan_tri').code).toBe(0);
    const saved = join(dir, 'saved.sqlite');
    expect(cliOn(live, 'backup', saved).code).toBe(0);
    // After the backup, more is written; restoring brings back the saved state.
    expect(cliOn(live, 'invite', '--agency', 'STP', '--role', 'dau_moi').code).toBe(0);
    const restored = cliOn(live, 'restore', saved, '--json');
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    const printed = JSON.parse(restored.out) as { kept: string; integrity: string };
    expect(printed.integrity).toBe('ok');
    const db = openDatabase(live, { migrate: false });
    expect(db.prepare('SELECT COUNT(*) AS n FROM invites').get()).toEqual({ n: 1 });
    db.close();
    const old = openDatabase(printed.kept, { migrate: false });
    expect(old.prepare('SELECT COUNT(*) AS n FROM invites').get()).toEqual({ n: 2 });
    old.close();

    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'đây không phải cơ sở dữ liệu');
    const refused = cliOn(live, 'restore', junk);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('không phải cơ sở dữ liệu của dondoc');
    expect(readdirSync(dir).filter((f) => f.startsWith('live.sqlite.truoc-khoi-phuc-'))).toHaveLength(1);
  });
});
