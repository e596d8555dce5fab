import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src/documents/ocr/raster.js';
import { romanStems } from '../../../src/documents/ocr/roman-stems.js';

/**
 * The serif font LibreOffice prints plans in (Times New Roman's metric twin, Debian fonts-liberation),
 * at 12 points rendered at 200 dpi (33 pixels a line), as the scans are rasterised.
 */
const FONT = '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf';
const BOLD = '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf';
const withFont = it.runIf(existsSync(FONT) || Boolean(process.env.CI));

function printed(text: string, bold = false) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><rect width="300" height="60" fill="white"/><text x="10" y="42" font-family="Liberation Serif" font-size="33"${bold ? ' font-weight="bold"' : ''}>${text}</text></svg>`;
  const png = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [FONT, BOLD], defaultFontFamily: 'Liberation Serif' } }).render().asPng();
  const decoded = decodeImage(Buffer.from(png));
  if (!decoded.ok) throw new Error(decoded.problem);
  return romanStems(decoded.image, 8, 290);
}

describe('Roman numerals counted in the pixels (what tesseract reads as “IIH”, “[I”, “II.” for “III.”)', () => {
  withFont('a deadline’s quarter: the I’s before the slash', () => {
    expect(printed('I/2026')).toEqual({ count: 1, then: 'slash' });
    expect(printed('II/2026')).toEqual({ count: 2, then: 'slash' });
    expect(printed('III/2026')).toEqual({ count: 3, then: 'slash' });
  });

  withFont('a heading’s label, bold, and a TT cell’s', () => {
    expect(printed('III.', true)).toEqual({ count: 3, then: 'end' });
    expect(printed('II.', true)).toEqual({ count: 2, then: 'end' });
    expect(printed('I.')).toEqual({ count: 1, then: 'end' });
  });

  withFont('not a count of I’s: a “1” (its flag leaves the right of its top bare), “IV” (a V is not a stem), “H”, “l”', () => {
    // tesseract's own reading then stands, with its confidence: "Quý 1/2026" is not made "Quý I/2026".
    for (const text of ['1/2026', '11/2026', '1.', 'IV/2026', 'H.', 'll.', 'Il.']) expect(printed(text), text).toBeUndefined();
  });
});
