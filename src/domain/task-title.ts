/**
 * The short title of a task as chat shows it: its activity (else task, else objective) without the
 * plan's own numbering ("3.4. Xây dựng…" → "Xây dựng…"), cut to `max` characters (default: whole).
 */
export function taskTitle(task: { activity: string; task: string; objective: string }, max = Infinity): string {
  const text = tidyExtracted(task.activity || task.task || task.objective).replace(/^\d+(\.\d+)+\.?\s*/, '');
  return shorten(text, max);
}

/**
 * Text copied out of a PDF as users should read it; the stored text stays as imported. Only repairs
 * that cannot change a meaning:
 * - a word's last letter pushed off by the extraction: "Thườn g xuyên" → "Thường xuyên" (a lone "g"
 *   or "h" after a word ending in "n" or "c" is never a Vietnamese word; "ng", "nh", "ch" are finals);
 * - an activity run together with the next one's number: "… nhiệm vụ 3.2. Tổng hợp …" →
 *   "… nhiệm vụ; 3.2. Tổng hợp …" (a multi-level number followed by a capital, inside a sentence);
 * - runs of spaces and line breaks → one space.
 */
export function tidyExtracted(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(\p{L}*n) ([gh])(?=$|[\s,.;:)])/gu, '$1$2')
    .replace(/(\p{L}*c) (h)(?=$|[\s,.;:)])/gu, '$1$2')
    .replace(/([\p{L}\d]) (\d+(?:\.\d+)+\.) (?=\p{Lu})/gu, '$1; $2 ')
    .trim();
}

/**
 * Cuts text to at most `max` characters at a word boundary, with "…" (a word longer than the
 * room left is cut inside only when there is no space at all), and no dangling comma or dash.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space > max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:–—-]+$/, '')}…`;
}
