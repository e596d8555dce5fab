import { describe, expect, it } from 'vitest';
import { heldBackByDoubts, withoutDoubtfulLabels } from '../../../src/domain/ocr-doubts.js';
import { findHeader, readPlanRows } from '../../../src/domain/plan-table.js';
import { labelDoubts } from '../../../src/documents/ocr/label-sequence.js';

const HEADER = ['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Sản phẩm'];
const heading = (text: string) => [text, '', '', '', '', ''];
const task = (tt: string, what: string, lead = 'Sở Nội vụ', deadline = 'Năm 2026') => [tt, what, lead, '', deadline, ''];

describe('OCR numbering labels are checked against the plan’s own order', () => {
  it.each([
    // OCR's confident misreads seen on the fixtures: "III." read as "II.", "I." as "IL.", "a)" as "8)".
    ['a second area “II.” after II', [heading('I. A'), task('1.', 'x'), heading('II. B'), task('1.', 'y'), heading('II. C'), task('1.', 'z')], [{ row: 5, label: 'II.' }]],
    ['“IL.” is no numeral', [heading('IL. A'), task('1.', 'x')], [{ row: 1, label: 'IL.' }]],
    ['“8)” is no sub-task label; the “b)” after it is taken as it stands', [heading('I. A'), task('1.', 'x', ''), task('8)', 'a'), task('b)', 'b')], [{ row: 3, label: '8)' }]],
    ['task 3 read as 2', [heading('I. A'), task('1.', 'x'), task('2.', 'y'), task('2.', 'z')], [{ row: 4, label: '2.' }]],
    ['a plan in order has no doubt (dashes and column numbers are no labels)', [['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'], heading('I. A'), task('1.', 'x', ''), task('a)', 'a'), task('b)', 'b'), task('', '- c'), task('2.', 'y'), heading('II. B'), task('1.', 'z')], []],
  ])('%s', (_label, body, expected) => {
    expect(labelDoubts([HEADER, ...(body as string[][])]).map(({ row, label }) => ({ row, label }))).toEqual(expected);
  });
});

describe('tasks held back by a doubtful row', () => {
  const rows = [HEADER, heading('I. CẢI CÁCH THỂ CHẾ'), task('1.', 'Việc 1'), task('2.', 'Việc 2', '', ''), task('a)', 'Việc 2a'), task('b)', 'Việc 2b'), heading('II. THỦ TỤC'), task('1.', 'Việc II.1')];
  const held = (doubts: { row: number; words: string[] }[]) => {
    const table = withoutDoubtfulLabels(rows, 0, doubts);
    const header = findHeader(table);
    if (!header.ok) throw new Error('no header');
    const tasks = readPlanRows(table, header.value, { wrapped: true });
    if (!tasks.ok) throw new Error(tasks.error.code);
    return [...heldBackByDoubts(tasks.value, doubts.map((d) => d.row))].sort();
  };
  it('a task row: that task alone', () => expect(held([{ row: 3, words: ['Việc'] }])).toEqual(['I.1']));
  it('a parent row (2. with nobody assigned) doubtful in its text: the sub-tasks whose code comes from it', () => expect(held([{ row: 4, words: ['Việc'] }])).toEqual(['I.2.a', 'I.2.b']));
  // Its label in doubt: the label is taken out ("?4"), the row and everything under it held back.
  it('a parent row whose label is in doubt: it and its sub-tasks', () => expect(held([{ row: 4, words: ['2.'] }])).toEqual(['I.?4', 'I.?4.a', 'I.?4.b']));
  // The heading's label is taken out, so its area gets a neutral code (N1) rather than a guessed one.
  it('a heading: every task of its area', () => expect(held([{ row: 2, words: ['I.'] }])).toEqual(['N1.1', 'N1.2.a', 'N1.2.b']));
  it('a misread task label becomes a code of its own (“?row”), held back, never a duplicate', () => expect(held([{ row: 8, words: ['1.'] }])).toEqual(['II.?8']));
});
