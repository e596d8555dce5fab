import { describe, expect, it } from 'vitest';
import { pickTaskTables } from '../../src/documents/table-picker.js';

/** A page's piece of a ruled task table as the PDF reader gives it: its grid and which cells are one with the cell above. */
const HEADER = ['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành'];
const none = (rows: number) => Array.from({ length: rows }, () => [false, false, false, false, false]);

describe('picking the task table and its continuations', () => {
  // Page 1: tasks 1 and 2, "Sở Tư pháp" one cell over both (and on, past the break).
  const page1 = {
    grid: [HEADER, ['1', 'Rà soát văn bản', 'Sở Tư pháp', 'Các sở, ban, ngành', 'Năm 2026'], ['2', 'Thẩm định dự thảo', 'Sở Tư pháp', 'Văn phòng UBND tỉnh', 'Quý II/2026']],
    mergedAbove: [...none(2), [false, false, true, false, false]],
    afterParagraphsOnly: true,
  };

  it('gives a lead merged down across the page break to the tasks of the next page it covers, not to the rest of the cut row', () => {
    // Page 2: the header repeated, the rest of task 2 (no TT), tasks 3 and 4 — the lead column one empty cell over all three.
    const page2 = {
      grid: [HEADER, ['', 'hệ thống pháp luật.', '', '', ''], ['3', 'Kiểm tra văn bản', '', 'Sở Nội vụ', 'Quý III/2026'], ['4', 'Theo dõi thi hành', '', 'Công an tỉnh', 'Thường xuyên']],
      mergedAbove: [...none(2), [false, false, true, false, false], [false, false, true, false, false]],
      afterParagraphsOnly: true,
    };
    const picked = pickTaskTables([page1, page2])!;
    expect(picked.rows.slice(3).map((r) => r[2])).toEqual(['', 'Sở Tư pháp', 'Sở Tư pháp']);
  });

  it('leaves empty a cell that only may continue the one above the break', () => {
    // An empty lead alone at the top of the page (not spanning rows): it may be empty in the plan.
    const alone = { grid: [HEADER, ['3', 'Kiểm tra văn bản', '', 'Sở Nội vụ', 'Quý III/2026'], ['4', 'Theo dõi', 'Công an tỉnh', '', 'Năm 2026']], mergedAbove: none(3), afterParagraphsOnly: true };
    expect(pickTaskTables([page1, alone])!.rows[3]![2]).toBe('');
    // An empty lead spanning two tasks, starting with the page (no row cut) under a lead that did not span: a cell of its own.
    const single = { ...page1, mergedAbove: none(3) };
    const spanning = { grid: [HEADER, ['3', 'Kiểm tra', '', 'Sở Nội vụ', 'Quý III/2026'], ['4', 'Theo dõi', '', '', 'Năm 2026']], mergedAbove: [...none(2), [false, false, true, false, false]], afterParagraphsOnly: true };
    expect(pickTaskTables([single, spanning])!.rows.slice(3).map((r) => r[2])).toEqual(['', '']);
  });

  it('does not read an indicator table with as many columns after one title as the task table going on', () => {
    const indicators = { grid: [['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Cơ quan theo dõi', 'Năm 2026'], ['1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', '%', 'Văn phòng UBND tỉnh', '≥ 98']], afterParagraphsOnly: true };
    const picked = pickTaskTables([page1, indicators])!;
    expect(picked.read).toEqual([1]);
    expect(picked.rows).toHaveLength(3);
  });

  it('joins back the rest of a task cell written as a list that a page break cut between two items (a PDF), keeps a sub-task row', () => {
    const list = { grid: [HEADER, ['1', 'Triển khai tuyên truyền:\n- Xây dựng kế hoạch;', 'Sở Nội vụ', 'Sở Văn hóa, Thể thao và Du', 'Thường xuyên']], afterParagraphsOnly: true };
    const rest = { grid: [HEADER, ['', '- Báo cáo kết quả.', '', 'lịch', ''], ['2', 'Kiểm tra', 'Thanh tra tỉnh', '', 'Quý III/2026']], afterParagraphsOnly: true };
    const picked = pickTaskTables([list, rest], { pageCuts: true })!;
    expect(picked.rows.slice(1)).toEqual([
      ['1', 'Triển khai tuyên truyền:\n- Xây dựng kế hoạch;\n- Báo cáo kết quả.', 'Sở Nội vụ', 'Sở Văn hóa, Thể thao và Du lịch', 'Thường xuyên'],
      ['2', 'Kiểm tra', 'Thanh tra tỉnh', '', 'Quý III/2026'],
    ]);
    // A Word file's tables have whole rows: the same row stays a row (a sub-task "-" of its own).
    expect(pickTaskTables([list, rest])!.rows).toHaveLength(4);
    // Under a parent with nobody assigned and no items in its cell, a "- …" row is a sub-task row.
    const parent = { grid: [HEADER, ['3', 'Cải cách chế độ công vụ:', '', '', '']], afterParagraphsOnly: true };
    expect(pickTaskTables([parent, rest], { pageCuts: true })!.rows).toHaveLength(4);
  });
});
