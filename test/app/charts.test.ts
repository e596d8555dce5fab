import { describe, expect, it } from 'vitest';
import { completionChart, rankingChart, rankingSvg, trendChart } from '../../src/app/charts.js';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString()).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('charts', () => {
  it('draws completion for a 60-agency province as a phone-readable PNG', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ name: `UBND xã Thử Nghiệm ${i} — Đặc khu Côn Đảo`, done: i % 7, overdue: i % 3, open: 2 }));
    const png = completionChart('Tiến độ nhiệm vụ quý III/2024 — Tỉnh Hà Tĩnh', '60 cơ quan', rows);
    expect(pngSize(png)).toEqual({ width: 1000, height: 120 + 60 * 30 + 40 });
    expect(png.length).toBeGreaterThan(50_000);
  });

  it('draws a score ranking, names with HTML characters escaped', () => {
    const rows = [
      { name: 'Sở <Thử> & "Kiểm"', points: 3.5, max: 4 },
      { name: 'Sở Tư pháp', points: 2, max: 4 },
    ];
    const svg = rankingSvg('Xếp hạng <Sở> — năm 2024', 'Điểm & lý do', rows);
    expect(svg).toContain('1. Sở &lt;Thử&gt; &amp; &quot;Kiểm&quot;');
    expect(svg).toContain('Xếp hạng &lt;Sở&gt; — năm 2024');
    expect(svg).toContain('Điểm &amp; lý do');
    expect(svg).not.toMatch(/<Thử>|& "/);
    // The renderer parses it (an unescaped "<" would be an XML error) into a 1000 px wide PNG.
    const png = rankingChart('Xếp hạng <Sở> — năm 2024', 'Điểm & lý do', rows);
    expect(pngSize(png)).toEqual({ width: 1000, height: 100 + 2 * 30 + 40 });
  });

  it('draws a 12-week trend with an axis that grows with the data', () => {
    const weeks = Array.from({ length: 12 }, (_, i) => ({ label: `${String(1 + i * 7).padStart(2, '0')}/07`, done: i * 40, progress: 250, problems: i }));
    const png = trendChart('Cập nhật của các cơ quan 12 tuần gần đây — Tỉnh Hà Tĩnh', 'Số tin báo tình hình mỗi tuần', weeks);
    expect(pngSize(png)).toEqual({ width: 1000, height: 130 + 360 + 70 });
    const empty = trendChart('Cập nhật của các cơ quan 12 tuần gần đây — Tỉnh Hà Tĩnh', 'Số tin báo tình hình mỗi tuần', weeks.map((w) => ({ ...w, done: 0, progress: 0, problems: 0 })));
    expect(png.length).toBeGreaterThan(empty.length);
  });
});
