/**
 * Folds Vietnamese text to a comparison key: no diacritics, đ→d, lower case, single spaces.
 * Used wherever users may type with or without accents ("Sở Tư pháp" = "so tu phap").
 */
export function textKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Folds one character at a time, so that a position in the folded text is the same position in the
 * original: used where a match in folded text must cut the text as typed (reasons, agency names).
 */
export function foldAligned(text: string): string {
  let out = '';
  for (const char of text) {
    const folded = textKey(char);
    out += folded.length === 1 ? folded : /\s/.test(char) ? ' ' : char.length === 1 ? char.toLowerCase() : '?';
  }
  return out;
}
