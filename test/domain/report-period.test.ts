import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inWindow, parseReportPeriod, periodOfYear, type ReportPeriodDef } from '../../src/domain/report-period.js';
import { loadReportPeriods } from '../../src/reports/draft.js';

const defs = loadReportPeriods(join(process.cwd(), 'data'));
const of = (code: string, year: number) => periodOfYear(defs.find((d) => d.code === code)!, year);

describe('report periods (data/report-periods.json)', () => {
  it('has the five periods with the windows of Nghị định 09/2019 and 581/BNV-CCHC', () => {
    expect(defs.map((d) => d.code)).toEqual(['Q1', '6T', 'Q3', '9T', 'NAM']);
    // Q1 2026: 15/12/2025–14/3/2026, agencies due 15/3, province due 20/3 (the 20th of the last month).
    expect(of('Q1', 2026)).toMatchObject({ window: { from: '2025-12-15', to: '2026-03-14' }, agencyDue: '2026-03-15', provinceDue: '2026-03-20' });
    expect(of('6T', 2026).window).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    // Q3 is the only one that starts in its own year: 15/6–14/9.
    expect(of('Q3', 2026).window).toEqual({ from: '2026-06-15', to: '2026-09-14' });
    expect(of('9T', 2026).window).toEqual({ from: '2025-12-15', to: '2026-09-14' });
    // The year: data to 14/12, agencies' reports due 15/12 (seed 003), the province's by 20/12.
    expect(of('NAM', 2026)).toMatchObject({ window: { from: '2025-12-15', to: '2026-12-14' }, agencyDue: '2026-12-15', provinceDue: '2026-12-20' });
  });

  it('counts an event on the 14th in the period and one on the 15th in the next', () => {
    const q1 = of('Q1', 2026);
    const q3 = of('Q3', 2026);
    expect(inWindow(q1, '2026-03-14')).toBe(true);
    expect(inWindow(q1, '2026-03-15')).toBe(false);
    // 14/12 of the year before belongs to last year's report, 15/12 to this year's Q1.
    expect(inWindow(q1, '2025-12-14')).toBe(false);
    expect(inWindow(q1, '2025-12-15')).toBe(true);
    expect(inWindow(q3, '2026-06-14')).toBe(false);
    expect(inWindow(q3, '2026-06-15')).toBe(true);
    expect(inWindow(q3, '2026-09-14')).toBe(true);
    expect(inWindow(q3, '2026-09-15')).toBe(false);
  });

  it('reads what people type: "2026-Q3", "Q3 2026", "NĂM", "nam" with a default year; refuses the rest', () => {
    expect(parseReportPeriod('2026-Q3', defs, null)).toMatchObject({ code: 'Q3', year: 2026 });
    expect(parseReportPeriod('q3 2025', defs, null)).toMatchObject({ code: 'Q3', year: 2025 });
    expect(parseReportPeriod('NĂM', defs, 2026)).toMatchObject({ code: 'NAM', year: 2026 });
    expect(parseReportPeriod('9t', defs, 2026)).toMatchObject({ code: '9T', year: 2026 });
    expect(parseReportPeriod('Q3', defs, null)).toBeNull();
    expect(parseReportPeriod('Q2 2026', defs, null)).toBeNull();
    expect(parseReportPeriod('Q3 Q1 2026', defs, null)).toBeNull();
  });

  it('refuses a period file with an impossible day', () => {
    const bad: ReportPeriodDef = { ...defs[0]!, to: '02-30' };
    expect(() => periodOfYear(bad, 2026)).toThrow(/02-30/);
    expect(readFileSync(join(process.cwd(), 'data', 'report-periods.json'), 'utf8')).toContain('09/2019');
  });
});
