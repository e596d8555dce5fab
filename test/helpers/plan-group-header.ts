import { buildDocx, para, row, table, type Cell } from './docx-builder.js';
import { buildPdf, ruledTable, type PdfRow } from './pdf-builder.js';

/**
 * Plans whose task table has a two-row header with spanning group cells, in the two wordings
 * provinces use:
 * - `thuc-hien`: "Cơ quan thực hiện" over "Chủ trì | Phối hợp", "Thời gian" over "Bắt đầu | Hoàn thành";
 * - `tien-do`: "Cơ quan" (no column word of its own) over "Chủ trì | Phối hợp", "Tiến độ" over
 *   "Từ | Đến", and a Ghi chú column.
 * The rest of each header cell is merged down over the two header rows.
 */
export type GroupHeaderVariant = 'thuc-hien' | 'tien-do';

const WIDTHS = { 'thuc-hien': [700, 5000, 2300, 2300, 1500, 1500, 1600], 'tien-do': [700, 4600, 2200, 2200, 1500, 1500, 1200, 1000] };

function headerRows(variant: GroupHeaderVariant): string[] {
  const down = (text: string): Cell => ({ text, vMerge: 'restart' });
  const cont: Cell = { vMerge: 'continue' };
  if (variant === 'thuc-hien') {
    return [
      row([down('STT'), down('Nội dung nhiệm vụ'), { text: 'Cơ quan thực hiện', span: 2 }, { text: 'Thời gian', span: 2 }, down('Sản phẩm')], '<w:tblHeader/>'),
      row([cont, cont, 'Chủ trì', 'Phối hợp', 'Bắt đầu', 'Hoàn thành', cont], '<w:tblHeader/>'),
    ];
  }
  return [
    row([down('TT'), down('Nhiệm vụ'), { text: 'Cơ quan', span: 2 }, { text: 'Tiến độ', span: 2 }, down('Kết quả'), down('Ghi chú')], '<w:tblHeader/>'),
    row([cont, cont, 'Chủ trì', 'Phối hợp', 'Từ', 'Đến', cont, cont], '<w:tblHeader/>'),
  ];
}

/** The task rows (after the header), the same in both variants but for the Ghi chú column of `tien-do`. */
const ROWS: string[][] = [
  ['I', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', '', ''],
  ['1', 'Rà soát, đơn giản hóa thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Tháng 01/2026', 'Quý II/2026', 'Quyết định'],
  ['2', 'Công bố danh mục thủ tục hành chính', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Quý I/2026', 'Tháng 6/2026', 'Quyết định công bố'],
  ['II', 'XÂY DỰNG CHÍNH QUYỀN SỐ', '', '', '', '', ''],
  ['1', 'Vận hành Hệ thống thông tin giải quyết thủ tục hành chính', 'Sở Khoa học và Công nghệ', 'Văn phòng UBND tỉnh', 'Tháng 01/2026', 'Thường xuyên', 'Hệ thống vận hành'],
  ['2', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', '', 'Quý II/2026', 'Trước 15/12/2026', 'Kết luận kiểm tra'],
];

const rowsOf = (variant: GroupHeaderVariant) => ROWS.map((cells) => (variant === 'tien-do' ? [...cells, ''] : cells));

/** The plan as a Word file: title paragraphs, then the ruled task table (area rows span the table); `borderless`: its borders off. */
export function groupHeaderDocx(variant: GroupHeaderVariant, options: { borderless?: boolean } = {}): Promise<Buffer> {
  const widths = WIDTHS[variant];
  const body = [
    para('Phụ lục'),
    para('NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026'),
    table(
      widths.length,
      [...headerRows(variant), ...rowsOf(variant).map((cells) => (cells[2] === '' && cells[4] === '' ? row([cells[0]!, { text: cells[1]!, span: widths.length - 1 }]) : row(cells)))],
      { ruled: !options.borderless, widths },
    ),
  ].join('');
  return buildDocx(body);
}

/**
 * The same plan drawn as a PDF page by the test PDF builder (no LibreOffice): the rule between the
 * two header rows runs only under the two group cells, and the header cells merged down have none.
 */
export function groupHeaderPdf(variant: GroupHeaderVariant): Buffer {
  const widths = WIDTHS[variant].map((w) => w / 20);
  const groups = variant === 'thuc-hien' ? ['Cơ quan thực hiện', 'Thời gian'] : ['Cơ quan', 'Tiến độ'];
  const subs = variant === 'thuc-hien' ? ['Chủ trì', 'Phối hợp', 'Bắt đầu', 'Hoàn thành'] : ['Chủ trì', 'Phối hợp', 'Từ', 'Đến'];
  const first = variant === 'thuc-hien' ? ['STT', 'Nội dung nhiệm vụ'] : ['TT', 'Nhiệm vụ'];
  const last = variant === 'thuc-hien' ? ['Sản phẩm'] : ['Kết quả', 'Ghi chú'];
  const header: PdfRow[] = [
    { cells: [...first.map((text) => ({ text })), { text: groups[0]!, span: 2 }, { text: groups[1]!, span: 2 }, ...last.map((text) => ({ text }))] },
    { cells: [{ text: '' }, { text: '' }, ...subs.map((text) => ({ text })), ...last.map(() => ({ text: '' }))] },
  ];
  // The builder's font is 4.5 points a letter: a cell's text is wrapped at spaces to fit its column, as Word wraps it.
  const wrap = (text: string, width: number) =>
    text.split(' ').reduce<string[]>((lines, word) => {
      const last = lines[lines.length - 1];
      if (last !== undefined && (last.length + 1 + word.length) * 4.5 <= width - 6) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
      return lines;
    }, []).join('\n');
  const body: PdfRow[] = rowsOf(variant).map((cells) =>
    cells[2] === '' && cells[4] === '' ? { cells: [{ text: cells[0]! }, { text: cells[1]!, span: widths.length - 1 }] } : { cells: cells.map((text, c) => ({ text: wrap(text, widths[c]!) })) },
  );
  const top = 520;
  const laid = ruledTable(widths, [...header, ...body], { top });
  // The rule between the header rows: only under the group cells (columns 2–5).
  const between = top - (6 + 11);
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [40]);
  const lines = laid.lines.filter(([, y1, , y2]) => !(y1 === between && y2 === between));
  lines.push([xs[2]!, between, xs[6]!, between]);
  return buildPdf([{ lines, texts: [...laid.texts, { x: 300, y: 560, text: 'PHỤ LỤC' }] }]);
}

/**
 * What the plan means: the deadline is the "Hoàn thành" / "Đến" column (the period's end), never
 * the start; "Chủ trì" and "Phối hợp" under the agency group are the lead and the coordinators;
 * the second header row is no task; I and II are areas.
 */
export const GROUP_HEADER_TASKS = [
  { code: 'I.1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý II/2026' },
  { code: 'I.2', lead: 'Sở Nội vụ', coord: 'Các sở, ban, ngành', deadline: 'Tháng 6/2026' },
  { code: 'II.1', lead: 'Sở Khoa học và Công nghệ', coord: 'Văn phòng UBND tỉnh', deadline: 'Thường xuyên' },
  { code: 'II.2', lead: 'Sở Nội vụ', coord: '', deadline: 'Trước 15/12/2026' },
];
