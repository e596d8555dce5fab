import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start (src/main.ts)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('runs the local demo, then stops cleanly on %s: exit 0, lock released, database intact', async (signal) => {
    const db = join(dir, `${signal}.sqlite`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DONDOC_DB_PATH: db, DONDOC_HTTP_PORT: '0', DONDOC_LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: '', ZALO_BOT_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const running = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('dondoc đang chạy')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    await running;
    expect(out).toMatch(/Mở http:\/\/127\.0\.0\.1:\d+\/ trong trình duyệt/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(existsSync(`${db}.scheduler.lock`)).toBe(false);
    const check = openDatabase(db, { migrate: false });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((check.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n).toBe(76);
    check.close();
  });
});
