import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanPdf } from '../../../src/documents/document-reader.js';
import { ruledCellText, layoutPage, splitAtRules, type Rule } from '../../../src/documents/pdf/ruling-grid.js';
import { NARROW_ROWS } from '../../helpers/narrow-columns-docx.js';

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
        // Which cells are one with the cell above: the third column's of row 3 (the picker carries such a cell over a page break).
        mergedAbove: [
          [false, false, false],
          [false, false, false],
          [false, false, true],
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

describe('a word a narrow column cut where its line reached the cell’s right rule', () => {
  // A cell from x = 0 to 40: a line reaching x ≥ 26 ends at its edge (padding and less than a character).
  const lines = (...texts: [string, number][]) => texts.map(([str, right], i) => ({ x: 4, y: 100 - 12 * i, width: right - 4, text: str }));

  it.each([
    // LibreOffice cuts a word only when it does not fit on a line of its own: the line holds that one
    // word, reaches the edge, and its parts make one word that neither part is alone.
    [[['Sở', 18], ['KH&', 34], ['CN', 20]], 'Sở\nKH&CN'],
    [[['NN', 28], ['&M', 30], ['T', 10]], 'NN&MT'],
    [[['UBN', 33], ['D', 10], ['các', 18]], 'UBND\ncác'],
    [[['phườ', 34], ['ng', 12]], 'phường'],
    [[['Thá', 30], ['ng', 12], ['12/2', 34], ['026', 20]], 'Tháng\n12/2026'],
    [[['Trướ', 33], ['c', 8], ['30/1', 34], ['1/20', 34], ['26', 14]], 'Trước\n30/11/2026'],
    [[['Thường', 36], ['xuy', 30], ['ên', 14]], 'Thường\nxuyên'],
    // Words of their own stay apart, at the edge or not.
    [[['Công', 35], ['nghệ', 30]], 'Công\nnghệ'],
    [[['UBND', 35], ['TỈNH', 30]], 'UBND\nTỈNH'],
    [[['2024', 35], ['2025', 30]], '2024\n2025'],
    [[['14/5/2021', 36], ['20 cơ quan', 36]], '14/5/2021\n20 cơ quan'],
    [[['ở', 36], ['y', 10]], 'ở\ny'],
    // Not at the edge: the writer's line break, whatever the words.
    [[['phườ', 20], ['ng', 12]], 'phườ\nng'],
    [[['KH&', 20], ['CN', 12]], 'KH&\nCN'],
    // A line of two words was wrapped, not cut.
    [[['Quý III/2', 36], ['026', 14]], 'Quý III/2\n026'],
  ] as [[string, number][], string][])('%j', (texts, joined) => {
    expect(ruledCellText(lines(...texts), 40)).toBe(joined);
  });

  it('reads the narrow columns of a table LibreOffice exported to PDF as the Word table wrote them', async () => {
    // test/helpers/narrow-columns-docx.ts: the agency and time columns are narrower than "KH&CN",
    // "UBND", "phường", "III/2026", "30/11/2026", "xuyên" (scripts/make-pdf-fixtures.ts exported it).
    const read = await readPlanPdf(readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'plan-narrow-columns.pdf')));
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    const words = (row: string[]) => row.map((cell) => cell.replace(/\s+/g, ' ').trim());
    expect(read.rows.map(words)).toEqual([['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian'], ...NARROW_ROWS]);
  });
});
