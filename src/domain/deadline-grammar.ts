import { addDays, civilDate, dayOfWeek, daysInMonth, endOfMonth, endOfQuarter, formatCivil, weekdayName, type CivilDate } from './civil-date.js';
import { lunarToSolar, tetDay } from './lunar.js';
import { cleanCell } from './plan-table.js';
import { textKey } from './text-key.js';
import type { WorkCalendar } from './work-calendar.js';

/**
 * What a "Thời gian" cell means for the scheduler:
 * - due: one or more dates; - recurring: periodic checks (monthly, quarterly, 6-monthly, yearly) on
 *   listed dates; - ongoing: no date, periodic check-ins; - event: waits for an outside event a
 *   person must date; - unknown: not understood (or too vague to date without a guess).
 * The reading is closed-world: every word of the cell must belong to a construction the grammar
 * knows; a word it cannot place makes the cell `unknown` (listed in `unexplained`), never a date.
 */
export type DeadlineKind = 'due' | 'recurring' | 'ongoing' | 'event' | 'unknown';

export interface DeadlineContext {
  /** The plan's year: fills in "Quý IV", "Tháng 3", "Hàng năm" without a year. */
  year: number;
  /** The plan's period (e.g. 2021–2030) for "Hàng năm" and "… và các năm tiếp theo". */
  period?: { from: number; to: number } | undefined;
  /**
   * The province's working days: needed for "ngày làm việc cuối cùng của tháng …" and "trước Tết …".
   * Without one (default) such cells are `unknown`: dondoc does not guess the province's days off.
   */
  calendar?: WorkCalendar | undefined;
  /**
   * The plan's own document, when its date was read from it (or given): "trong 30 ngày kể từ ngày
   * ban hành Kế hoạch" counts from `date`. `kind` ("Kế hoạch", "Quyết định") says which word names
   * it: "Kế hoạch" always does, "Quyết định" only when the plan was issued as a Quyết định.
   * Without it (default) such cells wait for Sở Nội vụ (`event`).
   */
  issued?: { date: CivilDate; kind: string | null } | undefined;
}

export interface ParsedDeadline {
  kind: DeadlineKind;
  /** Nominal dates, as the text says them, in order. */
  dates: CivilDate[];
  /** A Vietnamese explanation shown next to the original text. */
  note: string;
  /** Words of the cell no construction of the grammar accounts for (empty when all were placed). */
  unexplained: string[];
  /** "Trước 30/6/2026, sau đó duy trì thường xuyên": due on the dates, then ongoing work. */
  thenOngoing?: boolean;
  /**
   * "Trước Tết …": the dates are the eve of a holiday, and work is due before the break, so a day
   * off moves the due date to the working day before it, not after (scheduleDeadline).
   */
  dueBefore?: boolean;
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

/** Month numbers written as words after "tháng" (longest first); "sáu" only with its diacritics ("tháng sau" is "next month"). */
const MONTH_WORDS: [string, number][] = [
  ['mười một|muoi mot', 11],
  ['mười hai|muoi hai', 12],
  ['mười|muoi', 10],
  ['một|mot', 1],
  ['hai', 2],
  ['ba', 3],
  ['bốn|bon|tư|tu', 4],
  ['năm|nam', 5],
  ['sáu', 6],
  ['bảy|bay', 7],
  ['tám|tam', 8],
  ['chín|chin', 9],
];
/** Quarter numbers written as words after "quý": nhất/một, hai, ba, tư/bốn. */
const QUARTER_WORDS: [string, number][] = [
  ['nhất|nhat|một|mot', 1],
  ['hai', 2],
  ['ba', 3],
  ['tư|tu|bốn|bon', 4],
];

/**
 * Rewrites numbers written as words after "tháng"/"quý" as digits, in any case, with or without
 * diacritics: "Quý hai" → "Quý 2", "Tháng Mười Một" → "Tháng 11", "quy tu" → "quy 4", and the
 * members of a list ("quý hai và quý ba"). Not "tháng một lần" (once a month), not "6 tháng năm 2024"
 * (six months of 2024), not "tháng năm 2024" (ambiguous): those stay words.
 */
const SPELL_UNIT = '(tháng|thang|quý|quy)';
const alternatives = (words: [string, number][]) => words.map(([w]) => w).join('|');
const SPELL_HEAD = new RegExp(`(^|[^\\p{L}\\p{N}])${SPELL_UNIT}(\\s+)(${alternatives(MONTH_WORDS)}|${alternatives(QUARTER_WORDS)})(?![\\p{L}\\p{N}])`, 'giu');
const SPELL_MEMBER = (months: boolean) =>
  new RegExp(`^(\\s*(?:,|và|va|-|–|đến|den|hoặc|hoac)\\s*(?:${SPELL_UNIT}\\s+)?)(${alternatives(months ? MONTH_WORDS : QUARTER_WORDS)})(?![\\p{L}\\p{N}])`, 'iu');
const SPELL_MEMBERS = { month: SPELL_MEMBER(true), quarter: SPELL_MEMBER(false) };
/** Cheap test: a unit word followed by a letter, without which there is nothing to spell. */
const SPELL_ANY = /(?:th[aá]ng|qu[yý])\s+\p{L}/iu;

export function spellNumbers(text: string): string {
  if (!SPELL_ANY.test(text)) return text;
  const head = SPELL_HEAD;
  const valueOf = (unitWord: string, word: string): number | null => {
    const table = /^th/i.test(unitWord) ? MONTH_WORDS : QUARTER_WORDS;
    const lower = word.toLowerCase();
    for (const [alts, n] of table) if (alts.split('|').includes(lower)) return n;
    return null;
  };
  const acceptable = (before: string, unitWord: string, word: string, after: string, n: number): boolean => {
    if (/^\s*(?:lần|lan)(?![\p{L}])/iu.test(after)) return false;
    if (n === 5 && /^th/i.test(unitWord)) {
      // "tháng năm" is May only where "năm" cannot be "year": before "năm 2026", "/2026", a list word or the end.
      if (/(?:\d|sáu|sau|ba|chín|chin|mười|muoi|hai)\s*$/iu.test(before)) return false;
      if (!/^\s*(?:$|[,;.)]|(?:năm|nam)\s+\d{4}|[/-]\s*\d{4}|(?:và|va|đến|den|hoặc|hoac)(?![\p{L}]))/iu.test(after)) return false;
    }
    return word.length > 0;
  };
  let out = '';
  let rest = text;
  for (;;) {
    head.lastIndex = 0;
    const m = head.exec(rest);
    if (!m) break;
    const [whole, lead, unitWord, space, word] = m as unknown as [string, string, string, string, string];
    const n = valueOf(unitWord, word);
    const before = out + rest.slice(0, m.index) + lead;
    const after = rest.slice(m.index + whole.length);
    if (n === null || !acceptable(before, unitWord, word, after, n)) {
      out += rest.slice(0, m.index + whole.length);
      rest = after;
      continue;
    }
    out += rest.slice(0, m.index) + lead + unitWord + space + String(n);
    rest = after;
    // The members of a list after it: "quý hai, ba", "tháng mười một và tháng mười hai".
    const member = /^th/i.test(unitWord) ? SPELL_MEMBERS.month : SPELL_MEMBERS.quarter;
    for (let next = member.exec(rest); next; next = member.exec(rest)) {
      const value = valueOf(unitWord, next[3]!);
      if (value === null || (value === 5 && /^th/i.test(unitWord)) || /^\s*(?:lần|lan)(?![\p{L}])/iu.test(rest.slice(next[0].length))) break;
      out += next[1] + String(value);
      rest = rest.slice(next[0].length);
    }
  }
  return out + rest;
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
  key = key.replace(/\b(?:so\s+)?\d{1,5}\/(?:\d{4}\/)?(?!(?:nam|thang|quy)\b)[a-z]{2}[a-z0-9]*(?:-[a-z0-9]+)*(?:\s+ngay\s+\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4})?/g, ' vanbanref ');
  // "Quí", "qui định": the older spelling of "quý", "quy" (still in many documents).
  key = key.replace(/\bqui\b/g, 'quy');
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
  /** `label`: how the text named a day it did not write as a number ("tuần đầu tháng 3", "trung tuần tháng 5"). */
  | { unit: 'day'; day: number; month: number; year?: number | undefined; rel?: number | undefined; label?: string }
  | { unit: 'dayOnly'; day: number }
  /** `shift`: years before the year the list names ("tháng 11 - 2/2025": November is in 2024). `rel`: "năm sau" = +1. */
  | { unit: 'month'; month: number; year?: number | undefined; shift?: number; rel?: number | undefined; label?: string }
  | { unit: 'quarter'; quarter: number; year?: number | undefined; shift?: number; rel?: number | undefined }
  /** "6 tháng đầu năm" (months 1–6), "9 tháng đầu năm" (1–9), "6 tháng cuối năm" (7–12). */
  | { unit: 'part'; startMonth: number; endMonth: number; label: string; year?: number | undefined; rel?: number | undefined }
  | { unit: 'year'; year: number; open?: boolean; rel?: number | undefined }
  | { unit: 'years'; from: number; to: number }
  /** A holiday: Tết Nguyên đán (mùng 1 tháng Giêng), Giỗ Tổ Hùng Vương (10/3 âm lịch), Tết Dương lịch (1/1); `before`: "trước …". */
  | { unit: 'holiday'; name: 'tet' | 'gioto' | 'newyear'; year?: number | undefined; rel?: number | undefined; before: boolean; label: string };

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
/** Weekday names as folded words after "thứ" (0 = Chủ nhật … 6 = thứ Bảy, as dayOfWeek counts). */
const WEEKDAYS: Record<string, number> = { hai: 1, '2': 1, ba: 2, '3': 2, tu: 3, '4': 3, nam: 4, '5': 4, sau: 5, '6': 5, bay: 6, '7': 6 };
/** The ten heavenly stems and twelve earthly branches, folded ("ty" is both Tý and Tỵ: the stem's parity decides). */
const CAN = ['giap', 'at', 'binh', 'dinh', 'mau', 'ky', 'canh', 'tan', 'nham', 'quy'];
const CHI = ['ty', 'suu', 'dan', 'mao', 'thin', 'ty', 'ngo', 'mui', 'than', 'dau', 'tuat', 'hoi'];

/** The solar year whose Tết opens the lunar year named by its Can Chi, nearest the plan's year (a 60-year cycle). */
export function canChiYear(can: string, chi: string, near: number): number | null {
  const c = CAN.indexOf(can);
  if (c < 0) return null;
  const branches = CHI.map((name, index) => (name === (chi === 'meo' ? 'mao' : chi) ? index : -1)).filter((index) => index >= 0 && index % 2 === c % 2);
  if (branches.length !== 1) return null;
  const z = branches[0]!;
  let cycle = c;
  while (cycle % 12 !== z) cycle += 10;
  // Year 4 (Giáp Tý) starts the cycle: year y has index (y - 4) mod 60.
  const offset = (((near - 4 - cycle) % 60) + 60) % 60;
  return offset < 30 ? near - offset : near - offset + 60;
}

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
  /** "ngày làm việc cuối cùng / đầu tiên của …": the periods named are due on their last / first working day. */
  workday: 'first' | 'last' | null = null;
  /** Times of day beside a date ("17h00"): kept for the note, the date wins. */
  readonly times: { text: string; start: number }[] = [];
  /** Weekday names beside a date ("Thứ Sáu, 20/3/2026"): checked against the date. */
  readonly weekdays: { dow: number; start: number }[] = [];
  /** Which tokens a construction has accounted for. */
  readonly covered: boolean[];
  private group = 0;

  constructor(
    private readonly t: string[],
    private readonly planYear: number,
  ) {
    this.covered = t.map(() => false);
  }

  get tokens(): string[] {
    return this.t;
  }

  /** Marks tokens [start, end) as accounted for. */
  mark(start: number, end: number): void {
    for (let k = Math.max(0, start); k < Math.min(end, this.t.length); k += 1) this.covered[k] = true;
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
      if (next > i) {
        this.mark(i, next);
        i = next;
        continue;
      }
      i += 1;
    }
  }

  /** "năm sau", "năm tới", "năm kế tiếp", "năm tiếp theo" (+1), "năm trước", "năm ngoái" (−1), "năm nay" (0) at token j ("nam"). */
  relYear(j: number): { rel: number; next: number } | null {
    const t = this.t;
    if (t[j] !== 'nam' || ['hang', 'moi', 'tung', 'cac', 'nhung', 'ky', 'theo'].includes(t[j - 1] ?? '')) return null;
    const a = t[j + 1];
    const b = t[j + 2];
    if ((a === 'sau' || a === 'toi') && b !== 'khi' && b !== 'do') return { rel: 1, next: j + 2 };
    if ((a === 'ke' && b === 'tiep') || (a === 'tiep' && b === 'theo')) return { rel: 1, next: j + 3 };
    if (a === 'ngoai') return { rel: -1, next: j + 2 };
    // "năm trước" only at the end of a clause: "Hằng năm trước ngày 15/12" is not "last year".
    if (a === 'truoc' && (b === undefined || [')', ',', ';', '.', '-'].includes(b))) return { rel: -1, next: j + 2 };
    if (a === 'nay') return { rel: 0, next: j + 2 };
    return null;
  }

  private push(atom: Atom, start: number, end: number, range = false): void {
    this.mark(start, end);
    const opens = this.t[start - 1] === 'tu' || (this.t[start - 2] === 'tu' && this.t[start - 1] === 'ngay');
    this.found.push({ atom, start, end, group: this.group, ...(range ? { rangeFromPrevious: true } : {}), ...(opens ? { opensSpan: true } : {}) });
  }

  /** Tries every atom form at token i; returns the index after what it consumed (i when nothing). */
  private atomAt(i: number): number {
    const w = this.t[i]!;
    const t = this.t;
    // A time of day beside a date: "17h00", "17 giờ 30", "16:30", "8h sáng".
    if (isNum(w) && !isYear(w) && Number(w) <= 23 && (['h', 'g', 'gio'].includes(t[i + 1] ?? '') || (t[i + 1] === ':' && /^\d{2}$/.test(t[i + 2] ?? '')))) {
      let j = i + 2;
      let minute = 0;
      if (isNum(t[j]) && t[j]!.length <= 2) {
        minute = Number(t[j]);
        j += 1;
      }
      if (minute > 59) return i;
      if (t[j] === 'phut') j += 1;
      if (['sang', 'chieu', 'trua', 'toi'].includes(t[j] ?? '')) j += 1;
      this.times.push({ text: `${Number(w)}h${String(minute).padStart(2, '0')}`, start: i });
      return j;
    }
    if (w === 'thu' && WEEKDAYS[t[i + 1] ?? ''] !== undefined) {
      this.weekdays.push({ dow: WEEKDAYS[t[i + 1]!]!, start: i });
      return i + 2;
    }
    if (w === 'chu' && t[i + 1] === 'nhat') {
      this.weekdays.push({ dow: 0, start: i });
      return i + 2;
    }
    if (w === 'ngay' && t[i + 1] === 'lam' && t[i + 2] === 'viec') return this.workdayPhrase(i);
    if (w === 'tuan' || ((w === 'thuong' || w === 'trung' || w === 'ha') && t[i + 1] === 'tuan')) return this.weekOfMonth(i);
    if (isNum(w) && !isYear(w) && t[i + 1] === 'ngay' && (t[i + 2] === 'dau' || t[i + 2] === 'cuoi')) return this.daysOfMonth(i);
    if (w === 'tet' || (w === 'gio' && t[i + 1] === 'to')) return this.holiday(i);
    if (w === 'nam') {
      const rel = this.relYear(i);
      if (rel) {
        this.push({ unit: 'year', year: this.planYear + rel.rel, rel: rel.rel }, i, rel.next);
        return rel.next;
      }
    }
    if (w === 'ngay' && isNum(this.t[i + 1]) && this.t[i + 2] === 'thang' && isNum(this.t[i + 3])) return this.longDate(i);
    if (isNum(w) && !isYear(w) && (this.t[i + 1] === '/' || this.t[i + 1] === '-' || this.t[i + 1] === '.') && isNum(this.t[i + 2])) return this.numericDate(i);
    if ((isNum(w) || NUMBER_WORDS[w] !== undefined) && this.t[i + 1] === 'thang' && this.isPart(i)) return this.part(i);
    if (w === 'nua' && (this.t[i + 1] === 'dau' || this.t[i + 1] === 'cuoi') && this.t[i + 2] === 'nam') return this.part(i);
    if (w === 'thang') return this.monthList(i + 1, i);
    if (w === 'quy') return this.quarterList(i + 1, i);
    if (w === 'cuoi' || w === 'het') return this.endOf(i);
    // "6 tháng đầu năm và cả năm": the whole year is a period of the list too (its year from its neighbours or the plan).
    if (w === 'ca' && t[i + 1] === 'nam' && !isYear(t[i + 2])) {
      this.push({ unit: 'year', year: Number.NaN }, i, i + 2);
      return i + 2;
    }
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

  /** "ngày làm việc cuối cùng / đầu tiên (của)": marks the periods that follow; nothing more to read → the words stay unplaced. */
  private workdayPhrase(i: number): number {
    let j = i + 3;
    let which: 'first' | 'last';
    if (this.t[j] === 'cuoi') {
      which = 'last';
      j += 1;
      if (this.t[j] === 'cung') j += 1;
    } else if (this.t[j] === 'dau') {
      which = 'first';
      j += 1;
      if (this.t[j] === 'tien') j += 1;
    } else {
      return i;
    }
    if (this.t[j] === 'cua' || this.t[j] === 'trong') j += 1;
    if (!['thang', 'quy', 'nam', 'moi', 'hang'].includes(this.t[j] ?? '')) return i;
    this.workday = which;
    return j;
  }

  /** One month after a week or day phrase: "tháng 3", "tháng 3/2026", "tháng 3 năm sau"; null if none. */
  private oneMonth(j: number): { month: number; year: number | undefined; rel: number | undefined; next: number } | null {
    if (this.t[j] === 'cua' || this.t[j] === 'trong') j += 1;
    if (this.t[j] !== 'thang' || !isNum(this.t[j + 1]) || isYear(this.t[j + 1])) return null;
    const month = Number(this.t[j + 1]);
    if (month < 1 || month > 12) throw new Unreadable(`Tháng ${month} không có.`);
    const { year, rel, next } = this.yearSuffix(j + 2);
    return { month, year, rel, next };
  }

  /** "tuần đầu (tiên) của tháng 3" (days 1–7), "tuần thứ hai" (8–14) …, "tuần cuối tháng"; "thượng/trung/hạ tuần tháng 5" (10th, 20th, month end). */
  private weekOfMonth(i: number): number {
    const t = this.t;
    let j: number;
    let day: number | 'end';
    let label: string;
    if (t[i] !== 'tuan') {
      day = t[i] === 'thuong' ? 10 : t[i] === 'trung' ? 20 : 'end';
      label = `${t[i] === 'thuong' ? 'thượng' : t[i] === 'trung' ? 'trung' : 'hạ'} tuần`;
      j = i + 2;
    } else if (t[i + 1] === 'dau') {
      day = 7;
      label = 'tuần đầu';
      j = t[i + 2] === 'tien' ? i + 3 : i + 2;
    } else if (t[i + 1] === 'cuoi') {
      day = 'end';
      label = 'tuần cuối';
      j = t[i + 2] === 'cung' ? i + 3 : i + 2;
    } else if (t[i + 1] === 'thu' && ({ nhat: 1, '1': 1, hai: 2, '2': 2, ba: 3, '3': 3, tu: 4, '4': 4 } as Record<string, number>)[t[i + 2] ?? ''] !== undefined) {
      const n = ({ nhat: 1, '1': 1, hai: 2, '2': 2, ba: 3, '3': 3, tu: 4, '4': 4 } as Record<string, number>)[t[i + 2]!]!;
      day = 7 * n;
      label = `tuần thứ ${['nhất', 'hai', 'ba', 'tư'][n - 1]}`;
      j = i + 3;
    } else {
      return i;
    }
    let month = this.oneMonth(j);
    let start = i;
    // "Tháng 3/2026 (tuần đầu tiên)": the week of the month just named.
    const previous = this.found[this.found.length - 1];
    if (!month && previous && previous.atom.unit === 'month' && !previous.atom.label && this.t[i - 1] === '(' && previous.end === i - 1 && this.found.filter((f) => f.group === previous.group).length === 1) {
      this.found.pop();
      month = { month: previous.atom.month, year: previous.atom.year, rel: previous.atom.rel, next: j };
      start = previous.start;
    }
    if (!month) return i;
    if (start !== i) {
      // Re-push over the whole "tháng 3/2026 (tuần đầu tiên" so both read as one day.
      if (day === 'end') this.push({ unit: 'month', month: month.month, year: month.year, rel: month.rel, label: `${label} tháng ${month.month}` }, start, month.next);
      else this.push({ unit: 'day', day, month: month.month, year: month.year, rel: month.rel, label: `${label} tháng ${month.month}` }, start, month.next);
      return month.next;
    }
    if (day === 'end') this.push({ unit: 'month', month: month.month, year: month.year, rel: month.rel, label: `${label} tháng ${month.month}` }, i, month.next);
    else this.push({ unit: 'day', day, month: month.month, year: month.year, rel: month.rel, label: `${label} tháng ${month.month}` }, i, month.next);
    return month.next;
  }

  /** "15 ngày đầu tháng 6" (due 15/6), "10 ngày cuối tháng 12" (due at the month's end). */
  private daysOfMonth(i: number): number {
    const n = Number(this.t[i]);
    const fromEnd = this.t[i + 2] === 'cuoi';
    const month = this.oneMonth(i + 3);
    if (!month) return i;
    if (n < 1 || n > daysInMonth(month.year ?? 2024, month.month)) throw new Unreadable(`Tháng ${month.month} không có ${n} ngày.`);
    const label = `${n} ngày ${fromEnd ? 'cuối' : 'đầu'} tháng ${month.month}`;
    if (fromEnd) this.push({ unit: 'month', month: month.month, year: month.year, rel: month.rel, label }, i, month.next);
    else this.push({ unit: 'day', day: n, month: month.month, year: month.year, rel: month.rel, label }, i, month.next);
    return month.next;
  }

  /** "Tết Nguyên đán (Bính Ngọ | 2027 | năm sau)", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", after "trước (dịp | kỳ nghỉ)". */
  private holiday(i: number): number {
    const t = this.t;
    let j: number;
    let name: 'tet' | 'gioto' | 'newyear';
    let label: string;
    if (t[i] === 'tet' && t[i + 1] === 'duong' && t[i + 2] === 'lich') {
      name = 'newyear';
      label = 'Tết Dương lịch';
      j = i + 3;
    } else if (t[i] === 'tet') {
      name = 'tet';
      label = 'Tết Nguyên đán';
      j = i + 1;
      if ((t[j] === 'nguyen' && t[j + 1] === 'dan') || (t[j] === 'am' && t[j + 1] === 'lich') || (t[j] === 'co' && t[j + 1] === 'truyen')) j += 2;
    } else {
      name = 'gioto';
      label = 'Giỗ Tổ Hùng Vương';
      j = i + 2;
      if (t[j] === 'hung' && t[j + 1] === 'vuong') j += 2;
    }
    let year: number | undefined;
    let rel: number | undefined;
    const k = t[j] === 'nam' && CAN.includes(t[j + 1] ?? '') ? j + 1 : j;
    const byName = CAN.includes(t[k] ?? '') && t[k + 1] !== undefined ? canChiYear(t[k]!, t[k + 1]!, this.planYear) : null;
    if (byName !== null) {
      year = byName;
      j = k + 2;
    } else {
      const suffix = this.yearSuffix(j, true);
      year = suffix.year;
      rel = suffix.rel;
      j = suffix.next;
    }
    // The lunar date written beside Giỗ Tổ: "(10/3 âm lịch)", "(mùng 10 tháng 3 âm lịch)".
    const lunar = t.slice(j, j + 9).join(' ');
    const note = name === 'gioto' ? /^\(? ?(?:ngay |mung )?10 (?:\/|thang) 3 (?:am lich|al)? ?\)?/.exec(lunar) : null;
    if (note) j += note[0].trim().split(' ').length;
    let start = i;
    if (t[start - 1] === 'dip' || t[start - 1] === 'nghi' || t[start - 1] === 'le') start -= 1;
    if (t[start - 1] === 'ky') start -= 1;
    const before = t[start - 1] === 'truoc';
    this.push({ unit: 'holiday', name, year, rel, before, label }, start, j);
    return j;
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
    let { year, rel, next } = this.yearSuffix(j, true);
    if (year === undefined && this.t[j - 1] === 'nam') {
      const after = this.relYear(j - 1);
      if (after) ({ year, rel, next } = { year: this.planYear + after.rel, rel: after.rel, next: after.next });
    }
    const label = `${months} tháng ${fromEnd ? 'cuối' : 'đầu'} năm`;
    this.push({ unit: 'part', startMonth: fromEnd ? 13 - months : 1, endMonth: fromEnd ? 12 : months, label, year, rel }, i, next);
    return next;
  }

  /** "/2024", "-2024", "năm 2024", ", năm 2024", (bare) "2024" after "năm", or "năm sau"/"năm tới" (rel); none → undefined. */
  private yearSuffix(j: number, afterNam = false): { year: number | undefined; rel?: number | undefined; next: number } {
    const t = this.t;
    if ((t[j] === '/' || t[j] === '-' || t[j] === '.') && isYear(t[j + 1])) return { year: Number(t[j + 1]), next: j + 2 };
    if (t[j] === '/' && t[j + 1] === 'nam' && isYear(t[j + 2])) return { year: Number(t[j + 2]), next: j + 3 };
    if (t[j] === 'nam' && isYear(t[j + 1])) return { year: Number(t[j + 1]), next: j + 2 };
    if (t[j] === ',' && t[j + 1] === 'nam' && isYear(t[j + 2])) return { year: Number(t[j + 2]), next: j + 3 };
    if (t[j] === ',' && isYear(t[j + 1]) && !RANGE_WORDS.has(t[j + 2] ?? '')) return { year: Number(t[j + 1]), next: j + 2 };
    if (afterNam && isYear(t[j])) return { year: Number(t[j]), next: j + 1 };
    const rel = this.relYear(j);
    if (rel) return { year: this.planYear + rel.rel, rel: rel.rel, next: rel.next };
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
    const { year, rel, next: after } = this.yearSuffix(next);
    for (const v of values) this.push({ unit: 'month', month: v.n, ...shifted(year, v.shift), ...(rel !== undefined ? { rel: rel + v.shift } : {}) }, start, after, v.range);
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
    const { year, rel, next: after } = this.yearSuffix(next);
    for (const v of values) this.push({ unit: 'quarter', quarter: v.n, ...shifted(year, v.shift), ...(rel !== undefined ? { rel: rel + v.shift } : {}) }, start, after, v.range);
    return after;
  }

  /** "cuối năm 2024", "hết quý II", "cuối tháng 6/2024": the end of the unit that follows. */
  private endOf(i: number): number {
    const unit = this.t[i + 1];
    if (unit === 'nam') {
      if (isYear(this.t[i + 2])) return this.yearAt(i + 2, i);
      const rel = this.relYear(i + 1);
      if (rel) {
        this.push({ unit: 'year', year: this.planYear + rel.rel, rel: rel.rel }, i, rel.next);
        return rel.next;
      }
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
    const rel = year === undefined ? this.relYear(next) : null;
    if (rel) {
      year = this.planYear + rel.rel;
      next = rel.next;
    }
    this.pushDay(day, month, year, i, next, rel?.rel);
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
    const rel = year === undefined ? this.relYear(next) : null;
    if (rel) {
      year = this.planYear + rel.rel;
      next = rel.next;
    }
    this.pushDay(a, Number(b), year, i, next, rel?.rel);
    return next;
  }

  private pushDay(day: number, month: number, year: number | undefined, start: number, end: number, rel?: number): void {
    if (month < 1 || month > 12) throw new Unreadable(`Tháng ${month} không có.`);
    if (day < 1 || day > 31 || (year !== undefined && civilDate(year, month, day) === null) || (year === undefined && day > daysInMonth(2024, month))) {
      throw new Unreadable(`Ngày ${day}/${month}${year ? `/${year}` : ''} không có trong lịch.`);
    }
    this.push({ unit: 'day', day, month, year, ...(rel !== undefined ? { rel } : {}) }, start, end);
  }
}

// ---------------------------------------------------------------------------------------------
// Whole-cell readings
// ---------------------------------------------------------------------------------------------

/** Words that may stand before the time expression without changing it ("Hoàn thành trước …"). */
const LEAD_WORDS =
  /^(?:(?:thoi gian|thuc hien|trien khai|hoan thanh|ban hanh|trinh|xong|du kien|phan dau|to chuc|bao cao|gui|nop|va|,|-|:)\s*)*/;
const EVENT_START =
  /^(?:ngay sau khi|ngay sau|ngay khi|sau khi|sau(?! thang| tet| gio to)|khi|truoc khi|theo|can cu|tuy theo|tuy thuoc|tuy|phu thuoc|cho den khi|den khi|cho(?! den)|doi|ke tu|trong vong|trong thoi han|trong thoi gian|dot xuat|neu|khi nao)\b/;
/** A meeting or a decision named as the moment: "trước kỳ họp HĐND tỉnh cuối năm", "sau Hội nghị tổng kết". */
const MEETING = '(?:ky hop|phien hop|hoi nghi|dai hoi|cuoc hop|buoi lam viec|le ky niem|ngay le|quyet dinh|nghi quyet|ket luan|thong bao ket luan|hoi thao|dot kiem tra|dot danh gia)';
const EVENT_ANYWHERE = new RegExp(
  `\\b(ke tu ngay|ke tu khi|ke tu|sau khi|ngay khi|khi co|khi duoc|cho den khi|den khi|theo yeu cau|theo chi dao|theo huong dan|theo ke hoach cua|theo lo trinh|theo tien do|dot xuat|(?:truoc|sau|den|toi|khi|dip|trong|vao|tai) (?:khi )?(?:co )?${MEETING})\\b`,
);
const ONGOING = /\b(thuong xuyen|lien tuc|hang ngay|moi ngay|hang tuan|moi tuan|hang thang va thuong xuyen|duy tri)\b/;
/** One periodic word shared by a list: "Hằng quý, 6 tháng, năm", "Báo cáo định kỳ quý, 6 tháng, năm". */
const SHARED_PERIODS = /\b(?:hang|moi|tung|dinh ky)(?: hang)? (?:quy|thang|nam|0?6 thang|0?3 thang)(?: ?(?:,|va|;) ?(?:quy|thang|nam|0?6 thang|sau thang|0?3 thang))+\b/;
const PERIODIC: [Frequency, RegExp][] = [
  ['month', /\b(?:hang|moi|tung) thang\b|(?<!\b(?:6|sau) )\bthang (?:mot|1) lan\b|\btheo thang\b|\bdinh ky (?:hang )?thang\b/],
  ['quarter', /\b(?:dinh ky|hang|moi|tung) (?:03|3|ba) thang\b|\b(?:03|3|ba) thang (?:mot|1) lan\b|\b(?:hang|moi|tung) quy\b|\bquy (?:mot|1) lan\b|\btheo quy\b(?! dinh)|\bdinh ky (?:hang )?quy\b|\bthang cuoi (?:cua )?(?:moi )?quy\b|\bcuoi moi quy\b/],
  ['half', /\b(?:dinh ky|hang|moi|tung) (?:06|6|sau) thang\b|\b(?:06|6|sau) thang (?:mot|1) lan\b|\bnua nam (?:mot|1) lan\b|\b6 thang\/lan\b/],
  ['year', /\b(?:hang|moi|tung) nam\b|\bnam (?:mot|1) lan\b|\btheo nam\b|\bdinh ky (?:hang )?nam\b|\bcuoi moi nam\b/],
];
type Frequency = 'month' | 'quarter' | 'half' | 'year';
const FREQ_WORDS: Record<Frequency, string> = { month: 'hằng tháng', quarter: 'hằng quý', half: '6 tháng một lần', year: 'hằng năm' };
const QUARTER_NAMES = ['I', 'II', 'III', 'IV'];

// ---------------------------------------------------------------------------------------------
// Closed world: every token must be placed
// ---------------------------------------------------------------------------------------------

/** Phrases (folded, on token boundaries) that belong to a known construction wherever they stand. */
const COVER_PATTERNS: RegExp[] = [
  ONGOING,
  SHARED_PERIODS,
  ...PERIODIC.map(([, pattern]) => pattern),
  /\b(?:cac|nhung) nam (?:tiep theo|sau)\b|\btro di\b/,
  /\bbao cao (?:ket qua )?(?:dinh ky |tong ket |so ket )?(?:nam|quy|thang|6 thang|sau thang)\b/,
  /\b(?:ca|suot|trong) nam\b/,
  /\bsau do\b/,
  /\b(?:mot|1) lan\b/,
  /\b(?:theo|dung) quy dinh\b/,
  /\b(?:theo|tai|cua) (?:ke hoach|quyet dinh|cong van|thong bao|nghi quyet|chi thi|van ban|thong tu|nghi dinh)? ?vanbanref\b|\b(?:ke hoach|quyet dinh|cong van|thong bao|nghi quyet|chi thi|van ban|thong tu|nghi dinh) vanbanref\b|\bvanbanref\b/,
];
const COVER_GLOBAL = COVER_PATTERNS.map((pattern) => new RegExp(pattern.source, 'g'));
/** Deadline words, connectives and particles: placed wherever they stand, they never change a date. */
const PARTICLES = [
  'thoi gian',
  // "Từ nay đến hết năm 2026": from now, the start does not change the deadline.
  'tu nay',
  'truoc',
  'cham nhat',
  'muon nhat',
  // "Không muộn hơn 30/11/2026", "(không chậm hơn ngày 20/12)": the day named is the last day, as for "chậm nhất".
  'khong muon hon',
  'khong cham hon',
  'khong tre hon',
  'khong qua',
  'han chot',
  'han cuoi',
  'han',
  'hoan thanh',
  'xong',
  'den',
  'het',
  'toi',
  'trong',
  'vao',
  'la',
  'ngay',
  'luc',
  'thuc hien',
  'trien khai',
  'ban hanh',
  'trinh',
  'du kien',
  'phan dau',
  'to chuc',
  'bao cao',
  'ket qua',
  'gui',
  'nop',
  'tu',
  'va',
  'hoac',
  'sang',
  'cua',
  'ket thuc',
  'giai doan',
  'on dinh',
  'ca',
  'suot',
  'tiep tuc',
  'dinh ky',
  // How the work is done, not when: "(thực hiện lồng ghép)", "kết hợp".
  'long ghep',
  'ket hop',
]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);
/** Words that start a recipient, channel or audience ("Gửi Sở Nội vụ", "(qua Sở Nội vụ)", "(đối với sở, ngành)"). */
const RECIPIENT_HEADS = [['qua'], ['gui'], ['trinh'], ['nop'], ['bao', 'cao'], ['ve'], ['len'], ['doi', 'voi'], ['ap', 'dung', 'cho'], ['ap', 'dung', 'doi', 'voi']];
/** Words an agency's name is made of in a recipient or audience ("Sở Nội vụ", "UBND tỉnh", "các sở, ban, ngành, địa phương"). */
const AGENCY_WORDS = new Set(
  (
    'cac so ban nganh noi vu ubnd uy nhan dan hdnd hoi dong tinh thanh pho tp bo chu tich thuong truc van phong vp chinh phu ' +
    'thu tuong trung uong co quan don vi dia phuong xa phuong dac khu huyen cap snv tu phap tai chinh chi dao cchc lanh dao ' +
    'tinh uy ban chi dao lien quan cung'
  ).split(' '),
);
/** What a bracket may name beside a date: the product or stage due then ("(ban hành Kế hoạch)", "(dự thảo)", "(tổng kết)"). */
const PRODUCT_WORDS = new Set(
  (
    'ke hoach de an chuong trinh bao cao quyet dinh huong dan van ban du thao chinh thuc tong ket so ket hoi nghi danh gia tu ' +
    'kiem tra ket qua ban hanh trinh to chuc xay dung hoan thanh gui phe duyet cong bo trien khai thuc hien nop chi so cchc nam ' +
    'quy thang'
  ).split(' '),
);
const PUNCTUATION = new Set(['/', '-', ',', ';', '(', ')', '.', ':', '&', '+']);

/** Marks every phrase of a known construction; returns the words nothing accounts for (as the cell wrote them). */
function account(key: string, scanner: AtomScanner, text: string, eventAt: number | null): string[] {
  const tokens = scanner.tokens;
  // Token index of each character of the key, to map a phrase match back to tokens.
  const starts: number[] = [];
  let at = 0;
  for (const token of tokens) {
    at = key.indexOf(token, at);
    starts.push(at);
    at += token.length;
  }
  const tokenAt = (offset: number) => {
    let index = 0;
    while (index + 1 < starts.length && starts[index + 1]! <= offset) index += 1;
    return index;
  };
  for (const global of COVER_GLOBAL) {
    global.lastIndex = 0;
    for (let m = global.exec(key); m; m = global.exec(key)) {
      if (m[0].length === 0) {
        global.lastIndex += 1;
        continue;
      }
      scanner.mark(tokenAt(m.index), tokenAt(m.index + m[0].length - 1) + 1);
    }
  }
  // An event phrase and what it names, to the end of its bracket or of the cell.
  if (eventAt !== null) {
    // A duration counted from the event belongs to it: "10 ngày (làm việc) kể từ …".
    let k = eventAt;
    if (tokens[k - 1] === 'viec' && tokens[k - 2] === 'lam' && tokens[k - 3] === 'ngay') k -= 3;
    else if (['ngay', 'tuan', 'thang'].includes(tokens[k - 1] ?? '')) k -= 1;
    if (k < eventAt && isNum(tokens[k - 1])) eventAt = k - 1;
    let depth = 0;
    for (let k = 0; k < eventAt; k += 1) depth += tokens[k] === '(' ? 1 : tokens[k] === ')' ? -1 : 0;
    let end = eventAt;
    for (; end < tokens.length; end += 1) {
      if (tokens[end] === '(') depth += 1;
      if (tokens[end] === ')') {
        if (depth === 0 || depth === 1) break;
        depth -= 1;
      }
    }
    scanner.mark(eventAt, end);
  }
  const matches = (k: number, phrase: string[]) => phrase.every((w, n) => tokens[k + n] === w && !scanner.covered[k + n]);
  for (let k = 0; k < tokens.length; k += 1) {
    if (scanner.covered[k]) continue;
    if (PUNCTUATION.has(tokens[k]!)) {
      scanner.mark(k, k + 1);
      continue;
    }
    const head = RECIPIENT_HEADS.find((phrase) => matches(k, phrase));
    if (head) {
      let end = k + head.length;
      while (end < tokens.length && !scanner.covered[end] && (AGENCY_WORDS.has(tokens[end]!) || ((tokens[end] === ',' || tokens[end] === 'va') && AGENCY_WORDS.has(tokens[end + 1] ?? '')))) end += 1;
      if (end > k + head.length) {
        scanner.mark(k, end);
        k = end - 1;
        continue;
      }
    }
    const particle = PARTICLES.find((phrase) => matches(k, phrase));
    if (particle) {
      scanner.mark(k, k + particle.length);
      k += particle.length - 1;
    }
  }
  // A bracket whose remaining words all name a product or stage ("(ban hành Kế hoạch)") is a label, not a time.
  for (let open = tokens.indexOf('('); open >= 0; open = tokens.indexOf('(', open + 1)) {
    const close = tokens.indexOf(')', open);
    if (close < 0) break;
    const inside = tokens.slice(open + 1, close).map((w, n) => ({ w, k: open + 1 + n })).filter(({ k }) => !scanner.covered[k]);
    if (inside.length > 0 && inside.every(({ w }) => PRODUCT_WORDS.has(w))) for (const { k } of inside) scanner.mark(k, k + 1);
  }
  // Unplaced tokens, shown as the cell wrote them when a word of the cell folds to the token.
  if (scanner.covered.every(Boolean)) return [];
  const written = new Map<string, string>();
  for (const word of text.normalize('NFC').split(/[^\p{L}\p{N}]+/u)) if (word) written.set(textKey(word), written.get(textKey(word)) ?? word);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    if (scanner.covered[k]) continue;
    const word = written.get(tokens[k]!) ?? tokens[k]!;
    if (!out.includes(word)) out.push(word);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const unknown = (note: string, unexplained: string[] = []): ParsedDeadline => ({ kind: 'unknown', dates: [], note, unexplained });
const reading = (kind: DeadlineKind, dates: CivilDate[], note: string): ParsedDeadline => ({ kind, dates, note, unexplained: [] });
const NEEDS_CALENDAR = 'cần lịch làm việc của tỉnh để tính ngày làm việc; dondoc không đoán ngày nghỉ.';

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

/** The last day an atom stands for, in a given year; a day that year does not have (29/2) is unreadable, never moved. */
function endDate(atom: YearlessAtom, year: number): CivilDate {
  switch (atom.unit) {
    case 'day': {
      const date = civilDate(year, atom.month, atom.day);
      if (date === null) throw new Unreadable(`Ngày ${atom.day}/${atom.month}/${year} không có trong lịch.`);
      return date;
    }
    case 'month':
      return endOfMonth(year, atom.month);
    case 'quarter':
      return endOfQuarter(year, atom.quarter);
    case 'part':
      return endOfMonth(year, atom.endMonth);
  }
}

/** The first day of the period an atom stands for (the day itself for a day). */
function startDate(atom: YearlessAtom, year: number): CivilDate {
  const month = atom.unit === 'day' ? null : atom.unit === 'month' ? atom.month : atom.unit === 'quarter' ? atom.quarter * 3 - 2 : atom.startMonth;
  return month === null ? endDate(atom, year) : civilDate(year, month, 1)!;
}

function describe(atom: Atom, year: number): string {
  switch (atom.unit) {
    case 'day':
      return atom.label ? `${atom.label}/${year} (hạn ${formatCivil(endDate(atom, year))})` : `ngày ${formatCivil(endDate(atom, year))}`;
    case 'dayOnly':
      return `ngày ${atom.day}`;
    case 'month':
      return atom.label ? `${atom.label}/${year} (hạn cuối tháng)` : `tháng ${atom.month}/${year} (hạn cuối tháng)`;
    case 'quarter':
      return `quý ${QUARTER_NAMES[atom.quarter - 1]}/${year} (hạn cuối quý)`;
    case 'part':
      return `${atom.label} ${year}`;
    case 'year':
      return `năm ${atom.year}`;
    case 'years':
      return `${atom.from}–${atom.to}`;
    case 'holiday':
      return `${atom.label} ${year}`;
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

/** Token index where an event phrase starts (at the head of the cell or anywhere), or null. */
function eventIndex(key: string): number | null {
  const body = key.replace(LEAD_WORDS, '');
  const startsWithPeriod = /^theo (?:dinh ky|thang|quy(?! dinh)|nam)\b/.test(body);
  if (EVENT_START.test(body) && !startsWithPeriod) return tokenize(key.slice(0, key.length - body.length)).length;
  const anywhere = EVENT_ANYWHERE.exec(key);
  return anywhere ? tokenize(key.slice(0, anywhere.index)).length : null;
}

/**
 * Reads a free-text Vietnamese deadline ("Quý II, III/2024", "Thường xuyên", "Trước 25/12/2023",
 * "ngày 15 tháng 12 năm 2024", "Hằng năm (trước 15/12)", "Quý hai năm sau", "trước Tết Nguyên đán
 * Bính Ngọ") in the context of its plan. Compositional and closed-world: a tokenizer finds dates,
 * months, quarters, parts of the year and of a month, years (named or relative), lunar holidays,
 * working-day phrases, times of day and weekday names; periodic, ongoing and event phrases decide
 * the kind; deadline words and particles are placed; any word left unplaced makes the cell
 * `unknown` with that word in `unexplained`. Pure and total: never a guessed or default date.
 */
export function parseDeadline(raw: string, context: DeadlineContext): ParsedDeadline {
  const text = onwardAsFrom(repairDeadlineText(raw));
  const key = deadlineKey(spellNumbers(text));
  if (key === '') return unknown('Ô thời gian để trống: cần Sở Nội vụ đặt hạn.');
  const scanner = new AtomScanner(tokenize(key), context.year);
  try {
    scanner.scan();
    const unexplained = account(key, scanner, text, eventIndex(key));
    if (unexplained.length > 0) {
      const words = unexplained.map((w) => `“${w}”`).join(', ');
      return unknown(`“${text}”: dondoc không hiểu ${words} trong ô thời gian nên không đoán hạn. Cần Sở Nội vụ xem lại và đặt hạn.`, unexplained);
    }
    // "Quý II hoặc Quý III/2026": the plan leaves a choice; dondoc does not make it (the first would
    // count the task late at a date the plan never set, the last would chase too late).
    if (/\bhoac\b/.test(key)) return unknown(`“${text}”: “hoặc” cho hai thời hạn để chọn, kế hoạch không nói hạn nào; dondoc không chọn thay. Cần Sở Nội vụ đặt một hạn.`);
    return readCell(text, key, scanner, context);
  } catch (error) {
    if (error instanceof Unreadable) return unknown(`${error.message} Cần Sở Nội vụ xem lại ô “${text}”.`);
    throw error;
  }
}

/**
 * The day a task starts, from a "Bắt đầu" / "Từ" cell: the first day of the one period it names
 * ("Tháng 3/2026" → 01/3/2026, "Quý II" → 01/4 of the plan year, "01/3/2026" → that day, "Năm 2026"
 * → 01/01/2026). Null, with the reason, when the cell names no single period (empty, two dates, a
 * recurring or vague time, words the grammar does not know): a start is never guessed.
 */
export function readStart(raw: string, context: DeadlineContext): { date: CivilDate } | { date: null; note: string } {
  const text = repairDeadlineText(raw).replace(/^\s*(?:bắt đầu|bat dau)\s+/iu, '');
  const key = deadlineKey(spellNumbers(text));
  const none = (why: string) => ({ date: null, note: `Ô bắt đầu “${cleanCell(raw)}”: ${why}` });
  if (key === '') return none('để trống.');
  const scanner = new AtomScanner(tokenize(key), context.year);
  try {
    scanner.scan();
    const unexplained = account(key, scanner, text, eventIndex(key));
    if (unexplained.length > 0) return none(`dondoc không hiểu ${unexplained.map((w) => `“${w}”`).join(', ')}, không đoán ngày bắt đầu.`);
    const found = scanner.found;
    const atom = found[0]?.atom;
    if (found.length !== 1 || !atom || PERIODIC.some(([, pattern]) => pattern.test(key)) || ONGOING.test(key) || /\bhoac\b/.test(key)) {
      return none('không phải một thời điểm duy nhất, không đoán ngày bắt đầu.');
    }
    if (atom.unit === 'year') return Number.isNaN(atom.year) ? none('không rõ năm.') : { date: civilDate(atom.year, 1, 1)! };
    if (atom.unit !== 'day' && atom.unit !== 'month' && atom.unit !== 'quarter' && atom.unit !== 'part') return none('không phải một thời điểm duy nhất, không đoán ngày bắt đầu.');
    const year = assignYears(found, context.year).get(found[0]!)!;
    return { date: startDate(atom, year) };
  } catch (error) {
    if (error instanceof Unreadable) return none(error.message);
    throw error;
  }
}

/**
 * "Quý II/2026 trở đi", "01/7/2026 trở đi" say what "Từ quý II/2026", "Từ 01/7/2026" say: a start
 * with no end (not that date every year; "… và các năm tiếp theo" says that).
 */
function onwardAsFrom(raw: string): string {
  // "Định kỳ hằng quý, bắt đầu từ tháng 10/2026": "bắt đầu từ" is "từ".
  const text = raw.replace(/(^|[\s,;(])(?:bắt đầu|bat dau)\s+(?=(?:từ|tu)\s)/giu, '$1');
  // "… trở đi", "… trở về sau", "… về sau", at the end or before a comma ("Tháng 10/2026 trở đi, định kỳ hằng quý").
  const onward = /^(.*?\S)[\s,]*(?:trở đi|tro di|trở về sau|tro ve sau|về sau|ve sau)(?=[\s.;]*$|\s*,)(.*)$/iu.exec(text);
  if (!onward) return text;
  const body = onward[1]!;
  const rest = onward[2]!.replace(/^[\s.;]*$/, '');
  return `${/^(?:kể từ|ke tu|từ|tu)\s/iu.test(body) ? body : `Từ ${body}`}${rest}`;
}

/** The reading of a cell whose every word is placed. */
function readCell(text: string, key: string, scanner: AtomScanner, context: DeadlineContext): ParsedDeadline {
  if (!ONGOING.test(key)) return withTimes(readDated(text, key, scanner, context), scanner);
  // "Trước 30/6/2026, sau đó duy trì thường xuyên": the date named, then ongoing work.
  const dated = scanner.found.some((f) => ['day', 'month', 'quarter', 'part', 'holiday'].includes(f.atom.unit));
  if (dated) {
    const first = readDated(text, key, scanner, context);
    if (first.kind === 'due' || first.kind === 'recurring') {
      return withTimes({ ...first, thenOngoing: true, note: `${first.note} Sau đó tiếp tục thực hiện thường xuyên (báo cáo tiến độ định kỳ).` }, scanner);
    }
    if (first.kind === 'unknown') return first;
  }
  return withTimes(reading('ongoing', [], 'Thường xuyên: không có hạn cố định, báo cáo tiến độ định kỳ.'), scanner);
}

/** Keeps the time of day written beside a date in the note: the date is the deadline. */
function withTimes(parsed: ParsedDeadline, scanner: AtomScanner): ParsedDeadline {
  if (parsed.kind === 'unknown') return parsed;
  const DAY_NAMES = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
  let note = parsed.note;
  const matched = parsed.kind === 'due' && scanner.found.some((f) => f.atom.unit === 'day');
  if (scanner.weekdays.length > 0) note += ` Thứ ghi trong ô: ${scanner.weekdays.map((w) => DAY_NAMES[w.dow]).join(', ')}${matched ? ' (khớp với ngày)' : ''}.`;
  if (scanner.times.length > 0) note += ` Giờ ghi trong ô: ${scanner.times.map((t) => t.text).join(', ')} (hạn tính theo ngày).`;
  return { ...parsed, note };
}

function readDated(text: string, key: string, scanner: AtomScanner, context: DeadlineContext): ParsedDeadline {
  const body = key.replace(LEAD_WORDS, '');
  const counted = countedFromIssue(body, text, context);
  if (counted) return counted;
  const startsWithPeriod = /^theo (?:dinh ky|thang|quy(?! dinh)|nam)\b/.test(body);
  if (EVENT_START.test(body) && !startsWithPeriod) return eventDeadline();

  const found = [...scanner.found];
  const frequencies = PERIODIC.filter(([, pattern]) => pattern.test(key)).map(([f]) => f);
  const shared = SHARED_PERIODS.exec(key);
  if (shared) {
    for (const item of shared[0].replace(/^(?:hang|moi|tung|dinh ky)(?: hang)? /, '').split(/ ?(?:,|va|;) ?/)) {
      const f: Frequency = /^(?:0?6|sau) thang$/.test(item) ? 'half' : /^0?3 thang$|^quy$/.test(item) ? 'quarter' : item === 'thang' ? 'month' : 'year';
      if (!frequencies.includes(f)) frequencies.push(f);
    }
  }
  if (found.some((f) => f.atom.unit === 'holiday') && !EVENT_ANYWHERE.test(key)) return holidayDeadline(found, frequencies, context, text);
  if (scanner.weekdays.length > 0 && (frequencies.length > 0 || !found.some((f) => f.atom.unit === 'day'))) {
    return unknown(`“${text}”: thứ trong tuần không đi kèm một ngày cụ thể; cần Sở Nội vụ đặt hạn.`);
  }
  if (scanner.workday && !context.calendar) return unknown(`“${text}”: ${NEEDS_CALENDAR}`);
  // "Trước 31/12/2024 và các năm tiếp theo": that day every year from then on.
  const onward = /\b(?:va|,)\s*(?:cac|nhung) nam (?:tiep theo|sau)\b|\btro di\b/.test(key);
  const anchored = found.filter((f) => f.atom.unit === 'day' || f.atom.unit === 'month' || f.atom.unit === 'quarter' || f.atom.unit === 'part');
  if (frequencies.length === 0 && onward && anchored.length > 0 && !found.some((f) => f.atom.unit === 'year' || f.atom.unit === 'years')) {
    const from = Math.min(...anchored.map((f) => (f.atom as { year?: number }).year ?? context.year));
    found.push({ atom: { unit: 'year', year: from, open: true }, start: 0, end: 0, group: -1 });
    return periodic(['year'], found, context, text, scanner.workday);
  }
  if (frequencies.length > 0) return periodic(frequencies, found, context, text, scanner.workday);
  if (/\bdinh ky\b/.test(key)) return unknown(`“${text}”: định kỳ nhưng không nói bao lâu một lần (hằng tháng, hằng quý, 6 tháng, hằng năm): cần Sở Nội vụ đặt hạn.`);

  // Dates that come after an event phrase belong to the event ("sau khi … công bố chỉ số năm 2024").
  const eventAt = EVENT_ANYWHERE.exec(key);
  // "Tháng 12/2026 (trước kỳ họp HĐND)": the meeting, not the month, is the deadline; only a person can date it.
  if (eventAt && new RegExp(`^(?:truoc|den|toi) (?:khi )?(?:co )?${MEETING}`).test(eventAt[0])) return eventDeadline();
  if (eventAt) {
    const before = tokenize(key.slice(0, eventAt.index)).length;
    const dated = found.filter((f) => f.end <= before);
    if (dated.length === 0) return eventDeadline();
    found.splice(0, found.length, ...dated);
  }
  if (scanner.vague) return unknown(`“${text}”: “${scanner.vague}” không chỉ một ngày cụ thể; dondoc không đoán. Cần Sở Nội vụ đặt hạn.`);
  // "Cả năm", "Trong năm": the plan's own year, due at its end.
  if (found.length === 0 && /^(?:ca|trong|suot) nam$/.test(body)) {
    return reading('due', [`${context.year}-12-31`], `Trong năm ${context.year} (năm của kế hoạch): hạn ${formatCivil(`${context.year}-12-31`)}.`);
  }
  if (found.length === 0 || found.every((f) => f.atom.unit === 'dayOnly')) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  return dueOrYearly(found, scanner, context, text);
}

/**
 * "Trong 30 ngày kể từ ngày ban hành Kế hoạch", "10 ngày làm việc kể từ ngày Kế hoạch được ban
 * hành", "Trong thời hạn 02 tháng kể từ ngày ký ban hành Kế hoạch này": a period counted from the
 * plan's own date. The whole cell must be that phrase (the plan itself, nothing after it: "… Kế
 * hoạch của Bộ Nội vụ" is another plan's). Counted as Bộ luật Dân sự 2015 counts (Điều 147: the
 * issue day itself is not counted; a period in months ends on the same day of the last month, or
 * its last day); the working-day shift of Điều 148 comes after, in scheduleDeadline; working days
 * on the province's calendar. Without the plan's date: `event`, saying that date is what is missing.
 */
function countedFromIssue(body: string, text: string, context: DeadlineContext): ParsedDeadline | null {
  const match = FROM_ISSUE.exec(body.replace(ISSUED_AFTER, 'tu ngay ban hanh $1'));
  if (!match) return null;
  const n = Number(match[1]);
  const unit = match[2]!;
  const named = match[3]!;
  const issued = context.issued;
  const isPlanDocument = named === 'ke hoach' || (issued !== undefined && issued.kind !== null && textKey(issued.kind) === named);
  if (!isPlanDocument) return null;
  if (!issued) return reading('event', [], 'Tính từ ngày ban hành kế hoạch, nhưng chưa đọc được ngày đó trong văn bản: Sở Nội vụ cần đặt hạn (hoặc nhập lại văn bản có dòng “…, ngày … tháng … năm …”).');
  if (n < 1 || n > 1000) return null;
  let due: CivilDate;
  if (unit === 'ngay lam viec') {
    if (!context.calendar) return unknown(`“${text}”: ${NEEDS_CALENDAR}`);
    due = context.calendar.addWorkingDays(issued.date, n);
  } else if (unit === 'ngay') due = addDays(issued.date, n);
  else if (unit === 'tuan') due = addDays(issued.date, 7 * n);
  else {
    const [y, m, d] = issued.date.split('-').map(Number) as [number, number, number];
    const months = y * 12 + (m - 1) + n;
    const year = Math.floor(months / 12);
    const month = (months % 12) + 1;
    due = civilDate(year, month, Math.min(d, daysInMonth(year, month)))!;
  }
  const unitWords = { ngay: 'ngày', 'ngay lam viec': 'ngày làm việc', tuan: 'tuần', thang: 'tháng' }[unit]!;
  return reading('due', [due], `${n} ${unitWords} kể từ ngày ban hành (${formatCivil(issued.date)}, ngày ghi trên văn bản): hạn ${formatCivil(due)}.`);
}

/** A period counted from the plan's own issue: the number, the unit and the document named ("… kể từ ngày Kế hoạch được ban hành" is first written "… kể từ ngày ban hành Kế hoạch"). */
const FROM_ISSUE =
  /^(?:(?:trong vong|trong thoi han|trong thoi gian|trong|cham nhat|khong qua|toi da)\s+)?(\d{1,4}) (ngay lam viec|ngay|tuan|thang) (?:ke )?tu (?:ngay )?(?:(?:ky )?ban hanh|ky) (ke hoach|quyet dinh)(?: nay)?\s*[.;]?$/;
const ISSUED_AFTER = /(?:ke )?tu (?:ngay )?(ke hoach|quyet dinh)(?: nay)? (?:duoc )?(?:ky )?ban hanh/;

function eventDeadline(): ParsedDeadline {
  return reading('event', [], 'Chờ sự kiện bên ngoài: Sở Nội vụ cần đặt ngày cụ thể khi có thông tin.');
}

/**
 * "Trước Tết Nguyên đán Bính Ngọ", "Trước Giỗ Tổ Hùng Vương năm 2026", "Trước Tết Dương lịch 2027":
 * the day before the holiday (its eve), due before the break. Tết Nguyên đán and Giỗ Tổ without a
 * year are the plan year's; Tết Dương lịch without a year is the one that ends the plan's year.
 */
function holidayDeadline(found: Found[], frequencies: Frequency[], context: DeadlineContext, text: string): ParsedDeadline {
  const holidays = found.filter((f) => f.atom.unit === 'holiday').map((f) => f.atom as Extract<Atom, { unit: 'holiday' }>);
  if (holidays.length !== found.length) {
    // "Trước Tết Nguyên đán Bính Ngọ (trước 13/02/2026)": a day before the holiday is the deadline; any other mix is not read.
    const days = found.filter((f) => f.atom.unit === 'day');
    const eves = holidays.map((h) => {
      const y = h.year ?? (h.name === 'newyear' ? context.year + 1 : context.year);
      return addDays(h.name === 'tet' ? tetDay(y) : h.name === 'gioto' ? lunarToSolar(10, 3, y) : `${y}-01-01`, -1);
    });
    if (frequencies.length === 0 && holidays.length === 1 && days.length + holidays.length === found.length) {
      const years = assignYears(days, context.year);
      const dates = days.map((f) => endDate(f.atom as YearlessAtom, years.get(f)!));
      if (dates.every((d) => d <= eves[0]!)) {
        const kept = sortUnique(dates);
        return reading('due', kept, `Đọc là ${listDates(kept)}, trước ${holidays[0]!.label} (ngày liền trước là ${formatCivil(eves[0]!)}): hạn ${listDates(kept)}.`);
      }
    }
    return unknown(`“${text}”: vừa có ngày vừa có dịp lễ, không rõ hạn nào; cần Sở Nội vụ đặt hạn.`);
  }
  const loose = holidays.find((h) => !h.before);
  if (loose) return unknown(`“${text}”: “${loose.label}” là một dịp kéo dài nhiều ngày, không phải một hạn; dondoc không đoán. Cần Sở Nội vụ đặt hạn.`);
  if (frequencies.some((f) => f !== 'year')) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  const recurring = frequencies.length > 0;
  const years: number[] = [];
  if (recurring) for (let y = context.period?.from ?? context.year; y <= (context.period?.to ?? context.year); y += 1) years.push(y);
  const dates: CivilDate[] = [];
  const parts: string[] = [];
  for (const h of holidays) {
    const own = h.year ?? (h.name === 'newyear' ? context.year + 1 : context.year);
    for (const y of recurring ? years.map((y) => y + (h.rel ?? 0) + (h.name === 'newyear' ? 1 : 0)) : [own]) {
      const day = h.name === 'tet' ? tetDay(y) : h.name === 'gioto' ? lunarToSolar(10, 3, y) : `${y}-01-01`;
      dates.push(addDays(day, -1));
      parts.push(`trước ${h.label} ${y} (${h.name === 'tet' ? 'mùng 1 Tết' : h.name === 'gioto' ? 'ngày Giỗ Tổ, 10/3 âm lịch,' : 'ngày'} là ${formatCivil(day)})`);
    }
  }
  const kept = sortUnique(dates);
  const how = recurring ? 'Hằng năm, đọc' : 'Đọc';
  return {
    ...reading(recurring ? 'recurring' : 'due', kept, `${how} là ${parts.slice(0, 3).join(', ')}: hạn ngày liền trước, ${listDates(kept)}; nếu là ngày nghỉ thì hạn là ngày làm việc trước kỳ nghỉ.`),
    dueBefore: true,
  };
}

function dueOrYearly(found: Found[], scanner: AtomScanner, context: DeadlineContext, text: string): ParsedDeadline {
  const tokens = scanner.tokens;
  const spans = found.filter((f) => f.atom.unit === 'years' || (f.atom.unit === 'year' && f.atom.open));
  if (spans.length > 0 || (found.every((f) => f.atom.unit === 'year') && new Set(found.map((f) => (f.atom as { year: number }).year)).size > 1)) {
    if (scanner.workday || scanner.weekdays.length > 0) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
    return yearly(found, context, text);
  }
  const first = found[0]!;
  if (found.length === 1 && first.opensSpan && first.atom.unit !== 'year') {
    const year = assignYears(found, context.year).get(first)!;
    return reading('ongoing', [], `Bắt đầu từ ${describe(first.atom, year).replace(/ \(hạn cuối (tháng|quý)\)/, '')}, không có hạn kết thúc: báo cáo tiến độ định kỳ.`);
  }
  const years = assignYears(found, context.year);
  // A weekday written beside a date must be that date's weekday: "Thứ Sáu, 20/3/2026".
  for (const weekday of scanner.weekdays) {
    const day = found.filter((f) => f.atom.unit === 'day').sort((a, b) => Math.abs(a.start - weekday.start) - Math.abs(b.start - weekday.start))[0]!;
    // "Thứ Hai tuần đầu tiên của tháng 3": a weekday inside a week names a day dondoc does not compute.
    if ((day.atom as { label?: string }).label) return unknown(`“${text}”: một thứ trong một tuần, không phải một ngày ghi rõ; cần Sở Nội vụ đặt hạn.`);
    const date = endDate(day.atom as YearlessAtom, years.get(day)!);
    if (dayOfWeek(date) !== weekday.dow) {
      const named = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'][weekday.dow]!;
      return unknown(`“${text}”: ${formatCivil(date)} là ${weekdayName(date)}, không phải ${named}; không rõ ngày nào đúng. Cần Sở Nội vụ xem lại.`);
    }
  }
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
    if (atom.unit === 'dayOnly' || atom.unit === 'years' || atom.unit === 'holiday') continue;
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
    if (f.rangeFromPrevious && previous && previous.atom.unit !== 'year' && previous.atom.unit !== 'years' && previous.atom.unit !== 'dayOnly' && previous.atom.unit !== 'holiday') {
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
  const inForce = entries.filter((e) => !entries.some((o) => o.rank < e.rank && o.date >= e.first && o.date <= e.date && o.date !== e.date && (o.rank === 0 || !listed(o.at, e.at))));
  if (inForce.length === 0) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  if (scanner.workday) {
    // "Ngày làm việc cuối cùng của tháng 3": the period's last (or first) working day on the province's calendar.
    const calendar = context.calendar!;
    if (inForce.some((e) => e.rank === 0)) return unknown(`“${text}”: “ngày làm việc …” cần một tháng, quý hoặc năm, không phải một ngày; cần Sở Nội vụ xem lại.`);
    const last = scanner.workday === 'last';
    const kept = sortUnique(inForce.map((e) => (last ? calendar.onOrBefore(e.date) : calendar.onOrAfter(e.first))));
    return reading('due', kept, `Đọc là ngày làm việc ${last ? 'cuối cùng' : 'đầu tiên'} của ${labels.map((l) => l.replace(/ \(hạn cuối (tháng|quý)\)/, '')).join(', ')} theo lịch làm việc của tỉnh: hạn ${listDates(kept)}.`);
  }
  const kept = sortUnique(inForce.map((e) => e.date));
  return reading('due', kept, `Đọc là ${labels.join(', ')}: hạn ${listDates(kept)}.`);
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
  return reading('recurring', kept, `Đọc là ${parts.join(', ')}: kiểm tra cuối mỗi năm (${listDates(kept)}).`);
}

/** Periodic phrases: "Hằng quý", "Định kỳ 6 tháng", "Hằng năm (trước 15/12)", "ngày 20 hằng tháng", "trước 15/01 năm sau" each year. */
function periodic(frequencies: Frequency[], found: Found[], context: DeadlineContext, text: string, workday: 'first' | 'last' | null = null): ParsedDeadline {
  // Which years: a span in the cell, a year named in it (with "từ" = onward), else the plan's.
  let from = context.period?.from ?? context.year;
  let to = context.period?.to ?? context.year;
  const span = found.find((f) => f.atom.unit === 'years')?.atom as Extract<Atom, { unit: 'years' }> | undefined;
  // A relative year ("năm sau") inside a periodic cell is relative to each period, not a year of its own.
  const named = found.map((f) => f.atom).filter((a): a is Extract<Atom, { unit: 'year' }> => a.unit === 'year' && !Number.isNaN(a.year) && a.rel === undefined);
  if (span) {
    from = Math.max(span.from, context.period?.from ?? span.from);
    to = span.to;
  } else if (named.length > 0) {
    from = Math.min(...named.map((a) => a.year));
    to = named.some((a) => a.open) ? Math.max(from, context.period?.to ?? context.year) : Math.max(...named.map((a) => a.year));
  }
  if (from > to) from = to;
  // "Từ tháng 10/2026, hằng quý", "Từ tháng 10/2026 đến tháng 6/2027, hằng quý": the months are where the duty starts (and ends), not deadlines.
  const bound = (f: Found | undefined) => f !== undefined && (f.atom.unit === 'month' || f.atom.unit === 'quarter' || f.atom.unit === 'day');
  if (found[0]?.opensSpan && bound(found[0])) {
    if (!workday && found.length === 1) return periodicFrom(frequencies, found, context, text);
    if (!workday && found.length === 2 && found[1]!.rangeFromPrevious && bound(found[1])) return periodicFrom(frequencies, found, context, text);
    return unknown(`“${text}”: dondoc không rõ các mốc trong ô này là lúc bắt đầu hay hạn của từng kỳ; cần Sở Nội vụ đặt hạn.`);
  }
  const anchors = found.map((f) => f.atom).filter((a): a is YearlessAtom => a.unit === 'day' || a.unit === 'month' || a.unit === 'quarter' || a.unit === 'part');
  const dayOnly = found.map((f) => f.atom).find((a): a is Extract<Atom, { unit: 'dayOnly' }> => a.unit === 'dayOnly');
  if (found.some((f) => f.atom.unit === 'year' && f.atom.rel !== undefined) && anchors.length === 0) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  if (workday && (dayOnly || anchors.some((a) => a.unit === 'day'))) return unknown(`“${text}”: “ngày làm việc …” cần một tháng, quý hoặc năm, không phải một ngày; cần Sở Nội vụ xem lại.`);
  const dates: CivilDate[] = [];
  const onWorkday = (first: CivilDate, last: CivilDate) => (workday === 'last' ? context.calendar!.onOrBefore(last) : workday === 'first' ? context.calendar!.onOrAfter(first) : last);
  for (let y = from; y <= to; y += 1) {
    // Named days replace the period ends ("Hằng năm (trước 15/12)"); a day of the month given for
    // the period ("trước ngày 20 của tháng cuối quý") is kept beside them.
    for (const a of anchors) {
      const ay = y + ('rel' in a && a.rel !== undefined ? a.rel : 0);
      dates.push(onWorkday(startDate(a, ay), endDate(a, ay)));
    }
    if (anchors.length > 0 && !dayOnly) continue;
    for (const f of frequencies) {
      if (anchors.length > 0 && f === 'year') continue;
      const months = { month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], quarter: [3, 6, 9, 12], half: [6, 12], year: [12] }[f];
      const length = { month: 1, quarter: 3, half: 6, year: 12 }[f];
      for (const m of months) {
        const day = dayOnly && f !== 'year' ? Math.min(dayOnly.day, daysInMonth(y, m)) : daysInMonth(y, m);
        dates.push(onWorkday(civilDate(y, m - length + 1, 1)!, civilDate(y, m, day)!));
      }
    }
  }
  const kept = sortUnique(dates);
  if (kept.length === 0) return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
  const how = frequencies.map((f) => FREQ_WORDS[f]).join(', ');
  const years = from === to ? `năm ${from}` : `${from}–${to}`;
  const which = workday ? `, vào ngày làm việc ${workday === 'last' ? 'cuối cùng' : 'đầu tiên'} của kỳ theo lịch làm việc của tỉnh` : '';
  return reading('recurring', kept, `Định kỳ ${how} (${years})${which}: ${listDates(kept)}.`);
}

/**
 * A periodic duty from a start on ("Tháng 10/2026 trở đi, định kỳ hằng quý", "Từ quý IV/2026, hằng
 * quý"): the month, quarter or day is where the work starts, not a deadline. The checks are the
 * ends of the periods of the calendar (quarters end 31/3, 30/6, 30/9, 31/12, as CCHC reports do)
 * from the start through the plan's period (its year without one); the duty goes on after it,
 * since the cell names no end. With an end ("đến tháng 6/2027") the checks stop there; an end
 * inside a period is unknown, as a start inside one is. A start inside a period ("Tháng 8/2026 trở đi, hằng quý") is unknown:
 * whether the first check is 30/9 (the calendar quarter) or 31/10 (three months on) the cell does
 * not say, and dondoc does not choose.
 */
function periodicFrom(frequencies: Frequency[], found: Found[], context: DeadlineContext, text: string): ParsedDeadline {
  const [start, end] = found as [Found, Found | undefined];
  const atom = start.atom as YearlessAtom;
  const years = assignYears(found, context.year);
  const year = years.get(start)!;
  const first = startDate(atom, year);
  const last = end ? endDate(end.atom as YearlessAtom, years.get(end)!) : undefined;
  if (last !== undefined && last < first) return unknown(`“${text}”: kết thúc trước khi bắt đầu; cần Sở Nội vụ xem lại.`);
  const [fy, fm, fd] = first.split('-').map(Number) as [number, number, number];
  const length = { month: 1, quarter: 3, half: 6, year: 12 };
  const inside = frequencies.filter((f) => fd !== 1 || (fm - 1) % length[f] !== 0);
  if (inside.length > 0) {
    return unknown(
      `“${text}”: bắt đầu từ ${formatCivil(first)}, giữa một kỳ ${inside.map((f) => FREQ_WORDS[f]).join(', ')}; không rõ kỳ đầu tiên kết thúc cuối kỳ theo lịch hay tính từ ngày bắt đầu. Cần Sở Nội vụ đặt hạn.`,
    );
  }
  if (last !== undefined) {
    // The span must end where a period ends ("đến tháng 6/2027" for quarters; not "đến tháng 5/2027").
    const [ly, lm, ld] = last.split('-').map(Number) as [number, number, number];
    const cut = frequencies.filter((f) => ld !== daysInMonth(ly, lm) || lm % length[f] !== 0);
    if (cut.length > 0) return unknown(`“${text}”: kết thúc ${formatCivil(last)}, giữa một kỳ ${cut.map((f) => FREQ_WORDS[f]).join(', ')}; không rõ kỳ cuối. Cần Sở Nội vụ đặt hạn.`);
  }
  const to = last !== undefined ? Number(last.slice(0, 4)) : Math.max(fy, context.period?.to ?? context.year);
  const dates: CivilDate[] = [];
  for (let y = fy; y <= to; y += 1) {
    for (const f of frequencies) {
      for (let m = length[f]; m <= 12; m += length[f]) {
        const end = civilDate(y, m, daysInMonth(y, m))!;
        if (end >= first && (last === undefined || end <= last)) dates.push(end);
      }
    }
  }
  const kept = sortUnique(dates);
  const how = frequencies.map((f) => FREQ_WORDS[f]).join(', ');
  const from = describe(atom, year).replace(/ \(hạn cuối (tháng|quý)\)/, '');
  const until = last !== undefined ? `đến hết ${formatCivil(last)}` : `không có hạn kết thúc; trong kỳ kế hoạch (đến hết năm ${to})`;
  return reading('recurring', kept, `Định kỳ ${how} bắt đầu từ ${from}, ${until}: ${listDates(kept)}.`);
}

/** Adds the working-day shift: a due date on a weekend or holiday moves to the next working day. */
export function scheduleDeadline(raw: string, context: DeadlineContext, calendar: WorkCalendar): ScheduledDeadline {
  const parsed = parseDeadline(raw, { ...context, calendar: context.calendar ?? calendar });
  const dueDates = parsed.dates.map((d) => (parsed.dueBefore ? calendar.onOrBefore(d) : calendar.onOrAfter(d)));
  const moved = parsed.dates
    .map((d, i) => (dueDates[i] !== d ? `${formatCivil(d)} là ngày nghỉ nên ${parsed.dueBefore ? 'hạn là ngày làm việc trước đó' : 'lùi sang'} ${formatCivil(dueDates[i]!)}` : null))
    .filter((m): m is string => m !== null);
  const shown = moved.length > 4 ? [...moved.slice(0, 3), `và ${moved.length - 3} ngày khác`] : moved;
  return { ...parsed, dueDates, note: shown.length > 0 ? `${parsed.note} ${shown.join('; ')}.` : parsed.note };
}
