import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

// A scan of several pages takes 5–15 s a page: the admin is told in chat that it is being read and how far
// (issue 27 item 4, "đang đọc trang 3/12"). A one-page scan answers within seconds and says nothing extra.
const hasOcr = !spawnSync('tesseract', ['--version']).error && !spawnSync('pdftoppm', ['-v']).error && !spawnSync('pdfunite', ['-v']).error;
const withOcr = it.runIf(hasOcr || Boolean(process.env.CI));
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const scan = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'plan-2026-scan.pdf'));
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2026-01-12T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
});
afterEach(async () => {
  await h.close();
});

const progressTexts = () => h.api.received.filter((m) => m.chatId === String(admin.id) && /bản quét \(\d+ trang\)|Đang đọc trang/.test(m.text)).map((m) => m.text);

describe('reading a scan in chat', () => {
  withOcr('a two-page scan: the chat says it is being read, its pages and how long a page takes, before the preview', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-scan-'));
    try {
      const one = join(dir, 'one.pdf');
      spawnSync('cp', [join(process.cwd(), 'test', 'fixtures', 'plans', 'plan-2026-scan.pdf'), one]);
      const joined = join(dir, 'two.pdf');
      expect(spawnSync('pdfunite', [one, one, joined]).status).toBe(0);
      // The same page twice: its codes repeat, so the answer refuses the file (nothing stored) — the progress came first.
      const [answer] = await h.sendDocument(admin, 'ke-hoach-quet.pdf', readFileSync(joined), '2026 Kế hoạch CCHC năm 2026');
      expect(answer).toContain('trùng với dòng');
      await h.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
      // The clock of the test stands still: the second page comes within 20 s of the first, so it is not announced.
      expect(progressTexts()).toEqual(['Tệp là bản quét (2 trang): dondoc đang đọc bằng nhận dạng chữ (OCR), mỗi trang mất khoảng 5–15 giây, lâu nhất 60 giây (trang đọc chưa xong thì báo là chưa đọc, không nhập). Đang đọc trang 1/2…']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  withOcr('a one-page scan: no progress message, only the preview', async () => {
    const [preview] = await h.sendDocument(admin, 'ke-hoach-quet.pdf', scan, '2026 Kế hoạch CCHC năm 2026');
    expect(preview).toContain('Xem trước (chưa ghi)');
    await h.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
    expect(progressTexts()).toEqual([]);
  }, 240_000);
});
