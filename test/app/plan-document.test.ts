import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_TEXTS } from '../../commands/plans.texts.js';
import { buildDocx, para, row, table } from '../helpers/docx-builder.js';
import { createTestApp } from '../helpers/test-app.js';

let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp({ start: '2026-01-09T02:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const META = { name: 'Kế hoạch CCHC năm 2026', year: 2026 };

/** A 2026 plan as a Word file: letterhead (number, place and date as given), kind and title, then a task table with deadlines counted from the plan's date. */
function planDocx(dateLine: string): Promise<Buffer> {
  return buildDocx(
    table(2, [
      row(['ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc']),
      row(['Số: 45/KH-UBND', dateLine]),
    ]) +
      para('KẾ HOẠCH') +
      para('Cải cách hành chính năm 2026') +
      table(4, [
        row(['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian hoàn thành']),
        row(['1', 'Ban hành kế hoạch tuyên truyền cải cách hành chính', 'Sở Nội vụ', 'Trong 30 ngày kể từ ngày ban hành Kế hoạch']),
        row(['2', 'Rà soát thủ tục hành chính', 'Sở Tư pháp', 'Quý II/2026']),
      ]),
  );
}

const dueDates = () =>
  t.app.store.db.prepare(`SELECT t.code, t.deadline_kind AS kind, d.due_date AS due FROM tasks t LEFT JOIN task_deadlines d ON d.task_id = t.id ORDER BY t.code`).all();

describe("the plan's own document, read from its header", () => {
  it('is shown in the preview, stored on import, and dates the deadlines counted from it', async () => {
    const docx = await planDocx('Hà Tĩnh, ngày 08 tháng 01 năm 2026');
    const preview = await t.app.services.plans.importFile('ke-hoach.docx', docx, META, { dryRun: true });
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.document).toEqual({
      number: '45/KH-UBND',
      place: 'Hà Tĩnh',
      date: '2026-01-08',
      issuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH',
      kind: 'Kế hoạch',
      title: 'KẾ HOẠCH Cải cách hành chính năm 2026',
    });
    const lines = PLAN_TEXTS.importSummary(preview.value);
    expect(lines).toContain('Văn bản ban hành: Kế hoạch số 45/KH-UBND — Hà Tĩnh, ngày 8/1/2026 — ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH — “KẾ HOẠCH Cải cách hành chính năm 2026”.');
    // Every deadline is read: the one counted from the plan's date is not waiting for Sở Nội vụ.
    expect(preview.value.unknownDeadlines).toEqual([]);

    const written = await t.app.services.plans.importFile('ke-hoach.docx', docx, META);
    expect(written.ok).toBe(true);
    expect(t.app.store.plans.planByName(META.name)).toMatchObject({
      documentNo: '45/KH-UBND',
      docKind: 'Kế hoạch',
      docDate: '2026-01-08',
      docIssuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH',
      docTitle: 'KẾ HOẠCH Cải cách hành chính năm 2026',
    });
    // 8/1/2026 + 30 days (the issue day not counted) = Saturday 7/2, due on Monday 9/2.
    expect(dueDates()).toEqual([
      { code: '1', kind: 'due', due: '2026-02-09' },
      { code: '2', kind: 'due', due: '2026-06-30' },
    ]);
  });

  it('leaves unknown parts empty and the counted deadline waiting for Sở Nội vụ when the date is not printed', async () => {
    // A draft: the day is blank.
    const docx = await planDocx('Hà Tĩnh, ngày      tháng 01 năm 2026');
    const result = await t.app.services.plans.importFile('ke-hoach.docx', docx, META);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.document).toMatchObject({ number: '45/KH-UBND', place: 'Hà Tĩnh', date: null });
    expect(PLAN_TEXTS.importSummary(result.value)).toContain('Chưa đọc được ngày ban hành: để trống, không đoán.');
    expect(t.app.store.plans.planByName(META.name)).toMatchObject({ documentNo: '45/KH-UBND', docDate: null });
    expect(dueDates()).toEqual([
      { code: '1', kind: 'event', due: null },
      { code: '2', kind: 'due', due: '2026-06-30' },
    ]);
  });

  it('a Phụ lục sent alone: the plan is the one its "(Kèm theo …)" line names, and deadlines counted from that plan’s date are dated', async () => {
    const docx = await buildDocx(
      para('PHỤ LỤC') +
        para('NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026') +
        para('(Kèm theo Kế hoạch số 123/KH-UBND ngày 15/01/2026 của UBND tỉnh Hà Tĩnh)') +
        table(4, [
          row(['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian hoàn thành']),
          row(['1', 'Ban hành kế hoạch tuyên truyền cải cách hành chính', 'Sở Nội vụ', 'Trong 30 ngày kể từ ngày ban hành Kế hoạch']),
          row(['2', 'Rà soát thủ tục hành chính', 'Sở Tư pháp', 'Quý II/2026']),
        ]),
    );
    const result = await t.app.services.plans.importFile('phu-luc.docx', docx, META);
    if (!result.ok) throw new Error(result.error.code);
    // The place and the plan's title are not printed on the Phụ lục: unknown, not guessed.
    expect(result.value.document).toEqual({ number: '123/KH-UBND', place: null, date: '2026-01-15', issuer: 'UBND tỉnh Hà Tĩnh', kind: 'Kế hoạch', title: null });
    // 15/1/2026 + 30 days (the issue day not counted) = Saturday 14/2, in the Tết break (14–22/2): due Monday 23/2.
    expect(dueDates()).toEqual([
      { code: '1', kind: 'due', due: '2026-02-23' },
      { code: '2', kind: 'due', due: '2026-06-30' },
    ]);
  });

  it('what the import is given wins over what the file says; a CSV has no document unless given one', async () => {
    const docx = await planDocx('Hà Tĩnh, ngày 08 tháng 01 năm 2026');
    const given = await t.app.services.plans.importFile('ke-hoach.docx', docx, { ...META, documentNo: '46/KH-UBND' }, { dryRun: true });
    expect(given.ok && given.value.document?.number).toBe('46/KH-UBND');
    const csv = Buffer.from('TT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành\n1,Rà soát thủ tục hành chính,Sở Tư pháp,Quý II/2026\n');
    const plain = await t.app.services.plans.importFile('ke-hoach.csv', csv, META, { dryRun: true });
    expect(plain.ok && plain.value.document).toBeNull();
  });
});
