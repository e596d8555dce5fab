/**
 * Civil dates ("YYYY-MM-DD", a day on the province's wall calendar, no time or zone). Deadlines and
 * holidays are days, so they are handled as days; only sending times involve a time zone.
 */
export type CivilDate = string;

const pad = (n: number) => String(n).padStart(2, '0');

/** Builds "YYYY-MM-DD", or null when the day does not exist (30/2, 31/4…). */
export function civilDate(year: number, month: number, day: number): CivilDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** A day typed as ngày/tháng/năm ("30/09/2024", "1/7/2026"), or null if it is not one or not in the calendar. */
export function parseTypedDay(text: string): CivilDate | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return match ? civilDate(Number(match[3]), Number(match[2]), Number(match[1])) : null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of a month. */
export function endOfMonth(year: number, month: number): CivilDate {
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

/** The last day of a quarter (1–4). */
export function endOfQuarter(year: number, quarter: number): CivilDate {
  return endOfMonth(year, quarter * 3);
}

function toUtc(date: CivilDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** date + n days (n may be negative). */
export function addDays(date: CivilDate, n: number): CivilDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  return toUtc(date).getUTCDay();
}

/** "31/12/2024": how a date is written in Vietnamese documents. */
export function formatCivil(date: CivilDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The Vietnamese weekday name ("thứ Hai" … "Chủ nhật"). */
export function weekdayName(date: CivilDate): string {
  return ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'][dayOfWeek(date)]!;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The civil date of an instant in a time zone (default Asia/Ho_Chi_Minh). */
export function civilDateOf(instant: Date, timeZone = 'Asia/Ho_Chi_Minh'): CivilDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}
