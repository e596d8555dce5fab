import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAN_TEXTS } from '../../../commands/plans.texts.js';
import { readTableFile } from '../../../src/app/table-file.js';
import { readPlanPdf } from '../../../src/documents/document-reader.js';
import { readTextTable } from '../../../src/documents/pdf/text-table.js';
import { findHeader, readPlanRows } from '../../../src/domain/plan-table.js';
import { buildPdf, type PdfPage } from '../../helpers/pdf-builder.js';
import { PLAN_2026_TASKS } from '../../helpers/plan-2026-docx.js';
import { GROUP_HEADER_TASKS, type GroupHeaderVariant } from '../../helpers/plan-group-header.js';

/** Made by scripts/make-pdf-fixtures.ts: LibreOffice's PDF export of the 2026 plan, with and without table borders. */
const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', name));

/** The tasks a PDF read gives (code, lead, coordinators, deadline), header found and rows read as the plan import does. */
function tasksOf(read: Awaited<ReturnType<typeof readPlanPdf>>) {
  if (!read.ok) throw new Error(JSON.stringify(read.problem));
  const header = findHeader(read.rows);
  if (!header.ok) throw new Error('no header');
  const tasks = readPlanRows(read.rows, header.value, { wrapped: true });
  if (!tasks.ok) throw new Error(tasks.error.code);
  return tasks.value.map(({ code, lead, coord, deadline }) => ({ code, lead, coord, deadline }));
}

describe('the 2026 plan saved as PDF with its table borders off', () => {
  it('reads to the tasks the ruled PDF of the same plan gives, page 3 repeating the header', async () => {
    const borderless = await readPlanPdf(fixture('plan-2026-borderless.pdf'));
    // Page 1: letterhead, the indicator table (no task header: not read), the title; the Phụ lục
    // starts on page 2 and goes on on page 3 under its repeated header: two tables read.
    expect(borderless.ok && borderless.source).toEqual({ format: 'pdf', tables: { read: [1, 2], total: 2 }, pages: 3 });
    // PLAN_2026_TASKS is what the plan means (see plan-2026-docx.ts); the ruled PDF reads to it too.
    expect(tasksOf(borderless)).toEqual(PLAN_2026_TASKS);
    expect(tasksOf(await readPlanPdf(fixture('plan-2026.pdf')))).toEqual(PLAN_2026_TASKS);
  });

  it('reads to the same tasks when page 3 goes straight on with the rows, no header repeated', async () => {
    const flowing = await readPlanPdf(fixture('plan-2026-borderless-flowing.pdf'));
    expect(flowing.ok && flowing.source).toEqual({ format: 'pdf', tables: { read: [1, 2], total: 2 }, pages: 3 });
    expect(tasksOf(flowing)).toEqual(PLAN_2026_TASKS);
  });

  it('gives the rows a ruled table gives: headings across the table in the first cell, wrapped lines joined, no letterhead or signature', async () => {
    const read = await readPlanPdf(fixture('plan-2026-borderless.pdf'));
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    // The group rows span the table: their text in the first cell and nothing in the others, as a merged row reads.
    expect(read.rows).toContainEqual(['I. CẢI CÁCH THỂ CHẾ', '', '', '', '', '']);
    expect(read.rows).toContainEqual(['III. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ', '', '', '', '', '']);
    // "Văn phòng UBND tỉnh" and the task text wrap over two lines inside their cells: one row.
    expect(read.rows).toContainEqual(['1.', 'Rà soát, đơn giản hóa thủ tục hành chính', 'Văn phòng UBND\ntỉnh', 'Sở Tư pháp', 'Quý II/2026', 'Quyết định']);
    // The dash sub-tasks of task 3 have no TT: each its own row, its dash starting the task text.
    expect(read.rows).toContainEqual(['', '- Kiểm tra tại các sở, ban, ngành', '', '', 'Quý II/2026', '']);
    // The table ends before the signature block ("Nơi nhận", "TM. ỦY BAN NHÂN DÂN"); the letterhead
    // above it is the document's header, read as from the ruled PDF (its narrow letterhead columns are the same in both).
    expect(read.rows.flat().join(' ')).not.toMatch(/Nơi|TM\.|ỦY|CHỦ TỊCH/);
    expect(read.header).toMatchObject({ number: '45/KH-UBND', kind: 'Kế hoạch' });
    const ruled = await readPlanPdf(fixture('plan-2026.pdf'));
    expect(ruled.ok && read.header).toEqual(ruled.ok && ruled.header);
  });
});

describe('a two-row header with group cells, borders off', () => {
  // "Cơ quan thực hiện" / "Cơ quan" written at the left of the two columns it stands over ("Chủ trì |
  // Phối hợp"), "Thời gian" / "Tiến độ" over "Bắt đầu | Hoàn thành" / "Từ | Đến"; tien-do's Ghi chú
  // column is empty in every row. The period's end column is the deadline, as in the ruled PDF.
  for (const variant of ['thuc-hien', 'tien-do'] as GroupHeaderVariant[]) {
    it(`${variant}: reads to the tasks of the ruled PDF, area rows "I | CẢI CÁCH …" as areas`, async () => {
      const read = await readPlanPdf(fixture(`plan-group-${variant}-borderless.pdf`));
      expect(tasksOf(read)).toEqual(GROUP_HEADER_TASKS);
      expect(tasksOf(await readPlanPdf(fixture(`plan-group-${variant}.pdf`)))).toEqual(GROUP_HEADER_TASKS);
      // The group's text over its first column, '' over the second, as a ruled merged cell gives it.
      expect(read.ok && read.rows[0]!.slice(2, 6)).toEqual(variant === 'thuc-hien' ? ['Cơ quan thực hiện', '', 'Thời gian', ''] : ['Cơ quan', '', 'Tiến độ', '']);
    });
  }
});

// Synthetic borderless tables: text only, no ruling line. pdf-builder's font is 4.5 pt a letter at 9 pt.
const X = [40, 70, 330, 450, 570];
const HEADER = ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];

/** Rows laid from `top` down, 12 pt a line; a cell's "\n" wraps it; a one-cell row is a heading across the table. */
function rows(cells: string[][], top: number): { texts: PdfPage['texts']; bottom: number } {
  const texts: PdfPage['texts'] = [];
  let y = top;
  for (const row of cells) {
    const height = Math.max(...row.map((c) => c.split('\n').length));
    row.forEach((cell, c) => cell.split('\n').forEach((text, i) => text && texts.push({ x: X[c]!, y: y - 12 * i, text })));
    y -= 12 * height;
  }
  return { texts, bottom: y };
}

describe('a borderless table drawn in a test PDF', () => {
  it('reads only the table between a letterhead and a signature block that follows it without a gap', async () => {
    const table = rows(
      [
        HEADER,
        ['I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH'],
        ['1.', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026'],
        ['2.', 'Công bố danh mục thủ tục hành chính\nmới ban hành', 'Sở Nội vụ', '', 'Tháng 6/2026'],
      ],
      470,
    );
    const page: PdfPage = {
      lines: [],
      texts: [
        { x: 40, y: 560, text: 'ỦY BAN NHÂN DÂN' },
        { x: 400, y: 560, text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' },
        { x: 40, y: 548, text: 'TỈNH HÀ TĨNH' },
        { x: 400, y: 548, text: 'Độc lập - Tự do - Hạnh phúc' },
        { x: 40, y: 530, text: 'Số: 45/KH-UBND' },
        { x: 400, y: 530, text: 'Hà Tĩnh, ngày 08 tháng 01 năm 2026' },
        { x: 300, y: 505, text: 'KẾ HOẠCH' },
        { x: 220, y: 493, text: 'Cải cách hành chính năm 2026' },
        ...table.texts,
        // One line under the last row: the signature block, in two columns as a PDF prints it.
        { x: 40, y: table.bottom, text: 'Nơi nhận:' },
        { x: 450, y: table.bottom, text: 'TM. ỦY BAN NHÂN DÂN' },
        { x: 40, y: table.bottom - 12, text: '- Bộ Nội vụ;' },
        { x: 450, y: table.bottom - 12, text: 'KT. CHỦ TỊCH' },
      ],
    };
    const read = await readPlanPdf(buildPdf([page]));
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.rows).toEqual([
      HEADER,
      ['I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', ''],
      ['1.', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026'],
      ['2.', 'Công bố danh mục thủ tục hành chính\nmới ban hành', 'Sở Nội vụ', '', 'Tháng 6/2026'],
    ]);
    expect(read.header).toMatchObject({ number: '45/KH-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' });
    expect(tasksOf(read)).toEqual([
      { code: 'I.1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý II/2026' },
      { code: 'I.2', lead: 'Sở Nội vụ', coord: '', deadline: 'Tháng 6/2026' },
    ]);
  });

  it('reads "II" with its title running across the other columns as an area heading, its title wrapped', async () => {
    // The title's first line (66 letters, 297 pt from x 70 to 367) runs past the lead column's start at 330: a merged cell, nobody assigned.
    const table = rows(
      [
        HEADER,
        ['I', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH'],
        ['1', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026'],
        ['II', 'XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ, ĐÔ THỊ\nTHÔNG MINH'],
        ['1', 'Vận hành Hệ thống thông tin giải quyết\nthủ tục hành chính tỉnh', 'Sở Khoa học và Công nghệ', '', 'Năm 2026'],
      ],
      500,
    );
    const read = await readPlanPdf(buildPdf([{ lines: [], texts: table.texts }]));
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.rows[3]).toEqual(['II', 'XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ, ĐÔ THỊ\nTHÔNG MINH', '', '', '']);
    expect(tasksOf(read)).toEqual([
      { code: 'I.1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý II/2026' },
      { code: 'II.1', lead: 'Sở Khoa học và Công nghệ', coord: '', deadline: 'Năm 2026' },
    ]);
  });

  it('reads quarter tick columns under "Thời gian thực hiện", a mark standing under its quarter', async () => {
    const at = (x: number, y: number, text: string) => ({ x, y, text });
    const texts = [
      at(40, 500, 'TT'), at(70, 500, 'Nhiệm vụ'), at(300, 500, 'Cơ quan chủ trì'), at(430, 500, 'Thời gian thực hiện'),
      at(430, 488, 'Quý I'), at(470, 488, 'Quý II'), at(510, 488, 'Quý III'), at(550, 488, 'Quý IV'),
      // Task 1: a mark under Quý II (470–497); task 2: under Quý I (430–452) and Quý III (510–541). Nothing under Quý IV.
      at(40, 476, '1.'), at(70, 476, 'Rà soát thủ tục hành chính'), at(300, 476, 'Văn phòng UBND tỉnh'), at(480, 476, 'x'),
      at(40, 464, '2.'), at(70, 464, 'Số hóa hồ sơ'), at(300, 464, 'Sở Nội vụ'), at(440, 464, 'x'), at(520, 464, 'x'),
    ];
    const read = await readPlanPdf(buildPdf([{ lines: [], texts }]));
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    const header = findHeader(read.rows);
    if (!header.ok) throw new Error('no header');
    const tasks = readPlanRows(read.rows, header.value, { wrapped: true, year: 2026 });
    if (!tasks.ok) throw new Error(tasks.error.code);
    expect(tasks.value.map(({ code, lead, deadline }) => ({ code, lead, deadline }))).toEqual([
      { code: '1', lead: 'Văn phòng UBND tỉnh', deadline: 'Quý II/2026' },
      { code: '2', lead: 'Sở Nội vụ', deadline: 'Quý I, III/2026' },
    ]);
  });

  it('ends the table at an indented paragraph right under it, with no gap, and reads the table', async () => {
    const table = rows([HEADER, ['1.', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026']], 500);
    const paragraph = [
      { x: 76, y: table.bottom, text: 'Các sở, ban, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch chi tiết, gửi Sở Nội vụ' },
      { x: 40, y: table.bottom - 12, text: 'trước ngày 31/01/2026 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.' },
    ];
    const read = await readPlanPdf(buildPdf([{ lines: [], texts: [...table.texts, ...paragraph] }]));
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.rows).toEqual([HEADER, ['1.', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026']]);
  });

  it('goes on with the next page past its page number, the row cut by the page break joined to its start', async () => {
    const page1 = rows(
      [HEADER, ['1.', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026'], ['2.', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', '', 'Năm 2026']],
      80,
    );
    // Page 2: "- 2 -" at its head, then the rest of row 2 (no TT), then row 3.
    const page2 = rows([['', 'tại các xã, phường'], ['3.', 'Số hóa hồ sơ', 'Văn phòng UBND tỉnh', '', 'Thường xuyên']], 540);
    const read = await readPlanPdf(buildPdf([{ lines: [], texts: page1.texts }, { lines: [], texts: [{ x: 400, y: 565, text: '- 2 -' }, ...page2.texts] }]));
    expect(read.ok && read.source).toEqual({ format: 'pdf', tables: { read: [1, 2], total: 2 }, pages: 2 });
    expect(tasksOf(read)).toEqual([
      { code: '1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý II/2026' },
      { code: '2', lead: 'Sở Nội vụ', coord: '', deadline: 'Năm 2026' },
      { code: '3', lead: 'Văn phòng UBND tỉnh', coord: '', deadline: 'Thường xuyên' },
    ]);
    if (!read.ok) return;
    expect(read.rows).toContainEqual(['2.', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', '', 'Năm 2026']);
    expect(read.rows).toContainEqual(['', 'tại các xã, phường', '', '', '']);
  });

  it('refuses the page whose lead text runs into the coordinating column, naming the page', async () => {
    // "Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh" (180 pt) runs from x 330 past 450, where "Cơ quan
    // phối hợp" starts: no gap stays empty between the two columns, so which words are whose is a guess.
    const page1 = rows([HEADER, ['1.', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026']], 400);
    const page2 = rows(
      [HEADER, ['2.', 'Quan trắc môi trường', 'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh', 'Các sở', 'Năm 2026'], ['3.', 'Số hóa hồ sơ', 'Sở Nội vụ', 'Sở Tư pháp', 'Năm 2026']],
      400,
    );
    const pdf = buildPdf([{ lines: [], texts: page1.texts }, { lines: [], texts: page2.texts }]);
    expect(await readPlanPdf(pdf)).toEqual({ ok: false, problem: { code: 'borderless_unclear', page: 2 } });
    const file = await readTableFile('ke-hoach.pdf', pdf);
    expect(file).toEqual({ ok: false, error: 'borderless_unclear', page: 2 });
    const message = PLAN_TEXTS.importError({ code: 'file', reason: 'borderless_unclear', size: pdf.length, page: 2 });
    expect(message).toContain('Bảng trong tệp PDF không có đường kẻ và không tách được các cột ở trang 2');
    expect(message).toContain('Hãy gửi bản Word (.docx) hoặc bản PDF có kẻ bảng.');
  });

  it('refuses a table whose TT labels stand in the middle of their rows: which row a first line belongs to would be a guess', async () => {
    // Each task's text takes three lines and its label "1." / "2." is centred on the second: the
    // first line of task 2 would be read as the last line of task 1.
    const centred = rows(
      [
        HEADER,
        ['', 'Rà soát, đơn giản hóa thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Quý II/2026'],
        ['1.', 'thuộc thẩm quyền giải quyết của tỉnh'],
        ['', 'năm 2026'],
        ['', 'Số hóa hồ sơ, kết quả giải quyết thủ tục', 'Sở Nội vụ', '', 'Năm 2026'],
        ['2.', 'hành chính tại Trung tâm Phục vụ'],
        ['', 'hành chính công tỉnh'],
      ],
      500,
    );
    expect(await readPlanPdf(buildPdf([{ lines: [], texts: centred.texts }]))).toEqual({ ok: false, problem: { code: 'borderless_unclear', page: 1 } });
  });

  it('refuses a header whose text reaches the next column\'s: the body\'s gap between the two is gone', () => {
    // Runs as pdf.js gives them (4.5 pt a letter): "Cơ quan chủ trì" (333–400.5) ends 2.5 pt before
    // "Cơ quan phối hợp" (403): read as one column, each lead would take its row's coordinators.
    const run = (x: number, y: number, text: string) => ({ x, y, width: 4.5 * text.length, text });
    const texts = [
      run(43, 500, 'TT'), run(73, 500, 'Nhiệm vụ'), run(333, 500, 'Cơ quan chủ trì'), run(403, 500, 'Cơ quan phối hợp'), run(533, 500, 'Thời gian hoàn thành'),
      run(43, 488, '1.'), run(73, 488, 'Rà soát thủ tục hành chính'), run(333, 488, 'Sở Nội vụ'), run(403, 488, 'Các sở, ban, ngành'), run(533, 488, 'Quý II/2026'),
    ];
    expect(readTextTable(texts)).toEqual({ ok: false });
    // With the lead column's header ending 11 pt before the next (as Word's cell margins leave it), the table is read.
    const apart = texts.map((t) => (t.text === 'Cơ quan chủ trì' ? run(325, 500, 'Cơ quan chủ trì') : t));
    const read = readTextTable(apart);
    expect(read.ok && read.table?.grid).toEqual([
      ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'],
      ['1.', 'Rà soát thủ tục hành chính', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Quý II/2026'],
    ]);
  });

  it('refuses a table without a TT column at its left: where a row starts cannot be told', () => {
    const run = (x: number, y: number, text: string) => ({ x, y, width: 4.5 * text.length, text });
    const texts = [
      run(73, 500, 'Nhiệm vụ'), run(325, 500, 'Cơ quan chủ trì'), run(403, 500, 'Cơ quan phối hợp'), run(533, 500, 'Thời gian hoàn thành'),
      run(73, 488, '1. Rà soát thủ tục hành chính'), run(333, 488, 'Sở Nội vụ'), run(403, 488, 'Các sở, ban, ngành'), run(533, 488, 'Quý II/2026'),
      run(73, 476, '2. Số hóa hồ sơ'), run(333, 476, 'Sở Tư pháp'), run(533, 476, 'Quý III/2026'),
    ];
    // The tasks are numbered inside the task text: no TT column, so no row could be told from its wrapped lines.
    expect(readTextTable(texts)).toEqual({ ok: false });
  });

  it('leaves a PDF of prose alone, header words in its sentences: no task table, as before', async () => {
    const prose = [
      'Giao Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành theo dõi việc thực hiện Kế hoạch;',
      'thời gian hoàn thành trước ngày 15/12/2026. Nhiệm vụ, sản phẩm của từng cơ quan',
      'được giao tại Phụ lục kèm theo.',
    ].map((text, i) => ({ x: 40, y: 500 - 12 * i, text }));
    expect(await readPlanPdf(buildPdf([{ lines: [], texts: prose }]))).toEqual({ ok: false, problem: { code: 'no_task_table', tables: 0 } });
  });
});
