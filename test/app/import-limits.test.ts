import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_TEXTS } from '../../commands/plans.texts.js';
import { createTestApp } from '../helpers/test-app.js';

let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp({ start: '2026-01-05T02:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const META = { name: 'Kế hoạch CCHC năm 2026', year: 2026 };

/** A ZIP archive written by hand: each entry deflated, its declared size whatever the test says; `counted`: the entries its end record admits to. */
function zip(entries: { name: string; data: Buffer; declaredSize?: number }[], counted = entries.length): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(counted, 8);
  end.writeUInt16LE(counted, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const counts = () => t.app.store.db.prepare('SELECT (SELECT COUNT(*) FROM plans) AS plans, (SELECT COUNT(*) FROM tasks) AS tasks').get();

describe('imports cannot exhaust memory or stall the bot', () => {
  it('refuses an .xlsx that unpacks past 50 MB, whether it declares its size or lies about it, writing nothing', async () => {
    const zeros = Buffer.alloc(60 * 1024 * 1024);
    for (const declaredSize of [undefined, 1_024]) {
      const bomb = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: zeros, ...(declaredSize ? { declaredSize } : {}) }]);
      expect(bomb.length).toBeLessThan(200 * 1024);
      const result = await t.app.services.plans.importFile('ke-hoach.xlsx', bomb, META);
      expect(result).toMatchObject({ ok: false, error: { code: 'file', reason: 'too_large_unzipped' } });
      if (!result.ok) expect(PLAN_TEXTS.importError(result.error)).toContain('khi giải nén vượt quá 50 MB');
    }
    expect(counts()).toEqual({ plans: 0, tasks: 0 });
  });

  it('refuses an .xlsx whose end record under-counts its entries (a bomb the old guard never saw, that the parser would inflate), before inflating anything', async () => {
    // The end record admits to 2 entries; the central directory lists a third, 60 MB of zeros.
    const hidden = zip(
      [
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024) },
      ],
      2,
    );
    const result = await t.app.services.plans.importFile('ke-hoach.xlsx', hidden, META);
    expect(result).toMatchObject({ ok: false, error: { code: 'file', reason: 'zip_inconsistent' } });
    if (!result.ok) expect(PLAN_TEXTS.importError(result.error)).toContain('mục lục không khớp với phần cuối của tệp');
    expect(counts()).toEqual({ plans: 0, tasks: 0 });
  });

  it('refuses a table of more than 20,000 rows (CSV and XLSX) before reading it, with a Vietnamese reason', async () => {
    const header = 'STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành';
    const csv = Buffer.from([header, ...Array.from({ length: 20_001 }, (_, i) => `${i + 1},Việc ${i},Sở Tư pháp,Quý IV/2026`)].join('\n'));
    const fromCsv = await t.app.services.plans.importFile('ke-hoach.csv', csv, META);
    expect(fromCsv).toMatchObject({ ok: false, error: { code: 'file', reason: 'too_many_rows' } });
    if (!fromCsv.ok) expect(PLAN_TEXTS.importError(fromCsv.error)).toContain('hơn 20.000 dòng');

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRow(header.split(','));
    for (let i = 0; i < 20_001; i += 1) sheet.addRow([i + 1, `Việc ${i}`, 'Sở Tư pháp', 'Quý IV/2026']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromXlsx = await t.app.services.plans.importFile('ke-hoach.xlsx', xlsx, META);
    expect(fromXlsx).toMatchObject({ ok: false, error: { code: 'file', reason: 'too_many_rows' } });
    expect(counts()).toEqual({ plans: 0, tasks: 0 });
  });

  it('still reads a real .xlsx plan through the guard', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRow(['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian hoàn thành']);
    sheet.addRow([1, 'Rà soát thủ tục hành chính', 'Sở Tư pháp', 'Quý II/2026']);
    const result = await t.app.services.plans.importFile('ke-hoach.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), META);
    expect(result).toMatchObject({ ok: true, value: { tasks: 1 } });
  });
});
