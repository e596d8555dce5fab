import { describe, expect, it } from 'vitest';
import { parseDeadline, type DeadlineContext, type DeadlineKind } from '../../src/domain/deadline-grammar.js';

/**
 * How officials write "Thời gian hoàn thành" beyond the seed tables: written from reading provincial
 * CCHC plans (yearly plans, 5-year plans, report calendars), varied in spelling, diacritics, case,
 * word order and extraction damage. Dates are dd/mm/yyyy as a reader would write them; each group
 * states the convention it checks. Unless a row says otherwise, the plan is a one-year plan for 2024.
 */
type Row = [text: string, kind: DeadlineKind, dates: string[], context?: DeadlineContext];

const Y2024: DeadlineContext = { year: 2024 };
const P2021: DeadlineContext = { year: 2021, period: { from: 2021, to: 2025 } };
const P2026: DeadlineContext = { year: 2026, period: { from: 2026, to: 2030 } };

const iso = (d: string) => {
  const [day, month, year] = d.split('/');
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
};
const monthEnds = (year: number, months: number[]) => months.map((m) => `${new Date(Date.UTC(year, m, 0)).getUTCDate()}/${m}/${year}`);
const yearEnds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `31/12/${from + i}`);

/** A. A day, with the deadline words plans use before it. "Trước 25/12" is due on 25/12 (inclusive). */
const days: Row[] = [
  ['Trước 30/6/2024', 'due', ['30/6/2024']],
  ['Trước ngày 30/6/2024', 'due', ['30/6/2024']],
  ['trước ngày 30/06/2024', 'due', ['30/6/2024']],
  ['TRƯỚC NGÀY 15/12/2024', 'due', ['15/12/2024']],
  ['truoc ngay 15/12/2024', 'due', ['15/12/2024']],
  ['Truoc 15/12', 'due', ['15/12/2024']],
  ['Trước 15/12', 'due', ['15/12/2024']],
  ['Trước ngày 15/01', 'due', ['15/1/2024']],
  ['Chậm nhất ngày 15/12/2024', 'due', ['15/12/2024']],
  ['Chậm nhất 31/3/2024', 'due', ['31/3/2024']],
  ['chậm nhất là ngày 20/11/2024', 'due', ['20/11/2024']],
  ['Cham nhat ngay 05/02/2024', 'due', ['5/2/2024']],
  ['Hạn chót 30/9/2024', 'due', ['30/9/2024']],
  ['Hạn chót: ngày 30/9/2024', 'due', ['30/9/2024']],
  ['Hạn: 10/10/2024', 'due', ['10/10/2024']],
  ['Hoàn thành trước 31/5/2024', 'due', ['31/5/2024']],
  ['Hoàn thành trước ngày 31/05/2024', 'due', ['31/5/2024']],
  ['Xong trước 30/4/2024', 'due', ['30/4/2024']],
  ['Trình UBND tỉnh trước ngày 20/12/2024', 'due', ['20/12/2024']],
  ['Ban hành trước 31/01/2024', 'due', ['31/1/2024']],
  ['Gửi Sở Nội vụ trước ngày 15/12/2024', 'due', ['15/12/2024']],
  ['Báo cáo về Sở Nội vụ trước ngày 15/6/2024', 'due', ['15/6/2024']],
  ['Ngày 30/6/2024', 'due', ['30/6/2024']],
  ['30/6/2024', 'due', ['30/6/2024']],
  ['30/06/2024', 'due', ['30/6/2024']],
  ['30-6-2024', 'due', ['30/6/2024']],
  ['30.6.2024', 'due', ['30/6/2024']],
  ['Trước 30 / 6 / 2024', 'due', ['30/6/2024']],
  ['Trước 25/12/2023', 'due', ['25/12/2023']],
  ['Đến 31/12/2024', 'due', ['31/12/2024']],
  ['Đến ngày 31/10/2024', 'due', ['31/10/2024']],
  ['Trong ngày 05/9/2024', 'due', ['5/9/2024']],
  ['Trước 15/01/2025', 'due', ['15/1/2025']],
  ['Trước ngày 05/02/2025', 'due', ['5/2/2025']],
  ['Trước 29/02/2024', 'due', ['29/2/2024']],
  ['trước 15/3 và 15/9/2024', 'due', ['15/3/2024', '15/9/2024']],
  ['Trước ngày 15/6/2024 và trước ngày 15/12/2024', 'due', ['15/6/2024', '15/12/2024']],
  ['15/6/2024; 15/12/2024', 'due', ['15/6/2024', '15/12/2024']],
  ['Từ 01/6/2024 đến 30/6/2024', 'due', ['30/6/2024']],
  ['Từ ngày 01/11 đến ngày 15/12/2024', 'due', ['15/12/2024']],
  ['Tháng 12/2024 (trước ngày 20/12/2024)', 'due', ['20/12/2024']],
  ['Năm 2024 (trước 15/12)', 'due', ['15/12/2024']],
  ['Quý IV/2024, chậm nhất ngày 15/12/2024', 'due', ['15/12/2024']],
  ['Trước 31/01/2024 (đối với sở, ngành)', 'due', ['31/1/2024']],
  ['Dự kiến trước 30/9/2024', 'due', ['30/9/2024']],
  ['Phấn đấu hoàn thành trước 30/11/2024', 'due', ['30/11/2024']],
  ['Thời gian: trước 31/7/2024', 'due', ['31/7/2024']],
  ['- Trước ngày 30/6/2024.', 'due', ['30/6/2024']],
  ['Trước 30/6/2024;', 'due', ['30/6/2024']],
  ['Trước 20/12/2026', 'due', ['20/12/2026'], P2026],
  // The data period of a report is not its deadline.
  ['Trước 15/12/2024 (số liệu tính từ 15/12/2023 đến 14/12/2024)', 'due', ['15/12/2024']],
  // A document's number and date are not the deadline.
  ['Năm 2024 (theo Kế hoạch số 12/KH-UBND ngày 15/01/2024)', 'due', ['31/12/2024']],
  ['Quý III/2024, thực hiện theo Quyết định 1880/QĐ-UBND', 'due', ['30/9/2024']],
  ['Trước 30/6/2024 (Công văn số 45/SNV-CCHC)', 'due', ['30/6/2024']],
];

/** B. Long-form dates ("ngày … tháng … năm …"). */
const longDates: Row[] = [
  ['Ngày 15 tháng 12 năm 2024', 'due', ['15/12/2024']],
  ['Trước ngày 15 tháng 12 năm 2024', 'due', ['15/12/2024']],
  ['trước ngày 30 tháng 6 năm 2024', 'due', ['30/6/2024']],
  ['Chậm nhất ngày 31 tháng 3 năm 2024', 'due', ['31/3/2024']],
  ['Hoàn thành trước ngày 30 tháng 9 năm 2024', 'due', ['30/9/2024']],
  ['TRƯỚC NGÀY 01 THÁNG 11 NĂM 2024', 'due', ['1/11/2024']],
  ['truoc ngay 10 thang 10 nam 2024', 'due', ['10/10/2024']],
  ['Ngày 20 tháng 01 năm 2025', 'due', ['20/1/2025']],
  ['Trước ngày 15 tháng 12', 'due', ['15/12/2024']],
  ['ngày 25 tháng 12', 'due', ['25/12/2024']],
  ['Hạn chót ngày 05 tháng 02 năm 2024', 'due', ['5/2/2024']],
  ['Trước ngày 15 tháng 6 và ngày 15 tháng 12 năm 2024', 'due', ['15/6/2024', '15/12/2024']],
  ['Ngày 28 tháng 02 năm 2026', 'due', ['28/2/2026'], P2026],
  ['Trước ngày 31 tháng 12 năm 2025', 'due', ['31/12/2025']],
  ['ngày 30 tháng 4 năm 2024', 'due', ['30/4/2024']],
  ['Trình trước ngày 20 tháng 11 năm 2024', 'due', ['20/11/2024']],
  ['Trước ngày 10 tháng 01/2024', 'due', ['10/1/2024']],
  ['Chậm nhất là ngày 15 tháng 7 năm 2024', 'due', ['15/7/2024']],
  ['Ngày 1 tháng 6 năm 2024', 'due', ['1/6/2024']],
  ['Trong ngày 31 tháng 5 năm 2024', 'due', ['31/5/2024']],
];

/** C. Months: due at the month's end; lists give each month; spans give each month of the span. */
const months: Row[] = [
  ['Tháng 01/2024', 'due', ['31/1/2024']],
  ['Tháng 1/2024', 'due', ['31/1/2024']],
  ['Tháng 6/2024', 'due', ['30/6/2024']],
  ['tháng 6/2024', 'due', ['30/6/2024']],
  ['THÁNG 6/2024', 'due', ['30/6/2024']],
  ['Thang 6/2024', 'due', ['30/6/2024']],
  ['Tháng 6 năm 2024', 'due', ['30/6/2024']],
  ['Tháng 6, năm 2024', 'due', ['30/6/2024']],
  ['Tháng 6-2024', 'due', ['30/6/2024']],
  ['Tháng 06/2024', 'due', ['30/6/2024']],
  ['Tháng 6', 'due', ['30/6/2024']],
  ['Trong tháng 6', 'due', ['30/6/2024']],
  ['Trong tháng 9/2024', 'due', ['30/9/2024']],
  ['Trong tháng 02/2024', 'due', ['29/2/2024']],
  ['Tháng 2/2025', 'due', ['28/2/2025']],
  ['T6/2024', 'due', ['30/6/2024']],
  ['06/2024', 'due', ['30/6/2024']],
  ['Hoàn thành trong tháng 10/2024', 'due', ['31/10/2024']],
  ['Cuối tháng 6/2024', 'due', ['30/6/2024']],
  ['Hết tháng 11/2024', 'due', ['30/11/2024']],
  ['Đến hết tháng 8/2024', 'due', ['31/8/2024']],
  ['Tháng 5, 6/2024', 'due', ['31/5/2024', '30/6/2024']],
  ['Tháng 5 và tháng 6/2024', 'due', ['31/5/2024', '30/6/2024']],
  ['Trong tháng 5 và tháng 6/2024', 'due', ['31/5/2024', '30/6/2024']],
  ['Tháng 5 và 6 năm 2024', 'due', ['31/5/2024', '30/6/2024']],
  ['Tháng 3, tháng 9/2024', 'due', ['31/3/2024', '30/9/2024']],
  ['Tháng 6 và tháng 12 năm 2024', 'due', ['30/6/2024', '31/12/2024']],
  ['Tháng 6/2024; tháng 12/2024', 'due', ['30/6/2024', '31/12/2024']],
  ['Tháng 3-6/2024', 'due', monthEnds(2024, [3, 4, 5, 6])],
  ['Tháng 3 - 5/2024', 'due', ['31/3/2024', '30/4/2024', '31/5/2024']],
  ['Từ tháng 3 đến tháng 5/2024', 'due', ['31/3/2024', '30/4/2024', '31/5/2024']],
  ['Từ tháng 10 đến tháng 12 năm 2024', 'due', ['31/10/2024', '30/11/2024', '31/12/2024']],
  ['Tháng 11/2024 - tháng 01/2025', 'due', ['30/11/2024', '31/12/2024', '31/1/2025']],
  ['Tháng 12/2024 - Tháng 2/2025', 'due', ['31/12/2024', '31/1/2025', '28/2/2025']],
  ['Tháng 11 - tháng 2/2025', 'due', ['30/11/2024', '31/12/2024', '31/1/2025', '28/2/2025']],
  ['Từ tháng 12/2024 đến tháng 01/2025', 'due', ['31/12/2024', '31/1/2025']],
  ['Tháng 12/2024 sang tháng 01/2025', 'due', ['31/12/2024', '31/1/2025']],
  ['Tháng 4, 5, 6 năm 2024', 'due', ['30/4/2024', '31/5/2024', '30/6/2024']],
  ['tháng 7 & tháng 8/2024', 'due', ['31/7/2024', '31/8/2024']],
  // "hoặc" leaves a choice the plan does not make: no date is stated (30/9 would count the task late when October was allowed).
  ['Tháng 9/2024 hoặc tháng 10/2024', 'unknown', []],
  ['Trước tháng 10/2024', 'due', ['31/10/2024']],
  ['Tháng 12', 'due', ['31/12/2024']],
  ['Tháng 01/2027', 'due', ['31/1/2027'], P2026],
  ['Tháng 3/2026', 'due', ['31/3/2026'], P2026],
  ['Tháng 02 năm 2023', 'due', ['28/2/2023']],
];

/** D. Quarters: Roman or Arabic numerals, with or without diacritics, lists and spans (each quarter's end). */
const quarters: Row[] = [
  ['Quý I/2024', 'due', ['31/3/2024']],
  ['Quý 1/2024', 'due', ['31/3/2024']],
  ['Quý II/2024', 'due', ['30/6/2024']],
  ['Quý 2/2024', 'due', ['30/6/2024']],
  ['Quý 2 năm 2024', 'due', ['30/6/2024']],
  ['Quy II/2024', 'due', ['30/6/2024']],
  ['quy 2/2024', 'due', ['30/6/2024']],
  ['QUÝ II/2024', 'due', ['30/6/2024']],
  ['QUY III NAM 2024', 'due', ['30/9/2024']],
  ['Quý III năm 2024', 'due', ['30/9/2024']],
  ['Quý 3/2024', 'due', ['30/9/2024']],
  ['Quý IV/2024', 'due', ['31/12/2024']],
  ['Quý 4 năm 2024', 'due', ['31/12/2024']],
  ['Quý IV', 'due', ['31/12/2024']],
  ['Quý 4', 'due', ['31/12/2024']],
  ['Trong Quý III/2024', 'due', ['30/9/2024']],
  ['Hoàn thành trong Quý III/2024', 'due', ['30/9/2024']],
  ['Trình UBND tỉnh trong quý II/2024', 'due', ['30/6/2024']],
  ['Trước Quý IV/2024', 'due', ['31/12/2024']],
  ['Cuối quý II/2024', 'due', ['30/6/2024']],
  ['Hết quý I/2024', 'due', ['31/3/2024']],
  ['Q2/2024', 'due', ['30/6/2024']],
  ['QII/2024', 'due', ['30/6/2024']],
  ['Quý II-2024', 'due', ['30/6/2024']],
  ['Quý II, III/2024', 'due', ['30/6/2024', '30/9/2024']],
  ['Quý II,III/2024', 'due', ['30/6/2024', '30/9/2024']],
  ['Quý II và III/2024', 'due', ['30/6/2024', '30/9/2024']],
  ['Quý II và Quý III năm 2024', 'due', ['30/6/2024', '30/9/2024']],
  ['Quý 2, 3 năm 2024', 'due', ['30/6/2024', '30/9/2024']],
  ['Quý 2 và quý 3/2024', 'due', ['30/6/2024', '30/9/2024']],
  ['Quý I, II năm 2024', 'due', ['31/3/2024', '30/6/2024']],
  ['Quý I, Quý II/2024', 'due', ['31/3/2024', '30/6/2024']],
  ['Quý I-IV năm 2024', 'due', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Quý I - IV/2024', 'due', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Quý 1-4/2024', 'due', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Quý II – IV năm 2024', 'due', ['30/6/2024', '30/9/2024', '31/12/2024']],
  ['Từ Quý II đến Quý IV/2024', 'due', ['30/6/2024', '30/9/2024', '31/12/2024']],
  ['Quý II đến quý III năm 2024', 'due', ['30/6/2024', '30/9/2024']],
  ['Quý IV/2024 - Quý I/2025', 'due', ['31/12/2024', '31/3/2025']],
  ['Quý IV/2024 và Quý I/2025', 'due', ['31/12/2024', '31/3/2025']],
  ['Quý IV/2024 sang Quý I/2025', 'due', ['31/12/2024', '31/3/2025']],
  ['Từ quý IV/2024 đến quý II/2025', 'due', ['31/12/2024', '31/3/2025', '30/6/2025']],
  ['Quý IV - quý I/2025', 'due', ['31/12/2024', '31/3/2025']],
  ['Quý III, IV', 'due', ['30/9/2024', '31/12/2024']],
  ['Quý I/2026', 'due', ['31/3/2026'], P2026],
  ['Quý II/2022', 'due', ['30/6/2022'], P2021],
  ['Quý IV năm 2021', 'due', ['31/12/2021'], P2021],
  ['Quý III/2024 (sau khi có hướng dẫn của Bộ)', 'due', ['30/9/2024']],
  ['Quý II/2024 theo hướng dẫn của Bộ Nội vụ', 'due', ['30/6/2024']],
  ['Quý 3, 2024', 'due', ['30/9/2024']],
  // Periods listed with "và" are each a deadline; a year placing a finer period is not.
  ['6 tháng đầu năm 2024 và cả năm 2024', 'due', ['30/6/2024', '31/12/2024']],
  ['Quý II và năm 2024', 'due', ['30/6/2024', '31/12/2024']],
  ['Cả năm', 'due', ['31/12/2024']],
  ['Trong năm', 'due', ['31/12/2024']],
  // A span between different units is due at its end.
  ['Từ tháng 4/2024 đến hết năm 2024', 'due', ['31/12/2024']],
  ['Năm 2024 - Quý I/2025', 'due', ['31/3/2025']],
  ['Từ Quý II/2024 đến hết năm 2025', 'due', ['31/12/2025']],
  // A year around a finer period only places it.
  ['Năm 2024, quý II', 'due', ['30/6/2024']],
  ['Quý IV/2024 (tháng 11)', 'due', ['30/11/2024']],
  ['Tháng 6/ năm 2024', 'due', ['30/6/2024']],
];

/** E. Parts of the year: "6 tháng đầu năm" = 30/6, "9 tháng đầu năm" = 30/9, "6 tháng cuối năm" = 31/12. */
const parts: Row[] = [
  ['6 tháng đầu năm', 'due', ['30/6/2024']],
  ['6 tháng đầu năm 2024', 'due', ['30/6/2024']],
  ['6 thang dau nam 2024', 'due', ['30/6/2024']],
  ['Sáu tháng đầu năm 2024', 'due', ['30/6/2024']],
  ['6 tháng cuối năm', 'due', ['31/12/2024']],
  ['6 tháng cuối năm 2024', 'due', ['31/12/2024']],
  ['9 tháng đầu năm', 'due', ['30/9/2024']],
  ['9 tháng đầu năm 2024', 'due', ['30/9/2024']],
  ['Trong 9 tháng đầu năm 2024', 'due', ['30/9/2024']],
  ['3 tháng đầu năm 2024', 'due', ['31/3/2024']],
  ['Nửa đầu năm 2024', 'due', ['30/6/2024']],
  ['Nửa cuối năm 2024', 'due', ['31/12/2024']],
  ['6 tháng năm 2024', 'due', ['30/6/2024']],
  ['Trong 6 tháng đầu năm 2024', 'due', ['30/6/2024']],
  ['Hoàn thành trong 6 tháng cuối năm 2024', 'due', ['31/12/2024']],
  ['6 tháng đầu năm 2026', 'due', ['30/6/2026'], P2026],
  ['6 tháng đầu năm và 6 tháng cuối năm 2024', 'due', ['30/6/2024', '31/12/2024']],
  ['9 THÁNG ĐẦU NĂM', 'due', ['30/9/2024']],
  ['6 tháng/2024', 'due', ['30/6/2024']],
  ['3 tháng cuối năm 2024', 'due', ['31/12/2024']],
  ['Trong 02 tháng đầu năm 2024', 'due', ['29/2/2024']],
  ['5 tháng đầu năm', 'due', ['31/5/2024']],
];

/** F. Years and year spans: one year is due on 31/12; a span or a list of years is checked each year end. */
const years: Row[] = [
  ['Năm 2024', 'due', ['31/12/2024']],
  ['năm 2024', 'due', ['31/12/2024']],
  ['NĂM 2024', 'due', ['31/12/2024']],
  ['2024', 'due', ['31/12/2024']],
  ['Trong năm 2024', 'due', ['31/12/2024']],
  ['Cả năm 2024', 'due', ['31/12/2024']],
  ['Cuối năm 2024', 'due', ['31/12/2024']],
  ['Cuối năm', 'due', ['31/12/2024']],
  ['Đến hết năm 2024', 'due', ['31/12/2024']],
  ['Hết năm 2025', 'due', ['31/12/2025']],
  ['Trước năm 2025', 'due', ['31/12/2025']],
  ['Đến năm 2025', 'due', ['31/12/2025']],
  ['Hoàn thành trong năm 2024', 'due', ['31/12/2024']],
  ['Năm 2025', 'due', ['31/12/2025'], P2021],
  ['Năm 2026', 'due', ['31/12/2026'], P2026],
  ['Năm 2024-2026', 'recurring', yearEnds(2024, 2026)],
  ['Năm 2024 - 2026', 'recurring', yearEnds(2024, 2026)],
  ['2024-2025', 'recurring', yearEnds(2024, 2025)],
  ['2024 - 2025', 'recurring', yearEnds(2024, 2025)],
  ['Giai đoạn 2024-2025', 'recurring', yearEnds(2024, 2025)],
  ['Giai đoạn 2021 - 2025', 'recurring', yearEnds(2021, 2025), P2021],
  ['Giai đoạn 2021–2025', 'recurring', yearEnds(2021, 2025), P2021],
  ['giai doan 2021-2025', 'recurring', yearEnds(2021, 2025), P2021],
  ['GIAI ĐOẠN 2026-2030', 'recurring', yearEnds(2026, 2030), P2026],
  ['Từ năm 2024 đến năm 2026', 'recurring', yearEnds(2024, 2026)],
  ['Từ năm 2022 đến hết năm 2025', 'recurring', yearEnds(2022, 2025), P2021],
  ['Từ 2022 đến 2025', 'recurring', yearEnds(2022, 2025), P2021],
  ['Năm 2024, 2025', 'recurring', yearEnds(2024, 2025)],
  ['Năm 2024 và năm 2025', 'recurring', yearEnds(2024, 2025)],
  ['Năm 2022 và các năm tiếp theo', 'recurring', yearEnds(2022, 2025), P2021],
  ['Năm 2027 và những năm tiếp theo', 'recurring', yearEnds(2027, 2030), P2026],
  ['Từ năm 2023 trở đi', 'recurring', yearEnds(2023, 2025), P2021],
  ['Từ năm 2027', 'recurring', yearEnds(2027, 2030), P2026],
  ['Giai đoạn 2020-2025', 'recurring', yearEnds(2021, 2025), P2021],
  ['Giai đoạn ổn định 2022 - 2025', 'recurring', yearEnds(2022, 2025), P2021],
];

/** G. Periodic phrases: checks on each period's end (or the day named) in every year of the plan. */
const periodic: Row[] = [
  ['Hằng năm', 'recurring', ['31/12/2024']],
  ['Hàng năm', 'recurring', ['31/12/2024']],
  ['hang nam', 'recurring', ['31/12/2024']],
  ['HÀNG NĂM', 'recurring', ['31/12/2024']],
  ['Định kỳ hằng năm', 'recurring', ['31/12/2024']],
  ['Định kỳ hàng năm', 'recurring', ['31/12/2024']],
  ['Mỗi năm một lần', 'recurring', ['31/12/2024']],
  ['Hằng năm', 'recurring', yearEnds(2021, 2025), P2021],
  ['Hằng năm', 'recurring', yearEnds(2026, 2030), P2026],
  ['Hằng năm (trước 15/12)', 'recurring', ['15/12/2024']],
  ['Hằng năm (trước ngày 15/12)', 'recurring', ['15/12/2021', '15/12/2022', '15/12/2023', '15/12/2024', '15/12/2025'], P2021],
  ['Hằng năm, trước ngày 15/12', 'recurring', ['15/12/2024']],
  ['Trước 15/12 hằng năm', 'recurring', ['15/12/2024']],
  ['Trước ngày 15/12 hàng năm', 'recurring', ['15/12/2026', '15/12/2027', '15/12/2028', '15/12/2029', '15/12/2030'], P2026],
  ['Ngày 15/12 hằng năm', 'recurring', ['15/12/2024']],
  ['Trước ngày 31/01 hằng năm', 'recurring', ['31/1/2024']],
  ['Trước 15/6 và 15/12 hằng năm', 'recurring', ['15/6/2024', '15/12/2024']],
  ['Tháng 12 hằng năm', 'recurring', ['31/12/2024']],
  ['Tháng 6 và tháng 12 hằng năm', 'recurring', ['30/6/2024', '31/12/2024']],
  ['Quý IV hằng năm', 'recurring', ['31/12/2024']],
  ['Quý I hàng năm', 'recurring', ['31/3/2024']],
  ['Định kỳ hằng năm trước ngày 15/12', 'recurring', ['15/12/2024']],
  ['Hằng quý', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Hàng quý', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['hang quy', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Định kỳ hằng quý', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Định kỳ quý', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Theo quý', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Báo cáo định kỳ theo quý', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Mỗi quý một lần', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Hằng quý (trước ngày 15 của tháng cuối quý)', 'recurring', ['15/3/2024', '15/6/2024', '15/9/2024', '15/12/2024']],
  ['Trước ngày 15 tháng cuối quý', 'recurring', ['15/3/2024', '15/6/2024', '15/9/2024', '15/12/2024']],
  ['Trước ngày 20 của tháng cuối quý và trước ngày 15/12 (báo cáo năm)', 'recurring', ['20/3/2024', '20/6/2024', '20/9/2024', '15/12/2024', '20/12/2024']],
  ['Hằng quý năm 2025', 'recurring', ['31/3/2025', '30/6/2025', '30/9/2025', '31/12/2025']],
  ['Định kỳ 6 tháng', 'recurring', ['30/6/2024', '31/12/2024']],
  ['Định kỳ 6 tháng, hằng năm', 'recurring', ['30/6/2024', '31/12/2024']],
  ['6 tháng một lần', 'recurring', ['30/6/2024', '31/12/2024']],
  ['Định kỳ 03 tháng', 'recurring', ['31/3/2024', '30/6/2024', '30/9/2024', '31/12/2024']],
  ['Định kỳ 06 tháng', 'recurring', ['30/6/2024', '31/12/2024']],
  ['Báo cáo trước ngày 10 của tháng cuối quý', 'recurring', ['10/3/2024', '10/6/2024', '10/9/2024', '10/12/2024']],
  ['Hằng tháng', 'recurring', monthEnds(2024, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])],
  ['Hàng tháng', 'recurring', monthEnds(2024, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])],
  ['Định kỳ hằng tháng', 'recurring', monthEnds(2024, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])],
  ['Ngày 20 hằng tháng', 'recurring', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => `20/${m}/2024`)],
  ['Trước ngày 25 hàng tháng', 'recurring', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => `25/${m}/2024`)],
  ['Hằng năm giai đoạn 2022-2025', 'recurring', yearEnds(2022, 2025), P2021],
  ['Hằng năm từ năm 2023', 'recurring', yearEnds(2023, 2025), P2021],
  ['Trước 15/12/2023 và các năm tiếp theo', 'recurring', ['15/12/2023', '15/12/2024', '15/12/2025'], P2021],
  ['Thực hiện hằng năm', 'recurring', ['31/12/2024']],
  ['Hằng năm.', 'recurring', ['31/12/2024']],
];

/** H. Ongoing: no date; dondoc asks for progress before each quarter ends. */
const ongoing: Row[] = [
  ['Thường xuyên', 'ongoing', []],
  ['thuong xuyen', 'ongoing', []],
  ['THƯỜNG XUYÊN', 'ongoing', []],
  ['Thường xuyên, liên tục', 'ongoing', []],
  ['Thực hiện thường xuyên', 'ongoing', []],
  ['Thường xuyên trong năm', 'ongoing', []],
  ['Thường xuyên trong năm 2024', 'ongoing', []],
  ['Liên tục', 'ongoing', []],
  ['Hằng tuần', 'ongoing', []],
  ['Hàng ngày', 'ongoing', []],
  ['Thường xuyên (báo cáo kết quả hằng quý)', 'ongoing', []],
  ['Triển khai thường xuyên', 'ongoing', []],
  ['Thườngxuyên', 'ongoing', []],
  ['Thường  xuyên', 'ongoing', []],
  ['Thường xuyên, hằng năm', 'ongoing', []],
  // "Từ …" with no end says when the work starts: followed up like ongoing work.
  ['Từ tháng 5/2024', 'ongoing', []],
  ['Thực hiện từ quý II/2024', 'ongoing', []],
  ['Từ ngày 01/7/2024', 'ongoing', []],
];

/** I. Waiting for an event only a person can date. */
const events: Row[] = [
  ['Theo Kế hoạch của Bộ Nội vụ', 'event', []],
  ['Theo kế hoạch của UBND tỉnh', 'event', []],
  ['Theo yêu cầu', 'event', []],
  ['Theo yêu cầu của UBND tỉnh', 'event', []],
  ['Theo chỉ đạo của UBND tỉnh', 'event', []],
  ['Theo hướng dẫn của Bộ Nội vụ', 'event', []],
  ['Theo tiến độ của dự án', 'event', []],
  ['Theo lộ trình của Chính phủ', 'event', []],
  ['Theo quy định', 'event', []],
  ['Sau khi có hướng dẫn của Bộ', 'event', []],
  ['Sau khi Bộ Nội vụ công bố Chỉ số CCHC năm 2024', 'event', []],
  ['Ngay sau khi Nghị định có hiệu lực', 'event', []],
  ['Ngay khi có văn bản của Trung ương', 'event', []],
  ['Khi có văn bản hướng dẫn', 'event', []],
  ['Khi có yêu cầu', 'event', []],
  ['Khi được giao', 'event', []],
  ['Căn cứ vào hướng dẫn của Bộ Nội vụ', 'event', []],
  ['Căn cứ tình hình thực tế', 'event', []],
  ['Tùy theo tình hình thực tế', 'event', []],
  ['Tuỳ tình hình thực tế', 'event', []],
  ['Tùy thuộc vào tiến độ phê duyệt', 'event', []],
  ['Phụ thuộc vào kinh phí được giao', 'event', []],
  ['Chờ hướng dẫn của Bộ', 'event', []],
  ['Đột xuất', 'event', []],
  ['Đột xuất theo yêu cầu', 'event', []],
  ['Trong vòng 30 ngày kể từ ngày Quyết định có hiệu lực', 'event', []],
  ['Trong thời hạn 15 ngày kể từ khi nhận được văn bản', 'event', []],
  ['Chậm nhất 10 ngày kể từ ngày kết thúc đợt kiểm tra', 'event', []],
  ['Sau 30 ngày kể từ ngày ban hành Kế hoạch', 'event', []],
  ['Trước khi tổ chức Hội nghị tổng kết', 'event', []],
  ['Thực hiện theo hướng dẫn của Bộ', 'event', []],
  ['Triển khai theo kế hoạch được phê duyệt', 'event', []],
  ['Sau khi các cơ quan liên quan công bố chỉ số PCI năm 2024', 'event', []],
  ['Khi có chỉ đạo của Trung ương', 'event', []],
  ['Nếu có phát sinh', 'event', []],
  ['sau khi co huong dan', 'event', []],
];

/** J. Too vague to date or not a deadline at all: unknown with a reason, never a guess. */
const unknowns: Row[] = [
  ['', 'unknown', []],
  ['Đầu năm 2024', 'unknown', []],
  ['Giữa năm 2024', 'unknown', []],
  ['Đầu quý III/2024', 'unknown', []],
  ['Giữa tháng 6/2024', 'unknown', []],
  ['Đầu tháng 10', 'unknown', []],
  ['Sớm', 'unknown', []],
  ['Càng sớm càng tốt', 'unknown', []],
  ['ASAP', 'unknown', []],
  ['Định kỳ', 'unknown', []],
  ['Trước 30/2/2024', 'unknown', []],
  ['Trước 31/4/2024', 'unknown', []],
  ['Tháng 13/2024', 'unknown', []],
  ['Quý V/2024', 'unknown', []],
  ['Quý 5 năm 2024', 'unknown', []],
  ['Giai đoạn 2030-2020', 'unknown', []],
  ['Ngày 32/12/2024', 'unknown', []],
  ['Chưa xác định', 'unknown', []],
  ['Kịp thời', 'unknown', []],
  ['x', 'unknown', []],
  ['-', 'unknown', []],
  ['Trước ngày 20', 'unknown', []],
  ['Quý', 'unknown', []],
  ['🙂', 'unknown', []],
  ['Đúng hạn', 'unknown', []],
];

/** K. Extraction damage: HTML debris, words broken by a stray space, decomposed (NFD) text. */
const damaged: Row[] = [
  ['Thườn g xuyên', 'ongoing', []],
  ['Thư ờng xuyên', 'ongoing', []],
  ['Qu ý II/2024', 'due', ['30/6/2024']],
  ['Th áng 6/2024', 'due', ['30/6/2024']],
  ['Tr ước 30/6/2024', 'due', ['30/6/2024']],
  ['Hà ng năm', 'recurring', ['31/12/2024']],
  ['<p>Quý IV/2024</p>', 'due', ['31/12/2024']],
  ['Quý IV/2024<br>', 'due', ['31/12/2024']],
  ['Quý&nbsp;II/2024', 'due', ['30/6/2024']],
  ['Quý II/ 2024', 'due', ['30/6/2024']],
  ['Quý II /2024', 'due', ['30/6/2024']],
  ['QuýII/2024', 'due', ['30/6/2024']],
  ['Quý2/2024', 'due', ['30/6/2024']],
  ['Tháng6/2024', 'due', ['30/6/2024']],
  ['Quý II/2024'.normalize('NFD'), 'due', ['30/6/2024']],
  ['Thường xuyên'.normalize('NFD'), 'ongoing', []],
  ['Hằng năm (trước 15/12)'.normalize('NFD'), 'recurring', ['15/12/2024']],
  ['  Trước   ngày   15/12/2024  ', 'due', ['15/12/2024']],
  ['Quý II, III /2024.', 'due', ['30/6/2024', '30/9/2024']],
  ['Năm 2024\n', 'due', ['31/12/2024']],
  ['Quý\u00a0III/2024', 'due', ['30/9/2024']],
  ['Tuỳ theo tình hình', 'event', []],
  ['Tùy theo tình hình', 'event', []],
];

const groups: [string, Row[]][] = [
  ['A. a day with deadline words', days],
  ['B. long-form dates', longDates],
  ['C. months, lists and spans', months],
  ['D. quarters', quarters],
  ['E. parts of the year', parts],
  ['F. years and year spans', years],
  ['G. periodic phrases', periodic],
  ['H. ongoing', ongoing],
  ['I. events', events],
  ['J. vague or unreadable', unknowns],
  ['K. extraction damage', damaged],
];

const all = groups.flatMap(([, rows]) => rows);

describe('deadline corpus (phrasings beyond the seeds)', () => {
  it('has at least 300 phrasings', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
  });

  for (const [name, rows] of groups) {
    describe(name, () => {
      it.each(rows)('%j → %s %j', (text, kind, dates, context) => {
        const result = parseDeadline(text, context ?? Y2024);
        expect({ kind: result.kind, dates: result.dates }).toEqual({ kind, dates: dates.map(iso) });
        expect(result.note.length).toBeGreaterThan(5);
      });
    });
  }

  it('explains an unknown cell instead of guessing', () => {
    for (const [text, kind] of all) {
      if (kind !== 'unknown') continue;
      const result = parseDeadline(text, Y2024);
      expect(result.note).toMatch(/Sở Nội vụ|không có|chỉ có|ngược/);
    }
  });
});
