import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { createApp } from '../src/create-app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { textReply } from '../src/app/reply.js';
import { FakeBotApi } from './helpers/fake-bot-api.js';
import { linkedMember } from './helpers/members.js';
import { waitFor } from './helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start (src/main.ts)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('runs the local demo, then stops cleanly on %s: exit 0, leases released, database intact', async (signal) => {
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
    const check = openDatabase(db, { migrate: false });
    // The outbox and scheduler leases were given up, so another process can take over at once.
    expect(check.prepare('SELECT COUNT(*) AS n FROM leases').get()).toEqual({ n: 0 });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((check.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n).toBe(76);
    check.close();
  });
});

describe('npm start under a service manager', () => {
  it('stops cleanly when SIGTERM goes to the npm process (systemd, docker stop): the bot exits, leases released', async () => {
    const db = join(dir, 'npm-start.sqlite');
    const npm = spawn('npm', ['start', '--silent'], {
      env: { ...process.env, DONDOC_DB_PATH: db, DONDOC_HTTP_PORT: '0', DONDOC_LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: '', ZALO_BOT_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      npm.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('dondoc đang chạy')) resolve();
      });
      npm.on('exit', (code) => reject(new Error(`npm exited early with ${code}: ${out}`)));
    });
    // The bot's own process is the one holding the outbox lease.
    const peek = openDatabase(db, { migrate: false });
    const bot = (peek.prepare("SELECT pid FROM leases WHERE name = 'outbox'").get() as { pid: number }).pid;
    peek.close();
    expect(bot).not.toBe(npm.pid);
    npm.kill('SIGTERM');
    const alive = () => {
      try {
        process.kill(bot, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 15_000;
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive()).toBe(false);
    const check = openDatabase(db, { migrate: false });
    expect(check.prepare('SELECT COUNT(*) AS n FROM leases').get()).toEqual({ n: 0 });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  }, 30_000);
});

describe('npm start while the Bot API does not answer (#28)', () => {
  it('stops within a few seconds of SIGTERM, the message it was sending left queued for the next start', async () => {
    const api = new FakeBotApi();
    const root = await api.start();
    const db = join(dir, 'unreachable.sqlite');
    const env = { DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent', DONDOC_SCHEDULER: 'false', DONDOC_HTTP_PORT: '0', TELEGRAM_BOT_TOKEN: `123456789:${'A'.repeat(35)}`, TELEGRAM_API_ROOT: root, ZALO_BOT_TOKEN: '' };
    // A member with one notice waiting in the outbox.
    const seed = createApp(loadConfig(env), { logger: createLogger('silent'), clock: systemClock });
    const member = linkedMember(seed.store, { displayName: 'Đầu mối', agencyId: seed.store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'telegram', chatId: '4242' }, new Date());
    seed.services.notifyMember('test:unreachable', member.id, textReply('Nhắc việc: nhiệm vụ 1.6 đến hạn.'));
    await seed.stop();
    // The Bot API takes the connection and never answers the calls that matter: the long poll and the send.
    api.stalled.add('getUpdates');
    api.stalled.add('sendMessage');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Both calls are in flight: the poll waits for updates, the outbox waits on its send.
      expect(await waitFor(() => ['getUpdates', 'sendMessage'].every((m) => api.served.some((c) => c.method === m && c.status === 0)), 90_000, 20)).toBe(true);
      const signalled = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 8_000))]);
      const seconds = (Date.now() - signalled) / 1000;
      process.stdout.write(`SIGTERM with the Bot API unreachable: exited in ${seconds.toFixed(2)} s\n`);
      // The old process waited for grammY's 500 s call timeout (93–190 s in the probe, when the API came back).
      expect(code).toBe(0);
      expect(seconds).toBeLessThan(5);
      const check = openDatabase(db, { migrate: false });
      // The notice was not delivered: it waits, pending and its attempt not counted, for the next start.
      expect(check.prepare("SELECT status, attempts FROM outbox WHERE dedupe_key = 'test:unreachable'").get()).toEqual({ status: 'pending', attempts: 0 });
      expect(check.prepare('SELECT COUNT(*) AS n FROM leases').get()).toEqual({ n: 0 });
      check.close();
    } finally {
      child.kill('SIGKILL');
      await api.stop();
    }
  }, 180_000);
});

describe('.env in the working directory', () => {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const cli = join(process.cwd(), 'src', 'cli.ts');
  const run = (cwd: string, env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', tsx, cli, 'migrate'], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });

  it('is read (DONDOC_DB_PATH from the file is the database used), and the environment wins over it', () => {
    const cwd = join(dir, 'env-project');
    mkdirSync(cwd, { recursive: true });
    const fromFile = join(dir, 'from-file.sqlite');
    const fromEnv = join(dir, 'from-env.sqlite');
    writeFileSync(join(cwd, '.env'), `# copied from .env.example\nDONDOC_DB_PATH=${fromFile}\nDONDOC_LOG_LEVEL=silent\nTELEGRAM_BOT_TOKEN=\n`);

    const first = run(cwd, {});
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Đã áp dụng \d+ bản nâng cấp lược đồ/);
    expect(existsSync(fromFile)).toBe(true);

    const second = run(cwd, { DONDOC_DB_PATH: fromEnv });
    expect(second.status).toBe(0);
    expect(existsSync(fromEnv)).toBe(true);
  });

  it('a bad value in .env stops the CLI with the variable named, in Vietnamese', () => {
    const cwd = join(dir, 'bad-env');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, '.env'), `DONDOC_DB_PATH=${join(dir, 'bad.sqlite')}\nDONDOC_HTTP_PORT=tám nghìn\n`);
    const result = run(cwd, {});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Cấu hình sai ở biến DONDOC_HTTP_PORT: cần một số nguyên từ 0 đến 65535');
    expect(existsSync(join(dir, 'bad.sqlite'))).toBe(false);
  });
});
