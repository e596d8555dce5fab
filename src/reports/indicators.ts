/**
 * The figures a plan's objective states ("Mục tiêu/Chỉ tiêu": "85% cán bộ, công chức cấp xã…",
 * "Có ít nhất 02 đơn vị sự nghiệp…", "13 Trung tâm Văn hóa… hoàn thành…"): an objective that states
 * one is an indicator of Phụ lục II, and the figures, quoted as printed, are its target. Nothing is
 * computed or rounded: a year ("năm 2024"), a standard ("ISO 9001:2015") or a task number is not a
 * target.
 */

const QUALIFIER = String.raw`(?:phấn đấu\s+|phân đầu\s+)?(?:có\s+)?(?:ít nhất|tối thiểu|trên|từ|đạt|dưới|không quá|giảm(?:\s+tối thiểu)?)\s+(?:có\s+)?(?:từ\s+)?`;
const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const PERCENT = new RegExp(String.raw`(?:${QUALIFIER})?${NUMBER}\s*%(?:\s*trở lên)?`, 'giu');
const COUNT = new RegExp(String.raw`${QUALIFIER}\d+(?:\s*(?:đến|-)\s*\d+)?\s+(?!%)\p{L}+(?:\s+\p{L}+)?`, 'giu');
/** "1.2. 13 Trung tâm …": a count right after the objective's own number. */
const LEADING = /^\d+(?:\.\d+)*\.?\s+(\d+\s+\p{Lu}\p{L}*(?:\s+\p{L}+)?)/u;

/** The targets an objective states, as printed, in order (empty: a qualitative objective, no indicator). */
export function indicatorTargets(objective: string): string[] {
  const text = objective.normalize('NFC').replace(/\s+/g, ' ').trim();
  const found: { at: number; text: string }[] = [];
  const leading = LEADING.exec(text);
  if (leading && !/%/.test(text.slice(leading.index, leading.index + leading[0].length + 2))) found.push({ at: leading.index, text: leading[1]! });
  for (const m of text.matchAll(PERCENT)) found.push({ at: m.index, text: m[0].trim() });
  for (const m of text.matchAll(COUNT)) if (!/%/.test(m[0])) found.push({ at: m.index, text: m[0].trim() });
  found.sort((a, b) => a.at - b.at);
  // A percent inside a longer qualified phrase, or the same words twice, is said once.
  const out: string[] = [];
  for (const f of found) if (!out.some((o) => o.includes(f.text) || f.text.includes(o))) out.push(f.text);
  return out;
}
