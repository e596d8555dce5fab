import { describe, expect, it } from 'vitest';
import { shorten, taskTitle, tidyExtracted } from '../../src/domain/task-title.js';

describe('titles cut for chat lines', () => {
  it.each([
    ['Rà soát, đánh giá và trình Quyết định công bố thủ tục hành chính thuộc thẩm quyền', 40, 'Rà soát, đánh giá và trình Quyết định…'],
    ['Xây dựng, cập nhật cơ sở dữ liệu', 20, 'Xây dựng, cập nhật…'],
    ['Ngắn gọn', 20, 'Ngắn gọn'],
    // One long word: cut inside it, there is nothing else to do.
    ['Khôngcókhoảngtrắngnàotrongchuỗinày', 10, 'Khôngcókh…'],
  ])('%j in %i characters → %j (never mid-word when a space allows, no dangling comma)', (text, max, expected) => {
    const cut = shorten(text, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
  });

  it("drops the plan's own numbering before cutting", () => {
    expect(taskTitle({ activity: '3.4. Xây dựng dự thảo, trình ban hành kế hoạch tuyên truyền CCHC', task: '', objective: '' }, 30)).toBe('Xây dựng dự thảo, trình ban…');
  });
});

describe('text copied out of a PDF, tidied for reading (the stored text stays as imported)', () => {
  it.each([
    ['Thườn g xuyên', 'Thường xuyên', 'the "g" of "Thường" was pushed off: a lone g is never a word'],
    ['Hàn h chính', 'Hành chính', '"nh" final split'],
    ['Các h thức', 'Cách thức', '"ch" final split'],
    ['Xây dựng dự thảo văn bản đề xuất mục tiêu, nhiệm vụ 3.2. Tổng hợp và xin ý kiến', 'Xây dựng dự thảo văn bản đề xuất mục tiêu, nhiệm vụ; 3.2. Tổng hợp và xin ý kiến', 'the next activity\'s number inside the sentence'],
    ['chỉ số PARINDEX năm 2025 3.8. Công văn, hướng dẫn', 'chỉ số PARINDEX năm 2025; 3.8. Công văn, hướng dẫn', 'after a year too'],
    ['Trước 25/12/2026', 'Trước 25/12/2026', 'a date is not a list number'],
    ['Quý II, III/2026', 'Quý II, III/2026', 'nothing to repair'],
    ['theo Nghị định 30/2020/NĐ-CP  ngày\n5/3/2020', 'theo Nghị định 30/2020/NĐ-CP ngày 5/3/2020', 'line breaks and double spaces'],
    ['giảm 28 biên chế so với năm 2025', 'giảm 28 biên chế so với năm 2025', 'a plain number is not a list number'],
    ['ăn g', 'ăng', 'even a short word'],
  ])('%j → %j (%s)', (raw, tidy) => {
    expect(tidyExtracted(raw)).toBe(tidy);
  });

  it('keeps real words that happen to follow an "n" or a "c": "hàng năm h" never occurs, "phân hạng" stays', () => {
    for (const text of ['phân hạng', 'căn hộ', 'các huyện', 'tin học', 'công chức', 'sơn hà']) expect(tidyExtracted(text)).toBe(text);
  });
});
