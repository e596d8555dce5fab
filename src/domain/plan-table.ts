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
  ['task', /^(nhiem vu|ten de an|ten nhiem vu|noi dung|cong viec|ten cong viec|danh muc nhiem vu)/],
  ['product', /^(ket qua|san pham|hinh thuc)/],
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

function headerField(cell: string): PlanField | undefined {
  const key = textKey(cell)
    .replace(/^\d+\s*[-.)]\s*/, '')
    .replace(/[(),;:.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

/**
 * Finds the header row in the first 30 rows: the first with a lead column, a deadline column and a
 * task or activity column — alone, or with the row under it when the header is two rows high
 * (the lower row's fields win: "Chủ trì" under a merged "Cơ quan thực hiện"). `index` is the last
 * header row; data starts after it.
 */
export function findHeader(rows: string[][]): Result<{ index: number; columns: ColumnMap }, TableProblem> {
  let best: PlanField[] = [];
  for (let index = 0; index < Math.min(rows.length, 30); index += 1) {
    const columns = headerColumns(rows[index]);
    if (complete(columns)) {
      const below = headerColumns(rows[index + 1]);
      // "Cơ quan thực hiện" over "Chủ trì | Phối hợp": the row under is part of the header.
      if (below.lead !== undefined && below.coord !== undefined && below.task === undefined && below.deadline === undefined) {
        return ok({ index: index + 1, columns: { ...columns, ...below } });
      }
      return ok({ index, columns });
    }
    const found = Object.keys(columns) as PlanField[];
    if (found.length >= 2) {
      const merged = { ...columns, ...headerColumns(rows[index + 1]) };
      if (complete(merged)) return ok({ index: index + 1, columns: merged });
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

/**
 * True when a row is the rest of the row above, wrapped onto a new row by a page break: no TT, and
 * no numbered objective, task or activity starting in it.
 */
export function isContinuation(row: RawPlanRow): boolean {
  const { cells } = row;
  if (cells.code !== '') return false;
  if (PLAN_FIELDS.every((f) => cells[f] === '')) return false;
  return ![cells.objective, cells.task, cells.activity].some((text) => NUMBERED.test(text));
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
 * Turns the table's rows (header already found) into tasks: area rows set the area of the rows
 * below; wrapped rows are joined; a row without TT continues the group above it, so its blank
 * objective, task, lead, coordinators, deadline and budget are those of the row above (a merged
 * cell in the original table).
 */
export function readPlanRows(rows: string[][], header: { index: number; columns: ColumnMap }): Result<PlanRow[], TableProblem> {
  const picked = rows
    .slice(header.index + 1)
    .map((row, offset) => pick(row, header.columns, header.index + offset + 2))
    .filter((row) => !PLAN_FIELDS.every((f) => row.cells[f] === '' || /^-+$/.test(row.cells[f])));
  const joined = joinWrappedRows(picked);
  const tasks: PlanRow[] = [];
  const seen = new Map<string, number>();
  let areaCode = '';
  let areaTitle = '';
  let majorCode = '';
  let majorTitle = '';
  let group: PlanRow | undefined;
  for (const raw of joined) {
    const { cells } = raw;
    if (isAreaRow(raw)) {
      const code = taskCodeKey(cells.code);
      const title = titleOf(raw);
      if (!ROMAN.test(cells.code) && LETTER.test(cells.code) && majorCode !== '') {
        areaCode = `${majorCode}.${code}`;
        areaTitle = `${majorTitle} — ${title}`;
      } else {
        majorCode = areaCode = code;
        majorTitle = areaTitle = title;
      }
      group = undefined;
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
  }
  if (tasks.length === 0) return err({ code: 'no_tasks' });
  return ok(tasks);
}
