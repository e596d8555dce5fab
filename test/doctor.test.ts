import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { doctorCommand } from '../src/doctor.js';
import { createTestApp } from './helpers/test-app.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function doctor(env: Record<string, string>, args: string[] = []): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await doctorCommand(loadConfig({ DONDOC_LOG_LEVEL: 'silent', DONDOC_SCHEDULER: 'false', ...env }), args, (line) => lines.push(line));
  return { code, lines };
}

describe('npm run cli -- doctor', () => {
  it('beside a running bot: every check passes, naming the process that sends; exit 0', async () => {
    const t = createTestApp();
    close = t.close;
    t.app.startBackground();
    const { code, lines } = await doctor({ DONDOC_DB_PATH: join(t.dir, 'dondoc.sqlite') });
    expect(code).toBe(0);
    expect(lines[0]).toBe(`✓ Cơ sở dữ liệu ${join(t.dir, 'dondoc.sqlite')}: ghi được.`);
    expect(lines[1]).toMatch(/^✓ Lược đồ: phiên bản (\d+)\/\1, đã cập nhật\.$/);
    expect(lines[2]).toMatch(new RegExp(`^✓ Gửi tin \\(hàng đợi\\): tiến trình ${process.pid} \\(`));
    expect(lines).toContain('✓ Hàng đợi gửi: trống.');
    expect(lines.at(-1)).toBe('Kết luận: mọi kiểm tra đều đạt.');
  });

  it('with the bot stopped and Telegram unreachable: says nobody sends and Telegram cannot be reached; exit 1; --json gives the /healthz report', async () => {
    const t = createTestApp();
    const dbPath = join(t.dir, 'dondoc.sqlite');
    t.app.startBackground();
    await t.app.stop();
    close = t.close;
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const env = { DONDOC_DB_PATH: dbPath, TELEGRAM_BOT_TOKEN: `123456:${'A'.repeat(35)}`, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' };
    const { code, lines } = await doctor(env);
    expect(code).toBe(1);
    expect(lines).toContain('✗ Gửi tin (hàng đợi): không tiến trình dondoc nào đang giữ: không tin nào được gửi.');
    expect(lines.find((l) => l.includes('Telegram'))).toMatch(/^✗ Telegram: không kết nối được \(.+\); tin chờ trong hàng đợi\.$/);
    // Telegram unreachable is information; the one failing check is the lease.
    expect(lines.at(-1)).toBe('Kết luận: 1 mục cần xử lý.');
    const json = await doctor(env, ['--json']);
    const report = JSON.parse(json.lines[0]!) as { ok: boolean; failing: string[]; platforms: { telegram: { reachable: boolean } } };
    expect(report).toMatchObject({ ok: false, failing: ['leases'], platforms: { telegram: { reachable: false } } });
  });

  it('on a database path that does not exist: one line, exit 1, no file created', async () => {
    const t = createTestApp();
    close = t.close;
    const missing = join(t.dir, 'khong-co.sqlite');
    const { code, lines } = await doctor({ DONDOC_DB_PATH: missing });
    expect(code).toBe(1);
    expect(lines).toEqual([`✗ Không có cơ sở dữ liệu ${missing}: kiểm tra DONDOC_DB_PATH (dondoc tạo tệp này ở lần chạy đầu).`]);
  });
});
