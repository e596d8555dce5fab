import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/app/province-data.js';
import { scheduleDeadline } from '../../src/domain/deadline-grammar.js';
import { buildDocx, para, row, table, type Cell } from '../helpers/docx-builder.js';
import { buildPdf, ruledTable } from '../helpers/pdf-builder.js';
import { createTestApp } from '../helpers/test-app.js';

/**
 * Issue 27, table structures: the time of a task given as ticks under "Thời gian thực hiện" ("Quý I |
 * Quý II | Quý III | Quý IV", "I … IV", "T1 … T12"), money columns under "Kinh phí", and a start column
 * ("Bắt đầu | Hoàn thành"). Each table is written as provinces publish it (CSV, XLSX with merged
 * header cells, Word with gridSpan/vMerge); each expected value says what the plan means.
 * The plan is 2026's, imported on 5/1/2026 (no date has passed).
 */
let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp({ start: '2026-01-05T02:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const META = { name: 'Kế hoạch CCHC năm 2026', year: 2026 };
const calendar = loadCalendar(join(process.cwd(), 'data'));
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'));

/** The nominal dates (as the plan says them) and due dates of the stored task with this code. */
function stored(code: string) {
  const [task] = t.app.store.plans.tasksByCode(code);
  if (!task) throw new Error(`no task ${code}`);
  const dates = t.app.store.plans.deadlines(task.id);
  return { task, nominal: dates.map((d) => d.nominalDate), due: dates.map((d) => d.dueDate) };
}

/** What the deadline grammar makes of a cell with these words in a 2026 plan: ticks must give exactly this. */
const asWritten = (text: string) => scheduleDeadline(text, { year: 2026 }, calendar);

async function importOk(name: string, data: Buffer, rows?: number[]) {
  const result = await t.app.services.plans.importFile(name, data, META, rows ? { rows } : {});
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) throw new Error('import failed');
  return result.value;
}

describe('quarter and month tick columns read as the deadline', () => {
  it('reads "x" under "Quý I … Quý IV" as "Quý …/2026", and the second header row is no task (CSV)', async () => {
    const outcome = await importOk(
      'ke-hoach.csv',
      csv([
        ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', '', '', '', 'Ghi chú'],
        ['', '', '', '', 'Quý I', 'Quý II', 'Quý III', 'Quý IV', ''],
        ['1', 'Rà soát, đơn giản hóa thủ tục hành chính', 'Sở Tư pháp', 'Sở Nội vụ', '', 'x', 'x', '', ''],
        ['2', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', '', 'X', 'X', 'X', 'X', 'Định kỳ'],
        ['3', 'Tổng kết công tác CCHC năm 2026', 'Sở Nội vụ', '', '', '', '', '✓', ''],
        ['4', 'Tuyên truyền cải cách hành chính', 'Sở Văn hóa, Thể thao và Du lịch', '', '', '', '', '', ''],
        ['5', 'Số hóa hồ sơ thủ tục hành chính', 'Văn phòng UBND tỉnh', '', '', '15/5/2026', '', '', ''],
        ['6', 'Đo lường sự hài lòng', 'Sở Nội vụ', '', 'Cả năm', '', '', '', ''],
      ]),
    );
    // Six task rows; "Quý I | Quý II …" is the header's second row, not a task.
    expect(outcome.tasks).toBe(6);
    expect(outcome.columns).toEqual({ ticks: ['Quý I', 'Quý II', 'Quý III', 'Quý IV'], unused: ['Ghi chú'] });
    // Task 1 runs in quarters II and III: what "Quý II, III/2026" means — the ends of those quarters.
    expect(stored('1').nominal).toEqual(['2026-06-30', '2026-09-30']);
    expect(stored('1').due).toEqual([...asWritten('Quý II, III/2026').dueDates]);
    expect(stored('1').task.deadlineText).toBe('Quý II, III/2026');
    // Task 2 every quarter ("X" in capitals): the four quarter ends, as "Quý I, II, III, IV/2026" reads.
    expect(stored('2').nominal).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(stored('2').due).toEqual([...asWritten('Quý I, II, III, IV/2026').dueDates]);
    // Task 3: a check mark in quarter IV only.
    expect(stored('3').nominal).toEqual(['2026-12-31']);
    // Task 4: no tick and no deadline cell — the plan does not say when; reported, nothing guessed.
    expect(stored('4').task.deadlineKind).toBe('unknown');
    expect(stored('4').nominal).toEqual([]);
    // Task 5: a date written in the Quý II column is not a tick: it may be the deadline or a milestone — reported.
    // Task 6: words in the Quý I column ("Cả năm") are no tick either.
    expect(outcome.unknownDeadlines).toEqual([
      { row: 6, text: '' },
      { row: 7, text: 'Quý II: 15/5/2026' },
      { row: 8, text: 'Quý I: Cả năm' },
    ]);
    expect(stored('5').task.deadlineKind).toBe('unknown');
    expect(stored('5').nominal).toEqual([]);
    expect(stored('6').nominal).toEqual([]);
  });

  it('reads bare Roman "I | II | III | IV" under "Tiến độ thực hiện" with merged header cells (XLSX), and "•" as a tick', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRow(['PHỤ LỤC: NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026']);
    sheet.addRow(['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Tiến độ thực hiện', null, null, null, 'Sản phẩm']);
    sheet.addRow([null, null, null, null, 'I', 'II', 'III', 'IV', null]);
    for (const column of ['A', 'B', 'C', 'D', 'I']) sheet.mergeCells(`${column}2:${column}3`);
    sheet.mergeCells('E2:H2');
    sheet.addRow(['1', 'Ban hành Kế hoạch kiểm tra CCHC', 'Sở Nội vụ', '', '•', '', '', '', 'Kế hoạch']);
    sheet.addRow(['2', 'Công bố chỉ số CCHC', 'Sở Nội vụ', 'Văn phòng UBND tỉnh', '', 'x', '', '', 'Quyết định']);
    const outcome = await importOk('phu-luc.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(outcome.tasks).toBe(2);
    expect(outcome.columns.ticks).toEqual(['I', 'II', 'III', 'IV']);
    // "I" under the time group is quarter I: 31/3/2026; "II": 30/6/2026.
    expect(stored('1').nominal).toEqual(['2026-03-31']);
    expect(stored('2').nominal).toEqual(['2026-06-30']);
    expect(outcome.unknownDeadlines).toEqual([]);
  });

  it('reads "Q1 … Q4" written in the header row itself (no group), without diacritics elsewhere', async () => {
    await importOk(
      'ke-hoach.csv',
      csv([
        ['TT', 'Noi dung cong viec', 'Don vi chu tri', 'Q1', 'Q2', 'Q3', 'Q4'],
        ['1', 'Rà soát quy trình nội bộ', 'Sở Tư pháp', '', '', 'x', 'x'],
      ]),
    );
    // Quarters III and IV: "Quý III, IV/2026".
    expect(stored('1').nominal).toEqual(['2026-09-30', '2026-12-31']);
  });

  it('reads month ticks "T1 … T12" as "Tháng …/2026", a holiday moving the due date as for the written words', async () => {
    const months = Array.from({ length: 12 }, (_, i) => `T${i + 1}`);
    const ticked = (...m: number[]) => months.map((_, i) => (m.includes(i + 1) ? 'x' : ''));
    await importOk(
      'ke-hoach.csv',
      csv([
        ['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian thực hiện (tháng)', ...months.slice(1).map(() => '')],
        ['', '', '', '', ...months],
        ['1', 'Tập huấn nghiệp vụ CCHC', 'Sở Nội vụ', '', ...ticked(3, 4)],
      ]),
    );
    // March and April: 31/3 and 30/4/2026; 30/4 and 1/5 are holidays, 2–3/5 a weekend, so 30/4 is due 4/5 —
    // exactly what "Tháng 3, 4/2026" gives.
    expect(stored('1').nominal).toEqual(['2026-03-31', '2026-04-30']);
    expect(stored('1').due).toEqual(['2026-03-31', '2026-05-04']);
    expect(stored('1').due).toEqual([...asWritten('Tháng 3, 4/2026').dueDates]);
  });

  it('reads "Quý 1 … Quý 4" under a spanning "Thời gian thực hiện" in Word, a sub-task taking its parent’s ticks', async () => {
    const down = (text: string): Cell => ({ text, vMerge: 'restart' });
    const cont: Cell = { vMerge: 'continue' };
    const docx = await buildDocx(
      [
        para('Phụ lục'),
        table(
          8,
          [
            row([down('TT'), down('Nhiệm vụ'), down('Chủ trì'), down('Phối hợp'), { text: 'Thời gian thực hiện', span: 4 }], '<w:tblHeader/>'),
            row([cont, cont, cont, cont, 'Quý 1', 'Quý 2', 'Quý 3', 'Quý 4'], '<w:tblHeader/>'),
            row(['1', 'Rà soát thủ tục hành chính', 'Sở Tư pháp', 'Sở Nội vụ', '', 'x', '', '']),
            row(['a)', 'Rà soát thủ tục cấp tỉnh', '', '', '', '', '', '']),
            row(['b)', 'Rà soát thủ tục cấp xã', 'Sở Nội vụ', '', '', '', '', 'x']),
          ],
          { ruled: true },
        ),
      ].join(''),
    );
    const outcome = await importOk('ke-hoach.docx', docx);
    expect(outcome.tasks).toBe(3);
    expect(stored('1').nominal).toEqual(['2026-06-30']);
    // "a)" has no tick of its own: it is part of task 1 and runs when task 1 runs (quarter II), led by Sở Tư pháp.
    expect(stored('1.a').nominal).toEqual(['2026-06-30']);
    expect(stored('1.a').task.leadText).toBe('Sở Tư pháp');
    // "b)" has its own tick, in quarter IV.
    expect(stored('1.b').nominal).toEqual(['2026-12-31']);
  });

  it('reads "x" under "Quý I … Quý IV" in a PDF exported from Word (ruled grid, the group cell spanning four columns)', async () => {
    const widths = [30, 250, 150, 50, 50, 50, 50];
    const page = ruledTable(
      widths,
      [
        { cells: [{ text: 'TT' }, { text: 'Nhiệm vụ' }, { text: 'Chủ trì' }, { text: 'Thời gian thực hiện', span: 4 }] },
        { cells: [{ text: '' }, { text: '' }, { text: '' }, { text: 'Quý I' }, { text: 'Quý II' }, { text: 'Quý III' }, { text: 'Quý IV' }] },
        { cells: [{ text: '1' }, { text: 'Rà soát thủ tục hành chính' }, { text: 'Sở Tư pháp' }, { text: 'x' }, { text: '' }, { text: '' }, { text: 'x' }] },
        { cells: [{ text: '2' }, { text: 'Đánh giá chỉ số CCHC' }, { text: 'Sở Nội vụ' }, { text: '' }, { text: '' }, { text: 'x' }, { text: '' }] },
        // One cell with no rule inside it over quarters II–IV: the bar ticks all three.
        { cells: [{ text: '3' }, { text: 'Vận hành Trung tâm phục vụ hành chính công' }, { text: 'Văn phòng UBND tỉnh' }, { text: '' }, { text: 'x', span: 3 }] },
      ],
      { top: 520 },
    );
    const outcome = await importOk('ke-hoach.pdf', buildPdf([{ lines: page.lines, texts: [...page.texts, { x: 300, y: 560, text: 'PHỤ LỤC' }] }]));
    expect(outcome.tasks).toBe(3);
    expect(outcome.columns.ticks).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    // Quarters I and IV (not a span I–IV: the cells between are empty): "Quý I, IV/2026".
    expect(stored('1').nominal).toEqual(['2026-03-31', '2026-12-31']);
    expect(stored('2').nominal).toEqual(['2026-09-30']);
    expect(stored('3').nominal).toEqual(['2026-06-30', '2026-09-30', '2026-12-31']);
  });

  it('reads one "x" merged across Quý II–IV as a tick in each quarter it covers (XLSX and Word), not in the first only', async () => {
    // A bar drawn by merging the quarter cells says the task runs in quarters II, III and IV, as three
    // separate "x" would: "Quý II, III, IV/2026". Read as the merged cell's first column only, the
    // task would be due 30/6 and counted done or late months before the plan means.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRow(['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian thực hiện', null, null, null]);
    sheet.addRow([null, null, null, 'Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    for (const column of ['A', 'B', 'C']) sheet.mergeCells(`${column}1:${column}2`);
    sheet.mergeCells('D1:G1');
    sheet.addRow(['1', 'Triển khai dịch vụ công trực tuyến toàn trình', 'Văn phòng UBND tỉnh', null, 'x', null, null]);
    sheet.mergeCells('E3:G3');
    sheet.addRow(['X']);
    sheet.mergeCells('A4:G4');
    sheet.addRow(['1', 'Tự chủ tài chính đơn vị sự nghiệp', 'Sở Tài chính', 'x', null, null, null]);
    const fromXlsx = await importOk('phu-luc.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(stored('1').nominal).toEqual(['2026-06-30', '2026-09-30', '2026-12-31']);
    expect(stored('1').due).toEqual([...asWritten('Quý II, III, IV/2026').dueDates]);
    // The Roman "X" spanning the table is the tenth area, not a tick: its task is X.1, due in quarter I.
    expect(fromXlsx.tasks).toBe(2);
    expect(stored('X.1').nominal).toEqual(['2026-03-31']);

    const down = (text: string): Cell => ({ text, vMerge: 'restart' });
    const cont: Cell = { vMerge: 'continue' };
    const docx = await buildDocx(
      table(
        7,
        [
          row([down('TT'), down('Nhiệm vụ'), down('Chủ trì'), { text: 'Thời gian thực hiện', span: 4 }], '<w:tblHeader/>'),
          row([cont, cont, cont, 'Quý I', 'Quý II', 'Quý III', 'Quý IV'], '<w:tblHeader/>'),
          row(['2', 'Đánh giá mức độ hài lòng', 'Sở Nội vụ', { text: '✓', span: 2 }, '', '']),
        ],
        { ruled: true },
      ),
    );
    await importOk('ke-hoach.docx', docx);
    // "✓" merged over quarters I and II: both.
    expect(stored('2').nominal).toEqual(['2026-03-31', '2026-06-30']);
  });

  it('reports ticks beside a deadline cell of the row’s own: two answers, none chosen', async () => {
    const outcome = await importOk(
      'ke-hoach.csv',
      csv([
        ['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn hoàn thành', 'Tiến độ', '', '', ''],
        ['', '', '', '', 'Quý I', 'Quý II', 'Quý III', 'Quý IV'],
        ['1', 'Kiểm tra công vụ', 'Sở Nội vụ', 'Trước 15/12/2026', '', 'x', '', ''],
        ['2', 'Báo cáo CCHC quý I', 'Sở Nội vụ', 'Trước 15/3/2026', '', '', '', ''],
      ]),
    );
    expect(outcome.unknownDeadlines).toEqual([{ row: 3, text: 'Trước 15/12/2026; Quý II/2026' }]);
    expect(stored('1').nominal).toEqual([]);
    // Row 4 has no tick: its written deadline stands.
    expect(stored('2').nominal).toEqual(['2026-03-15']);
  });
});

describe('money columns under "Kinh phí"', () => {
  it('neither reads "Ngân sách tỉnh | Ngân sách huyện | Nguồn khác" as a task nor takes an amount as the budget; the preview names them', async () => {
    const outcome = await importOk(
      'ke-hoach.csv',
      csv([
        ['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành', 'Kinh phí (triệu đồng)', '', ''],
        ['', '', '', '', '', 'Ngân sách tỉnh', 'Ngân sách huyện', 'Nguồn khác'],
        ['1', 'Nâng cấp Hệ thống thông tin giải quyết TTHC', 'Văn phòng UBND tỉnh', 'Sở Khoa học và Công nghệ', 'Quý III/2026', '200', '50', ''],
        ['2', 'Đánh giá chỉ số SIPAS', 'Sở Nội vụ', '', 'Tháng 11/2026', '', '', '30'],
      ]),
    );
    expect(outcome.tasks).toBe(2);
    expect(outcome.columns.unused).toEqual([
      'Kinh phí (triệu đồng) — Ngân sách tỉnh',
      'Kinh phí (triệu đồng) — Ngân sách huyện',
      'Kinh phí (triệu đồng) — Nguồn khác',
    ]);
    expect(stored('1').nominal).toEqual(['2026-09-30']);
    // "200" is the province's share only: not stored as the task's budget.
    expect(stored('1').task.budget).toBe('');
    expect(stored('2').nominal).toEqual(['2026-11-30']);
    const preview = (await import('../../commands/plans.texts.js')).PLAN_TEXTS.importSummary({ ...outcome, plan: META.name, created: 2, updated: 0, retired: 0, written: false });
    expect(preview).toContain('Cột không dùng khi nhập: “Kinh phí (triệu đồng) — Ngân sách tỉnh”, “Kinh phí (triệu đồng) — Ngân sách huyện”, “Kinh phí (triệu đồng) — Nguồn khác”.');
  });

  it('keeps a single "Dự toán (triệu đồng)" column as the budget note, never as a deadline', async () => {
    await importOk(
      'ke-hoach.csv',
      csv([
        ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Dự toán (triệu đồng)', 'Thời gian'],
        ['1', 'Khảo sát sự hài lòng', 'Sở Nội vụ', '150', 'Quý IV/2026'],
      ]),
    );
    expect(stored('1').task.budget).toBe('150');
    expect(stored('1').nominal).toEqual(['2026-12-31']);
  });
});

describe('the start of a task ("Bắt đầu | Hoàn thành", "Từ | Đến")', () => {
  const header = [
    ['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian', ''],
    ['', '', '', '', 'Bắt đầu', 'Hoàn thành'],
  ];

  it('stores the first day of the start period beside the deadline, and reports a start after the end or unreadable', async () => {
    const outcome = await importOk(
      'ke-hoach.csv',
      csv([
        ...header,
        ['1', 'Xây dựng Đề án chính quyền số', 'Sở Khoa học và Công nghệ', '', 'Tháng 3/2026', '30/6/2026'],
        ['2', 'Rà soát văn bản quy phạm pháp luật', 'Sở Tư pháp', '', 'Quý III/2026', 'Tháng 6/2026'],
        ['3', 'Duy trì ISO 9001', 'Sở Khoa học và Công nghệ', '', 'Thường xuyên', 'Quý IV/2026'],
        ['4', 'Kiểm tra CCHC', 'Sở Nội vụ', '', '01/4/2026', 'Quý II/2026'],
      ]),
      [3, 4, 5, 6],
    );
    // "Tháng 3/2026" starts on its first day, 1/3/2026; the task ends 30/6/2026.
    expect(stored('1').task.startDate).toBe('2026-03-01');
    expect(stored('1').task.startText).toBe('Tháng 3/2026');
    expect(stored('1').nominal).toEqual(['2026-06-30']);
    // Starting in quarter III (from 1/7) but due in June: impossible as written — reported, no start stored.
    expect(stored('2').task.startDate).toBeNull();
    expect(stored('2').nominal).toEqual(['2026-06-30']);
    // "Thường xuyên" names no day to start on.
    expect(stored('3').task.startDate).toBeNull();
    expect(stored('4').task.startDate).toBe('2026-04-01');
    expect(outcome.startProblems).toEqual([
      { row: 4, start: 'Quý III/2026', deadline: 'Tháng 6/2026', reason: 'after_end' },
      { row: 5, start: 'Thường xuyên', deadline: 'Quý IV/2026', reason: 'unreadable' },
    ]);
    // --rows shows it as `start`.
    expect(outcome.selected?.rows.map((r) => [r.code, r.start])).toEqual([
      ['1', '2026-03-01'],
      ['2', null],
      ['3', null],
      ['4', '2026-04-01'],
    ]);
  });

  it('reads "Thời gian bắt đầu | Thời gian hoàn thành" in one header row: the deadline is the second, not the first', async () => {
    await importOk(
      'ke-hoach.csv',
      csv([
        ['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian bắt đầu', 'Thời gian hoàn thành'],
        ['1', 'Xây dựng kho dữ liệu dùng chung', 'Sở Khoa học và Công nghệ', 'Quý I/2026', 'Quý III/2026'],
      ]),
    );
    // Quarter I starts 1/1/2026; the task is due at the end of quarter III.
    expect(stored('1').task.startDate).toBe('2026-01-01');
    expect(stored('1').nominal).toEqual(['2026-09-30']);
  });

  it('reads "Từ | Đến" under "Tiến độ"', async () => {
    await importOk(
      'ke-hoach.csv',
      csv([
        ['TT', 'Nhiệm vụ', 'Chủ trì', 'Tiến độ', ''],
        ['', '', '', 'Từ', 'Đến'],
        ['1', 'Tổ chức hội thi CCHC', 'Sở Nội vụ', 'tháng 8', 'tháng 10/2026'],
      ]),
    );
    // "tháng 8" without a year is August of the plan's year: from 1/8/2026 to 31/10/2026.
    expect(stored('1').task.startDate).toBe('2026-08-01');
    expect(stored('1').nominal).toEqual(['2026-10-31']);
  });
});
