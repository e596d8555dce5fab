import { civilDate, endOfMonth, endOfQuarter, formatCivil, type CivilDate } from './civil-date.js';
import { cleanCell } from './plan-table.js';
import { textKey } from './text-key.js';
import type { WorkCalendar } from './work-calendar.js';

/**
 * What a "Thời gian" cell means for the scheduler:
 * - due: one or more dates; - recurring: yearly check-ins up to an end date; - ongoing: no date,
 *   periodic check-ins; - event: waits for an outside event a person must date; - unknown: not understood.
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

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const EVENT_START = /^(theo |sau khi |khi |cho |tuy theo |can cu |phu thuoc )/;

/** Repairs extraction damage: HTML debris, words broken by a stray space ("Thườn g xuyên"). */
export function repairDeadlineText(raw: string): string {
  const cleaned = cleanCell(raw);
  const squeezed = textKey(cleaned).replace(/\s/g, '');
  if (squeezed === 'thuongxuyen') return 'Thường xuyên';
  if (squeezed === 'hangnam' || squeezed === 'hangnam.') return 'Hàng năm';
  return cleaned.replace(/\s*([/-])\s*/g, '$1').replace(/[.;,]+$/, '');
}

function quarterList(text: string): number[] | null {
  // "ii, iii", "i-iv", "ii - iv", "i và ii"
  const parts = text.split(/\s*(?:,|và|va|;)\s*/).filter(Boolean);
  const quarters: number[] = [];
  for (const part of parts) {
    const range = /^([iv]+)\s*-\s*([iv]+)$/.exec(part);
    if (range) {
      const from = ROMAN[range[1]!];
      const to = ROMAN[range[2]!];
      if (!from || !to || from > to) return null;
      for (let q = from; q <= to; q += 1) quarters.push(q);
      continue;
    }
    const single = ROMAN[part];
    if (!single) return null;
    quarters.push(single);
  }
  return quarters.length > 0 ? [...new Set(quarters)].sort() : null;
}

function yearEnds(from: number, to: number): CivilDate[] {
  const out: CivilDate[] = [];
  for (let y = from; y <= to; y += 1) out.push(`${y}-12-31`);
  return out;
}

const unknown = (note: string): ParsedDeadline => ({ kind: 'unknown', dates: [], note });

/**
 * Reads a free-text Vietnamese deadline ("Quý II, III/2024", "Thường xuyên", "Trước 25/12/2023")
 * in the context of its plan. Pure and total: anything not understood is `unknown`, never a guess.
 */
export function parseDeadline(raw: string, context: DeadlineContext): ParsedDeadline {
  const text = repairDeadlineText(raw);
  const key = textKey(text);
  if (key === '') return unknown('Ô thời gian để trống: cần Sở Nội vụ đặt hạn.');
  if (key === 'thuong xuyen' || key.startsWith('thuong xuyen')) {
    return { kind: 'ongoing', dates: [], note: 'Thường xuyên: không có hạn cố định, báo cáo tiến độ định kỳ.' };
  }
  if (EVENT_START.test(key)) {
    return { kind: 'event', dates: [], note: 'Chờ sự kiện bên ngoài: Sở Nội vụ cần đặt ngày cụ thể khi có thông tin.' };
  }

  // A date: "Trước 25/12/2023", "Trước ngày 15/01/2024", "Chậm nhất ngày 15/12", "25/12/2023".
  const date = /^(?:(?:truoc|den|chậm nhat|cham nhat|han)\s+)?(?:ngay\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(key);
  if (date) {
    const year = date[3] ? Number(date[3]) : context.year;
    const day = civilDate(year, Number(date[2]), Number(date[1]));
    if (!day) return unknown(`Ngày ${date[1]}/${date[2]}/${year} không có trong lịch.`);
    return { kind: 'due', dates: [day], note: `Hạn ${formatCivil(day)}.` };
  }

  // A month: "Tháng 01/2024", "Tháng 2/2022", "Tháng 3 năm 2024", "Tháng 6".
  const month = /^(?:trong )?thang (\d{1,2})(?:(?:\/| nam )(\d{4}))?$/.exec(key);
  if (month) {
    const m = Number(month[1]);
    const year = month[2] ? Number(month[2]) : context.year;
    if (m < 1 || m > 12) return unknown(`Tháng ${m} không có.`);
    const day = endOfMonth(year, m);
    return { kind: 'due', dates: [day], note: `Trong tháng ${m}/${year}: hạn cuối tháng ${formatCivil(day)}.` };
  }

  // Quarters: "Quý I/2024", "Quý II, III/2024", "Quý I-IV năm 2024", "Quý IV".
  const quarter = /^(?:trong )?quy ([iv\s,\-va]+?)(?:\s*(?:\/|nam)\s*(\d{4}))?$/.exec(key);
  if (quarter) {
    const quarters = quarterList(quarter[1]!.trim());
    if (!quarters) return unknown(`Không đọc được quý trong “${text}”.`);
    const year = quarter[2] ? Number(quarter[2]) : context.year;
    const dates = quarters.map((q) => endOfQuarter(year, q));
    const names = quarters.map((q) => ['I', 'II', 'III', 'IV'][q - 1]).join(', ');
    return { kind: 'due', dates, note: `Quý ${names}/${year}: hạn cuối quý (${dates.map(formatCivil).join('; ')}).` };
  }

  // Half years: "6 tháng đầu năm (2024)", "6 tháng cuối năm".
  const half = /^(?:trong )?6 thang (dau|cuoi) nam(?: (\d{4}))?$/.exec(key);
  if (half) {
    const year = half[2] ? Number(half[2]) : context.year;
    const day = half[1] === 'dau' ? `${year}-06-30` : `${year}-12-31`;
    return { kind: 'due', dates: [day], note: `${half[1] === 'dau' ? '6 tháng đầu' : '6 tháng cuối'} năm ${year}: hạn ${formatCivil(day)}.` };
  }

  // A year: "Năm 2024", "Trong năm 2024", "Cả năm 2024".
  const year = /^(?:trong |ca )?nam (\d{4})$/.exec(key);
  if (year) {
    const day = `${year[1]}-12-31`;
    return { kind: 'due', dates: [day], note: `Trong năm ${year[1]}: hạn ${formatCivil(day)}.` };
  }

  // A span of years: "Năm 2024-2026", "Giai đoạn 2022-2030", "Giai đoạn ổn định 2022-2026", "2021-2025".
  const span = /^(?:(?:giai doan|nam|trong giai doan)\s+)?(?:on dinh\s+)?(\d{4})-(\d{4})$/.exec(key);
  if (span) {
    const from = Number(span[1]);
    const to = Number(span[2]);
    if (to < from) return unknown(`Khoảng năm ${from}-${to} bị ngược.`);
    const start = Math.max(from, context.period?.from ?? context.year);
    const dates = yearEnds(Math.min(start, to), to);
    return {
      kind: 'recurring',
      dates,
      note: `Giai đoạn ${from}–${to}: kiểm tra cuối mỗi năm, hạn cuối ${formatCivil(`${to}-12-31`)}.`,
    };
  }

  // "Năm 2021 và các năm tiếp theo": yearly from that year to the end of the plan's period.
  const onwards = /^(?:tu )?nam (\d{4}) (?:va|tro di|va cac nam tiep theo)/.exec(key);
  if (onwards && /(tiep theo|tro di)/.test(key)) {
    const from = Number(onwards[1]);
    const to = Math.max(from, context.period?.to ?? context.year);
    return {
      kind: 'recurring',
      dates: yearEnds(Math.max(from, context.period?.from ?? from), to),
      note: `Hằng năm từ ${from}${context.period ? ` đến hết kỳ kế hoạch (${to})` : ''}: kiểm tra cuối mỗi năm.`,
    };
  }

  // "Hàng năm", "Hằng năm", "Định kỳ hằng năm".
  if (/^(?:dinh ky )?(?:hang|hằng) nam$/.test(key)) {
    const from = context.period?.from ?? context.year;
    const to = context.period?.to ?? context.year;
    return {
      kind: 'recurring',
      dates: yearEnds(from, to),
      note: `Hằng năm${from !== to ? ` (${from}–${to})` : ` (${from})`}: kiểm tra cuối mỗi năm.`,
    };
  }

  return unknown(`Không hiểu thời hạn “${text}”: cần Sở Nội vụ đặt hạn.`);
}

/** Adds the working-day shift: a due date on a weekend or holiday moves to the next working day. */
export function scheduleDeadline(raw: string, context: DeadlineContext, calendar: WorkCalendar): ScheduledDeadline {
  const parsed = parseDeadline(raw, context);
  const dueDates = parsed.dates.map((d) => calendar.onOrAfter(d));
  const moved = parsed.dates
    .map((d, i) => (dueDates[i] !== d ? `${formatCivil(d)} là ngày nghỉ nên lùi sang ${formatCivil(dueDates[i]!)}` : null))
    .filter((m): m is string => m !== null);
  return { ...parsed, dueDates, note: moved.length > 0 ? `${parsed.note} ${moved.join('; ')}.` : parsed.note };
}
