import { addDays, dayOfWeek, type CivilDate } from './civil-date.js';
import { lunarToSolar, tetDay } from './lunar.js';

/** One year of official days off and make-up working Saturdays (data/holidays.json). */
export interface HolidayYear {
  daysOff: CivilDate[];
  workingSaturdays: CivilDate[];
  provisional?: boolean;
  note?: string;
}

export type YearSource = 'official' | 'provisional' | 'computed';

/**
 * Public holidays by the Labour Code 2019, Art. 112, for a year the holiday file does not list:
 * 1/1; Tết (last day of the lunar year and mùng 1–4); Giỗ Tổ (10/3 lunar); 30/4; 1/5; 2/9 and 1/9;
 * a holiday on a weekend gives a compensatory day on the next working day.
 */
export function computedHolidays(year: number): CivilDate[] {
  const tet = tetDay(year);
  const days = new Set<CivilDate>([
    `${year}-01-01`,
    addDays(tet, -1),
    tet,
    addDays(tet, 1),
    addDays(tet, 2),
    addDays(tet, 3),
    lunarToSolar(10, 3, year),
    `${year}-04-30`,
    `${year}-05-01`,
    `${year}-09-01`,
    `${year}-09-02`,
  ]);
  for (const day of [...days].sort()) {
    const weekday = dayOfWeek(day);
    if (weekday !== 0 && weekday !== 6) continue;
    let compensation = addDays(day, 1);
    while (days.has(compensation) || [0, 6].includes(dayOfWeek(compensation))) compensation = addDays(compensation, 1);
    days.add(compensation);
  }
  return [...days].sort();
}

/**
 * Working days for civil servants: Monday–Friday, minus holidays, plus make-up Saturdays.
 * Working-day arithmetic is O(1) after a year's first use: each year's working days are listed
 * once, with their running count since 2000, so planning 100,000 reminders stays cheap.
 */
export class WorkCalendar {
  private readonly daysOff = new Map<number, Set<CivilDate>>();
  private readonly workingSaturdays = new Set<CivilDate>();
  /** Per year: its working days in order, and how many working days came before 1/1 of it. */
  private readonly index = new Map<number, { days: CivilDate[]; before: number }>();

  constructor(private readonly years: Record<string, HolidayYear>) {
    for (const [year, data] of Object.entries(years)) {
      this.daysOff.set(Number(year), new Set(data.daysOff));
      for (const day of data.workingSaturdays) this.workingSaturdays.add(day);
    }
  }

  /** Where a year's holidays come from: the file (official or provisional) or the lunar computation. */
  source(year: number): YearSource {
    const data = this.years[String(year)];
    if (!data) return 'computed';
    return data.provisional ? 'provisional' : 'official';
  }

  private offIn(year: number): Set<CivilDate> {
    let set = this.daysOff.get(year);
    if (!set) {
      set = new Set(computedHolidays(year));
      this.daysOff.set(year, set);
    }
    return set;
  }

  /** True on Monday–Friday that are not holidays, and on make-up working Saturdays. */
  isWorkingDay(date: CivilDate): boolean {
    if (this.workingSaturdays.has(date)) return true;
    const weekday = dayOfWeek(date);
    if (weekday === 0 || weekday === 6) return false;
    return !this.offIn(Number(date.slice(0, 4))).has(date);
  }

  /** The date itself if it is a working day, else the next working day (Civil Code 2015, Art. 148). */
  onOrAfter(date: CivilDate): CivilDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** The date itself if it is a working day, else the working day before it. */
  onOrBefore(date: CivilDate): CivilDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  private yearIndex(year: number): { days: CivilDate[]; before: number } {
    let entry = this.index.get(year);
    if (entry) return entry;
    const before = year <= 2000 ? 0 : this.yearIndex(year - 1).before + this.yearIndex(year - 1).days.length;
    const days: CivilDate[] = [];
    for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) if (this.isWorkingDay(day)) days.push(day);
    entry = { days, before };
    this.index.set(year, entry);
    return entry;
  }

  /** How many working days there are from 1/1/2000 up to and including `date`. */
  private ordinal(date: CivilDate): number {
    const { days, before } = this.yearIndex(Number(date.slice(0, 4)));
    let low = 0;
    let high = days.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (days[mid]! <= date) low = mid + 1;
      else high = mid;
    }
    return before + low;
  }

  /** The working day with a given ordinal (the inverse of ordinal for working days). */
  private atOrdinal(n: number): CivilDate {
    let year = 2000;
    while (this.yearIndex(year).before + this.yearIndex(year).days.length < n) year += 1;
    while (year > 2000 && this.yearIndex(year).before >= n) year -= 1;
    const { days, before } = this.yearIndex(year);
    return days[n - before - 1]!;
  }

  /** Moves n working days from a date (n < 0 goes back); the start day itself is not counted. */
  addWorkingDays(date: CivilDate, n: number): CivilDate {
    if (n === 0) return date;
    const base = this.ordinal(date);
    if (n > 0) return this.atOrdinal(base + n);
    // Going back from a day off, the first step lands on the working day before it.
    return this.atOrdinal(base + n + (this.isWorkingDay(date) ? 0 : 1));
  }

  /** Working days after `from` up to and including `to` (0 if to ≤ from). */
  workingDaysBetween(from: CivilDate, to: CivilDate): number {
    return to <= from ? 0 : this.ordinal(to) - this.ordinal(from);
  }
}
