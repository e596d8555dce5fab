import { taskCodeKey } from './task-code.js';
import { err, ok, type Result } from './result.js';
import { textKey } from './text-key.js';

/** The columns dondoc reads from a plan's task table (Phụ lục). */
export const PLAN_FIELDS = ['code', 'objective', 'task', 'activity', 'product', 'lead', 'coord', 'deadline', 'budget'] as const;
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
};

/** Who does it: "Cơ quan, đơn vị chủ trì", "Đơn vị thực hiện", "CQ chủ trì thực hiện". */
const WHO = String.raw`(?:(?:co quan|don vi|cq|dv|cac)[\s,/-]*(?:va\s+)?)*`;

/**
 * Header spellings seen in plans (compared without diacritics, punctuation and numbering such as
 * "5- " removed). A row of two-row headers ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") is read
 * with the row under it.
 */
const HEADER_PATTERNS: [PlanField, RegExp][] = [
  ['code', /^(s?tt|so tt|so thu tu|ma|ma so|ma nhiem vu)$/],
  ['objective', /^muc tieu/],
  ['activity', /^hoat dong/],
  ['task', /^(nhiem vu|ten de an|ten nhiem vu|noi dung|cong viec|ten cong viec|danh muc nhiem vu|cac nhiem vu|giai phap|ten van ban|ten chuong trinh|chuong trinh|ten hoat dong)/],
  ['product', /^(ket qua|san pham|hinh thuc|du kien ket qua|du kien san pham)/],
  ['lead', new RegExp(`^${WHO}(chu tri|thuc hien|phu trach|duoc giao)`)],
  ['coord', new RegExp(`^${WHO}phoi hop`)],
  ['deadline', /^(thoi gian|thoi han|tien do|thoi diem|han hoan thanh|moc thoi gian|han\b)/],
  ['budget', /^(kinh phi|nguon kinh phi)/],
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

function headerField(cell: string): PlanField | undefined {
  const key = headerKey(cell);
  return HEADER_PATTERNS.find(([, pattern]) => pattern.test(key))?.[0];
}

export type ColumnMap = Partial<Record<PlanField, number>>;

export type TableProblem =
  | { code: 'no_header'; missing: PlanField[] }
  | { code: 'duplicate_code'; row: number; other: number; taskCode: string }
  | { code: 'no_tasks' };

/** The header fields of one row, each at its first column. */
function headerColumns(row: string[] | undefined): ColumnMap {
  const columns: ColumnMap = {};
  row?.forEach((cell, column) => {
    const field = headerField(cleanCell(cell));
    if (field && columns[field] === undefined) columns[field] = column;
  });
  return columns;
}

const complete = (columns: ColumnMap) =>
  columns.lead !== undefined && columns.deadline !== undefined && (columns.task !== undefined || columns.activity !== undefined);

const COLUMN_NUMBER = /^\(?\d{1,2}\)?$/;

/** A row of column numbers under a header ("1 | 2 | 3 …" or "(1) | (2) | (3) …"): at least three, rising. */
function isColumnNumbers(row: string[]): boolean {
  const numbers = row.map(cleanCell).filter((c) => c !== '');
  if (numbers.length < 3 || !numbers.every((c) => COLUMN_NUMBER.test(c))) return false;
  const values = numbers.map((c) => Number(c.replace(/[()]/g, '')));
  return values.every((v, i) => i === 0 || v > values[i - 1]!);
}

/** Under a "Thời gian" / "Tiến độ" group: the sub-column where the period starts (not a deadline) and where it ends (the deadline). */
const PERIOD_START = /^(?:thoi gian |ngay |thang |thoi diem )?(?:bat dau|khoi cong|trien khai|tu ngay|tu thang|tu)$/;
const PERIOD_END = /^(?:thoi gian |ngay |thang |thoi diem |thoi han )?(?:hoan thanh|ket thuc|den ngay|den thang|den)$/;

/**
 * What stands over `column` in the header row above: a group cell spanning it ("Cơ quan thực
 * hiện" over two columns: its text, then '' or the same text repeated) with the group's field,
 * `{}` when nothing stands over it, undefined when the cell above is a header cell of its own
 * (one column wide) — a different text under such a cell is not header but a data row.
 */
function groupOver(above: string[], column: number): { field?: PlanField } | undefined {
  const at = (c: number) => cleanCell(above[c]);
  let start = column;
  while (start > 0 && at(start) === '') start -= 1;
  const text = at(start);
  if (text === '') return {};
  const spans = (c: number) => c < above.length && (at(c) === '' || at(c) === text);
  if (start === column && !spans(column + 1) && !(column > 0 && at(column - 1) === text)) return undefined;
  const field = headerField(text);
  return field ? { field } : {};
}

/**
 * The fields of a row that is still header (the second or third row of a merged header): each of
 * its cells names a column, repeats the cell above (a vertically merged header cell), or is empty;
 * a row of column numbers counts too. A cell naming a column sits under a group cell spanning it
 * ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") or under nothing; under a "Thời gian" group,
 * "Bắt đầu | Hoàn thành" (or "Từ | Đến") are the start, which is no deadline (`cleared`), and the
 * end, which is. Undefined for a data row — also for the rest of a row cut by a page break under
 * a repeated header, whose text may begin with a header word ("kết quả theo dõi …").
 */
function headerContinuation(row: string[] | undefined, above: string[]): { columns: ColumnMap; cleared: number[] } | undefined {
  if (!row || row.every((c) => cleanCell(c) === '')) return undefined;
  if (isColumnNumbers(row)) return { columns: {}, cleared: [] };
  const columns: ColumnMap = {};
  const cleared: number[] = [];
  for (let column = 0; column < row.length; column += 1) {
    const cell = cleanCell(row[column]);
    if (cell === '' || cell === cleanCell(above[column])) continue;
    const group = groupOver(above, column);
    if (!group) return undefined;
    const key = headerKey(cell);
    const field = headerField(cell) ?? (group.field === 'deadline' && PERIOD_END.test(key) ? 'deadline' : undefined);
    if (field) {
      if (columns[field] === undefined) columns[field] = column;
    } else if (group.field === 'deadline' && PERIOD_START.test(key)) cleared.push(column);
    else return undefined;
  }
  return Object.keys(columns).length > 0 || cleared.length > 0 ? { columns, cleared } : undefined;
}

/** The header from row `index` down: the rows under it that are still header are read with it (lower rows' fields win). */
function extendHeader(rows: string[][], index: number, columns: ColumnMap): { index: number; columns: ColumnMap } {
  let last = index;
  let merged = { ...columns };
  for (let next = index + 1; next <= index + 3 && next < rows.length; next += 1) {
    const more = headerContinuation(rows[next], rows[next - 1] ?? []);
    if (!more) break;
    // "Cơ quan thực hiện" over "Chủ trì | Phối hợp": the lower row names the columns; "Thời gian"
    // over "Bắt đầu | Hoàn thành": the start column is no longer the deadline.
    for (const column of more.cleared) for (const [other, at] of Object.entries(merged) as [PlanField, number][]) if (at === column) delete merged[other];
    for (const [field, column] of Object.entries(more.columns) as [PlanField, number][]) {
      for (const [other, at] of Object.entries(merged) as [PlanField, number][]) if (at === column && other !== field) delete merged[other];
      merged[field] = column;
    }
    merged = { ...merged };
    last = next;
  }
  return { index: last, columns: merged };
}

/**
 * Finds the header row in the first 30 rows: the first with a lead column, a deadline column and a
 * task or activity column — alone, or with the row under it when the header is two rows high.
 * Rows under it that are still header (a lower row "Chủ trì | Phối hợp" under a merged "Cơ quan
 * thực hiện", merged header cells repeated, a row of column numbers "(1) (2) (3)") are part of
 * it; the lower row's fields win. `index` is the last header row; data starts after it.
 */
export function findHeader(rows: string[][]): Result<{ index: number; columns: ColumnMap }, TableProblem> {
  let best: PlanField[] = [];
  for (let index = 0; index < Math.min(rows.length, 30); index += 1) {
    const columns = headerColumns(rows[index]);
    if (complete(columns)) return ok(extendHeader(rows, index, columns));
    const found = Object.keys(columns) as PlanField[];
    if (found.length >= 2) {
      // "TT | Nhiệm vụ | Cơ quan | | Thời gian | |" over "| | Chủ trì | Phối hợp | Bắt đầu | Hoàn thành".
      const extended = extendHeader(rows, index, columns);
      if (extended.index > index && complete(extended.columns)) return ok(extended);
      const merged = { ...columns, ...headerColumns(rows[index + 1]) };
      if (complete(merged)) return ok(extendHeader(rows, index + 1, merged));
    }
    if (found.length > best.length) best = found;
  }
  const required: PlanField[] = ['lead', 'deadline', 'task'];
  return err({ code: 'no_header', missing: required.filter((f) => !best.includes(f)) });
}

/** One table row as read: its 1-based row number in the file and its cleaned cells by field. */
export interface RawPlanRow {
  row: number;
  cells: Record<PlanField, string>;
}

const NUMBERED = /^\d+(\.\d+)+\.?(\s|$)/;

function pick(row: string[], columns: ColumnMap, rowNumber: number): RawPlanRow {
  const cells = {} as Record<PlanField, string>;
  for (const field of PLAN_FIELDS) {
    const column = columns[field];
    cells[field] = column === undefined ? '' : cleanCell(row[column]);
  }
  return { row: rowNumber, cells };
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
  if (PLAN_FIELDS.every((f) => cells[f] === '')) return false;
  if (headingOf(row, true)) return false;
  return ![cells.objective, cells.task, cells.activity].some((text) => NUMBERED.test(text) || SUB_LABEL.test(text));
}

/** Joins wrapped rows into the row they continue, cell by cell; the first row keeps its number. */
export function joinWrappedRows(rows: RawPlanRow[]): RawPlanRow[] {
  const out: RawPlanRow[] = [];
  for (const row of rows) {
    const previous = out[out.length - 1];
    if (previous && isContinuation(row) && !isAreaRow(previous)) {
      for (const field of PLAN_FIELDS) {
        const more = row.cells[field];
        if (more !== '') previous.cells[field] = previous.cells[field] === '' ? more : `${previous.cells[field]} ${more}`;
      }
    } else {
      out.push({ row: row.row, cells: { ...row.cells } });
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
  if (cells.lead !== '' || cells.coord !== '' || cells.deadline !== '' || cells.product !== '' || cells.budget !== '') return undefined;
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
  const unassigned = cells.lead === '' && cells.coord === '' && cells.deadline === '';
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
  header: { index: number; columns: ColumnMap },
  options: { wrapped?: boolean } = {},
): Result<PlanRow[], TableProblem> {
  const wrapped = options.wrapped ?? true;
  const picked = rows
    .slice(header.index + 1)
    .map((row, offset) => pick(row, header.columns, header.index + offset + 2))
    .filter((row) => !PLAN_FIELDS.every((f) => row.cells[f] === '' || /^-+$/.test(row.cells[f])));
  const joined = wrapped ? joinWrappedRows(picked) : picked;
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
  for (const original of joined) {
    const heading = headingOf(original, wrapped);
    const raw: RawPlanRow = heading ? { row: original.row, cells: { ...original.cells, code: heading.code, task: heading.title, objective: '', activity: '' } } : original;
    const { cells } = raw;
    if (!wrapped && !heading && cells.code !== '' && cells.code === previousCode) cells.code = '';
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
      if (!ROMAN.test(cells.code) && LETTER.test(cells.code) && majorCode !== '') {
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
      }
      group = parent = undefined;
      continue;
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
      const from = (field: 'lead' | 'coord' | 'deadline' | 'budget' | 'objective') => (cells[field] !== '' ? cells[field] : (parent?.[field] ?? ''));
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
        deadline: from('deadline'),
        budget: from('budget'),
      };
      const other = seen.get(own);
      if (other !== undefined) return err({ code: 'duplicate_code', row: raw.row, other, taskCode: own });
      seen.set(own, raw.row);
      tasks.push(task);
      continue;
    }
    const inherit = (field: 'objective' | 'task' | 'lead' | 'coord' | 'deadline' | 'budget') =>
      cells[field] !== '' ? cells[field] : cells.code === '' && group ? group[field] : '';
    const localCode =
      leadingNumber(cells.activity) ?? leadingNumber(cells.task) ?? (taskCodeKey(cells.code) || `R${raw.row}`);
    const code = taskCodeKey(areaCode ? `${areaCode}.${localCode}` : localCode);
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
      deadline: inherit('deadline'),
      budget: inherit('budget'),
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
