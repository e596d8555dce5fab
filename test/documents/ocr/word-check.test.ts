import { describe, expect, it } from 'vitest';
import { certainlyMisread, REVIEW_CONFIDENCE, wordsToCheck } from '../../../src/documents/ocr/word-check.js';

describe('certainlyMisread: an OCR word no printed plan can say', () => {
  it.each([
    // Read by tesseract with confidence on the fixtures or in the issue: no syllable, no abbreviation.
    ['tcủa', true],
    ['tại.các', true],
    ['kủ', true],
    ['IIH', true],
    ['`', true],
    ['.^', true],
    // What plans print: syllables with their punctuation, abbreviations in capitals, Roman numerals,
    // brands in mixed case, numbers and dates (judged by the deadline and label checks instead).
    ['dựng,', false],
    ['(SIPAS)', false],
    ['UBND', false],
    ['HĐND', false],
    ['KH-UBND', false],
    ['III.', false],
    ['VNeID', false],
    ['tế-xã', false],
    ['15/12/2026', false],
    ['“Quý', false],
    ['b,', false],
    ['TP.HCM', false],
    ['./.', false],
    ['tỉnh./.', false],
    ['%', false],
  ] as const)('%s → %s', (word, misread) => {
    expect(certainlyMisread(word)).toBe(misread);
  });
});

describe('wordsToCheck: the words of a cell the preview names', () => {
  it('a word under REVIEW_CONFIDENCE and a word that is no syllable; not a confident syllable, nor a sub-task label', () => {
    const cell = [
      { text: 'a)', confidence: 60 },
      { text: 'Giao', confidence: 97 },
      { text: 'quyển', confidence: REVIEW_CONFIDENCE - 14 },
      { text: 'tcủa', confidence: 95 },
      { text: 'chủ', confidence: REVIEW_CONFIDENCE },
    ];
    expect(wordsToCheck(cell).map((w) => w.text)).toEqual(['quyển', 'tcủa']);
  });
});
