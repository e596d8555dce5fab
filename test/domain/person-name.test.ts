import { describe, expect, it } from 'vitest';
import { readPersonName } from '../../src/domain/person-name.js';

describe('readPersonName: a full name a member types for themself', () => {
  it.each([
    // Typed as people type: extra spaces go, the name is kept as written.
    ['Phạm Thị Thu Trang', 'Phạm Thị Thu Trang'],
    ['  Nguyễn   Văn  Nam ', 'Nguyễn Văn Nam'],
    // Tone marks sent decomposed (some keyboards) are stored composed, so the name compares equal.
    ['Nguye\u0302\u0303n Thi\u0323 Hoa', 'Nguyễn Thị Hoa'],
    // Ê Đê and Gia Rai names carry an apostrophe; some names a hyphen.
    ['H’Hen Niê', 'H’Hen Niê'],
    ["Ksor H'Ble", "Ksor H'Ble"],
    ['Lê Thị Mai-Anh', 'Lê Thị Mai-Anh'],
    // Two short words are a full name ("Lê A" exists); case is kept, not guessed.
    ['Lê A', 'Lê A'],
    ['TRẦN VĂN BA', 'TRẦN VĂN BA'],
  ])('%s → %s', (typed, name) => {
    expect(readPersonName(typed)).toEqual({ ok: true, value: name });
  });

  it.each([
    ['', { code: 'empty' }],
    ['   ', { code: 'empty' }],
    // A given name alone is not a full name.
    ['Trang', { code: 'one_word' }],
    // Digits, symbols, emoji: each named once, in the order typed.
    ['Trang 2002', { code: 'bad_characters', chars: ['2', '0'] }],
    ['Nguyễn Thị Hoa @ STP', { code: 'bad_characters', chars: ['@'] }],
    ['Phạm Trang 🌸', { code: 'bad_characters', chars: ['🌸'] }],
    ['Phạm Trang.', { code: 'bad_characters', chars: ['.'] }],
    // An apostrophe or hyphen standing alone or at a word's edge is not a spelling.
    ['Phạm Trang -', { code: 'bad_characters', chars: ['-'] }],
    ["Phạm Trang'", { code: 'bad_characters', chars: ["'"] }],
    ['Nguyễn Thị Hoa Nguyễn Thị Hoa Nguyễn Thị Hoa Nguyễn Thị Hoa Nguyễn Thị Hoa', { code: 'too_long', max: 60 }],
  ])('%j is refused: %j', (typed, error) => {
    expect(readPersonName(typed)).toEqual({ ok: false, error });
  });
});
