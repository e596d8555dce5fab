import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_TEXTS } from '../../commands/plans.texts.js';
import { decodeVietnamese, fixFontText, foreignness, vniToUnicode } from '../../src/documents/legacy-encoding.js';
import { toCp1258 } from '../helpers/legacy-text.js';
import { createTestApp } from '../helpers/test-app.js';

const HA_TINH_CSV = readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv'));
const HA_TINH_TEXT = HA_TINH_CSV.toString('utf8').replace(/^\ufeff/, '');
const META = { name: 'Kế hoạch CCHC năm 2024 — Hà Tĩnh', year: 2024 };

/** Written by hand in VNI as a VNI-Times user types it (each vowel, then the byte of its marks): the same words as UNICODE below. */
const VNI = 'STT,Nhieäm vuï,Chuû trì,Thôøi gian hoaøn thaønh\n1,Raø soaùt thuû tuïc haønh chính,Sôû Tö phaùp,Quyù II/2026\n2,Ñoàng boä döõ lieäu,Sôû Noäi vuï,Thöôøng xuyeân\n';
const UNICODE = 'STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành\n1,Rà soát thủ tục hành chính,Sở Tư pháp,Quý II/2026\n2,Đồng bộ dữ liệu,Sở Nội vụ,Thường xuyên\n';

describe('legacy Vietnamese encodings', () => {
  it('reads Windows-1258 bytes (as glibc and as Windows write them: tones as separate bytes) as the same Unicode text', () => {
    for (const bytes of [execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP1258'], { input: HA_TINH_TEXT }), toCp1258(HA_TINH_TEXT)]) {
      // Not UTF-8: read as UTF-8 these bytes would be replacement characters.
      expect(bytes.toString('utf8')).toContain('\ufffd');
      expect(decodeVietnamese(bytes)).toEqual({ ok: true, text: HA_TINH_TEXT, encoding: 'windows-1258' });
    }
  });

  it('reads TCVN3 bytes, and TCVN3 text seen through cp1252 ("Së Néi vô") inside a UTF-8 file', () => {
    const bytes = iconv.encode(HA_TINH_TEXT, 'tcvn');
    expect(decodeVietnamese(bytes)).toEqual({ ok: true, text: HA_TINH_TEXT, encoding: 'tcvn3' });
    const seen = iconv.decode(iconv.encode(UNICODE, 'tcvn'), 'windows1252');
    expect(seen).toContain('Së Néi vô');
    expect(decodeVietnamese(Buffer.from(seen))).toEqual({ ok: true, text: UNICODE, encoding: 'tcvn3' });
  });

  it('reads VNI as bytes and as text', () => {
    expect(vniToUnicode('Sôû Noäi vuï; Vieät Nam; Ñoàng Thaùp')).toBe('Sở Nội vụ; Việt Nam; Đồng Tháp');
    expect(decodeVietnamese(iconv.encode(VNI, 'windows1252'))).toEqual({ ok: true, text: UNICODE, encoding: 'vni' });
    expect(fixFontText(VNI)).toEqual({ ok: true, text: UNICODE, encoding: 'vni' });
  });

  it('refuses TCVN3 text in which some characters would not convert, naming the encoding', () => {
    const seen = iconv.decode(iconv.encode(UNICODE, 'tcvn'), 'windows1252');
    // Two Cyrillic letters pasted from elsewhere are no TCVN3 byte and no Vietnamese letter: after the
    // conversion they would still be foreign, so the file is refused naming TCVN3 (the Unicode "ẫ" beside them is kept as typed).
    expect(fixFontText(`${seen}3,Mẫu Ж-Ж,Së Néi vô,Quý III/2026\n`)).toMatchObject({ ok: false, problem: { code: 'unconvertible', encoding: 'tcvn3' } });
    // An arrow typed in a Unicode font beside TCVN3 text is kept; the rest converts.
    expect(fixFontText(`${seen}3,Rµ so¸t → b¸o c¸o,Së Néi vô,Quý III/2026\n`)).toEqual({ ok: true, text: `${UNICODE}3,Rà soát → báo cáo,Sở Nội vụ,Quý III/2026\n`, encoding: 'tcvn3' });
  });

  it('leaves real Unicode alone, a stray foreign letter included, and refuses text that is already broken', () => {
    expect(foreignness(HA_TINH_TEXT)).toBe(0);
    expect(decodeVietnamese(HA_TINH_CSV)).toEqual({ ok: true, text: HA_TINH_TEXT, encoding: null });
    // One "ø" in a name is not a VNI file.
    expect(fixFontText('Hợp tác với Ørsted: Sở Công Thương')).toEqual({ ok: true, text: 'Hợp tác với Ørsted: Sở Công Thương', encoding: null });
    expect(decodeVietnamese(Buffer.from('STT,Nhi\ufffdm v\ufffd\n'))).toEqual({ ok: false, problem: { code: 'replacement_characters' } });
    // Latin-1 bytes of another language: no Vietnamese reading.
    expect(decodeVietnamese(Buffer.from('Name;Größe;Ærø;Ça;Ñandú;ÿþ\n'.repeat(3), 'latin1'))).toEqual({ ok: false, problem: { code: 'unknown_encoding' } });
  });
});

describe('importing a CSV in a legacy encoding', () => {
  let t: ReturnType<typeof createTestApp>;
  beforeEach(() => {
    t = createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const tasksOf = () => t.app.store.db.prepare('SELECT code, task, lead_text AS lead, deadline_text AS deadline FROM tasks ORDER BY source_row').all();

  it('a cp1258 or TCVN3 CSV gives exactly the UTF-8 CSV\'s tasks, never a U+FFFD, and the preview says it was converted', async () => {
    await t.app.services.plans.importFile('ha-tinh.csv', HA_TINH_CSV, META);
    const expected = tasksOf();
    expect(expected).toHaveLength(76);
    for (const [bytes, name] of [
      [toCp1258(HA_TINH_TEXT), 'Windows-1258 (cp1258)'],
      [iconv.encode(HA_TINH_TEXT, 'tcvn'), 'TCVN3 (ABC, phông .VnTime)'],
    ] as const) {
      const result = await t.app.services.plans.importFile('ha-tinh.csv', bytes, META);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      expect(result.value).toMatchObject({ tasks: 76, created: 0, updated: 76, retired: 0 });
      expect(tasksOf()).toEqual(expected);
      expect(PLAN_TEXTS.importSummary(result.value)).toContain(`Chữ trong tệp dùng bảng mã ${name}: đã chuyển sang Unicode. Hãy xem kỹ tên nhiệm vụ và cơ quan trong bản xem trước.`);
    }
    const stored = t.app.store.db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE task LIKE '%' || char(65533) || '%' OR lead_text LIKE '%' || char(65533) || '%'").get() as { n: number };
    expect(stored.n).toBe(0);
  });

  it('converts TCVN3 text in an .xlsx cell by cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    for (const line of UNICODE.trim().split('\n')) sheet.addRow(iconv.decode(iconv.encode(line, 'tcvn'), 'windows1252').split(','));
    const result = await t.app.services.plans.importFile('ke-hoach.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), { name: 'KH 2026', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.source).toEqual({ format: 'xlsx', encoding: 'tcvn3' });
    expect(tasksOf()).toEqual([
      { code: '1', task: 'Rà soát thủ tục hành chính', lead: 'Sở Tư pháp', deadline: 'Quý II/2026' },
      { code: '2', task: 'Đồng bộ dữ liệu', lead: 'Sở Nội vụ', deadline: 'Thường xuyên' },
    ]);
  });

  it('refuses what it cannot convert, naming the encoding or saying it was not recognised, and writes nothing', async () => {
    const broken = await t.app.services.plans.importFile('ke-hoach.csv', Buffer.from('STT,Nhiệm vụ,Chủ trì,Thời gian\n1,R\ufffd so\ufffdt,Sở Tư pháp,Quý II/2026\n'), META);
    expect(broken).toMatchObject({ ok: false, error: { code: 'encoding', problem: { code: 'replacement_characters' } } });
    if (!broken.ok) expect(PLAN_TEXTS.importError(broken.error)).toContain('ký tự lỗi');
    const foreign = await t.app.services.plans.importFile('ke-hoach.csv', Buffer.from('STT;Größe;Ærø;Ça;Ñandú\n1;ÿþ;ß;ø;å\n', 'latin1'), META);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'encoding', problem: { code: 'unknown_encoding' } } });
    if (!foreign.ok) expect(PLAN_TEXTS.importError(foreign.error)).toContain('không nhận ra bảng mã (đã thử Windows-1258, TCVN3, VNI)');
    expect(PLAN_TEXTS.importError({ code: 'encoding', problem: { code: 'unconvertible', encoding: 'tcvn3', bad: 3 } })).toContain('bảng mã TCVN3 (ABC, phông .VnTime) nhưng 3 ký tự không chuyển được');
    expect(t.app.store.db.prepare('SELECT COUNT(*) AS n FROM plans').get()).toEqual({ n: 0 });
  });
});
