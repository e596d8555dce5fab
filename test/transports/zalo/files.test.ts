import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZaloHarness } from '../../helpers/zalo-harness.js';
import { linkedMember } from '../../helpers/members.js';

/** Zalo cannot send documents: a leader on Zalo gets the Excel export as a download link to dondoc's server. */
let z: ZaloHarness;
let httpUrl: string;

beforeEach(async () => {
  z = await new ZaloHarness().start({ start: '2024-07-02T02:00:00Z', env: { DONDOC_PUBLIC_URL: 'https://dondoc.example.vn', DONDOC_HTTP_PORT: '0' } });
  httpUrl = (await z.app.start()).httpUrl!;
  const { store } = z.app;
  linkedMember(store, { displayName: 'Lãnh đạo UBND tỉnh', agencyId: store.agencies.byCode('UBNDT')!.id, role: 'leader' }, { platform: 'zalo', chatId: 'zalo-leader' }, z.clock.now());
});

afterEach(async () => {
  await z.close();
});

describe('files on Zalo', () => {
  it('sends /xuatexcel as a link that downloads the workbook under its name, and expires', async () => {
    const [reply] = await z.send('zalo-leader', '/xuatexcel 2024');
    expect(reply).toContain('Tệp Excel năm 2024');
    expect(reply).not.toContain('chưa gửi được');
    const link = /https:\/\/dondoc\.example\.vn\/tai\/[A-Za-z0-9_-]{22}\/dondoc-2024\.xlsx/.exec(reply!)![0];
    const response = await fetch(new URL(new URL(link).pathname, httpUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('filename="dondoc-2024.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Nhiệm vụ', 'Báo cáo', 'Điểm']);
    z.clock.advance(8 * 86_400_000);
    expect((await fetch(new URL(new URL(link).pathname, httpUrl))).status).toBe(404);
  });

  it('/moi_danhsach on Zalo says where to send the list instead (Zalo hands the bot no .xlsx or .csv)', async () => {
    const { store } = z.app;
    linkedMember(store, { displayName: 'Quản trị', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'zalo', chatId: 'zalo-admin' }, z.clock.now());
    const [reply] = await z.send('zalo-admin', '/moi_danhsach');
    expect(reply).toContain('không gửi danh sách qua Zalo được');
    expect(reply).toContain('npm run cli -- invite --file');
  });
});
