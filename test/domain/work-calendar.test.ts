import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/app/province-data.js';
import { tetDay, lunarToSolar } from '../../src/domain/lunar.js';
import { computedHolidays } from '../../src/domain/work-calendar.js';

const calendar = loadCalendar(join(process.cwd(), 'data'));

describe('working days', () => {
  it.each([
    ['2024-02-08', false, 'Tết Giáp Thìn starts'],
    ['2024-02-14', false, 'Tết Giáp Thìn ends'],
    ['2024-02-15', true, 'first working day after Tết'],
    ['2024-04-18', false, 'Giỗ Tổ Hùng Vương'],
    ['2024-04-29', false, 'swapped day before 30/4'],
    ['2024-05-04', true, 'make-up working Saturday'],
    ['2024-09-03', false, 'National Day, adjacent day'],
    ['2024-12-14', false, 'a Saturday'],
    ['2024-12-16', true, 'an ordinary Monday'],
    ['2026-02-16', false, 'Tết Bính Ngọ 2026 (14–22/2)'],
    ['2026-02-23', true, 'back to work after Tết 2026'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('moves forward to the next working day and back to the one before', () => {
    expect(calendar.onOrAfter('2024-02-10')).toBe('2024-02-15');
    expect(calendar.onOrBefore('2024-02-10')).toBe('2024-02-07');
    expect(calendar.addWorkingDays('2024-02-16', -2)).toBe('2024-02-07');
    expect(calendar.addWorkingDays('2024-12-13', 1)).toBe('2024-12-16');
    expect(calendar.workingDaysBetween('2024-12-13', '2024-12-20')).toBe(5);
  });

  it('uses 2026 as announced: 2/1 off with Saturday 10/1 worked, Monday 31/8 off with Saturday 22/8 worked', () => {
    expect(calendar.source(2026)).toBe('official');
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    // A deadline on Friday 2/1/2026 is due on Monday 5/1.
    expect(calendar.onOrAfter('2026-01-02')).toBe('2026-01-05');
    expect(calendar.workingDaysBetween('2026-01-05', '2026-01-12')).toBe(6);
  });

  it('knows where each year comes from', () => {
    expect(calendar.source(2024)).toBe('official');
    expect(calendar.source(2027)).toBe('provisional');
    expect(calendar.source(2031)).toBe('computed');
  });
});

describe('lunar fallback', () => {
  it.each([
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
  ])('Tết and Giỗ Tổ of %i', (year, tet, gioTo) => {
    expect(tetDay(year)).toBe(tet);
    expect(lunarToSolar(10, 3, year)).toBe(gioTo);
  });

  it('gives five Tết days and compensates holidays falling on a weekend', () => {
    const days = computedHolidays(2028);
    for (const day of ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29']) expect(days).toContain(day);
    // 29/1/2028 is a Saturday: the next free working day is given in compensation.
    expect(days).toContain('2028-01-31');
    expect(calendar.isWorkingDay('2028-01-31')).toBe(false);
    expect(calendar.isWorkingDay('2028-02-01')).toBe(true);
  });
});

describe('fast working-day arithmetic agrees with counting day by day', () => {
  it('on 2,000 random dates and offsets between 2021 and 2031', async () => {
    const { addDays } = await import('../../src/domain/civil-date.js');
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i += 1) {
      const start = addDays('2021-01-01', Math.floor(random() * 3650));
      const n = Math.floor(random() * 41) - 20;
      let slow = start;
      for (let left = Math.abs(n); left > 0; ) {
        slow = addDays(slow, n < 0 ? -1 : 1);
        if (calendar.isWorkingDay(slow)) left -= 1;
      }
      expect(calendar.addWorkingDays(start, n)).toBe(slow);
      const end = addDays(start, Math.floor(random() * 60));
      let count = 0;
      for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) count += 1;
      expect(calendar.workingDaysBetween(start, end)).toBe(count);
    }
  });
});
