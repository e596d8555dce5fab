import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPlanYear } from '../../src/app/demo-seed.js';
import { loadCalendar } from '../../src/app/province-data.js';
import { civilDateOf, formatCivil } from '../../src/domain/civil-date.js';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/create-app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/** Debian's Chromium (installed by .ci/run); never a downloaded browser. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

const dir = mkdtempSync(join(tmpdir(), 'dondoc-browser-'));
let app: App;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (!CHROMIUM) throw new Error('Chromium is not installed: run `apt-get install chromium` (the CI script does).');
  app = createApp(loadConfig({ DONDOC_DB_PATH: join(dir, 'browser.sqlite'), DONDOC_HTTP_PORT: '0', DONDOC_LOG_LEVEL: 'silent' }), {
    logger: createLogger('silent'),
    clock: systemClock,
  });
  url = (await app.start()).localChatUrl!;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('local web chat in a real browser', () => {
  it('joins as the demo focal point and sees its /trogiup', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const select = page.getByLabel('Chọn người dùng');
    await select.selectOption({ label: 'Phạm Thu Trang — đầu mối CCHC, Sở Tư pháp' });
    await page.getByLabel('Tin nhắn').fill('/trogiup');
    await page.getByRole('button', { name: 'Gửi' }).click();
    const reply = page.locator('.msg.bot').last();
    await expect.poll(() => reply.textContent()).toContain('Các lệnh bạn dùng được (vai trò: đầu mối CCHC)');
    expect(await reply.locator('b').first().textContent()).toBe('Các lệnh bạn dùng được (vai trò: đầu mối CCHC)');
    expect(await reply.textContent()).not.toContain('/moi');
    await page.screenshot({ path: join(dir, 'help.png') });
  });

  it('lets the demo leader pick an agency kind with a button', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByLabel('Chọn người dùng').selectOption({ label: 'Lê Văn Minh — lãnh đạo, Ủy ban nhân dân tỉnh Hà Tĩnh' });
    await page.getByLabel('Tin nhắn').fill('/coquan');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('button', { name: 'Cơ quan Trung ương trên địa bàn' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toContain('Kho bạc Nhà nước khu vực');
  });

  it('shows the demo focal point their tasks and opens one with its button', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByLabel('Chọn người dùng').selectOption({ label: 'Phạm Thu Trang — đầu mối CCHC, Sở Tư pháp' });
    await page.getByLabel('Tin nhắn').fill('/viec');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toContain('Việc còn mở của Sở Tư pháp');
    // The first open task's button opens it, with the agency's own state.
    const first = page.locator('.msg.bot').last().locator('button').first();
    const code = (await first.textContent())!.trim();
    await first.click();
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toContain(`Nhiệm vụ ${code}`);
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toContain('Tình trạng của cơ quan bạn');
    // II.3.3 is due "Quý I" of the demo's plan year: the end of March, moved to the next working day.
    await page.getByLabel('Tin nhắn').fill('/nhiemvu II.3.3');
    await page.getByRole('button', { name: 'Gửi' }).click();
    const year = demoPlanYear(civilDateOf(new Date()));
    const due = formatCivil(loadCalendar(join(process.cwd(), 'data')).onOrAfter(`${year}-03-31`));
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toContain(`Hạn dondoc theo dõi: ${due}`);
  });
});
