import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlanDocument, readPlanPdf } from '../../src/documents/document-reader.js';
import { EMPTY_HEADER, readDocumentHeader, type DocumentHeader } from '../../src/documents/header-reader.js';
import { buildPdf, ruledTable } from '../helpers/pdf-builder.js';
import { plan2026Pdf } from '../helpers/plan-2026-pdf.js';
import { plan2026Docx } from '../helpers/plan-2026-docx.js';

const p = (text: string) => ({ kind: 'paragraph' as const, text });
const t = (grid: string[][]) => ({ kind: 'table' as const, grid });

/** What the 2026 Hà Tĩnh plan's letterhead and title say. */
const HA_TINH_2026: DocumentHeader = {
  number: '45/KH-UBND',
  place: 'Hà Tĩnh',
  date: '2026-01-08',
  issuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH',
  kind: 'Kế hoạch',
  title: 'KẾ HOẠCH Cải cách hành chính năm 2026',
};

describe("the document's own header", () => {
  it('reads number, place and date, issuer, kind and title from the Word letterhead table and the title paragraphs', async () => {
    const read = readPlanDocument(await plan2026Docx());
    expect(read.ok && read.header).toEqual(HA_TINH_2026);
  });

  // Hand-made variants: each block list is what a reader gives for the part of a document above its Phụ lục.
  const cases: [string, Parameters<typeof readDocumentHeader>[0], DocumentHeader][] = [
    [
      'typed without diacritics',
      [t([['UY BAN NHAN DAN\nTINH HA TINH', 'CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc']]), p('So: 45/KH-UBND'), p('Ha Tinh, ngay 08 thang 01 nam 2026'), p('KE HOACH'), p('Cai cach hanh chinh nam 2026')],
      // Printed without diacritics, kept as printed; the kind is the word it reads as.
      { number: '45/KH-UBND', place: 'Ha Tinh', date: '2026-01-08', issuer: 'UY BAN NHAN DAN TINH HA TINH', kind: 'Kế hoạch', title: 'KE HOACH Cai cach hanh chinh nam 2026' },
    ],
    [
      '"Số:" missing: the number is unknown, the rest is read',
      [t([['ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'], ['', 'Hà Tĩnh, ngày 08 tháng 01 năm 2026']]), p('KẾ HOẠCH'), p('Cải cách hành chính năm 2026')],
      { ...HA_TINH_2026, number: null },
    ],
    [
      'the date on its own line under the place, a Quyết định with its title over two lines and the authority line',
      [
        p('ỦY BAN NHÂN DÂN'),
        p('TỈNH NGHỆ AN'),
        p('_______'),
        p('Số: 312/QĐ-UBND'),
        p('Nghệ An,'),
        p('ngày 15 tháng 3 năm 2026'),
        p('QUYẾT ĐỊNH'),
        p('Ban hành Kế hoạch cải cách hành chính'),
        p('tỉnh Nghệ An năm 2026'),
        p('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN'),
        p('Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;'),
      ],
      {
        number: '312/QĐ-UBND',
        place: 'Nghệ An',
        date: '2026-03-15',
        issuer: 'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN',
        kind: 'Quyết định',
        title: 'QUYẾT ĐỊNH Ban hành Kế hoạch cải cách hành chính tỉnh Nghệ An năm 2026',
      },
    ],
    [
      "a department's plan: the superior body is named first, the issuer is the department",
      [t([['UBND TỈNH HÀ TĨNH\nSỞ NỘI VỤ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'], ['Số: 07/KH-SNV', 'Hà Tĩnh, ngày 20 tháng 01 năm 2026']]), p('KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026'), p('')],
      { number: '07/KH-SNV', place: 'Hà Tĩnh', date: '2026-01-20', issuer: 'SỞ NỘI VỤ', kind: 'Kế hoạch', title: 'KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026' },
    ],
    [
      "a draft: the day left blank is no date (the month and year alone do not say which day)",
      [t([['ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', ''], ['Số:      /KH-UBND', 'Hà Tĩnh, ngày      tháng 01 năm 2026']]), p('KẾ HOẠCH'), p('Cải cách hành chính năm 2026')],
      { ...HA_TINH_2026, number: null, date: null },
    ],
    [
      'the whole letterhead in one row, rules drawn with underscores, the title over two lines ended by a blank line',
      [
        t([['ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n_______\nSố: 120/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n_______________\nQuảng Trị, ngày 20 tháng 01 năm 2026']]),
        p('KẾ HOẠCH'),
        p('Cải cách hành chính nhà nước'),
        p('tỉnh Quảng Trị năm 2026'),
        p(''),
        p('Thực hiện Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ'),
      ],
      {
        number: '120/KH-UBND',
        place: 'Quảng Trị',
        date: '2026-01-20',
        issuer: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ',
        kind: 'Kế hoạch',
        title: 'KẾ HOẠCH Cải cách hành chính nhà nước tỉnh Quảng Trị năm 2026',
      },
    ],
    [
      'an impossible date (30 February) is no date',
      [p('ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH'), p('Số: 45/KH-UBND'), p('Hà Tĩnh, ngày 30 tháng 02 năm 2026'), p('KẾ HOẠCH'), p('Cải cách hành chính năm 2026')],
      { ...HA_TINH_2026, date: null },
    ],
    [
      'a Phụ lục alone, with no letterhead: a number mentioned in a sentence is not the document’s, capitals that name no agency are no issuer',
      [p('PHỤ LỤC'), p('NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026'), p('Thực hiện Kế hoạch số 45/KH-UBND ngày 08/01/2026 của UBND tỉnh')],
      EMPTY_HEADER,
    ],
    [
      'a Phụ lục alone: its "(Kèm theo …)" line names the plan it belongs to — number, date, issuer and kind are that plan’s',
      [p('PHỤ LỤC'), p('NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026'), p('(Kèm theo Kế hoạch số 123/KH-UBND ngày 15/01/2026 của UBND tỉnh Hà Tĩnh)')],
      // No place is printed and the Phụ lục's own title is not the plan's title: both stay unknown.
      { number: '123/KH-UBND', place: null, date: '2026-01-15', issuer: 'UBND tỉnh Hà Tĩnh', kind: 'Kế hoạch', title: null },
    ],
    [
      'the "(Ban hành kèm theo Quyết định …)" line wrapped over two lines (a PDF), the date in words, signed by the Chủ tịch',
      [p('Phụ lục'), p('(Ban hành kèm theo Quyết định số 312/QĐ-UBND ngày 05 tháng 3 năm 2026'), p('của Chủ tịch Ủy ban nhân dân tỉnh Nghệ An)'), p('DANH MỤC NHIỆM VỤ')],
      { number: '312/QĐ-UBND', place: null, date: '2026-03-05', issuer: 'Chủ tịch Ủy ban nhân dân tỉnh Nghệ An', kind: 'Quyết định', title: null },
    ],
    [
      'the "(Kèm theo …)" line typed without diacritics, the issuer followed by what the plan is about',
      [p('PHU LUC'), p('(Kem theo Ke hoach so 07/KH-SNV ngay 20-01-2026 cua So Noi vu ve cai cach hanh chinh nam 2026)')],
      { number: '07/KH-SNV', place: null, date: '2026-01-20', issuer: 'So Noi vu', kind: 'Kế hoạch', title: null },
    ],
    [
      'a draft Phụ lục: number and day left blank in the "(Kèm theo …)" line are unknown, never guessed',
      [p('PHỤ LỤC'), p('(Kèm theo Kế hoạch số      /KH-UBND ngày     /01/2026 của UBND tỉnh)')],
      // "UBND tỉnh" is printed without the province's name: kept as printed for the admin to confirm.
      { number: null, place: null, date: null, issuer: 'UBND tỉnh', kind: 'Kế hoạch', title: null },
    ],
    [
      'a plan with its own letterhead: the "(Kèm theo …)" line of its Phụ lục does not replace what the letterhead says',
      [
        t([['ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'], ['Số: 45/KH-UBND', 'Hà Tĩnh, ngày 08 tháng 01 năm 2026']]),
        p('KẾ HOẠCH'),
        p('Cải cách hành chính năm 2026'),
        p(''),
        p('PHỤ LỤC'),
        p('(Kèm theo Kế hoạch số 99/KH-UBND ngày 30/01/2026 của UBND tỉnh)'),
      ],
      HA_TINH_2026,
    ],
  ];
  it.each(cases)('%s', (_label, blocks, expected) => {
    expect(readDocumentHeader(blocks)).toEqual(expected);
  });

  it('a letterhead read across its two columns ("BAN HÒA", "NHÂN XÃ HỘI") gives no issuer rather than a mixed one', () => {
    const across = [p('ỦY CỘNG'), p('BAN HÒA'), p('NHÂN XÃ HỘI'), p('DÂN CHỦ'), p('TỈNH NGHĨA'), p('HÀ VIỆT'), p('TĨNH NAM'), p('KẾ HOẠCH'), p('Cải cách hành chính năm 2026')];
    expect(readDocumentHeader(across).issuer).toBeNull();
  });

  it('a narrow letterhead, a word a line, in a LibreOffice-made PDF (test/fixtures/plans/plan-2026.pdf): the issuer and number whole, nothing mixed', async () => {
    const read = await readPlanPdf(readFileSync('test/fixtures/plans/plan-2026.pdf'));
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    // The letterhead says "ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH", "Số: 45/KH-UBND" (wrapped "Số:" / "45/KH-" / "UBND"),
    // "Hà Tĩnh, ngày 08 tháng 01 năm 2026" wrapped a word a line (read whole, or left blank: never another day).
    const { date, place, ...rest } = read.header;
    expect(rest).toEqual({ number: '45/KH-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', kind: 'Kế hoạch', title: 'KẾ HOẠCH Cải cách hành chính năm 2026' });
    expect([null, '2026-01-08']).toContain(date);
    expect([null, 'Hà Tĩnh']).toContain(place);
  });

  it('reads the header of a PDF, where the letterhead\'s two columns share each line', async () => {
    const table = ruledTable([40, 300, 150, 150, 120], [
      { cells: [{ text: 'STT' }, { text: 'Nhiệm vụ' }, { text: 'Chủ trì' }, { text: 'Phối hợp' }, { text: 'Thời gian' }] },
      { cells: [{ text: '1' }, { text: 'Rà soát thủ tục hành chính' }, { text: 'Sở Tư pháp' }, { text: '' }, { text: 'Quý I/2026' }] },
    ], { top: 420 });
    const pdf = buildPdf([
      {
        lines: table.lines,
        texts: [
          { x: 60, y: 560, text: 'ỦY BAN NHÂN DÂN' },
          { x: 420, y: 560, text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' },
          { x: 60, y: 547, text: 'TỈNH HÀ TĨNH' },
          { x: 440, y: 547, text: 'Độc lập - Tự do - Hạnh phúc' },
          { x: 60, y: 525, text: 'Số: 45/KH-UBND' },
          { x: 430, y: 525, text: 'Hà Tĩnh, ngày 08 tháng 01 năm 2026' },
          { x: 360, y: 495, text: 'KẾ HOẠCH' },
          { x: 300, y: 482, text: 'Cải cách hành chính năm 2026' },
          ...table.texts,
        ],
      },
    ]);
    const read = await readPlanPdf(pdf);
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.header).toEqual(HA_TINH_2026);
    // The test plan's PDF is its Phụ lục alone: a title, no letterhead; nothing is guessed.
    const appendix = await readPlanPdf(plan2026Pdf());
    expect(appendix.ok && appendix.header).toEqual(EMPTY_HEADER);
  });
});
