import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start (src/main.ts)', () => {
  it('serves the local chat with demo data, prints the address, and shuts down cleanly on SIGTERM', async () => {
    const db = join(dir, 'main.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DONDOC_DB_PATH: db, DONDOC_HTTP_PORT: '0', DONDOC_LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', ZALO_BOT_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Mở (http:\/\/127\.0\.0\.1:\d+\/) trong trình duyệt/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const response = await fetch(`${url}api/send`, { method: 'POST', body: JSON.stringify({ userId: 'demo-stp', text: '/toi' }) });
    const { messages } = (await response.json()) as { messages: { html: string }[] };
    expect(messages[1]!.html).toContain('Sở Tư pháp');
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const check = openDatabase(db);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('stops at once with one line naming a bad variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DONDOC_DB_PATH: join(dir, 'bad.sqlite'), DONDOC_HTTP_PORT: 'tám nghìn' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('DONDOC_HTTP_PORT');
  });
});
