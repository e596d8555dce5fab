import { buildPdf, ruledTable, type PdfPage, type PdfRow } from './pdf-builder.js';

const WIDTHS = [30, 260, 120, 130, 90, 110];
const HEADER: PdfRow[] = [
  // "TT", "Nhiệm vụ", "Thời gian", "Sản phẩm" merged down over the second header row; "Cơ quan thực hiện" over two columns.
  { cells: [{ text: 'TT' }, { text: 'Nhiệm vụ' }, { text: 'Cơ quan thực hiện', span: 2 }, { text: 'Thời gian\nhoàn thành' }, { text: 'Sản phẩm' }] },
  { cells: [{ text: '' }, { text: '' }, { text: 'Chủ trì' }, { text: 'Phối hợp' }, { text: '' }, { text: '' }] },
];

/** A page of the ruled task table: the rule between the two header rows runs only under "Cơ quan thực hiện". */
function page(rows: PdfRow[], extra: PdfPage['texts'] = [], top = 520): PdfPage {
  const laid = ruledTable(WIDTHS, [...HEADER, ...rows], { top });
  const between = top - (6 + 2 * 11);
  const lines = laid.lines.filter(([, y1, , y2]) => !(y1 === between && y2 === between));
  // Columns start at 40, 70, 330, 450, 580, 670: the agency columns are 330–580.
  lines.push([330, between, 580, between]);
  return { lines, texts: [...laid.texts, ...extra] };
}

/**
 * The 2026 plan's Phụ lục exported to PDF: two landscape pages, the header repeated on page 2,
 * task 2's row cut by the page break (its text and deadline go on at the top of page 2), the
 * title above and the signature below as plain text (no rules).
 */
export function plan2026Pdf(): Buffer {
  const first = page(
    [
      { cells: [{ text: 'I. CẢI CÁCH THỂ CHẾ', span: 6 }] },
      { cells: [{ text: '1.' }, { text: 'Xây dựng, ban hành Kế hoạch rà soát văn bản\nquy phạm pháp luật năm 2026' }, { text: 'Sở Tư pháp' }, { text: 'Các sở, ban, ngành' }, { text: 'Quý I/2026' }, { text: 'Kế hoạch' }] },
      { cells: [{ text: 'II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', span: 6 }] },
      { cells: [{ text: '1.' }, { text: 'Rà soát, đơn giản hóa thủ tục hành chính' }, { text: 'Văn phòng UBND tỉnh' }, { text: 'Sở Tư pháp' }, { text: 'Quý II/2026' }, { text: 'Quyết định' }] },
      { cells: [{ text: '2.' }, { text: 'Số hóa hồ sơ, kết quả giải quyết' }, { text: 'Văn phòng UBND' }, { text: '' }, { text: '' }, { text: '' }] },
    ],
    [
      { x: 300, y: 560, text: 'PHỤ LỤC' },
      { x: 250, y: 545, text: 'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026' },
    ],
  );
  const second = page(
    [
      { cells: [{ text: '' }, { text: 'thủ tục hành chính' }, { text: 'tỉnh' }, { text: '' }, { text: 'Thường xuyên' }, { text: 'Hồ sơ số hóa' }] },
      { cells: [{ text: 'III. XÂY DỰNG CHÍNH QUYỀN SỐ', span: 6 }] },
      { cells: [{ text: '1.' }, { text: 'Vận hành Hệ thống thông tin giải quyết thủ tục hành chính' }, { text: 'Sở Khoa học và Công nghệ' }, { text: 'Văn phòng UBND tỉnh' }, { text: 'Năm 2026' }, { text: 'Hệ thống' }] },
    ],
    [
      { x: 560, y: 200, text: 'TM. ỦY BAN NHÂN DÂN' },
      { x: 580, y: 188, text: 'CHỦ TỊCH' },
      { x: 400, y: 30, text: '2' },
    ],
  );
  return buildPdf([first, second]);
}

/** What the PDF means: the cut row is one task (II.2), the header on page 2 is not a task. */
export const PLAN_2026_PDF_TASKS = [
  { code: 'I.1', lead: 'Sở Tư pháp', coord: 'Các sở, ban, ngành', deadline: 'Quý I/2026' },
  { code: 'II.1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý II/2026' },
  { code: 'II.2', lead: 'Văn phòng UBND tỉnh', coord: '', deadline: 'Thường xuyên' },
  { code: 'III.1', lead: 'Sở Khoa học và Công nghệ', coord: 'Văn phòng UBND tỉnh', deadline: 'Năm 2026' },
];
