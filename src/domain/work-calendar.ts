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

/** Working days for civil servants: Monday–Friday, minus holidays, plus make-up Saturdays. */
export class WorkCalendar {
  private readonly daysOff = new Map<number, Set<CivilDate>>();
  private readonly workingSaturdays = new Set<CivilDate>();

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

  /** Moves n working days from a date (n < 0 goes back); the start day itself is not counted. */
  addWorkingDays(date: CivilDate, n: number): CivilDate {
    let day = date;
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }

  /** Working days after `from` up to and including `to` (0 if to ≤ from). */
  workingDaysBetween(from: CivilDate, to: CivilDate): number {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }
}
