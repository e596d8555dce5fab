/**
 * `npx tsx scripts/web-screenshots.ts [folder]` — the README's pictures of the web dashboard: the
 * local trial's demo province (demo members, the demo plan and its history up to today), the demo
 * leader logged in, Tổng quan and Ma trận on a desktop (1366 px) and a phone (390 px), in headless
 * Debian Chromium. Writes docs/web-tong-quan-1366.png, …-390.png, docs/web-ma-tran-1366.png,
 * …-390.png (or into the folder given).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/create-app.js';
import { createLogger } from '../src/logger.js';
import { launchChromium } from '../test/helpers/chromium.js';

const out = process.argv[2] ?? join(process.cwd(), 'docs');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'dondoc-shots-'));
// The local trial as `npm start` runs it without tokens: demo data, the dashboard on loopback.
const app = createApp(loadConfig({ DONDOC_DB_PATH: join(dir, 'demo.sqlite'), DONDOC_HTTP_PORT: '0', DONDOC_LOG_LEVEL: 'silent' }), { logger: createLogger('silent'), clock: systemClock });
const browser = await launchChromium();
try {
  await app.start();
  const leader = app.store.members.list().find((m) => m.role === 'leader' && app.store.agencies.byId(m.agencyId)?.kind === 'ubnd_tinh');
  if (!leader) throw new Error('the demo has no leader of UBND tỉnh');
  const link = app.services.web.loginLink(leader);
  if (!link) throw new Error('no login link: is the dashboard on (DONDOC_WEB)?');
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForSelector('h1:has-text("Tổng quan CCHC")');
  const shot = async (name: string, width: number, height: number, fullPage: boolean) => {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(out, name), fullPage });
    process.stdout.write(`${join(out, name)}\n`);
  };
  await shot('web-tong-quan-1366.png', 1366, 900, true);
  await shot('web-tong-quan-390.png', 390, 844, true);
  await page.goto(new URL('/web/matran', link).toString());
  await page.waitForSelector('h1:has-text("Ma trận")');
  // The matrix is far wider and longer than a screen: what a screen shows first (on the phone, two
  // screens' height, so that rows show under the filters), scrolled sideways in the page itself.
  await shot('web-ma-tran-1366.png', 1366, 900, false);
  await shot('web-ma-tran-390.png', 390, 1688, false);
  await context.close();
} finally {
  await browser.close();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
