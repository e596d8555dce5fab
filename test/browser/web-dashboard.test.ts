import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/create-app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { launchChromium } from '../helpers/chromium.js';

/** Screenshots are kept here (DONDOC_SCREENSHOT_DIR, else a temporary folder). */
const SHOTS = process.env.DONDOC_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'dondoc-web-shots-'));

const dir = mkdtempSync(join(tmpdir(), 'dondoc-web-browser-'));
let app: App;
let browser: Browser;
let url: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The local trial: demo data, the local chat and (by default with it) the dashboard on loopback.
  app = createApp(loadConfig({ DONDOC_DB_PATH: join(dir, 'web.sqlite'), DONDOC_HTTP_PORT: '0', DONDOC_LOG_LEVEL: 'silent' }), { logger: createLogger('silent'), clock: systemClock });
  url = (await app.start()).localChatUrl!;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('web dashboard in a real browser', () => {
  it('the demo leader asks /web in the local chat, opens the link, presses Đăng nhập and sees Tổng quan', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel('Chọn người dùng').selectOption({ label: 'Lê Văn Minh — lãnh đạo, Ủy ban nhân dân tỉnh Hà Tĩnh' });
    await page.getByLabel('Tin nhắn').fill('/web');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toContain('/web/dangnhap?t=');
    const link = /http:\/\/\S+\/web\/dangnhap\?t=[A-Za-z0-9_-]+/.exec((await page.locator('.msg.bot').last().textContent())!)![0];
    await page.goto(link);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan CCHC');
    const [cookie] = await context.cookies();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    await page.screenshot({ path: join(SHOTS, 'tong-quan-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'tong-quan-390.png'), fullPage: true });
    await page.getByRole('link', { name: 'Ma trận' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Ma trận cơ quan × nhiệm vụ');
    await page.screenshot({ path: join(SHOTS, 'ma-tran-390.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: join(SHOTS, 'ma-tran-1366.png') });
    // The link was spent by the POST: opening it again offers no button.
    await page.goto(link);
    expect(await page.getByRole('button', { name: 'Đăng nhập' }).count()).toBe(0);
    await context.close();
  });

  it('prints every page on A4 without cutting anything off at the right edge (the print stylesheet)', async () => {
    // An admin sees every tab. 186 mm (A4 less 12 mm margins) at 96 px per inch is 703 px.
    const admin = app.store.members.list().find((m) => m.role === 'admin')!;
    const link = app.services.web.loginLink(admin)!;
    const context = await browser.newContext({ viewport: { width: 703, height: 1000 } });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan CCHC');
    const tabs = await Promise.all((await page.locator('nav a').all()).map(async (a) => (await a.getAttribute('href'))!));
    expect(tabs).toEqual(expect.arrayContaining(['/web/', '/web/quahan', '/web/matran', '/web/baocao', '/web/diem', '/web/thongbao', '/web/xuat']));
    for (const path of tabs) {
      await page.goto(new URL(path, link).toString());
      await page.emulateMedia({ media: 'print' });
      // Nothing wider than the printable width: a wide table would be clipped on paper (the matrix reflows agency by agency).
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width, path).toBeLessThanOrEqual(703);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      // A4 is 595 × 842 points (210 × 297 mm).
      expect(/\/MediaBox \[0 0 594\.9\d* 841\.9\d*\]/.test(pdf.toString('latin1')), path).toBe(true);
      if (path === '/web/matran') await page.screenshot({ path: join(SHOTS, 'ma-tran-in-a4.png') });
      await page.emulateMedia({ media: 'screen' });
    }
    await context.close();
  });

  it('has no serious or critical accessibility violations on any tab, for an admin and a focal point (axe-core)', async () => {
    // axe-core's own script, run in the page: the dashboard's CSP forbids scripts, so this context bypasses it (tests only).
    const found: string[] = [];
    for (const role of ['admin', 'focal'] as const) {
      const member = app.store.members.list().find((m) => m.role === role)!;
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(app.services.web.loginLink(member)!);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan CCHC');
      const tabs = await Promise.all((await page.locator('nav a').all()).map(async (a) => (await a.getAttribute('href'))!));
      for (const path of [...tabs, '/web/lichsu?nv=1']) {
        await page.goto(new URL(path, page.url()).toString());
        await page.evaluate(axe.source);
        const violations = await page.evaluate<{ id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]>(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`,
        );
        for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${role} ${path}: ${v.id} (${v.impact}) ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      }
      await context.close();
    }
    expect(found).toEqual([]);
    // Nineteen pages, axe on each: about 60 s on a busy 2-core machine, over the config's 60 s.
  }, 180_000);
});
