import { civilDate, type CivilDate } from './civil-date.js';

/** One periodic CCHC report period as a province configures it (data/report-periods.json). */
export interface ReportPeriodDef {
  code: string;
  /** "quý III", "6 tháng đầu năm", "năm": what follows "Báo cáo kết quả CCHC". */
  label: string;
  /** First and last day of the data window, MM-DD; `fromPreviousYear` puts the first day in the year before. */
  from: string;
  fromPreviousYear: boolean;
  to: string;
  /** Agencies' reports due to Sở Nội vụ, and the province's due to Bộ Nội vụ (MM-DD of the period's year). */
  agencyDue: string;
  provinceDue: string;
  /** The periodic report (reports.json code) the agencies submit for this period. */
  reportCode: string;
}

/** A period of one year, with its dates. */
export interface ReportPeriod {
  code: string;
  year: number;
  label: string;
  window: { from: CivilDate; to: CivilDate };
  agencyDue: CivilDate;
  provinceDue: CivilDate;
  reportCode: string;
}

const day = (year: number, md: string): CivilDate => {
  const date = civilDate(year, Number(md.slice(0, 2)), Number(md.slice(3)));
  if (!date || !/^\d{2}-\d{2}$/.test(md)) throw new Error(`ngày "${md}" không hợp lệ (cần MM-DD)`);
  return date;
};

/** The dates of a period in `year` ("Q1 2026": 15/12/2025–14/3/2026). */
export function periodOfYear(def: ReportPeriodDef, year: number): ReportPeriod {
  return {
    code: def.code,
    year,
    label: def.label,
    window: { from: day(def.fromPreviousYear ? year - 1 : year, def.from), to: day(year, def.to) },
    agencyDue: day(year, def.agencyDue),
    provinceDue: day(year, def.provinceDue),
    reportCode: def.reportCode,
  };
}

/** True when a civil day lies inside the window (both ends included: 14/9 is in Q3, 15/9 is not). */
export function inWindow(period: ReportPeriod, date: CivilDate): boolean {
  return date >= period.window.from && date <= period.window.to;
}

/** Reads "2026-Q3", "Q3 2026", "NĂM 2026", "nam" (with `defaultYear`); null when it names no configured period. */
export function parseReportPeriod(text: string, defs: readonly ReportPeriodDef[], defaultYear: number | null): ReportPeriod | null {
  const words = text.normalize('NFC').trim().toUpperCase().replace('NĂM', 'NAM').split(/[\s-]+/).filter(Boolean);
  let year = defaultYear;
  let code: string | null = null;
  for (const word of words) {
    if (/^\d{4}$/.test(word)) year = Number(word);
    else if (code === null) code = word;
    else return null;
  }
  const def = defs.find((d) => d.code.toUpperCase() === code);
  if (!def || year === null || year < 2000 || year > 2100) return null;
  return periodOfYear(def, year);
}
