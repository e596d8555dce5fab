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
