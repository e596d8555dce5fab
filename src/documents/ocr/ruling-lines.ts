/**
 * Finds a scanned table's ruling lines in its pixels: long straight runs of ink, horizontal or
 * vertical, grouped over the few pixels of a line's thickness. Text strokes are shorter than
 * MIN_RULE_POINTS (a capital letter of a 14-point heading is about 10 points tall), so letters
 * are not taken for rules; scanner dust is a pixel or two and does not break a run (gaps of
 * GAP pixels are bridged).
 */
import type { Rule } from '../pdf/ruling-grid.js';
import type { GrayImage } from './raster.js';

/** Darker than this is ink (a table rule printed grey is about 128; a JPEG's blur spreads it lighter over more pixels, hence the margin). */
export const INK = 200;
/** A run of ink at least this long (in points, 1/72 inch) is a rule. */
const MIN_RULE_POINTS = 14;
/** Gaps in a run up to this many pixels are bridged. */
const GAP = 2;

interface Run {
  at: number;
  from: number;
  to: number;
}

/** Runs of ink along one line of pixels, at least `min` long, gaps of GAP bridged. */
function runsAlong(length: number, ink: (i: number) => boolean, min: number, at: number, out: Run[]): void {
  let start = -1;
  let lastInk = -1;
  for (let i = 0; i <= length; i += 1) {
    const dark = i < length && ink(i);
    if (dark) {
      if (start < 0) start = i;
      lastInk = i;
    } else if (start >= 0 && i - lastInk > GAP) {
      if (lastInk - start + 1 >= min) out.push({ at, from: start, to: lastInk });
      start = -1;
    }
  }
}

/** Runs on neighbouring pixel lines that overlap are one rule: its position is their middle, its extent their union, its thickness from `first` to `last`. */
function group(runs: Run[]): (Run & { first: number; last: number })[] {
  const sorted = [...runs].sort((a, b) => a.from - b.from || a.at - b.at);
  const groups: { ats: number[]; from: number; to: number; last: number }[] = [];
  for (const run of sorted) {
    const joined = groups.find((g) => Math.abs(g.last - run.at) <= 2 && run.from <= g.to + GAP && run.to >= g.from - GAP);
    if (joined) {
      joined.ats.push(run.at);
      joined.last = Math.max(joined.last, run.at);
      joined.from = Math.min(joined.from, run.from);
      joined.to = Math.max(joined.to, run.to);
    } else groups.push({ ats: [run.at], from: run.from, to: run.to, last: run.at });
  }
  return groups.map((g) => ({ at: (Math.min(...g.ats) + Math.max(...g.ats)) / 2, from: g.from, to: g.to, first: Math.min(...g.ats), last: Math.max(...g.ats) }));
}

/**
 * A rule has paper along both its sides (a cell's text keeps its padding away from the border);
 * a line of serif text has inked serifs along its baseline but its letters' stems just above it.
 * True when, on each side, at most 30% of the positions along the run have ink within 2–6 pixels.
 */
function clearAlongside(run: Run & { first: number; last: number }, ink: (along: number, across: number) => boolean): boolean {
  const sides = [
    [run.first - 6, run.first - 2],
    [run.last + 2, run.last + 6],
  ] as const;
  return sides.every(([from, to]) => {
    let inked = 0;
    for (let a = run.from; a <= run.to; a += 1) {
      for (let across = from; across <= to; across += 1) {
        if (ink(a, across)) {
          inked += 1;
          break;
        }
      }
    }
    return inked <= 0.3 * (run.to - run.from + 1);
  });
}

/**
 * A rule's drop along its length (beyond its thickness) over this means the page is tilted: its
 * rules come apart into steps, a missed step reads as a merged cell and a merged cell copies a
 * value into the row below — measured: a page turned 0.3° stored a task with its neighbour's
 * deadline (measured drop 0.0028). Pages are not straightened yet, so a tilted one is refused.
 */
export const MAX_TILT = 0.0015;

/**
 * The rules of a page in the PDF's space (points, y growing upwards from the bottom edge), `scale`
 * points per pixel, so that the PDF grid builder (ruledTables) reads them as it reads a text PDF's;
 * `tilt` is the steepest drop of a long rule per pixel of its length (0 on a straight scan).
 */
export function findRules(image: GrayImage, scale: number): { rules: Rule[]; tilt: number } {
  const { width, height, data } = image;
  const min = Math.round(MIN_RULE_POINTS / scale);
  const horizontal: Run[] = [];
  for (let y = 0; y < height; y += 1) runsAlong(width, (x) => data[y * width + x]! < INK, min, y, horizontal);
  const vertical: Run[] = [];
  for (let x = 0; x < width; x += 1) runsAlong(height, (y) => data[y * width + x]! < INK, min, x, vertical);
  const inkAt = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && data[y * width + x]! < INK;
  const rows = group(horizontal).filter((r) => clearAlongside(r, (x, y) => inkAt(x, y)));
  const columns = group(vertical).filter((r) => clearAlongside(r, (y, x) => inkAt(x, y)));
  // A straight rule is a few pixels thick whatever its length; a tilted one drops along it.
  const drop = (r: Run & { first: number; last: number }) => Math.max(0, r.last - r.first - 4) / (r.to - r.from + 1);
  const long = [...rows.filter((r) => r.to - r.from > width / 3), ...columns.filter((r) => r.to - r.from > height / 4)];
  return {
    rules: [
      ...rows.map((r): Rule => ({ kind: 'h', y: (height - r.at) * scale, from: r.from * scale, to: r.to * scale })),
      ...columns.map((r): Rule => ({ kind: 'v', x: r.at * scale, from: (height - r.to) * scale, to: (height - r.from) * scale })),
    ],
    tilt: long.reduce((most, r) => Math.max(most, drop(r)), 0),
  };
}
