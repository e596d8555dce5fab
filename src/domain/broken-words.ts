/**
 * A cell's lines joined back where a layout broke a word, not the writer: after a hyphen or a slash
 * inside a word ("Nghị quyết số 12-" / "NQ/TU", "2088/QĐ-" / "UBND", "Quý II-" / "IV") and inside a
 * date's year ("Trước 25/12/20" / "23"): a narrow column wraps such a token where it must. A dash
 * standing alone ("Phòng Tài chính -" / "Kế hoạch") keeps its line break.
 */
export function rejoinBrokenWords(text: string): string {
  return (
    text
      .replace(/(?<=[\p{L}\d][-/])\n(?=[\p{L}\d])/gu, '')
      // A year split in two is joined only when its parts make four digits ("20" + "23").
      .replace(/(?<=(?:^|\D)\d{1,2}\/\d{1,2}\/(\d{1,3}))\n(\d{1,3})(?!\d)/g, (m, year: string, rest: string) => (year.length + rest.length === 4 ? rest : m))
  );
}

/**
 * A cell's text cut by a page break (`before` at the foot of one page, `after` at the top of the
 * next) joined into one: with a space, or with nothing where the break fell inside a word as
 * rejoinBrokenWords reads it ("… Nghị quyết số 12-" + "NQ/TU và …").
 */
export function joinCutText(before: string, after: string): string {
  if (before === '') return after;
  if (after === '') return before;
  const lastLine = before.slice(before.lastIndexOf('\n') + 1);
  const end = after.indexOf('\n');
  const firstLine = end < 0 ? after : after.slice(0, end);
  const joined = rejoinBrokenWords(`${lastLine}\n${firstLine}`);
  return joined.includes('\n') ? `${before} ${after}` : before.slice(0, before.length - lastLine.length) + joined + after.slice(firstLine.length);
}
