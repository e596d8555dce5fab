import { describe, expect, it } from 'vitest';
import { possibleSyllable } from '../../src/domain/vietnamese-syllable.js';

describe('possibleSyllable: whether a word can be one Vietnamese syllable', () => {
  it.each([
    // Words of the seed plans and the test plans, in every shape of syllable.
    'Sở', 'Nội', 'vụ', 'quyền', 'quyết', 'quốc', 'Quý', 'giải', 'gì', 'gìn', 'giếng', 'nghiệp', 'nghị', 'nguyễn', 'khuya',
    'thuở', 'huỵch', 'khuỷu', 'ngoặt', 'xoong', 'kiểm', 'ghi', 'kế', 'chính', 'thường', 'xuyên', 'Ủy', 'ban', 'ở', 'y', 'tế',
    'CẢI', 'CÁCH', 'THỦ', 'TỤC', 'HÀNH', 'CHÍNH', 'QUYỀN', 'ĐIỆN', 'TỬ', 'đặc', 'khu', 'phường', 'trước', 'hóa', 'hoá', 'Thanh',
  ])('%s is one', (word) => {
    expect(possibleSyllable(word)).toBe(true);
  });

  it.each([
    // OCR misreads: "tcủa" (no initial "tc"), "Iàm" for "làm" (no rhyme "iam"), "kủ" (k before u),
    // "thuc" and "quyêt" (a syllable closed by c or t needs the acute or dot-below tone), "ngé" (ngh before e),
    // "cáì" (two tones), "gé" (gh before e), "IIH", abbreviations and English words (not syllables).
    'tcủa', 'Iàm', 'kủ', 'thuc', 'quyêt', 'ngé', 'cảì', 'gé', 'IIH', 'UBND', 'TTHC', 'online', 'gla0', 'sƠ,', 'rnột',
  ])('%s is none', (word) => {
    expect(possibleSyllable(word)).toBe(false);
  });
});
