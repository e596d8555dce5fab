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

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };
const EDGE_BEFORE = '(?<![\\p{L}\\d])';
const EDGE_AFTER = '(?![\\p{L}\\d])';
const PERIOD_WORDS: [RegExp, (...groups: string[]) => string][] = [
  // "quý 3", "quý III", "quy 3", "Quý III/2026"
  [new RegExp(`${EDGE_BEFORE}(?:quý|quy)\\s*(iv|i{1,3}|[1-4])${EDGE_AFTER}`, 'giu'), (n) => `Q${ROMAN[n!.toLowerCase()] ?? n}`],
  // "6 tháng", "sáu tháng đầu năm", "6T"; "9 tháng"
  [new RegExp(`${EDGE_BEFORE}(6|sáu|sau|9|chín|chin)\\s*(?:tháng|thang)(?:\\s+(?:đầu|dau)\\s+(?:năm|nam))?${EDGE_AFTER}`, 'giu'), (n) => (/^(6|sáu|sau)$/i.test(n!) ? '6T' : '9T')],
  // "năm", "cả năm", "hằng năm"
  [new RegExp(`${EDGE_BEFORE}(?:(?:cả|ca|hằng|hàng|hang)\\s+)?(?:năm|nam)${EDGE_AFTER}`, 'giu'), () => 'NAM'],
];

/** Everyday names of a period turned into its code: "quý 3" → Q3, "6 tháng đầu năm" → 6T, "cả năm" → NAM. */
export function periodWords(text: string): string {
  let out = text.normalize('NFC').trim().replace(/\/(?=\d{4})/g, ' ');
  for (const [pattern, code] of PERIOD_WORDS) out = out.replace(pattern, (_m, ...groups: string[]) => code(...groups));
  return out;
}

/**
 * Reads "2026-Q3", "Q3 2026", "NĂM 2026", "nam", "quý 3", "Quý III/2026", "6 tháng đầu năm 2026" (with
 * `defaultYear`); null when it names no configured period or holds a word it cannot place.
 */
export function parseReportPeriod(text: string, defs: readonly ReportPeriodDef[], defaultYear: number | null): ReportPeriod | null {
  const words = periodWords(text).toUpperCase().split(/[\s-]+/).filter(Boolean);
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

/**
 * The period the first words name, and the words after it: "/soanbaocao quý 3 2026 STP" → Q3 2026 and
 * ["STP"]. The longest run of words that reads as a period wins; null when none does.
 */
export function leadingPeriod(words: readonly string[], defs: readonly ReportPeriodDef[], defaultYear: number | null): { period: ReportPeriod; rest: string[] } | null {
  for (let k = words.length; k >= 1; k -= 1) {
    const period = parseReportPeriod(words.slice(0, k).join(' '), defs, defaultYear);
    if (period) return { period, rest: words.slice(k) };
  }
  return null;
}
