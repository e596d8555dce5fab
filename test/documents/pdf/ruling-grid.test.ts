import { describe, expect, it } from 'vitest';
import { layoutPage, splitAtRules, type Rule } from '../../../src/documents/pdf/ruling-grid.js';

const h = (y: number, from: number, to: number): Rule => ({ kind: 'h', y, from, to });
const v = (x: number, from: number, to: number): Rule => ({ kind: 'v', x, from, to });
const text = (x: number, y: number, str: string) => ({ x, y, width: str.length * 4, text: str });

describe('a PDF page’s tables from its ruling lines', () => {
  it('gives a cell without a rule on its right once, and a cell without a rule above to every row it covers', () => {
    // Three columns (0–100–200–300), three rows (300–280–260–240). Row 1: one cell across all
    // columns. Rows 2 and 3: the third column has no rule between them (one merged cell, its text in row 2).
    const rules: Rule[] = [
      h(300, 0, 300), h(280, 0, 300), h(260, 0, 200), h(240, 0, 300),
      v(0, 240, 300), v(300, 240, 300), v(100, 240, 280), v(200, 240, 280),
    ];
    const page = layoutPage([text(5, 285, 'I. CẢI CÁCH THỂ CHẾ'), text(5, 265, '1.'), text(105, 265, 'Rà soát'), text(205, 262, 'Sở Tư pháp'), text(5, 245, '2.'), text(105, 245, 'Công bố'), text(5, 400, 'KẾ HOẠCH')], rules);
    expect(page.blocks).toEqual([
      { kind: 'paragraph', text: 'KẾ HOẠCH' },
      {
        kind: 'table',
        grid: [
          ['I. CẢI CÁCH THỂ CHẾ', '', ''],
          ['1.', 'Rà soát', 'Sở Tư pháp'],
          ['2.', 'Công bố', 'Sở Tư pháp'],
        ],
      },
    ]);
  });

  it('keeps lines inside a cell apart and reads two tables on one page separately', () => {
    const rules: Rule[] = [h(500, 0, 200), h(470, 0, 200), v(0, 470, 500), v(200, 470, 500), v(100, 470, 500), h(300, 0, 200), h(280, 0, 200), v(0, 280, 300), v(200, 280, 300)];
    const page = layoutPage([text(5, 490, 'Số: 45/KH-UBND'), text(105, 490, 'Hà Tĩnh,'), text(105, 478, 'ngày 08/01/2026'), text(5, 290, 'Nơi nhận')], rules);
    expect(page.blocks).toEqual([
      { kind: 'table', grid: [['Số: 45/KH-UBND', 'Hà Tĩnh,\nngày 08/01/2026']] },
      { kind: 'table', grid: [['Nơi nhận']] },
    ]);
  });

  it('reads a letterhead\'s two unruled columns one after the other, not across (narrow columns, a word a line)', () => {
    // Left column at x 72, right at 122 (an 18-point gap at the widest word): read across, the lines were
    // "ỦY CỘNG", "BAN HÒA" … and the issuer became "BAN HÒA NHÂN XÃ HỘI".
    const left = ['ỦY', 'BAN', 'NHÂN', 'DÂN', 'TỈNH'];
    const right = ['CỘNG', 'HÒA', 'XÃ HỘI', 'CHỦ', 'NGHĨA', 'VIỆT', 'NAM', 'Độc lập'];
    const texts = [...left.map((w, i) => text(72, 500 - 13 * i, w)), ...right.map((w, i) => text(122, 500 - 13 * i, w)), { x: 40, y: 380, width: 300, text: 'KẾ HOẠCH Cải cách hành chính năm 2026, một dòng đủ rộng' }];
    expect(layoutPage(texts, []).blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([...left, ...right, 'KẾ HOẠCH Cải cách hành chính năm 2026, một dòng đủ rộng']);
    // Body text (word spaces of a few points) is one line as before; a line crossing the gap ends the run.
    const body = [text(40, 300, 'Thực'), text(60, 300, 'hiện'), text(80, 300, 'Kế'), text(92, 300, 'hoạch')];
    expect(layoutPage(body, []).blocks).toEqual([{ kind: 'paragraph', text: 'Thực hiện Kế hoạch' }]);
    const one = [text(72, 500, 'ỦY'), text(122, 500, 'CỘNG'), { x: 60, y: 487, width: 200, text: 'Một dòng chạy ngang qua cả hai cột' }];
    expect(layoutPage(one, []).blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual(['ỦY CỘNG', 'Một dòng chạy ngang qua cả hai cột']);
  });

  it('splits a run the reader joined across a column rule at the space nearest the rule', () => {
    // 4 points a character: "hành chính" ends at 40, the rule is at 42, "Sở Tư pháp" starts at 44.
    const joined = { x: 0, y: 10, width: 84, text: 'hành chính Sở Tư pháp' };
    expect(splitAtRules(joined, [42]).map((t) => t.text)).toEqual(['hành chính', 'Sở Tư pháp']);
    expect(splitAtRules({ x: 0, y: 10, width: 40, text: 'Quý I/2026' }, [100])).toHaveLength(1);
  });
});
