import { describe, expect, it } from 'vitest';
import { shorten, taskTitle } from '../../src/domain/task-title.js';

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
