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
