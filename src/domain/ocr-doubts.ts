import type { PlanRow } from './plan-table.js';

/**
 * Which tasks of a scanned plan cannot be stored because OCR read a row they depend on without
 * confidence (closed world: a doubtful cell is never stored as a guess):
 * - a task whose own row is doubtful;
 * - a doubtful row that is no task — a heading or a parent row ("I. CẢI CÁCH…", "2. Kiểm tra…"):
 *   the tasks of the area it opens (their codes and area come from it);
 * - the sub-tasks of a held-back task (they take its code and, where theirs is empty, its lead,
 *   coordinators and deadline).
 * Returns the codes held back. `doubtfulRows`: 1-based row numbers as in PlanRow.row.
 */
export function heldBackByDoubts(tasks: PlanRow[], doubtfulRows: Iterable<number>): Set<string> {
  const held = new Set<string>();
  for (const row of doubtfulRows) {
    const own = tasks.filter((t) => t.row === row);
    if (own.length > 0) {
      for (const t of own) held.add(t.code);
      continue;
    }
    const next = tasks.find((t) => t.row > row);
    if (!next) continue;
    const area = next.areaCode;
    for (const t of tasks) if (t.row > row && (t.areaCode === area || (area !== '' && t.areaCode.startsWith(`${area}.`)))) held.add(t.code);
  }
  for (const t of tasks) if ([...held].some((code) => t.code.startsWith(`${code}.`))) held.add(t.code);
  return held;
}

/**
 * A scan's rows with each doubtful number label taken out, so that a misread label ("III." read as
 * "II.") neither collides with another area's codes nor files tasks under the wrong one: a task's
 * label becomes "?<row>" (a code of its own, held back with its row), a heading's label is dropped
 * (an unlabelled heading opens an area of its own, held back by heldBackByDoubts).
 * `rows`: the table as read (header included); `doubts`: 1-based rows and their doubtful words.
 */
export function withoutDoubtfulLabels(rows: string[][], codeColumn: number, doubts: { row: number; words: string[] }[]): string[][] {
  const out = rows.map((r) => [...r]);
  for (const { row, words } of doubts) {
    const cells = out[row - 1];
    const cell = cells?.[codeColumn]?.trim();
    if (!cells || !cell) continue;
    const spanning = cells.every((c, i) => i === codeColumn || c.trim() === '') && /\s/.test(cell);
    const label = spanning ? cell.split(/\s+/)[0]! : cell;
    if (!words.includes(label)) continue;
    cells[codeColumn] = spanning ? cell.slice(label.length).trim() : `?${row}`;
  }
  return out;
}

/** A row's doubt as the import gets it: 1-based row, every word in doubt, and the words by column. */
export interface ScanRowDoubt {
  row: number;
  words: string[];
  cells: { column: number; words: string[] }[];
}

/**
 * The doubts that hold tasks back, and those in the product column alone ("Sản phẩm", "Kết quả,
 * sản phẩm"): the product is not chased, so a task whose only doubt is its product is stored with
 * the product left empty (reported), while a doubt in any other cell — code, task, lead,
 * coordinating, deadline — holds it back as before. `productColumn`: undefined when the table has none.
 */
export function splitProductDoubts(doubts: ScanRowDoubt[], productColumn: number | undefined): { holding: ScanRowDoubt[]; product: ScanRowDoubt[] } {
  const productOnly = (d: ScanRowDoubt) => productColumn !== undefined && d.cells.length > 0 && d.cells.every((c) => c.column === productColumn);
  return { holding: doubts.filter((d) => !productOnly(d)), product: doubts.filter(productOnly) };
}

/**
 * The task a table row belongs to: the task on that row, or the one above it when the row was joined
 * to it (the rest of a row cut by a page break). Undefined above the first task.
 */
export function taskOfRow(tasks: PlanRow[], row: number): PlanRow | undefined {
  return tasks.find((t) => t.row === row) ?? tasks.filter((t) => t.row < row).at(-1);
}

/**
 * The cells whose words the preview names for checking: a task's name (the objective, task and
 * activity columns) and a heading written across the table (its label, the first word, left out:
 * labels have their own checks). `rows`: the table as read; `checks`: 1-based rows, columns and words.
 */
export function nameChecks<W extends { text: string }>(
  rows: string[][],
  columns: { code?: number; objective?: number; task?: number; activity?: number },
  checks: { row: number; column: number; words: W[] }[],
): { row: number; column: number; words: W[] }[] {
  const names = new Set([columns.objective, columns.task, columns.activity].filter((c) => c !== undefined));
  const code = columns.code ?? 0;
  return checks.flatMap((check) => {
    if (names.has(check.column)) return [check];
    const cells = rows[check.row - 1] ?? [];
    const heading = check.column === code && cells.every((c, i) => i === code || c.trim() === '') && /\s/.test(cells[code]?.trim() ?? '');
    if (!heading) return [];
    const label = cells[code]!.trim().split(/\s+/)[0];
    const words = check.words.filter((w) => w.text !== label);
    return words.length > 0 ? [{ ...check, words }] : [];
  });
}
