/**
 * OCR misreads a plan's numbering with high confidence ("I." as "IL", "III." as "II.", "a)" as
 * "8)"), and a task code read wrong is a task stored under the wrong area. A plan numbers its rows
 * in order — areas I, II, III…; tasks 1, 2, 3… restarting under each area; sub-tasks a), b), c)…
 * restarting under each task — so a label that is not one of these forms, or breaks its sequence,
 * makes its row doubtful (reported, not stored), whatever tesseract's confidence.
 */
import { findHeader } from '../../domain/plan-table.js';

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})\.?$/;
const ROMAN_VALUE: Record<string, number> = { I: 1, V: 5, X: 10 };
const LETTERS = 'abcdđeghiklmnopqrstuvxy';

function romanValue(label: string): number | undefined {
  const plain = label.replace(/\.$/, '');
  if (plain === '' || !ROMAN.test(plain)) return undefined;
  let total = 0;
  for (let i = 0; i < plain.length; i += 1) {
    const v = ROMAN_VALUE[plain[i]!]!;
    const next = ROMAN_VALUE[plain[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** The rows (grid indices) whose number label is malformed or out of order, with the label as read. */
export function labelDoubts(grid: string[][]): { row: number; column: number; label: string }[] {
  const header = findHeader(grid);
  const start = header.ok ? header.value.index + 1 : 0;
  const column = header.ok ? (header.value.columns.code ?? 0) : 0;
  const doubts: { row: number; column: number; label: string }[] = [];
  let roman: number | undefined;
  let number: number | undefined;
  let letter: number | undefined;
  /** Malformed labels since the last good one: the next label may be that many steps further on. */
  let slack = 0;
  const inOrder = (value: number, expected: number) => value >= expected && value <= expected + slack;
  for (let r = start; r < grid.length; r += 1) {
    const row = grid[r]!;
    const cell = (row[column] ?? '').trim();
    if (cell === '' || /^\(\d+\)$/.test(cell)) continue;
    const rest = row.filter((c, i) => i !== column && c.trim() !== '');
    // A heading across the table carries its label in its text ("I. CẢI CÁCH THỂ CHẾ").
    const spanning = rest.length === 0 && /\s/.test(cell);
    const label = spanning ? cell.split(/\s+/)[0]! : cell;
    if (spanning && !/^[\dIVXLCil|]+[.)]?$/.test(label)) continue;
    let good = true;
    const romanNumber = romanValue(label);
    if (romanNumber !== undefined) {
      good = roman === undefined || inOrder(romanNumber, roman + 1);
      roman = romanNumber;
      number = letter = undefined;
    } else if (/^\d+\.?$/.test(label)) {
      const n = Number(label.replace('.', ''));
      good = number !== undefined ? inOrder(n, number + 1) : roman === undefined || inOrder(n, 1);
      number = n;
      letter = undefined;
    } else if (/^[a-zđ][).]$/u.test(label)) {
      const l = LETTERS.indexOf(label[0]!);
      good = inOrder(l, letter !== undefined ? letter + 1 : 0);
      letter = l;
    } else good = /^[-+•]$/.test(label);
    if (good) slack = 0;
    else {
      doubts.push({ row: r, column, label });
      slack += 1;
    }
  }
  return doubts;
}
