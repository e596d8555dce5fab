import { describe, expect, it } from 'vitest';
import { CHART, completionChart, completionSvg, rankingChart, rankingSvg, trendChart, trendSvg } from '../../src/app/charts.js';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString()).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Every font size in an SVG, and the number of bars (name lines) it draws. */
const fontSizes = (svg: string) => [...svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));

/** A phone shows a chat image at about 360 CSS px: 720 px wide keeps 28 px text at 14 px or more on screen. */
describe('charts for a phone', () => {
  const title = 'Tiến độ nhiệm vụ quý III/2024 — Ủy ban nhân dân tỉnh Hà Tĩnh';
  it('completion: portrait, 720 px, text ≥ 28 px, 15 bars and "… và N cơ quan khác"', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ name: `Ủy ban nhân dân xã Thử Nghiệm Rất Dài Tên ${i} — Đặc khu Côn Đảo`, done: i % 7, overdue: i % 3, open: 2 }));
    const svg = completionSvg(title, '60 cơ quan, xếp từ nhiều việc quá hạn nhất', rows);
    expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(28);
    expect(svg.match(/Thử Nghiệm/g)).toHaveLength(CHART.maxBars);
    expect(svg).toContain('… và 45 cơ quan khác');
    // Names are cut at a word boundary to one line.
    expect(svg).not.toContain('Đặc khu Côn Đảo');
    const { width, height } = pngSize(await completionChart(title, '60 cơ quan', rows));
    expect(width).toBe(720);
    expect(height).toBeGreaterThan(width);
    const few = completionSvg(title, '3 cơ quan', rows.slice(0, 3));
    expect(few).not.toContain('cơ quan khác');
  });

  it('ranking: ranks as given (ties share one), escaped names, no second number', async () => {
    const rows = [
      { rank: 1, name: 'Sở <Thử> & "Kiểm"', points: 3.5, max: 4 },
      { rank: 1, name: 'Sở Tư pháp', points: 3.5, max: 4 },
      { rank: 3, name: 'Sở Y tế', points: 2, max: 4 },
    ];
    const svg = rankingSvg('Xếp hạng <Sở> — năm 2024', 'Điểm & lý do', rows);
    expect(svg).toContain('1. Sở &lt;Thử&gt; &amp; &quot;Kiểm&quot;');
    expect(svg).toContain('1. Sở Tư pháp');
    expect(svg).toContain('3. Sở Y tế');
    expect(svg).not.toMatch(/\d\. \d\./);
    expect(svg).toContain('Xếp hạng &lt;Sở&gt; — năm 2024');
    expect(svg).toContain('Điểm &amp; lý do');
    expect(svg).not.toMatch(/<Thử>|& "/);
    expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(28);
    expect(pngSize(await rankingChart('Xếp hạng <Sở> — năm 2024', 'Điểm & lý do', rows)).width).toBe(720);
  });

  it('trend: 12 weeks with an axis that grows with the data, labels that fit', async () => {
    const weeks = Array.from({ length: 12 }, (_, i) => ({ label: `${String(1 + i * 7).padStart(2, '0')}/07`, done: i * 40, progress: 250, problems: i }));
    const svg = trendSvg('Cập nhật của các cơ quan 12 tuần gần đây — Tỉnh Hà Tĩnh', 'Số tin báo tình hình mỗi tuần', weeks);
    expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(28);
    expect(svg).toContain('>78/07<'); // the last week is always labelled
    expect(svg).toContain('>1.000<'); // 690 rounds up to a 1,000 axis
    const png = await trendChart('Cập nhật của các cơ quan 12 tuần gần đây — Tỉnh Hà Tĩnh', 'Số tin báo tình hình mỗi tuần', weeks);
    expect(pngSize(png).width).toBe(720);
    const empty = await trendChart('Cập nhật của các cơ quan 12 tuần gần đây — Tỉnh Hà Tĩnh', 'Số tin báo tình hình mỗi tuần', weeks.map((w) => ({ ...w, done: 0, progress: 0, problems: 0 })));
    expect(png.length).toBeGreaterThan(empty.length);
  });
});
