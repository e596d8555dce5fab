import { describe, expect, it } from 'vitest';
import { pickFromBlocks, readPlanDocument, readPlanPdf, UNREAD_PAGE } from '../../src/documents/document-reader.js';
import { heldBackByDoubts } from '../../src/domain/ocr-doubts.js';
import { buildPdf } from '../helpers/pdf-builder.js';
import { PLAN_2026_PDF_TASKS, plan2026Pdf } from '../helpers/plan-2026-pdf.js';
import { findHeader, readPlanRows } from '../../src/domain/plan-table.js';
import { buildDocx, para, row, table } from '../helpers/docx-builder.js';
import { PLAN_2026_TASKS, plan2026Docx } from '../helpers/plan-2026-docx.js';
import { GROUP_HEADER_TASKS, groupHeaderDocx, groupHeaderPdf, type GroupHeaderVariant } from '../helpers/plan-group-header.js';
import { buildPdf as buildPdfFile, ruledTable } from '../helpers/pdf-builder.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('reading a plan published as a Word file', () => {
  it('picks the Phụ lục table and its continuation after the page break, skipping the letterhead, indicator and signature tables', async () => {
    const read = readPlanDocument(await plan2026Docx());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    // Tables in order: letterhead (1), indicators (2), Phụ lục part 1 (3), part 2 with the header repeated (4), signature (5).
    expect(read.source).toEqual({ format: 'docx', tables: { read: [3, 4], total: 5 } });
  });

  it('gives each task the code, lead, coordinators and deadline the document means', async () => {
    const read = readPlanDocument(await plan2026Docx());
    if (!read.ok) throw new Error('unread');
    const header = findHeader(read.rows);
    if (!header.ok) throw new Error('no header');
    // Header: two rows plus the row of column numbers "(1) … (6)"; "Chủ trì | Phối hợp" under the merged "Cơ quan thực hiện".
    expect(header.value).toEqual({ index: 2, columns: { code: 0, task: 1, lead: 2, coord: 3, deadline: 4, product: 5 }, ticks: [], unused: [] });
    const tasks = readPlanRows(read.rows, header.value, { wrapped: false });
    if (!tasks.ok) throw new Error(tasks.error.code);
    expect(tasks.value.map(({ code, lead, coord, deadline }) => ({ code, lead, coord, deadline }))).toEqual(PLAN_2026_TASKS);
    // The line break inside the cell separates words; the area titles are the group rows' words.
    expect(tasks.value.find((t) => t.code === 'II.3')!.task).toBe('Công bố danh mục thủ tục hành chính mới ban hành');
    expect(tasks.value.find((t) => t.code === 'I.2.a')!.areaTitle).toBe('CẢI CÁCH THỂ CHẾ — Kiểm tra, theo dõi thi hành pháp luật');
    expect(tasks.value.find((t) => t.code === 'III.1')!.areaTitle).toBe('XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ');
    // The row deleted with tracked changes is not a task.
    expect(tasks.value.some((t) => t.task.includes('đã bỏ'))).toBe(false);
  });

  it('says no task table was found when only a letterhead and a signature table are there', async () => {
    const docx = await buildDocx(table(2, [row(['ỦY BAN NHÂN DÂN TỈNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'])]) + para('Kính gửi: các sở') + table(2, [row(['Nơi nhận:', 'CHỦ TỊCH'])]));
    expect(readPlanDocument(docx)).toEqual({ ok: false, problem: { code: 'no_task_table', tables: 2 } });
    expect(readPlanDocument(await buildDocx(para('Chỉ có lời văn, không có bảng.')))).toEqual({ ok: false, problem: { code: 'no_task_table', tables: 0 } });
  });

  it('refuses a password-protected file (an OLE container), a broken archive and a part with a DTD', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(readPlanDocument(ole)).toEqual({ ok: false, problem: { code: 'encrypted' } });
    expect(readPlanDocument(Buffer.from('PK\u0003\u0004 không phải zip'))).toEqual({ ok: false, problem: { code: 'unreadable' } });
    // "Billion laughs": entities are never expanded, the DOCTYPE alone refuses the part.
    const laughs = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>';
    expect(readPlanDocument(await buildDocx('', { documentXml: laughs }))).toEqual({ ok: false, problem: { code: 'unreadable' } });
  });

  it('refuses a .docx whose end record under-counts its entries, through the one archive guard', async () => {
    const docx = await plan2026Docx();
    const eocd = docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    docx.writeUInt16LE(docx.readUInt16LE(eocd + 10) - 1, eocd + 8);
    docx.writeUInt16LE(docx.readUInt16LE(eocd + 10) - 1, eocd + 10);
    expect(readPlanDocument(docx)).toEqual({ ok: false, problem: { code: 'zip_inconsistent' } });
  });

  it('reads a table with gridBefore and a cell spanning columns on the right grid columns', async () => {
    const docx = await buildDocx(
      table(5, [
        row(['STT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn']),
        row([{ text: 'A. NHIỆM VỤ CHUNG', span: 5 }]),
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>Tuyên truyền CCHC</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Sở Nội vụ</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>Quý I</w:t></w:r></w:p></w:tc></w:tr>`,
      ]),
    );
    const read = readPlanDocument(docx);
    if (!read.ok) throw new Error('unread');
    expect(read.rows).toEqual([
      ['STT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn'],
      ['A. NHIỆM VỤ CHUNG', '', '', '', ''],
      ['', 'Tuyên truyền CCHC', 'Sở Nội vụ', '', 'Quý I'],
    ]);
  });
});

describe('reading a plan exported to PDF (a text layer)', () => {
  it('reads the ruled task table over two pages: header repeated on page 2 dropped, the row cut by the page break joined', async () => {
    const read = await readPlanPdf(plan2026Pdf());
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.source).toEqual({ format: 'pdf', tables: { read: [1, 2], total: 2 }, pages: 2 });
    const header = findHeader(read.rows);
    if (!header.ok) throw new Error('no header');
    // A PDF's rows may be cut by a page break: read as wrapped.
    const tasks = readPlanRows(read.rows, header.value, { wrapped: true });
    if (!tasks.ok) throw new Error(tasks.error.code);
    expect(tasks.value.map(({ code, lead, coord, deadline }) => ({ code, lead, coord, deadline }))).toEqual(PLAN_2026_PDF_TASKS);
    expect(tasks.value.find((t) => t.code === 'II.2')!.task).toBe('Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính');
  });

  it('says a PDF without text (a scan) has no text, and a PDF with only prose has no task table', async () => {
    expect(await readPlanPdf(buildPdf([{ lines: [[40, 500, 700, 500]], texts: [] }]))).toEqual({ ok: false, problem: { code: 'no_text' } });
    expect(await readPlanPdf(buildPdf([{ lines: [], texts: [{ x: 40, y: 500, text: 'Kính gửi: các sở, ban, ngành' }] }]))).toEqual({ ok: false, problem: { code: 'no_task_table', tables: 0 } });
    expect(await readPlanPdf(Buffer.from('%PDF-1.4 hỏng'))).toEqual({ ok: false, problem: { code: 'unreadable' } });
  });
});

/** The tasks a document read gives (code, lead, coordinators, deadline), its header found as the plan import finds it. */
function tasksOf(read: Awaited<ReturnType<typeof readPlanPdf>>) {
  if (!read.ok) throw new Error(JSON.stringify(read.problem));
  const header = findHeader(read.rows);
  if (!header.ok) throw new Error('no header');
  const tasks = readPlanRows(read.rows, header.value, { wrapped: read.source.format === 'pdf' });
  if (!tasks.ok) throw new Error(tasks.error.code);
  return tasks.value.map(({ code, lead, coord, deadline }) => ({ code, lead, coord, deadline }));
}

/** Made by scripts/make-pdf-fixtures.ts: LibreOffice's PDF export of the .docx the helpers build. */
const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', name));

describe('a two-row header with spanning group cells, as Word and as PDF', () => {
  // "Cơ quan thực hiện" / "Cơ quan" over "Chủ trì | Phối hợp", "Thời gian" / "Tiến độ" over
  // "Bắt đầu | Hoàn thành" / "Từ | Đến": the second header row is no task, the deadline is the
  // period's end column (the start column is when work begins, not when it is due).
  for (const variant of ['thuc-hien', 'tien-do'] as GroupHeaderVariant[]) {
    it(`${variant}: the .docx, its LibreOffice PDF and a drawn PDF give the same tasks, leads and deadlines`, async () => {
      expect(tasksOf(readPlanDocument(await groupHeaderDocx(variant)))).toEqual(GROUP_HEADER_TASKS);
      const exported = await readPlanPdf(fixture(`plan-group-${variant}.pdf`));
      expect(exported.ok && exported.source).toEqual({ format: 'pdf', tables: { read: [1], total: 1 }, pages: 1 });
      expect(tasksOf(exported)).toEqual(GROUP_HEADER_TASKS);
      expect(tasksOf(await readPlanPdf(groupHeaderPdf(variant)))).toEqual(GROUP_HEADER_TASKS);
    });
  }

  it('the 2026 plan printed with borders and exported by LibreOffice reads to the tasks of its .docx', async () => {
    // Header "Cơ quan thực hiện" over "Cơ quan chủ trì | Cơ quan phối hợp", then a row of column numbers.
    const read = await readPlanPdf(fixture('plan-2026.pdf'));
    expect(tasksOf(read)).toEqual(PLAN_2026_TASKS);
  });

  it('reads the rest of a row cut by a page break as that row, though its text starts with a header word ("kết quả …")', async () => {
    // Page 2 repeats the two-row header; the cut row's task text goes on with "kết quả theo dõi …",
    // which is no "Kết quả" column under "Nhiệm vụ": the row is the rest of task 2, page 2 is read.
    const widths = [30, 260, 120, 130, 110];
    const header = [
      { cells: [{ text: 'TT' }, { text: 'Nhiệm vụ' }, { text: 'Cơ quan thực hiện', span: 2 }, { text: 'Thời gian hoàn thành' }] },
      { cells: [{ text: 'TT' }, { text: 'Nhiệm vụ' }, { text: 'Chủ trì' }, { text: 'Phối hợp' }, { text: 'Thời gian hoàn thành' }] },
    ];
    const page1 = ruledTable(widths, [
      ...header,
      { cells: [{ text: '1.' }, { text: 'Rà soát thủ tục hành chính' }, { text: 'Văn phòng UBND tỉnh' }, { text: 'Sở Tư pháp' }, { text: 'Quý II/2026' }] },
      { cells: [{ text: '2.' }, { text: 'Tổng hợp báo cáo' }, { text: 'Sở Nội vụ' }, { text: 'Sở Tư pháp' }, { text: 'Trước 15/12/2026' }] },
    ]);
    const page2 = ruledTable(widths, [
      ...header,
      { cells: [{ text: '' }, { text: 'kết quả theo dõi thi hành pháp luật' }, { text: '' }, { text: '' }, { text: '' }] },
      { cells: [{ text: '3.' }, { text: 'Kiểm tra công tác cải cách hành chính' }, { text: 'Sở Nội vụ' }, { text: 'Văn phòng UBND tỉnh' }, { text: 'Năm 2026' }] },
    ]);
    const read = await readPlanPdf(buildPdfFile([page1, page2]));
    expect(read.ok && read.source).toEqual({ format: 'pdf', tables: { read: [1, 2], total: 2 }, pages: 2 });
    expect(tasksOf(read)).toEqual([
      { code: '1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý II/2026' },
      { code: '2', lead: 'Sở Nội vụ', coord: 'Sở Tư pháp', deadline: 'Trước 15/12/2026' },
      { code: '3', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh', deadline: 'Năm 2026' },
    ]);
  });
});

describe('a scan with a page OCR did not finish in its time', () => {
  // Three pages of one task table: page 1 with the header, area I and its task 1; page 2 unread (its
  // time ran out); page 3 goes on with area I's task 3 and area II. What page 2 said is not known —
  // it may hold task 2, or the heading of a new area that task “3.” belongs to.
  const HEADER = ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'];
  const page1 = { kind: 'table' as const, grid: [HEADER, ['I. CẢI CÁCH THỂ CHẾ', '', '', '', '', ''], ['1.', 'Rà soát văn bản', 'Sở Tư pháp', '', 'Quý I/2026', 'Báo cáo']] };
  const page3 = {
    kind: 'table' as const,
    grid: [
      ['3.', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', '', 'Năm 2026', 'Kết luận'],
      ['II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', '', ''],
      ['1.', 'Rà soát thủ tục', 'Văn phòng UBND tỉnh', '', 'Quý II/2026', 'Quyết định'],
    ],
  };

  it('stands in the table as an empty doubtful row where its rows were, so the tasks after it in its area are held back and the rest are read', () => {
    const picked = pickFromBlocks([page1, { kind: 'unread', page: 2 }, page3]);
    if (!picked.ok) throw new Error(picked.problem.code);
    // Rows: the header, area I, task 1, the unread page, task 3, area II, its task 1.
    expect(picked.rows.map((r) => r[0])).toEqual(['TT', 'I. CẢI CÁCH THỂ CHẾ', '1.', '', '3.', 'II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '1.']);
    expect(picked.doubts).toEqual([{ row: 3, words: [UNREAD_PAGE(2)], cells: [] }]);
    const header = findHeader(picked.rows);
    if (!header.ok) throw new Error('no header');
    const tasks = readPlanRows(picked.rows, header.value);
    if (!tasks.ok) throw new Error(tasks.error.code);
    // I.3 could belong to an area page 2 opened: held back. I.1, before the page, and area II's
    // task, under its own heading after it, are what the paper says.
    expect([...heldBackByDoubts(tasks.value, picked.doubts.map((d) => d.row + 1))]).toEqual(['I.3']);
  });

  it('after the last table: an empty doubtful row at the end (reported; nothing after it to hold back)', () => {
    const picked = pickFromBlocks([page1, { kind: 'unread', page: 2 }]);
    if (!picked.ok) throw new Error(picked.problem.code);
    expect(picked.rows.at(-1)!.every((c) => c === '')).toBe(true);
    expect(picked.doubts).toEqual([{ row: 3, words: [UNREAD_PAGE(2)], cells: [] }]);
  });
});
