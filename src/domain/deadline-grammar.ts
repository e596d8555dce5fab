import { civilDate, daysInMonth, endOfMonth, endOfQuarter, formatCivil, type CivilDate } from './civil-date.js';
import { cleanCell } from './plan-table.js';
import { textKey } from './text-key.js';
import type { WorkCalendar } from './work-calendar.js';

/**
 * What a "Thời gian" cell means for the scheduler:
 * - due: one or more dates; - recurring: periodic checks (monthly, quarterly, 6-monthly, yearly) on
 *   listed dates; - ongoing: no date, periodic check-ins; - event: waits for an outside event a
 *   person must date; - unknown: not understood (or too vague to date without a guess).
 */
export type DeadlineKind = 'due' | 'recurring' | 'ongoing' | 'event' | 'unknown';

export interface DeadlineContext {
  /** The plan's year: fills in "Quý IV", "Tháng 3", "Hàng năm" without a year. */
  year: number;
  /** The plan's period (e.g. 2021–2030) for "Hàng năm" and "… và các năm tiếp theo". */
  period?: { from: number; to: number } | undefined;
}

export interface ParsedDeadline {
  kind: DeadlineKind;
  /** Nominal dates, as the text says them, in order. */
  dates: CivilDate[];
  /** A Vietnamese explanation shown next to the original text. */
  note: string;
}

export interface ScheduledDeadline extends ParsedDeadline {
  /** Dates after moving days off to the next working day (Civil Code 2015, Art. 148). */
  dueDates: CivilDate[];
}

// ---------------------------------------------------------------------------------------------
// Text repair and tokens
// ---------------------------------------------------------------------------------------------

/** Folded words the grammar knows; a word broken by a stray space ("Thườn g", "Qu ý") is re-joined into one of these. */
const VOCABULARY = new Set(
  (
    'thuong xuyen hang nam thang quy truoc ngay cham nhat han chot hoan thanh trong giai doan dau cuoi giua dinh ky tu den ' +
    'va sau khi theo can cu tuy thuoc phu cho het lien tuc tuan moi tung mot lan nua tiep tro di cac xong ke vong thoi'
  ).split(' '),
);

/** Repairs extraction damage: HTML debris, words broken by a stray space ("Thườn g xuyên"). */
export function repairDeadlineText(raw: string): string {
  return cleanCell(raw.normalize('NFC'))
    .replace(/\s*([/])\s*/g, '$1')
    .replace(/[.;,]+$/, '')
    .trim();
}

/** The folded comparison key of a cell: no diacritics or case, broken words re-joined, units split from numerals. */
function deadlineKey(text: string): string {
  let key = textKey(text)
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/[“”"'`]/g, ' ')
    .replace(/→|->|>/g, ' den ');
  // A note on the data period of a report ("số liệu tính từ 15/12/2023 đến 14/12/2024") is not a deadline.
  key = key.replace(/\([^)]*\b(?:so lieu|ky bao cao|tinh tu|tinh den|thoi diem chot)\b[^)]*\)/g, ' ');
  // A document reference and its date ("Kế hoạch số 12/KH-UBND ngày 15/01/2024") is not a deadline.
  key = key.replace(/\b(?:so\s+)?\d{1,5}\/(?:\d{4}\/)?(?!(?:nam|thang|quy)\b)[a-z]{2}[a-z0-9]*(?:-[a-z0-9]+)*(?:\s+ngay\s+\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4})?/g, ' van ban ');
  // "QuýII/2024", "Q2/2024", "T6/2024", "quý2": a unit glued to its numeral.
  key = key.replace(/\b(quy|q)(?=(?:i{1,3}|iv|[1-4])\b)/g, 'quy ').replace(/\b(thang|t)(?=\d{1,2}\b)/g, 'thang ');
  key = key.replace(/\b(quy|thang|nam|ngay)(?=\d)/g, '$1 ');
  key = key.replace(/thuongxuyen/g, 'thuong xuyen').replace(/\b(hang|moi)(nam|quy|thang)\b/g, '$1 $2');
  const words = key.split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const next = words[i + 1];
    if (next !== undefined && /^[a-z]+$/.test(word) && /^[a-z]+$/.test(next) && VOCABULARY.has(word + next) && !(VOCABULARY.has(word) && VOCABULARY.has(next))) {
      out.push(word + next);
      i += 1;
    } else {
      out.push(word);
    }
  }
  return out.join(' ');
}

function tokenize(key: string): string[] {
  return key.match(/\d+|[a-z]+|[/\-,;().:&+]/g) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Time atoms
// ---------------------------------------------------------------------------------------------

/** One time expression found in the cell; `year` is filled in later from its neighbours or the plan. */
type Atom =
  | { unit: 'day'; day: number; month: number; year?: number | undefined }
  | { unit: 'dayOnly'; day: number }
  /** `shift`: years before the year the list names ("tháng 11 - 2/2025": November is in 2024). */
  | { unit: 'month'; month: number; year?: number | undefined; shift?: number }
  | { unit: 'quarter'; quarter: number; year?: number | undefined; shift?: number }
  /** "6 tháng đầu năm" (months 1–6), "9 tháng đầu năm" (1–9), "6 tháng cuối năm" (7–12). */
  | { unit: 'part'; startMonth: number; endMonth: number; label: string; year?: number | undefined }
  | { unit: 'year'; year: number; open?: boolean }
  | { unit: 'years'; from: number; to: number };

type YearlessAtom = Extract<Atom, { unit: 'day' | 'month' | 'quarter' | 'part' }>;

interface Found {
  atom: Atom;
  /** Token index where the atom starts and the index after it. */
  start: number;
  end: number;
  /** Linked to the previous atom by a range word ("-", "đến", "sang"): part of one span. */
  rangeFromPrevious?: boolean;
  /** Joined to the previous atom inside one unit list ("Quý II, III"): shares its year. */
  group: number;
  /** Preceded by "từ" ("Từ tháng 5/2024"): where the work starts, not when it ends. */
  opensSpan?: boolean;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** A list's year for one of its members: the named year moved by the member's shift, or the shift kept for later. */
function shifted(year: number | undefined, shift: number): { year?: number; shift?: number } {
  if (year !== undefined) return { year: year + shift };
  return shift !== 0 ? { shift } : {};
}
const LIST_WORDS = new Set([',', 'va', ';', '&', '+', 'hoac']);
const RANGE_WORDS = new Set(['-', 'den', 'toi', 'sang']);
const NUMBER_WORDS: Record<string, number> = { hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };

const isNum = (t: string | undefined): t is string => t !== undefined && /^\d+$/.test(t);
const isYear = (t: string | undefined): t is string => isNum(t) && t.length === 4 && Number(t) >= 1990 && Number(t) <= 2100;

/** A problem that makes the whole cell unreadable (a 13th month, 30 February, a fifth quarter). */
class Unreadable extends Error {}

class AtomScanner {
  readonly found: Found[] = [];
  vague: string | null = null;
  private group = 0;

  constructor(private readonly t: string[]) {}

  get tokens(): string[] {
    return this.t;
  }

  scan(): void {
    let i = 0;
    let lastEnd = -1;
    while (i < this.t.length) {
      const before = this.found.length;
      const next = this.atomAt(i);
      if (next > i && this.found.length > before) {
        const first = this.found[before]!;
        const between = this.t.slice(lastEnd, i).filter((w) => w !== 'het' && w !== 'cho' && w !== 'nam' && w !== 'ngay');
        if (before > 0 && lastEnd >= 0) {
          const joined = between.length <= 1 && between.every((w) => RANGE_WORDS.has(w) || LIST_WORDS.has(w));
          if (joined && between.some((w) => RANGE_WORDS.has(w))) first.rangeFromPrevious = true;
          if (!joined) this.group += 1;
        }
        for (const f of this.found.slice(before)) f.group = this.group;
        lastEnd = next;
        i = next;
        continue;
      }
      i += 1;
    }
  }

  private push(atom: Atom, start: number, end: number, range = false): void {
    const opens = this.t[start - 1] === 'tu' || (this.t[start - 2] === 'tu' && this.t[start - 1] === 'ngay');
    this.found.push({ atom, start, end, group: this.group, ...(range ? { rangeFromPrevious: true } : {}), ...(opens ? { opensSpan: true } : {}) });
  }

  /** Tries every atom form at token i; returns the index after what it consumed (i when nothing). */
  private atomAt(i: number): number {
    const w = this.t[i]!;
    if (w === 'ngay' && isNum(this.t[i + 1]) && this.t[i + 2] === 'thang' && isNum(this.t[i + 3])) return this.longDate(i);
    if (isNum(w) && !isYear(w) && (this.t[i + 1] === '/' || this.t[i + 1] === '-' || this.t[i + 1] === '.') && isNum(this.t[i + 2])) return this.numericDate(i);
    if ((isNum(w) || NUMBER_WORDS[w] !== undefined) && this.t[i + 1] === 'thang' && this.isPart(i)) return this.part(i);
    if (w === 'nua' && (this.t[i + 1] === 'dau' || this.t[i + 1] === 'cuoi') && this.t[i + 2] === 'nam') return this.part(i);
    if (w === 'thang') return this.monthList(i + 1, i);
    if (w === 'quy') return this.quarterList(i + 1, i);
    if (w === 'cuoi' || w === 'het') return this.endOf(i);
    if ((w === 'dau' || w === 'giua') && ['nam', 'quy', 'thang'].includes(this.t[i + 1] ?? '')) {
      this.vague = `${w === 'dau' ? 'đầu' : 'giữa'} ${{ nam: 'năm', quy: 'quý', thang: 'tháng' }[this.t[i + 1]!]}`;
      return i + 2;
    }
    if (w === 'ngay' && isNum(this.t[i + 1]) && !isYear(this.t[i + 1]) && !['/', '-', '.'].includes(this.t[i + 2] ?? '')) {
      const day = Number(this.t[i + 1]);
      if (day < 1 || day > 31) throw new Unreadable(`Ngày ${day} không có trong tháng.`);
      this.push({ unit: 'dayOnly', day }, i, i + 2);
      return i + 2;
    }
    if (w === 'nam' && isYear(this.t[i + 1])) return this.yearAt(i + 1, i);
    if (isYear(w)) return this.yearAt(i, i);
    return i;
  }

  private isPart(i: number): boolean {
    const n = isNum(this.t[i]) ? Number(this.t[i]) : NUMBER_WORDS[this.t[i]!];
    if (n === undefined || n < 1 || n > 11) return false;
    const after = this.t[i + 2];
    return after === 'dau' || after === 'cuoi' || after === 'nam' || (after === '/' && isYear(this.t[i + 3]));
  }

  private part(i: number): number {
    let j: number;
    let months: number;
    let fromEnd: boolean;
    if (this.t[i] === 'nua') {
      months = 6;
      fromEnd = this.t[i + 1] === 'cuoi';
      j = i + 2;
    } else {
      months = isNum(this.t[i]) ? Number(this.t[i]) : NUMBER_WORDS[this.t[i]!]!;
      j = i + 2;
      fromEnd = this.t[j] === 'cuoi';
      if (this.t[j] === 'dau' || this.t[j] === 'cuoi') j += 1;
    }
    if (this.t[j] === 'nam') j += 1;
    const { year, next } = this.yearSuffix(j, true);
    const label = `${months} tháng ${fromEnd ? 'cuối' : 'đầu'} năm`;
    this.push({ unit: 'part', startMonth: fromEnd ? 13 - months : 1, endMonth: fromEnd ? 12 : months, label, year }, i, next);
    return next;
  }

  /** "/2024", "-2024", "năm 2024", ", năm 2024", or (bare) "2024" after "năm"; none → undefined. */
  private yearSuffix(j: number, afterNam = false): { year: number | undefined; next: number } {
    const t = this.t;
    if ((t[j] === '/' || t[j] === '-' || t[j] === '.') && isYear(t[j + 1])) return { year: Number(t[j + 1]), next: j + 2 };
    if (t[j] === '/' && t[j + 1] === 'nam' && isYear(t[j + 2])) return { year: Number(t[j + 2]), next: j + 3 };
    if (t[j] === 'nam' && isYear(t[j + 1])) return { year: Number(t[j + 1]), next: j + 2 };
    if (t[j] === ',' && t[j + 1] === 'nam' && isYear(t[j + 2])) return { year: Number(t[j + 2]), next: j + 3 };
    if (t[j] === ',' && isYear(t[j + 1]) && !RANGE_WORDS.has(t[j + 2] ?? '')) return { year: Number(t[j + 1]), next: j + 2 };
    if (afterNam && isYear(t[j])) return { year: Number(t[j]), next: j + 1 };
    return { year: undefined, next: j };
  }

  /** A list or range of numerals after one unit word: "5, 6", "3-6", "I đến IV", "II và quý III". */
  private numeralList(j: number, unitWords: string[], read: (w: string | undefined) => number | null): { values: { n: number; range: boolean; shift: number }[]; next: number } {
    const values: { n: number; range: boolean; shift: number }[] = [];
    const first = read(this.t[j]);
    if (first === null) return { values, next: j };
    values.push({ n: first, range: false, shift: 0 });
    j += 1;
    for (;;) {
      const sep = this.t[j];
      if (sep === undefined || !(LIST_WORDS.has(sep) || RANGE_WORDS.has(sep))) break;
      let k = j + 1;
      if (this.t[k] === 'het') k += 1;
      if (unitWords.includes(this.t[k] ?? '')) k += 1;
      const value = read(this.t[k]);
      if (value === null || isYear(this.t[k])) break;
      // "Quý II - quý I/2025": a range whose end carries its own year is split at the range word.
      values.push({ n: value, range: RANGE_WORDS.has(sep), shift: 0 });
      j = k + 1;
    }
    // A span that runs backwards crosses a year end: what comes before it is in the year before.
    let shift = 0;
    for (let index = values.length - 1; index >= 0; index -= 1) {
      values[index]!.shift = shift;
      if (index > 0 && values[index]!.range && values[index - 1]!.n > values[index]!.n) shift -= 1;
    }
    return { values, next: j };
  }

  private monthList(j: number, start: number): number {
    const read = (w: string | undefined) => (isNum(w) && !isYear(w) ? Number(w) : null);
    const { values, next } = this.numeralList(j, ['thang', 't'], read);
    if (values.length === 0) {
      if (isNum(this.t[j]) && !isYear(this.t[j])) throw new Unreadable(`Tháng ${this.t[j]} không có.`);
      return start;
    }
    for (const v of values) if (v.n < 1 || v.n > 12) throw new Unreadable(`Tháng ${v.n} không có.`);
    const { year, next: after } = this.yearSuffix(next);
    for (const v of values) this.push({ unit: 'month', month: v.n, ...shifted(year, v.shift) }, start, after, v.range);
    return after;
  }

  private quarterList(j: number, start: number): number {
    const read = (w: string | undefined) => {
      if (w === undefined) return null;
      if (ROMAN[w] !== undefined) return ROMAN[w]!;
      if (isNum(w) && !isYear(w)) return Number(w);
      if (/^[ivx]+$/.test(w)) return 99;
      return null;
    };
    const { values, next } = this.numeralList(j, ['quy', 'q'], read);
    if (values.length === 0) return start;
    for (const v of values) if (v.n < 1 || v.n > 4) throw new Unreadable('Một năm chỉ có bốn quý (I–IV).');
    const { year, next: after } = this.yearSuffix(next);
    for (const v of values) this.push({ unit: 'quarter', quarter: v.n, ...shifted(year, v.shift) }, start, after, v.range);
    return after;
  }

  /** "cuối năm 2024", "hết quý II", "cuối tháng 6/2024": the end of the unit that follows. */
  private endOf(i: number): number {
    const unit = this.t[i + 1];
    if (unit === 'nam') {
      if (isYear(this.t[i + 2])) return this.yearAt(i + 2, i);
      this.push({ unit: 'year', year: Number.NaN }, i, i + 2);
      return i + 2;
    }
    if (unit === 'quy') return this.quarterList(i + 2, i);
    if (unit === 'thang') return this.monthList(i + 2, i);
    return i;
  }

  private yearAt(j: number, start: number): number {
    const from = Number(this.t[j]);
    let k = j + 1;
    const sep = this.t[k];
    if (sep !== undefined && RANGE_WORDS.has(sep)) {
      let m = k + 1;
      if (this.t[m] === 'het') m += 1;
      if (this.t[m] === 'nam') m += 1;
      if (isYear(this.t[m])) {
        const to = Number(this.t[m]);
        if (to < from) throw new Unreadable(`Khoảng năm ${from}-${to} bị ngược.`);
        this.push({ unit: 'years', from, to }, start, m + 1);
        return m + 1;
      }
    }
    const tail = this.t.slice(k, k + 6).join(' ');
    const onward = /^(tro di|va cac nam tiep theo|va nhung nam tiep theo|va cac nam sau|tiep theo)/.exec(tail);
    const fromWord = this.t[start - 1] === 'tu' || (this.t[start - 2] === 'tu' && this.t[start - 1] === 'nam');
    if (onward) k += onward[1]!.split(' ').length;
    this.push({ unit: 'year', year: from, open: Boolean(onward) || fromWord }, start, k);
    return k;
  }

  private longDate(i: number): number {
    const day = Number(this.t[i + 1]);
    const month = Number(this.t[i + 3]);
    let next = i + 4;
    let year: number | undefined;
    if (this.t[next] === 'nam' && isYear(this.t[next + 1])) {
      year = Number(this.t[next + 1]);
      next += 2;
    } else if (this.t[next] === '/' && isYear(this.t[next + 1])) {
      year = Number(this.t[next + 1]);
      next += 2;
    }
    this.pushDay(day, month, year, i, next);
    return next;
  }

  private numericDate(i: number): number {
    const a = Number(this.t[i]);
    const sep = this.t[i + 1]!;
    const b = this.t[i + 2]!;
    // "6/2024", "06-2024": a month and its year.
    if (isYear(b)) {
      if (a < 1 || a > 12) throw new Unreadable(`Tháng ${a} không có.`);
      this.push({ unit: 'month', month: a, year: Number(b) }, i, i + 3);
      return i + 3;
    }
    let next = i + 3;
    let year: number | undefined;
    if (this.t[next] === sep && isYear(this.t[next + 1])) {
      year = Number(this.t[next + 1]);
      next += 2;
    } else if (sep === '.') {
      return i; // "30.6" without a year could be anything
    } else if (sep === '-') {
      // "6-9": a span of days or of months without context; only "d-m-yyyy" is a date.
      return i;
    }
    this.pushDay(a, Number(b), year, i, next);
    return next;
  }

  private pushDay(day: number, month: number, year: number | undefined, start: number, end: number): void {
    if (month < 1 || month > 12) throw new Unreadable(`Tháng ${month} không có.`);
    if (day < 1 || day > 31 || (year !== undefined && civilDate(year, month, day) === null) || (year === undefined && day > daysInMonth(2024, month))) {
      throw new Unreadable(`Ngày ${day}/${month}${year ? `/${year}` : ''} không có trong lịch.`);
    }
    this.push({ unit: 'day', day, month, year }, start, end);
  }
}

// ---------------------------------------------------------------------------------------------
// Whole-cell readings
// ---------------------------------------------------------------------------------------------

/** Words that may stand before the time expression without changing it ("Hoàn thành trước …"). */
const LEAD_WORDS =
  /^(?:(?:thoi gian|thuc hien|trien khai|hoan thanh|ban hanh|trinh|xong|du kien|phan dau|to chuc|bao cao|gui|nop|va|,|-|:)\s*)*/;
const EVENT_START =
  /^(?:ngay sau khi|ngay sau|ngay khi|sau khi|sau(?! thang)|khi|truoc khi|theo|can cu|tuy theo|tuy thuoc|tuy|phu thuoc|cho(?! den)|doi|ke tu|trong vong|trong thoi han|trong thoi gian|dot xuat|neu|khi nao)\b/;
const EVENT_ANYWHERE = /\b(ke tu ngay|ke tu khi|ke tu|sau khi|ngay khi|khi co|khi duoc|theo yeu cau|theo chi dao|theo huong dan|theo ke hoach cua|theo lo trinh|theo tien do|dot xuat)\b/;
const ONGOING = /\b(thuong xuyen|lien tuc|hang ngay|moi ngay|hang tuan|moi tuan|hang thang va thuong xuyen)\b/;
const PERIODIC: [Frequency, RegExp][] = [
  ['month', /\b(?:hang|moi|tung) thang\b|(?<!\b(?:6|sau) )\bthang (?:mot|1) lan\b|\btheo thang\b|\bdinh ky (?:hang )?thang\b/],
  ['quarter', /\b(?:dinh ky|hang|moi|tung) (?:03|3|ba) thang\b|\b(?:03|3|ba) thang (?:mot|1) lan\b|\b(?:hang|moi|tung) quy\b|\bquy (?:mot|1) lan\b|\btheo quy\b(?! dinh)|\bdinh ky (?:hang )?quy\b|\bthang cuoi (?:cua )?(?:moi )?quy\b|\bcuoi moi quy\b/],
  ['half', /\b(?:dinh ky|hang|moi|tung) (?:06|6|sau) thang\b|\b(?:06|6|sau) thang (?:mot|1) lan\b|\bnua nam (?:mot|1) lan\b|\b6 thang\/lan\b/],
  ['year', /\b(?:hang|moi|tung) nam\b|\bnam (?:mot|1) lan\b|\btheo nam\b|\bdinh ky (?:hang )?nam\b|\bcuoi moi nam\b/],
];
type Frequency = 'month' | 'quarter' | 'half' | 'year';
const FREQ_WORDS: Record<Frequency, string> = { month: 'hằng tháng', quarter: 'hằng quý', half: '6 tháng một lần', year: 'hằng năm' };
const QUARTER_NAMES = ['I', 'II', 'III', 'IV'];

const unknown = (note: string): ParsedDeadline => ({ kind: 'unknown', dates: [], note });

function yearEnds(from: number, to: number): CivilDate[] {
  const out: CivilDate[] = [];
  for (let y = from; y <= to; y += 1) out.push(`${y}-12-31`);
  return out;
}

function listDates(dates: CivilDate[]): string {
  if (dates.length <= 6) return dates.map(formatCivil).join('; ');
  return `${dates.slice(0, 3).map(formatCivil).join('; ')}; … ; ${formatCivil(dates[dates.length - 1]!)} (${dates.length} mốc)`;
}

const sortUnique = (dates: CivilDate[]) => [...new Set(dates)].sort();

/** The last day an atom stands for, in a given year. */
function endDate(atom: YearlessAtom, year: number): CivilDate {
  switch (atom.unit) {
    case 'day':
      return civilDate(year, atom.month, atom.day) ?? endOfMonth(year, atom.month);
    case 'month':
      return endOfMonth(year, atom.month);
    case 'quarter':
      return endOfQuarter(year, atom.quarter);
    case 'part':
      return endOfMonth(year, atom.endMonth);
  }
}

function describe(atom: Atom, year: number): string {
  switch (atom.unit) {
    case 'day':
      return `ngày ${formatCivil(endDate(atom, year))}`;
    case 'dayOnly':
      return `ngày ${atom.day}`;
    case 'month':
      return `tháng ${atom.month}/${year} (hạn cuối tháng)`;
    case 'quarter':
      return `quý ${QUARTER_NAMES[atom.quarter - 1]}/${year} (hạn cuối quý)`;
    case 'part':
      return `${atom.label} ${year}`;
    case 'year':
      return `năm ${atom.year}`;
    case 'years':
      return `${atom.from}–${atom.to}`;
  }
}

/** Fills in each atom's missing year: from the next atom of its list that has one, else the previous, else the plan's year. */
function assignYears(found: Found[], planYear: number): Map<Found, number> {
  const years = new Map<Found, number>();
  const explicit = (f: Found): number | undefined => {
    const a = f.atom;
    if (a.unit === 'year') return Number.isNaN(a.year) ? undefined : a.year;
    if (a.unit === 'years' || a.unit === 'dayOnly') return undefined;
    return a.year;
  };
  for (let i = 0; i < found.length; i += 1) {
    const own = explicit(found[i]!);
    if (own !== undefined) {
      years.set(found[i]!, own);
      continue;
    }
    let year: number | undefined;
    for (let j = i + 1; j < found.length && found[j]!.group === found[i]!.group && year === undefined; j += 1) year = explicit(found[j]!);
    if (year === undefined) for (let j = i - 1; j >= 0 && year === undefined; j -= 1) year = years.get(found[j]!);
    const atom = found[i]!.atom;
    const shift = 'shift' in atom ? (atom.shift ?? 0) : 0;
    years.set(found[i]!, (year ?? planYear) + shift);
  }
  return years;
}

/** Every end date of a span between two atoms of one unit ("Quý II - IV", "tháng 11/2024 - 2/2025"). */
function expandSpan(a: YearlessAtom, ay: number, b: YearlessAtom, by: number): CivilDate[] {
  if (a.unit === 'day' || b.unit === 'day' || a.unit !== b.unit) return [endDate(b, by)];
  const step = a.unit === 'quarter' ? 3 : 1;
  const monthOf = (x: YearlessAtom) => (x.unit === 'quarter' ? x.quarter * 3 : x.unit === 'month' ? x.month : x.unit === 'part' ? x.endMonth : 12);
  const out: CivilDate[] = [];
  let y = ay;
  let m = monthOf(a);
  const endY = by;
  const endM = monthOf(b);
  for (let guard = 0; (y < endY || (y === endY && m <= endM)) && guard < 400; guard += 1) {
    out.push(endOfMonth(y, m));
    m += step;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out.length > 0 ? out : [endDate(b, by)];
}

/**
 * Reads a free-text Vietnamese deadline ("Quý II, III/2024", "Thường xuyên", "Trước 25/12/2023",
 * "ngày 15 tháng 12 năm 2024", "Hằng năm (trước 15/12)") in the context of its plan. Compositional:
 * a tokenizer finds dates, months, quarters, parts of the year and years with their lists and spans;
 * periodic, ongoing and event phrases decide the kind. Pure and total: anything not understood, or
 * too vague to date ("đầu năm"), is `unknown` with a reason, never a guess.
 */
export function parseDeadline(raw: string, context: DeadlineContext): ParsedDeadline {
  const text = repairDeadlineText(raw);
  const key = deadlineKey(text);
  if (key === '') return unknown('Ô thời gian để trống: cần Sở Nội vụ đặt hạn.');
  const body = key.replace(LEAD_WORDS, '');

  if (ONGOING.test(key)) {
    return { kind: 'ongoing', dates: [], note: 'Thường xuyên: không có hạn cố định, báo cáo tiến độ định kỳ.' };
  }
  const startsWithPeriod = /^theo (?:dinh ky|thang|quy(?! dinh)|nam)\b/.test(body);
  if (EVENT_START.test(body) && !startsWithPeriod) return eventDeadline();

  const scanner = new AtomScanner(tokenize(key));
  try {
    scanner.scan();
  } catch (error) {
    if (error instanceof Unreadable) return unknown(`${error.message} Cần Sở Nội vụ xem lại ô “${text}”.`);
    throw error;
  }
  const found = scanner.found;
  const frequencies = PERIODIC.filter(([, pattern]) => pattern.test(key)).map(([f]) => f);
  // "Trước 31/12/2024 và các năm tiếp theo": that day every year from then on.
  const onward = /\b(?:va|,)\s*(?:cac|nhung) nam (?:tiep theo|sau)\b|\btro di\b/.test(key);
  const anchored = found.filter((f) => f.atom.unit === 'day' || f.atom.unit === 'month' || f.atom.unit === 'quarter' || f.atom.unit === 'part');
  if (frequencies.length === 0 && onward && anchored.length > 0 && !found.some((f) => f.atom.unit === 'year' || f.atom.unit === 'years')) {
    const from = Math.min(...anchored.map((f) => (f.atom as { year?: number }).year ?? context.year));
    found.push({ atom: { unit: 'year', year: from, open: true }, start: 0, end: 0, group: -1 });
    return periodic(['year'], found, context, text);
  }
  if (frequencies.length > 0) return periodic(frequencies, found, context, text);
  if (/\bdinh ky\b/.test(key)) return unknown(`“${text}”: định kỳ nhưng không nói bao lâu một lần (hằng tháng, hằng quý, 6 tháng, hằng năm): cần Sở Nội vụ đặt hạn.`);

  // Dates that come after an event phrase belong to the event ("sau khi … công bố chỉ số năm 2024").
  const eventAt = EVENT_ANYWHERE.exec(key);
  if (eventAt) {
    const before = tokenize(key.slice(0, eventAt.index)).length;
    const dated = found.filter((f) => f.end <= before);
    if (dated.length === 0) return eventDeadline();
    found.splice(0, found.length, ...dated);
  }
  if (scanner.vague) return unknown(`“${text}”: “${scanner.vague}” không chỉ một ngày cụ thể; dondoc không đoán. Cần Sở Nội vụ đặt hạn.`);
  // "Cả năm", "Trong năm": the plan's own year, due at its end.
  if (found.length === 0 && /^(?:ca|trong|suot) nam$/.test(body)) {
    return { kind: 'due', dates: [`${context.year}-12-31`], note: `Trong năm ${context.year} (năm của kế hoạch): hạn ${formatCivil(`${context.year}-12-31`)}.` };
  }
  if (found.length === 0 || found.every((f) => f.atom.unit === 'dayOnly')) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  return dueOrYearly(found, scanner.tokens, context, text);
}

function eventDeadline(): ParsedDeadline {
  return { kind: 'event', dates: [], note: 'Chờ sự kiện bên ngoài: Sở Nội vụ cần đặt ngày cụ thể khi có thông tin.' };
}

function dueOrYearly(found: Found[], tokens: string[], context: DeadlineContext, text: string): ParsedDeadline {
  const spans = found.filter((f) => f.atom.unit === 'years' || (f.atom.unit === 'year' && f.atom.open));
  if (spans.length > 0 || (found.every((f) => f.atom.unit === 'year') && new Set(found.map((f) => (f.atom as { year: number }).year)).size > 1)) {
    return yearly(found, context, text);
  }
  const first = found[0]!;
  if (found.length === 1 && first.opensSpan && first.atom.unit !== 'year') {
    const year = assignYears(found, context.year).get(first)!;
    return { kind: 'ongoing', dates: [], note: `Bắt đầu từ ${describe(first.atom, year).replace(/ \(hạn cuối (tháng|quý)\)/, '')}, không có hạn kết thúc: báo cáo tiến độ định kỳ.` };
  }
  const years = assignYears(found, context.year);
  /** Each date with the period it ends and how fine that period is (day 0 … year 4). */
  const entries: { date: CivilDate; first: CivilDate; rank: number; at: number }[] = [];
  const labels: string[] = [];
  const entry = (at: number, atom: YearlessAtom, year: number, date = endDate(atom, year)) => {
    const month = Number(date.slice(5, 7));
    const firstMonth = atom.unit === 'day' ? null : atom.unit === 'month' ? month : atom.unit === 'quarter' ? month - 2 : atom.startMonth;
    const first = firstMonth === null ? date : `${date.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
    const rank = { day: 0, month: 1, quarter: 2, part: 3 }[atom.unit];
    entries.push({ date, first, rank, at });
  };
  for (let i = 0; i < found.length; i += 1) {
    const f = found[i]!;
    const atom = f.atom;
    if (atom.unit === 'dayOnly' || atom.unit === 'years') continue;
    const year = years.get(f)!;
    const previous = found[i - 1];
    // A span between different units ("Từ tháng 4/2024 đến hết năm 2024", "Năm 2024 - Quý I/2025")
    // is due at its end: the start only says when the work begins.
    const mixedSpan = f.rangeFromPrevious && previous !== undefined && (atom.unit === 'year' || previous.atom.unit === 'year');
    if (mixedSpan) for (let k = entries.length - 1; k >= 0 && entries[k]!.at === i - 1; k -= 1) entries.pop();
    if (atom.unit === 'year') {
      const y = Number.isNaN(atom.year) ? year : atom.year;
      entries.push({ date: `${y}-12-31`, first: mixedSpan ? `${y}-12-31` : `${y}-01-01`, rank: mixedSpan ? 0 : 4, at: i });
      labels.push(mixedSpan ? `đến hết năm ${y}` : `năm ${y}`);
      continue;
    }
    if (mixedSpan) {
      entries.push({ date: endDate(atom, year), first: endDate(atom, year), rank: 0, at: i });
      labels.push(`đến ${describe(atom, year)}`);
      continue;
    }
    if (f.rangeFromPrevious && previous && previous.atom.unit !== 'year' && previous.atom.unit !== 'years' && previous.atom.unit !== 'dayOnly') {
      entries.pop();
      for (const date of expandSpan(previous.atom as YearlessAtom, years.get(previous)!, atom, year)) entry(i, atom, year, date);
      labels.push(`đến ${describe(atom, year)}`);
      continue;
    }
    entry(i, atom, year);
    labels.push(describe(atom, year));
  }
  // A finer date inside a coarser period is the deadline within it: "Tháng 12/2024 (trước ngày 20/12)",
  // "Năm 2024, quý II" (the year only places the quarter). Periods listed with "và" are each a
  // deadline: "6 tháng đầu năm và cả năm 2024" is 30/6 and 31/12.
  const listed = (a: number, b: number) => {
    const [from, to] = a < b ? [found[a]!, found[b]!] : [found[b]!, found[a]!];
    return tokens.slice(from.end, to.start).some((w) => w === 'va' || w === 'hoac' || w === '&' || w === '+');
  };
  const kept = sortUnique(
    entries
      .filter((e) => !entries.some((o) => o.rank < e.rank && o.date >= e.first && o.date <= e.date && o.date !== e.date && (o.rank === 0 || !listed(o.at, e.at))))
      .map((e) => e.date),
  );
  if (kept.length === 0) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  return { kind: 'due', dates: kept, note: `Đọc là ${labels.join(', ')}: hạn ${listDates(kept)}.` };
}

/** Year spans: "Năm 2024-2026", "Giai đoạn 2021-2025", "Năm 2021 và các năm tiếp theo": a check each year end. */
function yearly(found: Found[], context: DeadlineContext, text: string): ParsedDeadline {
  const dates: CivilDate[] = [];
  const parts: string[] = [];
  for (const f of found) {
    const a = f.atom;
    if (a.unit === 'years') {
      const start = Math.max(a.from, context.period?.from ?? context.year);
      dates.push(...yearEnds(Math.min(start, a.to), a.to));
      parts.push(`giai đoạn ${a.from}–${a.to}`);
    } else if (a.unit === 'year' && a.open) {
      const to = Math.max(a.year, context.period?.to ?? context.year);
      dates.push(...yearEnds(Math.max(a.year, context.period?.from ?? a.year), to));
      parts.push(`hằng năm từ ${a.year}${context.period ? ` đến hết kỳ kế hoạch (${to})` : ''}`);
    } else if (a.unit === 'year' && !Number.isNaN(a.year)) {
      dates.push(`${a.year}-12-31`);
      parts.push(`năm ${a.year}`);
    }
  }
  const kept = sortUnique(dates);
  if (kept.length === 0) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  return { kind: 'recurring', dates: kept, note: `Đọc là ${parts.join(', ')}: kiểm tra cuối mỗi năm (${listDates(kept)}).` };
}

/** Periodic phrases: "Hằng quý", "Định kỳ 6 tháng", "Hằng năm (trước 15/12)", "ngày 20 hằng tháng". */
function periodic(frequencies: Frequency[], found: Found[], context: DeadlineContext, text: string): ParsedDeadline {
  // Which years: a span in the cell, a year named in it (with "từ" = onward), else the plan's.
  let from = context.period?.from ?? context.year;
  let to = context.period?.to ?? context.year;
  const span = found.find((f) => f.atom.unit === 'years')?.atom as Extract<Atom, { unit: 'years' }> | undefined;
  const named = found.map((f) => f.atom).filter((a): a is Extract<Atom, { unit: 'year' }> => a.unit === 'year' && !Number.isNaN(a.year));
  if (span) {
    from = Math.max(span.from, context.period?.from ?? span.from);
    to = span.to;
  } else if (named.length > 0) {
    from = Math.min(...named.map((a) => a.year));
    to = named.some((a) => a.open) ? Math.max(from, context.period?.to ?? context.year) : Math.max(...named.map((a) => a.year));
  }
  if (from > to) from = to;
  const anchors = found.map((f) => f.atom).filter((a): a is YearlessAtom => a.unit === 'day' || a.unit === 'month' || a.unit === 'quarter' || a.unit === 'part');
  const dayOnly = found.map((f) => f.atom).find((a): a is Extract<Atom, { unit: 'dayOnly' }> => a.unit === 'dayOnly');
  const dates: CivilDate[] = [];
  for (let y = from; y <= to; y += 1) {
    // Named days replace the period ends ("Hằng năm (trước 15/12)"); a day of the month given for
    // the period ("trước ngày 20 của tháng cuối quý") is kept beside them.
    for (const a of anchors) dates.push(endDate(a, y));
    if (anchors.length > 0 && !dayOnly) continue;
    for (const f of frequencies) {
      if (anchors.length > 0 && f === 'year') continue;
      const months = { month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], quarter: [3, 6, 9, 12], half: [6, 12], year: [12] }[f];
      for (const m of months) {
        const day = dayOnly && f !== 'year' ? Math.min(dayOnly.day, daysInMonth(y, m)) : daysInMonth(y, m);
        dates.push(civilDate(y, m, day)!);
      }
    }
  }
  const kept = sortUnique(dates);
  if (kept.length === 0) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  const how = frequencies.map((f) => FREQ_WORDS[f]).join(', ');
  const years = from === to ? `năm ${from}` : `${from}–${to}`;
  return { kind: 'recurring', dates: kept, note: `Định kỳ ${how} (${years}): ${listDates(kept)}.` };
}

/** Adds the working-day shift: a due date on a weekend or holiday moves to the next working day. */
export function scheduleDeadline(raw: string, context: DeadlineContext, calendar: WorkCalendar): ScheduledDeadline {
  const parsed = parseDeadline(raw, context);
  const dueDates = parsed.dates.map((d) => calendar.onOrAfter(d));
  const moved = parsed.dates
    .map((d, i) => (dueDates[i] !== d ? `${formatCivil(d)} là ngày nghỉ nên lùi sang ${formatCivil(dueDates[i]!)}` : null))
    .filter((m): m is string => m !== null);
  const shown = moved.length > 4 ? [...moved.slice(0, 3), `và ${moved.length - 3} ngày khác`] : moved;
  return { ...parsed, dueDates, note: shown.length > 0 ? `${parsed.note} ${shown.join('; ')}.` : parsed.note };
}
