import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { inviteSheetPdf, renderInviteSheet, type SheetPerson } from '../../src/reports/invite-sheet.js';
import { readInviteSheet } from '../helpers/invite-sheet.js';

const person = (over: Partial<SheetPerson>): SheetPerson => ({
  name: 'Phạm Thu Trang',
  agencyCode: 'STP',
  agencyName: 'Sở Tư pháp',
  roleLabel: 'đầu mối CCHC',
  code: 'K7QF-92XM-TA',
  link: 'https://t.me/dondoc_hatinh_bot?start=K7QF-92XM-TA',
  expiresAt: new Date('2026-12-08T03:00:00Z'),
  ...over,
});

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;

describe('the printable invite sheet', () => {
  it('without the bot’s name: no QR code, the page says what to send on Telegram instead; joined people are listed as needing no code', async () => {
    const sheet = readInviteSheet(
      await renderInviteSheet({
        provinceName: 'Tỉnh Hà Tĩnh',
        timeZone: 'Asia/Ho_Chi_Minh',
        people: [person({ link: null }), person({ name: 'Lê Thu Hà', code: null, link: null, expiresAt: null })],
      }),
    );
    expect(sheet.qrLinks).toEqual([]);
    expect(sheet.pages).toHaveLength(1);
    expect(sheet.pages[0]).toContain('Trên Telegram gửi: /start K7QF-92XM-TA');
    expect(sheet.pages[0]).toContain('Đã tham gia dondoc, không cần mã: Lê Thu Hà (đầu mối CCHC).');
    // 03:00 UTC is 10:00 in Hà Tĩnh (UTC+7): the expiry is written in the province's time.
    expect(sheet.pages[0]).toContain('Mã hết hạn lúc 08/12/2026 10:00');
    expect(sheet.pages[0]).toContain('Sở Nội vụ Hà Tĩnh');
  });

  it.skipIf(!hasSoffice)('converts to a PDF with one page per agency (LibreOffice installed)', async () => {
    const docx = await renderInviteSheet({ provinceName: 'Tỉnh Hà Tĩnh', timeZone: 'Asia/Ho_Chi_Minh', people: [person({}), person({ agencyCode: 'SYT', agencyName: 'Sở Y tế', code: 'ABCD-2345-XY', link: 'https://t.me/dondoc_hatinh_bot?start=ABCD-2345-XY' })] });
    const pdf = await inviteSheetPdf(docx);
    expect(pdf.ok).toBe(true);
    if (!pdf.ok) return;
    expect(pdf.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Two agencies → two pages.
    expect(pdf.data.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(2);
  }, 240_000);
});
