import { joinCutText } from './broken-words.js';
import { taskCodeKey } from './task-code.js';
import { err, ok, type Result } from './result.js';
import { foldAligned, textKey } from './text-key.js';

/** The columns dondoc reads from a plan's task table (Phụ lục). */
export const PLAN_FIELDS = ['code', 'objective', 'task', 'activity', 'product', 'lead', 'coord', 'deadline', 'budget', 'start'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/** Vietnamese names of the columns, for error messages. */
export const FIELD_LABELS: Record<PlanField, string> = {
  code: 'TT/STT',
  objective: 'Mục tiêu/Chỉ tiêu',
  task: 'Nhiệm vụ',
  activity: 'Hoạt động',
  product: 'Kết quả, sản phẩm',
  lead: 'Chủ trì',
  coord: 'Phối hợp',
  deadline: 'Thời gian hoàn thành',
  budget: 'Kinh phí',
  start: 'Bắt đầu',
};

/** Who does it: "Cơ quan, đơn vị chủ trì", "Đơn vị thực hiện", "CQ chủ trì thực hiện". */
const WHO = String.raw`(?:(?:co quan|don vi|cq|dv|cac)[\s,/-]*(?:va\s+)?)*`;

/**
 * Header spellings seen in plans (compared without diacritics, punctuation and numbering such as
 * "5- " removed). A row of two-row headers ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") is read
 * with the row under it.
 */
const HEADER_PATTERNS: [PlanField, RegExp][] = [
  // A narrow TT column wraps its header letter by letter ("T\nT", "S\nT\nT" in a PDF).
  ['code', /^(s? ?t ?t|so tt|so thu tu|ma|ma so|ma nhiem vu)$/],
  ['objective', /^muc tieu/],
  ['activity', /^hoat dong/],
  ['task', /^(nhiem vu|ten de an|ten nhiem vu|noi dung|cong viec|ten cong viec|danh muc nhiem vu|cac nhiem vu|giai phap|ten van ban|ten chuong trinh|chuong trinh|ten hoat dong)/],
  ['product', /^(ket qua|san pham|hinh thuc|du kien ket qua|du kien san pham)/],
  ['lead', new RegExp(`^${WHO}(chu tri|thuc hien|phu trach|duoc giao)`)],
  ['coord', new RegExp(`^${WHO}phoi hop`)],
  // "Thời gian bắt đầu", "Ngày bắt đầu" name the start, not the deadline (checked before "Thời gian …");
  // "Thời gian bắt đầu - kết thúc" in one column is the whole period, read as the deadline.
  ['start', /^(?:thoi gian |ngay |thang |thoi diem )?(?:bat dau|khoi cong)\b(?!.*\b(?:hoan thanh|ket thuc|den)\b)/],
  ['deadline', /^(thoi gian|thoi han|tien do|thoi diem|han hoan thanh|moc thoi gian|han\b)/],
  ['budget', /^(kinh phi|nguon kinh phi|du toan)/],
];

/** Removes extraction debris (HTML paragraphs, non-breaking spaces, runs of spaces) from one cell. */
export function cleanCell(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .replace(/<\/?(p|br|span|div)[^>]*>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u200b\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const headerKey = (cell: string) =>
  textKey(cell)
    .replace(/^\d+\s*[-.)]\s*/, '')
    .replace(/[(),;:.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function headerField(cell: string): PlanField | undefined {
  const key = headerKey(cell);
  return HEADER_PATTERNS.find(([, pattern]) => pattern.test(key))?.[0];
}

export type ColumnMap = Partial<Record<PlanField, number>>;

/**
 * A column of tick marks under "Thời gian thực hiện" ("Quý I | Quý II | Quý III | Quý IV", "I | II |
 * III | IV", "T1 … T12"): the quarter or month it stands for, the year its header names (if any) and
 * the header as published.
 */
export interface TickColumn {
  column: number;
  label: string;
  unit: 'quarter' | 'month';
  n: number;
  year?: number;
}

/**
 * A task table's header: `index` is its last row (data starts after it), `columns` the fields read,
 * `ticks` the quarter or month tick columns (they give the deadline when there are any), `unused` the
 * header of every column the import does not read ("Ghi chú", "Kinh phí — Ngân sách tỉnh"), as published.
 */
export interface PlanHeader {
  index: number;
  columns: ColumnMap;
  ticks: TickColumn[];
  unused: string[];
}

export type TableProblem =
  | { code: 'no_header'; missing: PlanField[] }
  | { code: 'duplicate_code'; row: number; other: number; taskCode: string }
  | { code: 'no_tasks' };

const QUARTER_NUMBERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * The quarter or month a tick column's header names: "Quý I", "Quý 1", "Q1", "QI", "Quý II/2026",
 * "Tháng 3", "T3", "T.3"; a bare Roman "I … IV" only under a "Thời gian" group (`underTime`), where
 * nothing else can be meant.
 */
function tickLabel(cell: string, underTime: boolean): Omit<TickColumn, 'column' | 'label'> | undefined {
  const key = headerKey(cell);
  const year = (y: string | undefined) => (y ? { year: Number(y) } : {});
  const quarter = /^(?:quy|q) ?(iv|i{1,3}|[1-4])(?: ?(?:\/|nam) ?(\d{4}))?$/.exec(key) ?? (underTime ? /^(iv|i{1,3})()$/.exec(key) : null);
  if (quarter) return { unit: 'quarter', n: QUARTER_NUMBERS[quarter[1]!]!, ...year(quarter[2] || undefined) };
  const month = /^(?:thang|t) ?(\d{1,2})(?: ?(?:\/|nam) ?(\d{4}))?$/.exec(key);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) return { unit: 'month', n: Number(month[1]), ...year(month[2]) };
  return undefined;
}

/** Tick columns are at least two of one unit, each a different period: one "Quý I" alone is no tick column. */
const tickSet = (ticks: TickColumn[]) =>
  ticks.length >= 2 && ticks.every((t) => t.unit === ticks[0]!.unit) && new Set(ticks.map((t) => `${t.n}/${t.year ?? ''}`)).size === ticks.length;

/** The header fields of one row, each at its first column, and its tick columns ("Quý I … Quý IV" written in the row itself). */
function headerColumns(row: string[] | undefined): { columns: ColumnMap; ticks: TickColumn[] } {
  const columns: ColumnMap = {};
  const ticks: TickColumn[] = [];
  row?.forEach((cell, column) => {
    const text = cleanCell(cell);
    const tick = tickLabel(text, false);
    if (tick) {
      ticks.push({ column, label: text, ...tick });
      return;
    }
    const field = headerField(text);
    if (field && columns[field] === undefined) columns[field] = column;
  });
  return { columns, ticks: tickSet(ticks) ? ticks : [] };
}

const complete = (columns: ColumnMap, ticks: TickColumn[] = []) =>
  columns.lead !== undefined && (columns.deadline !== undefined || ticks.length > 0) && (columns.task !== undefined || columns.activity !== undefined);

const COLUMN_NUMBER = /^\(?\d{1,2}\)?$/;

/** A row of column numbers under a header ("1 | 2 | 3 …" or "(1) | (2) | (3) …"): at least three, rising. */
export function isColumnNumbers(row: string[]): boolean {
  const numbers = row.map(cleanCell).filter((c) => c !== '');
  if (numbers.length < 3 || !numbers.every((c) => COLUMN_NUMBER.test(c))) return false;
  const values = numbers.map((c) => Number(c.replace(/[()]/g, '')));
  return values.every((v, i) => i === 0 || v > values[i - 1]!);
}

/** Under a "Thời gian" / "Tiến độ" group: the sub-column where the period starts and where it ends (the deadline). */
const PERIOD_START = /^(?:thoi gian |ngay |thang |thoi diem )?(?:bat dau|khoi cong|trien khai|tu ngay|tu thang|tu)$/;
const PERIOD_END = /^(?:thoi gian |ngay |thang |thoi diem |thoi han )?(?:hoan thanh|ket thuc|den ngay|den thang|den)$/;
/** Under a "Kinh phí" / "Dự toán" group: where the money comes from ("Ngân sách tỉnh | Ngân sách huyện | Nguồn khác"). */
const BUDGET_PART =
  /^(?:ngan sach|nguon|von|kinh phi|du toan|trieu dong|tong|trung uong|tinh|huyen|xa|khac|xa hoi hoa|doanh nghiep|dia phuong|dong|ns(?:nn|tw|dp|t|h|x)?)\b/;

/**
 * What stands over `column` in the header row above: a group cell spanning it ("Cơ quan thực
 * hiện" over two columns: its text, then '' or the same text repeated) with the group's field,
 * `{}` when nothing stands over it, undefined when the cell above is a header cell of its own
 * (one column wide) — a different text under such a cell is not header but a data row.
 */
function groupOver(above: string[], column: number): { field?: PlanField; text?: string } | undefined {
  const at = (c: number) => cleanCell(above[c]);
  let start = column;
  while (start > 0 && at(start) === '') start -= 1;
  const text = at(start);
  if (text === '') return {};
  const spans = (c: number) => c < above.length && (at(c) === '' || at(c) === text);
  if (start === column && !spans(column + 1) && !(column > 0 && at(column - 1) === text)) return undefined;
  const field = headerField(text);
  return field ? { field, text } : { text };
}

/** A year over a time group's quarters ("Thời gian thực hiện" over "Năm 2026 | Năm 2027" over "Quý I … Quý IV" twice). */
const YEAR_GROUP = /^(?:nam )?(20\d\d)$/;

/**
 * A header cell's text that names a column, or a sub-column under a group ("Bắt đầu", "Từ", "Quý
 * II", "Năm 2026", "Ngân sách tỉnh"): a line of a table printed without borders made only of such
 * texts (and wrapped ends of them) is still header.
 */
export function isHeaderWords(cell: string): boolean {
  const key = headerKey(cell);
  return headerField(cell) !== undefined || tickLabel(cell, true) !== undefined || PERIOD_START.test(key) || PERIOD_END.test(key) || YEAR_GROUP.test(key) || BUDGET_PART.test(key);
}

/**
 * The fields of a row that is still header (the second or third row of a merged header): each of
 * its cells names a column, repeats the cell above (a vertically merged header cell), or is empty;
 * a row of column numbers counts too. A cell naming a column sits under a group cell spanning it
 * ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") or under nothing. Under a "Thời gian" group,
 * "Bắt đầu | Hoàn thành" (or "Từ | Đến") are the start and the end (the deadline), and "Quý I … Quý
 * IV" (or "I … IV", "T1 … T12") are tick columns; under a "Kinh phí" group, the sources of money
 * are columns the import leaves (`cleared`). Undefined for a data row — also for the rest of a row
 * cut by a page break under a repeated header, whose text may begin with a header word ("kết quả
 * theo dõi …").
 */
function headerContinuation(row: string[] | undefined, above: string[]): { columns: ColumnMap; cleared: number[]; ticks: TickColumn[] } | undefined {
  if (!row || row.every((c) => cleanCell(c) === '')) return undefined;
  if (isColumnNumbers(row)) return { columns: {}, cleared: [], ticks: [] };
  const columns: ColumnMap = {};
  const cleared: number[] = [];
  const ticks: TickColumn[] = [];
  let years = 0;
  for (let column = 0; column < row.length; column += 1) {
    const cell = cleanCell(row[column]);
    if (cell === '' || cell === cleanCell(above[column])) continue;
    const group = groupOver(above, column);
    if (!group) return undefined;
    const key = headerKey(cell);
    const underTime = group.field === 'deadline';
    // Under "Năm 2026" (itself under the time group), the quarters are that year's.
    const groupYear = group.text !== undefined ? YEAR_GROUP.exec(headerKey(group.text))?.[1] : undefined;
    if (underTime && YEAR_GROUP.test(key)) {
      years += 1;
      continue;
    }
    const tick = group.field === undefined || underTime ? tickLabel(cell, underTime || groupYear !== undefined) : undefined;
    if (tick) {
      ticks.push({ column, label: groupYear && tick.year === undefined ? `${cell}/${groupYear}` : cell, ...(groupYear ? { year: Number(groupYear) } : {}), ...tick });
      continue;
    }
    const field =
      headerField(cell) ?? (underTime && PERIOD_END.test(key) ? 'deadline' : underTime && PERIOD_START.test(key) ? 'start' : undefined);
    if (field) {
      if (columns[field] === undefined) columns[field] = column;
    } else if (group.field === 'budget' && BUDGET_PART.test(key)) cleared.push(column);
    else return undefined;
  }
  if (ticks.length > 0 && !tickSet(ticks)) return undefined;
  return Object.keys(columns).length > 0 || cleared.length > 0 || ticks.length > 0 || years > 0 ? { columns, cleared, ticks } : undefined;
}

/** The header from row `index` down: the rows under it that are still header are read with it (lower rows' fields win). */
function extendHeader(rows: string[][], index: number, columns: ColumnMap, ticks: TickColumn[]): { index: number; columns: ColumnMap; ticks: TickColumn[] } {
  let last = index;
  let merged = { ...columns };
  let marks = ticks;
  const clear = (column: number, keep?: PlanField) => {
    for (const [other, at] of Object.entries(merged) as [PlanField, number][]) if (at === column && other !== keep) delete merged[other];
  };
  for (let next = index + 1; next <= index + 3 && next < rows.length; next += 1) {
    const more = headerContinuation(rows[next], rows[next - 1] ?? []);
    if (!more) break;
    // "Cơ quan thực hiện" over "Chủ trì | Phối hợp": the lower row names the columns; "Kinh phí" over
    // "Ngân sách tỉnh | Nguồn khác", "Thời gian thực hiện" over "Quý I … Quý IV": the group's first
    // column is no longer the budget or the deadline.
    for (const column of more.cleared) clear(column);
    for (const tick of more.ticks) clear(tick.column);
    if (more.ticks.length > 0) marks = more.ticks;
    for (const [field, column] of Object.entries(more.columns) as [PlanField, number][]) {
      clear(column, field);
      merged[field] = column;
    }
    merged = { ...merged };
    last = next;
  }
  return { index: last, columns: merged, ticks: marks };
}

/**
 * The header of every column the import leaves, as published: the texts of the header rows over it,
 * a group's text (written once over the columns it spans) included; column numbers "(5)" left out.
 */
function unusedColumns(rows: string[][], first: number, header: { index: number; columns: ColumnMap; ticks: TickColumn[] }): string[] {
  const used = new Set([...Object.values(header.columns), ...header.ticks.map((t) => t.column)]);
  const width = Math.max(0, ...rows.slice(first, header.index + 1).map((r) => r.length));
  const at = (r: number, c: number) => cleanCell(rows[r]?.[c]);
  const out: string[] = [];
  for (let column = 0; column < width; column += 1) {
    if (used.has(column)) continue;
    const parts: string[] = [];
    for (let r = first; r <= header.index; r += 1) {
      let text = at(r, column);
      if (text === '' && r < header.index && at(r + 1, column) !== '') {
        let start = column - 1;
        while (start >= 0 && at(r, start) === '') start -= 1;
        if (start >= 0) text = at(r, start);
      }
      if (text !== '' && !COLUMN_NUMBER.test(text) && parts[parts.length - 1] !== text) parts.push(text);
    }
    if (parts.length > 0) out.push(parts.join(' — '));
  }
  return out;
}

/**
 * Finds the header row in the first 30 rows: the first with a lead column, a deadline column (or
 * quarter tick columns) and a task or activity column — alone, or with the row under it when the
 * header is two rows high. Rows under it that are still header (a lower row "Chủ trì | Phối hợp"
 * under a merged "Cơ quan thực hiện", "Quý I … Quý IV" under "Thời gian thực hiện", merged header
 * cells repeated, a row of column numbers "(1) (2) (3)") are part of it; the lower row's fields
 * win. `index` is the last header row; data starts after it.
 */
export function findHeader(rows: string[][]): Result<PlanHeader, TableProblem> {
  let best: PlanField[] = [];
  const done = (first: number, header: { index: number; columns: ColumnMap; ticks: TickColumn[] }) => ok({ ...header, unused: unusedColumns(rows, first, header) });
  for (let index = 0; index < Math.min(rows.length, 30); index += 1) {
    const { columns, ticks } = headerColumns(rows[index]);
    if (complete(columns, ticks)) return done(index, extendHeader(rows, index, columns, ticks));
    const found = Object.keys(columns) as PlanField[];
    if (found.length >= 2) {
      // "TT | Nhiệm vụ | Cơ quan | | Thời gian | |" over "| | Chủ trì | Phối hợp | Bắt đầu | Hoàn thành".
      const extended = extendHeader(rows, index, columns, ticks);
      if (extended.index > index && complete(extended.columns, extended.ticks)) return done(index, extended);
      const below = headerColumns(rows[index + 1]);
      const merged = { ...columns, ...below.columns };
      const marks = below.ticks.length > 0 ? below.ticks : ticks;
      if (complete(merged, marks)) return done(index, extendHeader(rows, index + 1, merged, marks));
    }
    if (found.length > best.length) best = found;
  }
  const required: PlanField[] = ['lead', 'deadline', 'task'];
  return err({ code: 'no_header', missing: required.filter((f) => !best.includes(f)) });
}

/**
 * One table row as read: its 1-based row number in the file and its cleaned cells by field.
 * `review`: the row's time cannot be read without a guess (a tick column holding a date or words
 * instead of a mark, or ticks beside a written deadline) — the cells as published.
 */
export interface RawPlanRow {
  row: number;
  cells: Record<PlanField, string>;
  review?: string;
}

const NUMBERED = /^\d+(\.\d+)+\.?(\s|$)/;

/**
 * A tick mark in a quarter or month column: "x", "X", "×", "✓", "✔", "√", "•", "●", "☑", and "v" or
 * "V", which offices type for "√" (no keyboard has it; a quarter or month column has no Roman five).
 */
const TICK_MARK = /^[xX×✓✔√•●☑vV]$/u;

/**
 * A merged cell holding only a tick mark, spanning several columns of a row after the row's own text
 * (a bar "x" over Quý II–IV): a mark in every column it covers, so the ticks read are the quarters it
 * covers, not its first one only. Not the row's first text: a Roman "X" heading spanning the table is no tick.
 */
export function spreadsTick(text: string, before: string[]): boolean {
  return TICK_MARK.test(cleanCell(text)) && before.some((c) => cleanCell(c) !== '');
}
const ROMAN_NUMERALS = ['', 'I', 'II', 'III', 'IV'];

/**
 * The deadline the ticks of one row say, in the words a deadline cell would use, so that the deadline
 * grammar reads it as it reads that cell: ticks in Quý II and Quý III of a 2026 plan are "Quý II,
 * III/2026"; months "Tháng 3, 4/2026". A year in the column's header ("Quý I/2027") wins over the
 * plan's. Empty when nothing is ticked; `review` (the tick cells as published) when a tick cell holds
 * anything but a mark.
 */
export function tickDeadline(row: string[], ticks: TickColumn[], year: number | undefined): { text: string; review?: string } {
  const filled = ticks.map((t) => ({ t, cell: cleanCell(row[t.column]) })).filter(({ cell }) => cell !== '');
  if (filled.length === 0) return { text: '' };
  if (filled.some(({ cell }) => !TICK_MARK.test(cell))) return { text: '', review: filled.map(({ t, cell }) => `${t.label}: ${cell}`).join('; ') };
  const groups: { year: number | undefined; names: string[] }[] = [];
  for (const { t } of filled) {
    const y = t.year ?? year;
    const name = t.unit === 'quarter' ? ROMAN_NUMERALS[t.n]! : String(t.n);
    const last = groups[groups.length - 1];
    if (last && last.year === y) last.names.push(name);
    else groups.push({ year: y, names: [name] });
  }
  const word = filled[0]!.t.unit === 'quarter' ? 'Quý' : 'Tháng';
  const text = groups
    .map((g, i) => `${i === 0 ? word : word.toLocaleLowerCase('vi')} ${g.names.join(', ')}${g.year !== undefined ? `/${g.year}` : ''}`)
    .join(', ');
  return { text };
}

/**
 * A lead cell that names roles — one "Cơ quan thực hiện" column for everyone, or a Chủ trì cell that
 * also names helpers: "Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Nội vụ", "Sở Nội vụ
 * (chủ trì); Sở Tư pháp, Sở Y tế", "Sở Nội vụ chủ trì; các sở, ngành phối hợp", "Chủ trì: …; Phối
 * hợp: …". The agencies after the lead's "chủ trì" coordinate: they must not be stored as leads.
 * Null when the cell names no role ("chủ trì" followed by other words, as in "các cơ quan chủ trì
 * nhiệm vụ", or inside a note, as in "Sở KH&CN (chủ trì, phối hợp kiểm tra)", is not a role mark).
 */
export function splitRoles(cell: string): { lead: string; coord: string } | null {
  const folded = foldAligned(cell);
  const labelled = /^\s*chu tri\s*:\s*/.exec(folded);
  if (labelled) {
    const helpers = /[\s,;.]*\bphoi hop(?:\s+voi)?\s*:\s*/.exec(folded.slice(labelled[0].length));
    if (!helpers) return { lead: cell.slice(labelled[0].length).trim(), coord: '' };
    const at = labelled[0].length + helpers.index;
    return { lead: cell.slice(labelled[0].length, at).trim(), coord: cell.slice(at + helpers[0].length).trim() };
  }
  const mark = /[\s(\-–]*\bchu tri\b\s*\)?(?=\s*(?:$|[,;.:]|(?:va\s+)?phoi hop\b))/.exec(folded);
  // "(chủ trì, phối hợp kiểm tra)": a note in brackets about the lead's own work, not a list of helpers.
  if (!mark || !/\p{L}/u.test(cell.slice(0, mark.index)) || (mark[0].includes('(') && !mark[0].includes(')'))) return null;
  const rest = /^[\s,;.:]*(?:va\s+)?(?:phoi hop(?:\s+voi)?\s*:?)?\s*/.exec(folded.slice(mark.index + mark[0].length))!;
  const from = mark.index + mark[0].length + rest[0].length;
  const tail = /[\s(\-–]*\bphoi hop\b\s*\)?[\s.]*$/.exec(folded.slice(from));
  return { lead: cell.slice(0, mark.index).trim(), coord: cell.slice(from, tail ? from + tail.index : cell.length).trim() };
}

function pick(row: string[], header: { columns: ColumnMap; ticks?: TickColumn[] }, rowNumber: number, year: number | undefined): RawPlanRow {
  const cells = {} as Record<PlanField, string>;
  for (const field of PLAN_FIELDS) {
    const column = header.columns[field];
    cells[field] = column === undefined ? '' : cleanCell(row[column]);
  }
  const ticks = header.ticks ?? [];
  if (ticks.length === 0) return { row: rowNumber, cells };
  const marked = tickDeadline(row, ticks, year);
  if (marked.review !== undefined) return { row: rowNumber, cells: { ...cells, deadline: '' }, review: [cells.deadline, marked.review].filter((t) => t !== '').join('; ') };
  if (marked.text === '') return { row: rowNumber, cells };
  // Ticks beside a deadline cell of its own: two answers to one question, read by no one without the admin.
  if (cells.deadline !== '') return { row: rowNumber, cells: { ...cells, deadline: '' }, review: `${cells.deadline}; ${marked.text}` };
  return { row: rowNumber, cells: { ...cells, deadline: marked.text } };
}

/** A sub-task's own label at the start of its cell: "a)", "b.", "đ)", or a dash, plus or bullet. */
const SUB_LABEL = /^(?:[a-zđ][).]|[-+•*–])(?:\s|$)/u;
/** A sub-task label alone in the TT cell: "a", "a)", "-", "+". */
const SUB_CODE = /^(?:[a-zđ][).]?|[-+•*–])$/u;

/**
 * True when a row is the rest of the row above, wrapped onto a new row by a page break: no TT, and
 * no numbered objective, task or activity starting in it, no sub-task label ("a)", "-") starting
 * it, and not a heading row.
 */
export function isContinuation(row: RawPlanRow): boolean {
  const { cells } = row;
  if (cells.code !== '') return false;
  if (PLAN_FIELDS.every((f) => cells[f] === '') && row.review === undefined) return false;
  if (headingOf(row, true)) return false;
  return ![cells.objective, cells.task, cells.activity].some((text) => NUMBERED.test(text) || SUB_LABEL.test(text));
}

/**
 * True when `row` is the rest of the area heading above cut by a page break ("B | Áp dụng ISO
 * 9001:2015" / "trong hoạt động của đơn vị"): its text stands only in the heading's own cells and
 * goes on in lower case, as a sentence does — a heading or a task of its own starts with a capital.
 */
function isRestOfHeading(heading: RawPlanRow, row: RawPlanRow): boolean {
  const texts = PLAN_FIELDS.filter((f) => row.cells[f] !== '');
  return texts.length > 0 && texts.every((f) => f !== 'code' && heading.cells[f] !== '' && /^\p{Ll}/u.test(row.cells[f]));
}

/**
 * Joins wrapped rows into the row they continue, cell by cell (a word the break cut in two is
 * joined back: joinCutText); the first row keeps its number.
 */
export function joinWrappedRows(rows: RawPlanRow[]): RawPlanRow[] {
  const out: RawPlanRow[] = [];
  for (const row of rows) {
    const previous = out[out.length - 1];
    if (previous && isContinuation(row) && (!isAreaRow(previous) || isRestOfHeading(previous, row))) {
      for (const field of PLAN_FIELDS) previous.cells[field] = joinCutText(previous.cells[field], row.cells[field]);
      if (row.review !== undefined) previous.review = previous.review === undefined ? row.review : `${previous.review}; ${row.review}`;
    } else {
      out.push({ row: row.row, cells: { ...row.cells }, ...(row.review !== undefined ? { review: row.review } : {}) });
    }
  }
  return out;
}

const ROMAN = /^[IVXL]+\.?$/;
const LETTER = /^[A-Z]\.?$/;
const LABELLED_HEADING = /^((?:[IVXL]+|[A-Z]|\d+)[.)]?)\s+(\S[\s\S]*)$/u;

/**
 * A heading written across the table ("I. CẢI CÁCH THỂ CHẾ" in one merged row, or "CẢI CÁCH THỂ
 * CHẾ" alone): its label (code, '' when unlabelled) and title. One text and nobody assigned; an
 * unlabelled text counts when it fills the TT column (the merged row starts there), is written in
 * capitals, or the table cannot have wrapped rows (`wrapped` false: a Word table).
 */
export function headingOf(row: RawPlanRow, wrapped: boolean): { code: string; title: string } | undefined {
  const { cells } = row;
  if (cells.lead !== '' || cells.coord !== '' || cells.deadline !== '' || cells.product !== '' || cells.budget !== '' || cells.start !== '' || row.review !== undefined) return undefined;
  const texts = [...new Set([cells.code, cells.objective, cells.task, cells.activity].filter((t) => t !== ''))];
  if (texts.length !== 1) return undefined;
  const text = texts[0]!;
  if (ROMAN.test(text) || LETTER.test(text) || /^\d+\.?$/.test(text) || SUB_LABEL.test(text) || NUMBERED.test(text)) return undefined;
  const inCode = cells.code === text;
  const labelled = LABELLED_HEADING.exec(text);
  if (labelled && (inCode || !/^\d/.test(labelled[1]!))) return { code: taskCodeKey(labelled[1]!), title: labelled[2]!.trim() };
  const capitals = /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
  if (inCode || capitals || !wrapped) return { code: '', title: text };
  return undefined;
}

/** A reform-area heading row: "I | CÔNG TÁC CHỈ ĐẠO…", "A | Xây dựng…", or "1 | Cải cách thể chế" with no one assigned. */
export function isAreaRow(row: RawPlanRow): boolean {
  const { cells } = row;
  const unassigned = cells.lead === '' && cells.coord === '' && cells.deadline === '' && cells.start === '' && row.review === undefined;
  if (!unassigned) return false;
  if (ROMAN.test(cells.code) || LETTER.test(cells.code)) return true;
  return /^\d+\.?$/.test(cells.code) && titleOf(row) !== '';
}

function titleOf(row: RawPlanRow): string {
  const { cells } = row;
  return [cells.objective, cells.task, cells.activity, cells.product].find((text) => text !== '') ?? '';
}

/** One task of a plan as the table gives it, with its reform area and a code unique within the plan. */
export interface PlanRow {
  row: number;
  areaCode: string;
  areaTitle: string;
  code: string;
  objective: string;
  task: string;
  activity: string;
  product: string;
  lead: string;
  coord: string;
  deadline: string;
  budget: string;
  /** When the work starts ("Bắt đầu", "Từ"), as written; '' when the table has no such column or the cell is empty. */
  start: string;
  /** The row's time could not be read without a guess (see RawPlanRow): the cells as published; '' when none. */
  review: string;
}

function leadingNumber(text: string): string | undefined {
  return /^(\d+(?:\.\d+)+)/.exec(text)?.[1];
}

/**
 * Turns the table's rows (header already found) into tasks:
 * - heading rows ("I. CẢI CÁCH THỂ CHẾ" across the table, "II | CẢI CÁCH TTHC") set the area of the
 *   rows below; a numbered row with nobody assigned under a lettered or Roman area is a parent
 *   ("I.1"), whose sub-tasks are coded under it;
 * - a sub-task ("a)", "-", "+" in the TT cell or starting its text) is a task of its own, coded
 *   under its parent ("I.1.a", "3.2" for the second dash under task 3), and takes the parent
 *   task's lead, coordinators and deadline where its own cell is empty;
 * - with `wrapped` (CSV, XLSX: tables that went through a PDF may have rows cut by a page break)
 *   wrapped rows are joined first; a Word table's rows are whole, and a TT repeated from the row
 *   above is a merged TT cell;
 * - any other row without TT continues the group above it, so its blank objective, task, lead,
 *   coordinators, deadline and budget are those of the row above (a merged cell in the original).
 */
export function readPlanRows(
  rows: string[][],
  header: { index: number; columns: ColumnMap; ticks?: TickColumn[] },
  options: { wrapped?: boolean; year?: number; mergedCells?: boolean } = {},
): Result<PlanRow[], TableProblem> {
  const wrapped = options.wrapped ?? true;
  // A TT repeated from the row above is one merged cell where the reader fills a merged cell into every
  // row it covers: a Word table, and a ruled PDF's (its rules show the merge).
  const mergedCells = options.mergedCells ?? !wrapped;
  const picked = rows
    .slice(header.index + 1)
    .map((row, offset) => pick(row, header, header.index + offset + 2, options.year))
    .filter((row) => row.review !== undefined || !PLAN_FIELDS.every((f) => row.cells[f] === '' || /^-+$/.test(row.cells[f])));
  const joined = wrapped ? joinWrappedRows(picked) : picked;
  for (const row of joined) {
    const roles = splitRoles(row.cells.lead);
    if (roles) row.cells = { ...row.cells, lead: roles.lead, coord: [roles.coord, row.cells.coord].filter((t) => t !== '').join('; ') };
  }
  const tasks: PlanRow[] = [];
  const seen = new Map<string, number>();
  let areaCode = '';
  let areaTitle = '';
  let majorCode = '';
  let majorTitle = '';
  /** The Roman or lettered area a numbered parent row sits under. */
  let baseCode = '';
  let baseTitle = '';
  let headings = 0;
  let group: PlanRow | undefined;
  let parent: PlanRow | undefined;
  let bullets = 0;
  let previousCode = '';
  /** The number of a numbered parent at the top level ("3" after tasks 1 and 2), while its sub-tasks are read. */
  let topParent: number | undefined;
  for (const original of joined) {
    const heading = headingOf(original, wrapped);
    const raw: RawPlanRow = heading ? { row: original.row, cells: { ...original.cells, code: heading.code, task: heading.title, objective: '', activity: '' } } : original;
    // A row's time is its own when it has a deadline, ticks or a tick to review; otherwise that of the row it belongs to.
    const ownTime = raw.cells.deadline !== '' || raw.review !== undefined;
    const { cells } = raw;
    // A dash or letter repeated is the next sub-task ("-" in each row of a list), not a merged cell.
    if (mergedCells && !heading && cells.code !== '' && cells.code === previousCode && !SUB_CODE.test(cells.code)) cells.code = '';
    else previousCode = heading ? '' : cells.code;
    if (heading && heading.code === '') {
      headings += 1;
      majorCode = areaCode = baseCode = `N${headings}`;
      majorTitle = areaTitle = baseTitle = heading.title;
      group = parent = undefined;
      continue;
    }
    if (isAreaRow(raw)) {
      const code = taskCodeKey(cells.code);
      const title = titleOf(raw);
      // "A." under "I.": a part of the area; "B." after "A.": the next area, as "II." after "I.".
      if (!ROMAN.test(cells.code) && LETTER.test(cells.code) && majorCode !== '' && !(LETTER.test(majorCode) && !ROMAN.test(majorCode))) {
        areaCode = baseCode = `${majorCode}.${code}`;
        areaTitle = baseTitle = `${majorTitle} — ${title}`;
      } else if (/^\d+\.?$/.test(cells.code) && baseCode !== '') {
        // "1 | Xây dựng văn bản QPPL" with nobody assigned, under "I | CẢI CÁCH THỂ CHẾ": a parent.
        areaCode = `${baseCode}.${code}`;
        areaTitle = `${baseTitle} — ${title}`;
      } else {
        majorCode = areaCode = code;
        majorTitle = areaTitle = title;
        baseCode = ROMAN.test(cells.code) || LETTER.test(cells.code) ? code : '';
        baseTitle = baseCode ? title : '';
        // "3 | Cải cách chế độ công vụ" with nobody assigned after tasks 1 and 2 at the top: a parent in
        // their numbering, not an area; "4" after its sub-tasks is back at the top (below).
        topParent = /^\d+\.?$/.test(cells.code) && tasks.some((t) => t.areaCode === '') ? Number.parseInt(cells.code, 10) : undefined;
      }
      group = parent = undefined;
      continue;
    }
    if (topParent !== undefined && /^\d+\.?$/.test(cells.code) && Number.parseInt(cells.code, 10) === topParent + 1 && !tasks.some((t) => t.areaCode === areaCode && /\.\d+$/.test(t.code))) {
      areaCode = areaTitle = majorCode = majorTitle = '';
      topParent = undefined;
    }
    if (/^\d+\.?$/.test(cells.code) && baseCode !== '' && areaCode !== baseCode) {
      // "3." after the sub-tasks of parent "2.": back at the parent's level, under the area.
      areaCode = baseCode;
      areaTitle = baseTitle;
    }
    const textLabel = cells.code === '' ? SUB_LABEL.exec(cells.task || cells.activity)?.[0] : undefined;
    const subLabel = SUB_CODE.test(cells.code) ? cells.code : textLabel?.trim();
    if (subLabel !== undefined) {
      const base = parent?.code ?? areaCode;
      bullets += 1;
      const letter = /^[a-zđ]/u.exec(subLabel)?.[0];
      const own = taskCodeKey(`${base ? `${base}.` : ''}${letter ?? String(bullets)}`);
      const from = (field: 'lead' | 'coord' | 'budget' | 'objective' | 'start') => (cells[field] !== '' ? cells[field] : (parent?.[field] ?? ''));
      const task: PlanRow = {
        row: raw.row,
        areaCode,
        areaTitle,
        code: own,
        objective: from('objective'),
        task: cells.task,
        activity: cells.activity,
        product: cells.product,
        lead: from('lead'),
        coord: from('coord'),
        deadline: ownTime ? cells.deadline : (parent?.deadline ?? ''),
        budget: from('budget'),
        start: from('start'),
        review: ownTime ? (raw.review ?? '') : (parent?.review ?? ''),
      };
      const other = seen.get(own);
      if (other !== undefined) return err({ code: 'duplicate_code', row: raw.row, other, taskCode: own });
      seen.set(own, raw.row);
      tasks.push(task);
      continue;
    }
    const inherit = (field: 'objective' | 'task' | 'lead' | 'coord' | 'budget' | 'start') =>
      cells[field] !== '' ? cells[field] : cells.code === '' && group ? group[field] : '';
    const localCode =
      leadingNumber(cells.activity) ?? leadingNumber(cells.task) ?? (taskCodeKey(cells.code) || `R${raw.row}`);
    // A number that already starts with its area's or parent's ("1.1" under the area "1.", "1.1"
    // under the parent "1" of area I) is not qualified by it twice: 1.1, I.1.1.
    const segments = areaCode.split('.');
    const scope = areaCode !== '' && localCode.startsWith(`${segments[segments.length - 1]}.`) ? segments.slice(0, -1).join('.') : areaCode;
    const code = taskCodeKey(scope ? `${scope}.${localCode}` : localCode);
    const task: PlanRow = {
      row: raw.row,
      areaCode,
      areaTitle,
      code,
      objective: inherit('objective'),
      task: inherit('task'),
      activity: cells.activity,
      product: cells.product,
      lead: inherit('lead'),
      coord: inherit('coord'),
      deadline: ownTime || cells.code !== '' || !group ? cells.deadline : group.deadline,
      budget: inherit('budget'),
      start: inherit('start'),
      review: ownTime || cells.code !== '' || !group ? (raw.review ?? '') : group.review,
    };
    const other = seen.get(code);
    if (other !== undefined) return err({ code: 'duplicate_code', row: raw.row, other, taskCode: code });
    seen.set(code, raw.row);
    tasks.push(task);
    group = task;
    if (cells.code !== '') {
      parent = task;
      bullets = 0;
    }
  }
  if (tasks.length === 0) return err({ code: 'no_tasks' });
  return ok(tasks);
}
