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

/**
 * Picks the task table among a document's tables: the first whose header names a task, a lead
 * and a deadline column (a letterhead, a signature block or an indicator table has none), then
 * every later table that continues it — one with the same header (repeated after a page or
 * section break; its header rows dropped) or one without a header and as many columns that
 * follows it with only paragraphs between. Undefined when no table has a task header.
 */
export function pickTaskTables(tables: { grid: string[][]; afterParagraphsOnly: boolean }[]): PickedTables | undefined {
  let picked: PickedTables | undefined;
  let columns: ColumnMap | undefined;
  let width = 0;
  let lastRead = -1;
  tables.forEach(({ grid, afterParagraphsOnly }, index) => {
    const header = findHeader(grid);
    if (!picked) {
      if (!header.ok) return;
      picked = { rows: grid.map((r) => [...r]), read: [index + 1], total: tables.length, origins: grid.map((_, row) => ({ table: index, row })) };
      columns = header.value.columns;
      width = grid[0]?.length ?? 0;
      lastRead = index;
      return;
    }
    if (header.ok && sameColumns(header.value.columns, columns!)) {
      picked.rows.push(...grid.slice(header.value.index + 1));
      picked.origins.push(...grid.slice(header.value.index + 1).map((_, i) => ({ table: index, row: header.value.index + 1 + i })));
    } else if (!header.ok && lastRead === index - 1 && afterParagraphsOnly && (grid[0]?.length ?? 0) === width && !blank(grid[0])) {
      picked.rows.push(...grid);
      picked.origins.push(...grid.map((_, row) => ({ table: index, row })));
    } else return;
    picked.read.push(index + 1);
    lastRead = index;
  });
  if (picked) picked.total = tables.length;
  return picked;
}
