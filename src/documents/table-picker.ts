import { joinCutText } from '../domain/broken-words.js';
import { findHeader, type ColumnMap } from '../domain/plan-table.js';

/** Which tables of a document were read as the task table, counted 1-based in document order. */
export interface PickedTables {
  rows: string[][];
  /** The tables read (the task table, its continuations and repeats of its header). */
  read: number[];
  /** How many tables the document has (letterhead, signature and indicator tables included). */
  total: number;
  /** Where each row of `rows` comes from: its table (0-based, as given) and row in that table's grid. */
  origins: { table: number; row: number }[];
}

const sameColumns = (a: ColumnMap, b: ColumnMap) => JSON.stringify(a) === JSON.stringify(b);
const blank = (row: string[] | undefined) => !row || row.every((c) => c.trim() === '');
/** A TT column's title ("TT", "STT", "Số TT", "Số thứ tự"): a row starting with it is a table's header, not a task. */
const NUMBER_TITLE = /^(s\.?\s?tt|tt|số\s+tt|số\s+thứ\s+tự)\.?$/iu;

/**
 * Picks the task table among a document's tables: the first whose header names a task, a lead
 * and a deadline column (a letterhead, a signature block or an indicator table has none), then
 * every later table that continues it — one with the same header (repeated after a page or
 * section break; its header rows dropped) or one without a header and as many columns that
 * follows it with only paragraphs between, and whose first row is no header of its own (an indicator
 * table, "Biểu 02 | TT | Chỉ tiêu | Đơn vị tính | …", has a header the task header reader does not
 * know: its "TT" says it is a table of its own). Undefined when no table has a task header.
 */
export function pickTaskTables(
  tables: { grid: string[][]; mergedAbove?: boolean[][]; afterParagraphsOnly: boolean }[],
  /** The tables are a PDF's or a scan's pages, whose rows a page break may cut (a Word table's rows are whole); default false. */
  options: { pageCuts?: boolean } = {},
): PickedTables | undefined {
  let picked: PickedTables | undefined;
  let columns: ColumnMap | undefined;
  let width = 0;
  let codeColumn = 0;
  let lastRead = -1;
  /** Where the last piece read ended: whether its last row's cells were merged with the row above. */
  let lastMerged: boolean[] = [];
  tables.forEach(({ grid: original, mergedAbove = [], afterParagraphsOnly }, index) => {
    const grid = original.map((r) => [...r]);
    const header = findHeader(grid);
    if (!picked) {
      if (!header.ok) return;
      picked = { rows: grid.map((r) => [...r]), read: [index + 1], total: tables.length, origins: grid.map((_, row) => ({ table: index, row })) };
      columns = header.value.columns;
      codeColumn = columns.code ?? 0;
      width = grid[0]?.length ?? 0;
      lastRead = index;
      lastMerged = mergedAbove[grid.length - 1] ?? [];
      return;
    }
    if (header.ok && sameColumns(header.value.columns, columns!)) {
      carryMergedCells(grid, mergedAbove, header.value.index + 1, picked.rows[picked.rows.length - 1], lastMerged, codeColumn);
      const from = header.value.index + 1 + (options.pageCuts && joinListRest(grid[header.value.index + 1], picked.rows[picked.rows.length - 1], columns!) ? 1 : 0);
      picked.rows.push(...grid.slice(from));
      picked.origins.push(...grid.slice(from).map((_, i) => ({ table: index, row: from + i })));
    } else if (!header.ok && lastRead === index - 1 && afterParagraphsOnly && (grid[0]?.length ?? 0) === width && !blank(grid[0]) && !NUMBER_TITLE.test(grid[0]![codeColumn]?.trim() ?? '')) {
      carryMergedCells(grid, mergedAbove, 0, picked.rows[picked.rows.length - 1], lastMerged, codeColumn);
      const from = options.pageCuts && joinListRest(grid[0], picked.rows[picked.rows.length - 1], columns!) ? 1 : 0;
      picked.rows.push(...grid.slice(from));
      picked.origins.push(...grid.slice(from).map((_, i) => ({ table: index, row: from + i })));
    } else return;
    picked.read.push(index + 1);
    lastRead = index;
    lastMerged = mergedAbove[grid.length - 1] ?? [];
  });
  if (picked) picked.total = tables.length;
  return picked;
}

/**
 * A cell merged down over several rows and cut by a page break keeps its text on the page it starts
 * on: the part on the next page is printed empty ("Sở Tư pháp" leading tasks 1–6, the break after
 * task 2). The empty part's rows that start a task (a TT of their own) take the text of the cell it
 * continues — the last row read in that column — when the ruling shows it is that cell: the empty
 * cell at the top of the continuation spans several rows, and either the break cut a row (the first
 * row has no TT: the rest of the row above, in the same cell) or the cell above the break was merged
 * down too. An empty cell alone at the top of a page, or one that begins a page under a cell that
 * did not span, may be empty in the plan: it stays empty (reported). A TT is carried only to the rows
 * after a cut row's rest (a TT merged over a cut row is the same task's). `from`: the first row after the repeated header.
 */
function carryMergedCells(grid: string[][], mergedAbove: boolean[][], from: number, last: string[] | undefined, lastMerged: boolean[], codeColumn: number): void {
  const first = grid[from];
  if (!last || !first) return;
  const restOfRow = (first[codeColumn] ?? '').trim() === '';
  // A TT merged down over several rows ("b)" over its parts b.1–b.3) and cut with the row the break cut:
  // the cut row's rest stays without TT (joined to its task), the rows after it in the merged cell are
  // rows of their own under that TT, as the cell gives its text to every row it covers on one page.
  const code = (last[codeColumn] ?? '').trim();
  if (restOfRow && code !== '') for (let r = from + 1; mergedAbove[r]?.[codeColumn]; r += 1) grid[r]![codeColumn] = last[codeColumn]!;
  first.forEach((cell, c) => {
    if (c === codeColumn || cell.trim() !== '' || (last[c] ?? '').trim() === '' || !mergedAbove[from + 1]?.[c]) return;
    if (!restOfRow && !lastMerged[c]) return;
    for (let r = from; r === from || mergedAbove[r]?.[c]; r += 1) {
      if ((grid[r]![codeColumn] ?? '').trim() !== '') grid[r]![c] = last[c]!;
    }
  });
}

/** A list item's label at the start of a line: a dash (or plus, bullet) or a letter ("a)", "b."). */
const LIST_LABEL = /^(?:([-+•*–])|[a-zđ][).])\s/u;
const labelKind = (line: string) => {
  const m = LIST_LABEL.exec(line.trim());
  return m ? (m[1] ? 'dash' : 'letter') : undefined;
};

/**
 * The rest of a task cell written as a list ("Triển khai …:" / "- …;" / "- …;"), cut by a page break
 * between two of its items: the next page's first row has no TT, no lead and no deadline, and its
 * task text starts with an item of the kind the cell above lists (or that cell, in a row with a lead,
 * ends introducing a list: "Triển khai …:"). It is that cell's rest, joined back
 * into the row above here (cell by cell, the task's items a line each) — read alone it would be a
 * sub-task of its own ("3.1"). A sub-task row starting the page under a task cell that lists no items
 * of its kind stays a row. True when `first` was joined into `last`.
 */
function joinListRest(first: string[] | undefined, last: string[] | undefined, columns: ColumnMap): boolean {
  const task = columns.task ?? columns.activity;
  if (!first || !last || task === undefined) return false;
  const empty = (field: 'code' | 'lead' | 'deadline') => columns[field] === undefined || (first[columns[field]!] ?? '').trim() === '';
  if (!empty('code') || !empty('lead') || !empty('deadline')) return false;
  const kind = labelKind(first[task] ?? '');
  const lines = (last[task] ?? '').split('\n');
  // The cell above lists items of that kind, or ends introducing them ("Triển khai …:") in an assigned row
  // (a parent with nobody assigned heads sub-task rows of its own).
  const introduces = /:\s*$/.test(lines[lines.length - 1] ?? '') && columns.lead !== undefined && (last[columns.lead] ?? '').trim() !== '';
  if (!kind || !(introduces || lines.some((line) => labelKind(line) === kind))) return false;
  first.forEach((cell, c) => {
    last[c] = c === task ? [last[c] ?? '', cell].filter((t) => t !== '').join('\n') : joinCutText(last[c] ?? '', cell);
  });
  return true;
}
