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
