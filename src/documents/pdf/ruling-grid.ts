import { rejoinBrokenWords } from '../../domain/broken-words.js';
import { spreadsTick } from '../../domain/plan-table.js';
import { possibleSyllable } from '../../domain/vietnamese-syllable.js';

/** A text run on a PDF page: its start (baseline, points from the bottom left), width and text. */
export interface PageText {
  x: number;
  y: number;
  width: number;
  text: string;
}

/** A ruling line on a PDF page, horizontal (y fixed, from x1 to x2) or vertical (x fixed, from y1 to y2). */
export type Rule = { kind: 'h'; y: number; from: number; to: number } | { kind: 'v'; x: number; from: number; to: number };

/** What one page holds: its tables as grids, top to bottom, and the lines of text outside them. */
export interface PageLayout {
  blocks: ({ kind: 'paragraph'; text: string } | { kind: 'table'; grid: string[][]; /** A ruled table with a cell merged down: true where a cell is one with the cell above it (no rule between); absent when none is. */ mergedAbove?: boolean[][] })[];
}

const NEAR = 1.5;

/** Sorted distinct values, those within `NEAR` of each other taken as one. */
function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (out.length === 0 || v - out[out.length - 1]! > NEAR) out.push(v);
  return out;
}

const covers = (rule: { from: number; to: number }, at: number) => rule.from - NEAR <= at && at <= rule.to + NEAR;

/** Text runs in reading order: lines top to bottom, runs of a line left to right, with where each line ends on the right. */
function textLines(items: PageText[]): { text: string; right: number }[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PageText[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - item.y) <= 2) line.push(item);
    else lines.push([item]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      const text = line
        .reduce((joined, item, i) => {
          const previous = line[i - 1];
          const gap = previous ? item.x - (previous.x + previous.width) : 0;
          return joined + (i > 0 && gap > 1 && !joined.endsWith(' ') && !item.text.startsWith(' ') ? ' ' : '') + item.text;
        }, '')
        .trim();
      return { text, right: Math.max(...line.map((t) => t.x + t.width)) };
    })
    .filter((l) => l.text !== '');
}

/** Text runs joined in reading order: lines top to bottom ("\n" between), runs left to right. */
export function joinTexts(items: PageText[]): string {
  return textLines(items)
    .map((l) => l.text)
    .join('\n');
}

/**
 * A line that ends this close (points) to its cell's right rule was filled to the cell's edge: the cell's
 * padding (LibreOffice, Word: 1.4–5.7 pt) and less than one character that did not fit ("M", "W" of a
 * 13 pt font: up to 12 pt). Measured on LibreOffice's cuts: 5.4 to 11.6 pt.
 */
const AT_EDGE = 14;

/** Abbreviations in capitals a plan writes in narrow cells, which a cut may leave in two parts ("UBN" / "D"). */
const CAPITALS = new Set(['UBND', 'HĐND', 'CCHC', 'TTHC', 'CNTT', 'ATTT', 'MTTQ', 'BHXH', 'KBNN', 'BCĐ']);

/** A token made of numbers (at most four digits each), Roman numerals and the separators of dates and periods. */
const NUMERIC_TOKEN = /^(?:\d{1,4}|[IVX]+)(?:[/.-](?:\d{1,4}|[IVX]+)?)*$/;

/**
 * Whether a word too wide for its cell was cut where the line ended: LibreOffice and Word cut a word
 * only when it does not fit on a line of its own, so the line holds that one word and reaches the
 * cell's right edge (ruledCellText checks both), and its parts make one word that they are not alone:
 * - capitals with an "&", or a known abbreviation ("KH&" + "CN", "NN" + "&M" + "T", "UBN" + "D");
 * - a syllable ("phườ" + "ng", "Thá" + "ng": "ng" is none); two syllables ("Công" / "nghệ") stay two
 *   words, but for a rest that is a rhyme of two letters or more ("xuy" / "ên");
 * - a date or a period ("III/2" + "026", "30/1" + "1/20").
 */
function cutInside(line: string, next: string): boolean {
  if (next === '') return false;
  const whole = line + next;
  if (/^[\p{Lu}&]+$/u.test(whole)) return whole.includes('&') || CAPITALS.has(whole);
  if (/^\p{L}+$/u.test(whole)) {
    if (!possibleSyllable(whole.toLowerCase())) return false;
    // Both parts may be syllables when the rest is a rhyme without its initial ("xuy" / "ên", "bi" / "ên"):
    // taken as one word when the rest has two letters or more ("ở", "y" stay words of their own).
    return !possibleSyllable(line.toLowerCase()) || !possibleSyllable(next.toLowerCase()) || /^[aeiouy][a-zđ]/.test(next.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
  }
  return /\d$/.test(line) && /^\d/.test(next) && NUMERIC_TOKEN.test(whole);
}

/**
 * A cell's text from its runs (joinTexts), with a word the cell was too narrow for joined back where
 * the line reached the cell's right rule (`right`) and cut it (cutInside).
 */
export function ruledCellText(items: PageText[], right: number): string {
  const lines = textLines(items);
  let text = '';
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    const lastToken = text.slice(Math.max(text.lastIndexOf('\n'), text.lastIndexOf(' ')) + 1);
    const firstToken = line.text.split(/\s/)[0]!;
    const cut = previous !== undefined && !/\s/.test(previous.text) && right - previous.right <= AT_EDGE && cutInside(lastToken, firstToken);
    text += (i === 0 ? '' : cut ? '' : '\n') + line.text;
  });
  return rejoinBrokenWords(text);
}

/**
 * Splits a text run that crosses a column rule (a PDF reader joins runs of one line that lie close
 * together: "… hành chính Sở Khoa học") at the space nearest the rule, characters taken as equally
 * wide; a run without a space near the rule is kept whole.
 */
export function splitAtRules(item: PageText, edges: number[]): PageText[] {
  const crossing = edges.find((edge) => item.x + 1 < edge && edge < item.x + item.width - 1);
  if (crossing === undefined || item.text.length < 2) return [item];
  const perChar = item.width / item.text.length;
  const estimate = Math.round((crossing - item.x) / perChar);
  let cut = -1;
  for (let d = 0; d <= 8 && cut < 0; d += 1) {
    for (const at of [estimate - d, estimate + d]) if (cut < 0 && at > 0 && at < item.text.length && item.text[at] === ' ') cut = at;
  }
  if (cut < 0) return [item];
  const left = { ...item, text: item.text.slice(0, cut), width: cut * perChar };
  const rightText = item.text.slice(cut + 1);
  const right = { x: Math.max(crossing + 1, item.x + (cut + 1) * perChar), y: item.y, width: rightText.length * perChar, text: rightText };
  return [left, ...splitAtRules(right, edges)];
}

/** A ruled table's structure: row bands top to bottom, column edges left to right, and cell ids (a merged cell shares the id of its top-left part). */
export interface RuledTable {
  top: number;
  bottom: number;
  bands: { top: number; bottom: number }[];
  /** Column edges: column c runs from xs[c] to xs[c + 1]. */
  xs: number[];
  ids: number[][];
}

/**
 * Finds the tables drawn by ruling lines (y grows upwards, as in PDF space): the horizontal rules
 * cut row bands, a band crossed by vertical rules belongs to a table, consecutive such bands are
 * one table; columns are the vertical rules' positions. A cell with no rule on its right spans the
 * next column; a cell with no rule above it is merged with the cell above (both get one id).
 */
export function ruledTables(rules: Rule[]): RuledTable[] {
  const horizontals = rules.filter((r): r is Extract<Rule, { kind: 'h' }> => r.kind === 'h');
  const verticals = rules.filter((r): r is Extract<Rule, { kind: 'v' }> => r.kind === 'v');
  const ys = distinct(horizontals.map((r) => r.y)).reverse();
  // Bands between consecutive horizontal rules, kept when a vertical rule runs through them.
  const bands: { top: number; bottom: number }[] = [];
  for (let i = 0; i + 1 < ys.length; i += 1) {
    const mid = (ys[i]! + ys[i + 1]!) / 2;
    if (verticals.some((v) => covers(v, mid))) bands.push({ top: ys[i]!, bottom: ys[i + 1]! });
  }
  const tables: { top: number; bottom: number; bands: { top: number; bottom: number }[] }[] = [];
  for (const band of bands) {
    const last = tables[tables.length - 1];
    if (last && Math.abs(last.bottom - band.top) <= NEAR) {
      last.bands.push(band);
      last.bottom = band.bottom;
    } else tables.push({ top: band.top, bottom: band.bottom, bands: [band] });
  }
  const out: RuledTable[] = [];
  for (const table of tables) {
    const inside = verticals.filter((v) => v.to > table.bottom + NEAR && v.from < table.top - NEAR);
    const xs = distinct(inside.map((v) => v.x));
    if (xs.length < 2) continue;
    const columns = xs.length - 1;
    const ruledRight = (band: { top: number; bottom: number }, c: number) =>
      inside.some((v) => Math.abs(v.x - xs[c + 1]!) <= NEAR && covers(v, (band.top + band.bottom) / 2));
    const ruledAbove = (band: { top: number; bottom: number }, c: number) =>
      horizontals.some((h) => Math.abs(h.y - band.top) <= NEAR && covers(h, (xs[c]! + xs[c + 1]!) / 2));
    const ids: number[][] = [];
    let next = 0;
    table.bands.forEach((band, r) => {
      ids[r] = [];
      for (let c = 0; c < columns; c += 1) {
        if (c > 0 && !ruledRight(band, c - 1)) ids[r]![c] = ids[r]![c - 1]!;
        else if (r > 0 && !ruledAbove(band, c)) ids[r]![c] = ids[r - 1]![c]!;
        else ids[r]![c] = next++;
      }
    });
    out.push({ ...table, xs, ids });
  }
  return out;
}

/**
 * A table's grid from its cells' texts: a cell spanning columns gives its text once ('' after it) —
 * but a tick mark spanning quarter columns is given to each (spreadsTick) —, a cell merged down gives
 * it to every row it covers.
 */
export function gridOf(table: RuledTable, textOf: (id: number) => string): string[][] {
  return table.ids.map((row) => {
    const out: string[] = [];
    row.forEach((id, c) => {
      const spanned = c > 0 && row[c - 1] === id;
      const first = row.indexOf(id);
      out.push(!spanned ? textOf(id) : spreadsTick(textOf(id), out.slice(0, first)) ? textOf(id) : '');
    });
    return out;
  });
}

/** A gap between two runs of one line wider than this (points) may part two columns; a word space is 2–4 pt. */
const COLUMN_GAP = 12;

/**
 * Lines outside tables, with side-by-side columns read one after the other. A letterhead is two columns
 * without rules (the issuer and "Số: …" on the left, Quốc hiệu, Tiêu ngữ and the place and date on the
 * right); a PDF puts each pair on one line, and read across, "ỦY BAN NHÂN DÂN / CỘNG HÒA XÃ HỘI…" wrapped in
 * narrow columns became "BAN HÒA", "NHÂN XÃ HỘI". Consecutive lines (top to bottom) that share a wide empty
 * band, at least two of them with text on both sides of it and none crossing it, are a two-column run: its
 * left parts are given first, then its right parts (placed just under the run's last line, in order).
 */
function inColumns(lines: { y: number; items: PageText[] }[]): { y: number; items: PageText[] }[] {
  const sorted = [...lines].sort((a, b) => b.y - a.y).map((l) => ({ y: l.y, items: [...l.items].sort((a, b) => a.x - b.x) }));
  const gapsOf = (items: PageText[]) => {
    const gaps: { from: number; to: number }[] = [];
    for (let i = 1; i < items.length; i += 1) {
      const from = Math.max(...items.slice(0, i).map((t) => t.x + t.width));
      if (items[i]!.x - from >= COLUMN_GAP) gaps.push({ from, to: items[i]!.x });
    }
    return gaps;
  };
  const crosses = (items: PageText[], band: { from: number; to: number }) => items.some((t) => t.x < band.to && t.x + t.width > band.from);
  const out: { y: number; items: PageText[] }[] = [];
  let i = 0;
  while (i < sorted.length) {
    // A run starts at a line with a wide gap; the band narrows to what every two-sided line leaves empty.
    let run: { band: { from: number; to: number }; end: number; twoSided: number } | null = null;
    for (const gap of gapsOf(sorted[i]!.items)) {
      let band = gap;
      let end = i + 1;
      let twoSided = 1;
      while (end < sorted.length) {
        const items = sorted[end]!.items;
        const shared = gapsOf(items).find((g) => g.from < band.to && g.to > band.from);
        if (shared) {
          band = { from: Math.max(band.from, shared.from), to: Math.min(band.to, shared.to) };
          twoSided += 1;
        } else if (crosses(items, band)) break;
        end += 1;
      }
      if (twoSided >= 2 && (!run || end - i > run.end - i)) run = { band, end, twoSided };
    }
    if (!run) {
      out.push(sorted[i]!);
      i += 1;
      continue;
    }
    const part = (side: 'left' | 'right') =>
      sorted.slice(i, run.end).flatMap((line) => {
        const items = line.items.filter((t) => (side === 'left' ? t.x + t.width <= run.band.from : t.x >= run.band.to));
        return items.length > 0 ? [{ y: line.y, items }] : [];
      });
    const last = sorted[run.end - 1]!.y;
    out.push(...part('left'));
    part('right').forEach((line, k) => out.push({ y: last - 0.01 * (k + 1), items: line.items.map((t) => ({ ...t, y: last - 0.01 * (k + 1) })) }));
    i = run.end;
  }
  return out;
}

/**
 * Builds a page's tables from its ruling lines (ruledTables) and puts each text run in its cell;
 * a merged cell's text is given to every row it covers (as a Word vMerge is). Text outside any
 * table is returned as paragraph lines in page order. `textTables`: tables read without rules
 * (text-table.ts), with their top and the runs they took.
 */
export function layoutPage(pageTexts: PageText[], rules: Rule[], textTables: { top: number; grid: string[][]; used: Set<PageText> }[] = []): PageLayout {
  const texts = [...pageTexts];
  const used = new Set<PageText>(textTables.flatMap((t) => [...t.used]));
  const blocks: { y: number; block: PageLayout['blocks'][number] }[] = textTables.map((t) => ({ y: t.top, block: { kind: 'table', grid: t.grid } }));
  for (const table of ruledTables(rules)) {
    const { xs, ids } = table;
    const left = xs[0]!;
    const right = xs[xs.length - 1]!;
    const columns = xs.length - 1;
    const cellTexts = new Map<number, PageText[]>();
    const inTable = texts.filter((t) => t.y <= table.top && t.y >= table.bottom);
    for (const whole of inTable) for (const part of splitAtRules(whole, xs.slice(1, -1))) if (part !== whole) used.add(whole), texts.push(part);
    for (const item of texts) {
      if (used.has(item)) continue;
      const x = item.x + Math.min(2, item.width / 2);
      if (item.y > table.top || item.y < table.bottom || x < left || x > right) continue;
      const r = table.bands.findIndex((b) => item.y <= b.top && item.y >= b.bottom);
      const c = xs.findIndex((edge, i) => i < columns && x >= edge && x < xs[i + 1]!);
      if (r < 0 || c < 0) continue;
      used.add(item);
      const id = ids[r]![c]!;
      cellTexts.set(id, [...(cellTexts.get(id) ?? []), item]);
    }
    // A cell's right rule: that of the last column it spans.
    const rightOf = new Map<number, number>();
    ids.forEach((row) => row.forEach((id, c) => rightOf.set(id, Math.max(rightOf.get(id) ?? 0, xs[c + 1]!))));
    const grid = gridOf(table, (id) => ruledCellText(cellTexts.get(id) ?? [], rightOf.get(id)!));
    const mergedAbove = ids.map((row, r) => row.map((id, c) => r > 0 && ids[r - 1]![c] === id));
    blocks.push({ y: table.top, block: { kind: 'table', grid, ...(mergedAbove.some((row) => row.includes(true)) ? { mergedAbove } : {}) } });
  }
  const rest = texts.filter((t) => !used.has(t) && t.text.trim() !== '');
  const lines = new Map<number, PageText[]>();
  for (const t of rest) {
    const key = [...lines.keys()].find((y) => Math.abs(y - t.y) <= 2) ?? t.y;
    lines.set(key, [...(lines.get(key) ?? []), t]);
  }
  for (const { y, items } of inColumns([...lines].map(([y, items]) => ({ y, items })))) blocks.push({ y, block: { kind: 'paragraph', text: joinTexts(items) } });
  blocks.sort((a, b) => b.y - a.y);
  return { blocks: blocks.map((b) => b.block) };
}
