import { describe, expect, it } from 'vitest';
import { formatNumber, ListCounter, readNumbering } from '../../../src/documents/docx/numbering.js';
import { numberingXml } from '../../helpers/docx-builder.js';

describe('Word automatic numbering written out as the page shows it', () => {
  it.each([
    [1, 'decimal', '1'],
    [4, 'upperRoman', 'IV'],
    [9, 'lowerRoman', 'ix'],
    [2, 'lowerLetter', 'b'],
    [27, 'lowerLetter', 'aa'],
    [3, 'upperLetter', 'C'],
    [7, 'decimalZero', '07'],
  ])('%i in %s is “%s”', (n, format, text) => {
    expect(formatNumber(n, format)).toBe(text);
  });

  it('counts a multilevel list "I." → "1." → "1.1." and restarts deeper levels when a higher one moves on', () => {
    const lists = new ListCounter(
      readNumbering(
        numberingXml([
          [
            { format: 'upperRoman', text: '%1.' },
            { format: 'decimal', text: '%2.' },
            { format: 'decimal', text: '%2.%3.' },
          ],
        ]),
      ),
    );
    // I. / 1. / 1.1. / 1.2. / 2. / 2.1. / II. / 1.
    const labels = [0, 1, 2, 2, 1, 2, 0, 1].map((level) => lists.next('1', level));
    expect(labels).toEqual(['I.', '1.', '1.1.', '1.2.', '2.', '2.1.', 'II.', '1.']);
  });

  it('continues one abstract list across its instances unless an instance restarts it; a bullet is its dash', () => {
    const lists = new ListCounter(
      readNumbering(
        numberingXml(
          [[{ format: 'decimal', text: '%1.' }], [{ format: 'bullet', text: '-' }], [{ format: 'bullet', text: '\uf0b7' }]],
          '<w:num w:numId="9"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="10"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
        ),
      ),
    );
    expect([lists.next('1', 0), lists.next('1', 0), lists.next('9', 0), lists.next('10', 0), lists.next('10', 0)]).toEqual(['1.', '2.', '3.', '1.', '2.']);
    expect(lists.next('2', 0)).toBe('-');
    // A Symbol-font glyph (private use area) reads as a bullet.
    expect(lists.next('3', 0)).toBe('•');
    // numId 0 and unknown lists are not numbered.
    expect(lists.next('0', 0)).toBe('');
    expect(lists.next('77', 0)).toBe('');
  });
});
