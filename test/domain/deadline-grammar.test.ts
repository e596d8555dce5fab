import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/app/province-data.js';
import { parseDeadline, scheduleDeadline, type DeadlineKind } from '../../src/domain/deadline-grammar.js';
import { haTinhCells } from '../fixtures/seed-deadlines.js';

const calendar = loadCalendar(join(process.cwd(), 'data'));
const HA_TINH = { year: 2024 };
const SOC_TRANG = { year: 2021, period: { from: 2021, to: 2030 } };
const yearEnds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}-12-31`);

/** Every distinct "Thời gian" cell of seed 001's Phụ lục 2 and 3 (Sóc Trăng, plan 2021–2030). */
const socTrangCells: [string, DeadlineKind, string[], string[]?][] = [
  ['Hàng năm', 'recurring', yearEnds(2021, 2030)],
  ['Giai đoạn 2020-2025', 'recurring', yearEnds(2021, 2025)],
  ['Thường xuyên', 'ongoing', []],
  ['Theo chỉ đạo của Thủ tướng Chính phủ và hướng dẫn của Văn phòng Chính phủ', 'event', []],
  ['Quý IV/2021', 'due', ['2021-12-31']],
  ['2021-2025', 'recurring', yearEnds(2021, 2025)],
  ['Khi có hướng dẫn của Trung ương', 'event', []],
  ['2021-2030', 'recurring', yearEnds(2021, 2030)],
  ['Giai đoạn 2025-2030', 'recurring', yearEnds(2025, 2030)],
  ['Quý II/2022', 'due', ['2022-06-30']],
  // 31/12/2022 is a Saturday and 2/1/2023 was the day off for New Year: due Tuesday 3/1/2023.
  ['Năm 2022', 'due', ['2022-12-31'], ['2023-01-03']],
  ['Giai đoạn 2021-2025', 'recurring', yearEnds(2021, 2025)],
  ['Giai đoạn ổn định 2022- 2026', 'recurring', yearEnds(2022, 2026)],
  ['Năm 2021 và các năm tiếp theo', 'recurring', yearEnds(2021, 2030)],
  ['Theo văn bản hướng dẫn của Trung ương', 'event', []],
  ['2022-2024', 'recurring', yearEnds(2022, 2024)],
  ['2022-2025', 'recurring', yearEnds(2022, 2025)],
  ['Giai đoạn 2022-2025', 'recurring', yearEnds(2022, 2025)],
  ['Giai đoạn 2022-2024', 'recurring', yearEnds(2022, 2024)],
  ['Giai đoạn 2022-2030', 'recurring', yearEnds(2022, 2030)],
  ['Theo hướng dẫn của Bộ Giáo dục và Đào tạo và các bộ ngành có liên quan', 'event', []],
  ['Tháng 2/2022', 'due', ['2022-02-28']],
];

describe('deadline grammar on the seeds', () => {
  it.each(haTinhCells)('Hà Tĩnh 2024: %j → %s', (text, kind, dates, dueDates) => {
    const result = scheduleDeadline(text, HA_TINH, calendar);
    expect(result.kind).toBe(kind);
    expect(result.dates).toEqual(dates);
    expect(result.dueDates).toEqual(dueDates ?? dates);
    expect(result.note).not.toBe('');
  });

  it.each(socTrangCells)('Sóc Trăng 2021–2030: %j → %s', (text, kind, dates, dueDates) => {
    const result = scheduleDeadline(text, SOC_TRANG, calendar);
    expect(result.kind).toBe(kind);
    expect(result.dates).toEqual(dates);
    if (dueDates) expect(result.dueDates).toEqual(dueDates);
    for (const due of result.dueDates) expect(calendar.isWorkingDay(due)).toBe(true);
  });
});

describe('other forms from DOMAIN.md and the issue', () => {
  it.each([
    ['Trước ngày 15/01/2024', 'due', ['2024-01-15']],
    ['trước ngày 31/01/2024', 'due', ['2024-01-31']],
    ['Trước ngày 15/12', 'due', ['2024-12-15']],
    ['6 tháng đầu năm', 'due', ['2024-06-30']],
    ['6 tháng cuối năm 2024', 'due', ['2024-12-31']],
    ['Tháng 2/2022', 'due', ['2022-02-28']],
    ['Hằng năm', 'recurring', ['2024-12-31']],
    ['hang nam', 'recurring', ['2024-12-31']],
    ['QUÝ III/2024', 'due', ['2024-09-30']],
    ['<p>Quý IV/2024</p>', 'due', ['2024-12-31']],
    ['Tháng 12 năm 2024', 'due', ['2024-12-31']],
    ['Chờ hướng dẫn của Bộ', 'event', []],
  ] as const)('%j → %s', (text, kind, dates) => {
    const result = parseDeadline(text, HA_TINH);
    expect(result.kind).toBe(kind);
    expect(result.dates).toEqual(dates);
  });

  it.each(['', 'sớm', 'Trước 30/2/2024', 'Tháng 13/2024', 'Quý V/2024', 'Giai đoạn 2030-2020', 'ASAP', '🙂'])(
    'never guesses: %j is unknown with a reason',
    (text) => {
      const result = parseDeadline(text, HA_TINH);
      expect(result.kind).toBe('unknown');
      expect(result.dates).toEqual([]);
      expect(result.note.length).toBeGreaterThan(10);
    },
  );

  it('says in the note when a date moved off a holiday', () => {
    expect(scheduleDeadline('Năm 2022', SOC_TRANG, calendar).note).toContain('31/12/2022 là ngày nghỉ nên lùi sang 03/01/2023');
  });
});

describe("a period counted from the plan's own date (the date read from its header)", () => {
  const issued = { date: '2026-01-08', kind: 'Kế hoạch' };
  const PLAN_2026 = { year: 2026, issued };
  const cases: [string, string, string, string?][] = [
    // Bộ luật Dân sự 2015, Điều 147: the issue day is not counted; 8/1 + 30 days = Saturday 7/2/2026, moved to Monday 9/2 (Điều 148).
    ['Trong 30 ngày kể từ ngày ban hành Kế hoạch', '2026-02-07', '2026-02-09'],
    ['trong 30 ngay ke tu ngay ban hanh ke hoach', '2026-02-07', '2026-02-09'],
    ['Hoàn thành trong 30 ngày kể từ ngày ban hành Kế hoạch.', '2026-02-07', '2026-02-09'],
    // Working days on the 2026 calendar: Friday 9/1 is the 1st, Saturday 10/1 a make-up working day (the 2nd), … the 15th is Wednesday 28/1.
    ['Trong vòng 15 ngày làm việc kể từ ngày Kế hoạch được ban hành', '2026-01-28', '2026-01-28'],
    // 8/1 + 10 days = Sunday 18/1, due Monday 19/1.
    ['Chậm nhất 10 ngày kể từ ngày ký ban hành Kế hoạch này', '2026-01-18', '2026-01-19'],
    // A period in months ends on the same day of the last month: 8/3/2026 is a Sunday, due Monday 9/3.
    ['Trong thời hạn 02 tháng kể từ ngày ban hành Kế hoạch', '2026-03-08', '2026-03-09'],
  ];
  it.each(cases)('%s → %s (due %s)', (text, nominal, due) => {
    const scheduled = scheduleDeadline(text, PLAN_2026, calendar);
    expect(scheduled).toMatchObject({ kind: 'due', dates: [nominal], dueDates: [due], unexplained: [] });
    expect(scheduled.note).toContain('kể từ ngày ban hành (08/01/2026');
  });

  it('a month-end issue date counted in months ends on the last day of the shorter month', () => {
    // 31/1/2026 + 1 month: February has no 31st, so its last day, 28/2 (a Saturday: due Monday 2/3).
    expect(scheduleDeadline('Trong 01 tháng kể từ ngày ban hành Kế hoạch', { year: 2026, issued: { date: '2026-01-31', kind: 'Kế hoạch' } }, calendar)).toMatchObject({ dates: ['2026-02-28'], dueDates: ['2026-03-02'] });
  });

  it('waits for Sở Nội vụ when the date is unknown, or when the words name another document', () => {
    // No date read: the same words stay an event, and the note says what is missing.
    const undated = parseDeadline('Trong 30 ngày kể từ ngày ban hành Kế hoạch', { year: 2026 });
    expect(undated).toMatchObject({ kind: 'event', dates: [] });
    expect(undated.note).toContain('chưa đọc được ngày đó');
    // Another plan: the Ministry's, not this one.
    expect(parseDeadline('30 ngày kể từ ngày ban hành Kế hoạch của Bộ Nội vụ', PLAN_2026)).toMatchObject({ kind: 'event', dates: [] });
    // "Quyết định" is this plan's document only when the plan was issued as a Quyết định.
    expect(parseDeadline('Trong 20 ngày kể từ ngày ban hành Quyết định', PLAN_2026)).toMatchObject({ kind: 'event', dates: [] });
    expect(parseDeadline('Trong 20 ngày kể từ ngày ban hành Quyết định', { year: 2026, issued: { date: '2026-03-15', kind: 'Quyết định' } })).toMatchObject({ kind: 'due', dates: ['2026-04-04'] });
  });
});

describe('a periodic duty from a start on, and year spans, in a 2026 plan (#27)', () => {
  const PLAN_2026 = { year: 2026 };
  const PLAN_2026_2030 = { year: 2026, period: { from: 2026, to: 2030 } };
  const quarterEnds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => [3, 6, 9, 12].map((m) => `${from + i}-${String(m).padStart(2, '0')}-${m === 6 || m === 9 ? 30 : 31}`)).flat();

  // "Tháng 10/2026 trở đi, định kỳ hằng quý": the duty starts in October 2026 and comes back every
  // quarter with no end. October is where the work starts, not a deadline (the old reading gave
  // 31/10 alone); October opens the fourth quarter, so the first check is the quarter's end
  // 31/12/2026, then every quarter end of the plan's period. A one-year plan shows one check, still
  // recurring (the note says the duty has no end); a 2026–2030 plan shows the 17 quarter ends.
  it.each([
    'Tháng 10/2026 trở đi, định kỳ hằng quý',
    'Tháng 10/2026 trở đi, định kỳ hàng quý',
    'Thang 10/2026 tro di, dinh ky hang quy',
    'Tháng 10/2026 trở về sau, định kỳ hằng quý',
    'tháng 10/2026 trở đi , định kỳ hằng quý .',
    'Từ tháng 10/2026, định kỳ hằng quý',
    'Định kỳ hằng quý, bắt đầu từ tháng 10/2026',
    'Hằng quý từ tháng 10/2026',
    'Từ Quý IV/2026 trở đi, hằng quý',
  ])('%j: every quarter end from 31/12/2026, never 31/10 alone', (text) => {
    const one = parseDeadline(text, PLAN_2026);
    expect(one).toMatchObject({ kind: 'recurring', dates: ['2026-12-31'], unexplained: [] });
    expect(one.note).toContain('không có hạn kết thúc');
    expect(parseDeadline(text, PLAN_2026_2030)).toMatchObject({ kind: 'recurring', dates: ['2026-12-31', ...quarterEnds(2027, 2030)] });
  });

  it('reads the other frequencies from a start the same way, and stops at an end the cell names', () => {
    expect(parseDeadline('Tháng 10/2026 trở đi, hằng tháng', PLAN_2026).dates).toEqual(['2026-10-31', '2026-11-30', '2026-12-31']);
    expect(parseDeadline('Từ tháng 7/2026, định kỳ 6 tháng', PLAN_2026_2030).dates).toEqual(['2026-12-31', '2027-06-30', '2027-12-31', '2028-06-30', '2028-12-31', '2029-06-30', '2029-12-31', '2030-06-30', '2030-12-31']);
    expect(parseDeadline('Từ 01/10/2026, hằng quý', PLAN_2026).dates).toEqual(['2026-12-31']);
    // "đến tháng 6/2027": the last check is the quarter that ends then (the old reading gave 30/6/2026 and 31/10/2026).
    expect(parseDeadline('Từ tháng 10/2026 đến tháng 6/2027, hằng quý', PLAN_2026)).toMatchObject({ kind: 'recurring', dates: ['2026-12-31', '2027-03-31', '2027-06-30'] });
  });

  it.each([
    // Starting inside a quarter: the first check is either the calendar quarter's end (30/9) or
    // three months on (31/10); the cell does not say which, so dondoc does not choose.
    ['Tháng 8/2026 trở đi, hằng quý', 'giữa một kỳ hằng quý'],
    ['Từ 15/10/2026, hằng quý', 'giữa một kỳ hằng quý'],
    // "Hằng năm" from October: every 31/12, or every October? Not said.
    ['Tháng 10/2026 trở đi, hằng năm', 'giữa một kỳ hằng năm'],
    // An end inside a quarter: which quarter is the last is not said.
    ['Từ tháng 10/2026 đến tháng 5/2027, hằng quý', 'giữa một kỳ hằng quý'],
  ])('%j is unknown, with the reason (never one date)', (text, reason) => {
    const parsed = parseDeadline(text, PLAN_2026);
    expect(parsed.kind).toBe('unknown');
    expect(parsed.dates).toEqual([]);
    expect(parsed.note).toContain(reason);
  });

  // Year spans: "Năm 2026-2027", "Giai đoạn 2026 - 2030", "2026-2027". Officials write a span of
  // years for work carried out through each of those years and reported in each yearly CCHC report
  // (due mid-December, scored per year): the task is checked at the end of every year of the span,
  // and it is finished at 31/12 of the last year. One date (31/12 of the last year) would let the
  // first years pass with no check and no report; unknown would throw away what the cell says plainly.
  it.each([
    ['Năm 2026-2027', yearEnds(2026, 2027)],
    ['Năm 2026 - 2027', yearEnds(2026, 2027)],
    ['2026-2027', yearEnds(2026, 2027)],
    ['Giai đoạn 2026 - 2030', yearEnds(2026, 2030)],
    ['giai doan 2026-2030', yearEnds(2026, 2030)],
    ['Năm 2027 về sau', ['2027-12-31']],
  ])('%j: a check at each year end, the last 31/12 of the last year', (text, dates) => {
    expect(parseDeadline(text, PLAN_2026)).toMatchObject({ kind: 'recurring', dates, unexplained: [] });
  });
});
