import { spreadsTick } from '../../domain/plan-table.js';
import type { DocxRow } from './body-reader.js';

/**
 * Lays a Word table's rows on its grid: a cell spanning columns (gridSpan) gives its text in its
 * first column and '' in the others (as a merged spreadsheet cell does, so a heading row spanning
 * the table stays one cell) — but a tick mark spanning quarter columns ("x" over Quý II–IV) is
 * repeated in each, as it ticks each (spreadsTick); a cell covered by a vertical merge (vMerge) gets the merged cell's
 * text, since the merged agency or deadline belongs to every row it covers. Rows are padded to
 * the table's width.
 */
export function tableGrid(rows: DocxRow[]): string[][] {
  const grid: string[][] = [];
  for (const row of rows) {
    const out: string[] = Array.from({ length: row.gridBefore }, () => '');
    const above = grid[grid.length - 1];
    for (const cell of row.cells) {
      const column = out.length;
      const text = cell.vMerge === 'continue' ? (above?.[column] ?? '') : cell.text;
      const spread = cell.span > 1 && spreadsTick(text, out);
      out.push(text);
      for (let i = 1; i < cell.span; i += 1) out.push(spread ? text : '');
    }
    grid.push(out);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (const r of grid) while (r.length < width) r.push('');
  return grid;
}
