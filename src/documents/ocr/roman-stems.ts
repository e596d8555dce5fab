/**
 * Counts a Roman numeral's I's in the pixels, where tesseract reads them badly: a serif "I" is a
 * straight vertical stem with serifs on both sides at its top and foot, and LibreOffice prints
 * "III/2026" and "I/2026" with the serifs and the slash touching, which tesseract reads as "II",
 * "IIH", "[II", "I/⁄" or the digit "1" (measured on the scanned fixtures: every "Quý I/II/III" cell
 * and the "III." heading). Only plain stems are counted: a "1" (its flag leaves the right of its
 * top bare), a "V" or an "X" (not vertical) make the answer undefined, and the caller keeps
 * tesseract's reading (with its doubt).
 */
import type { GrayImage } from './raster.js';
import { INK } from './ruling-lines.js';

export interface RomanStems {
  /** How many I's the numeral has (1–3). */
  count: number;
  /** What follows the stems: a slash ("I/2026"), or nothing but a full stop or paper up to `right` ("III."). */
  then: 'slash' | 'end';
}

/** Darkness (0 paper … 1 ink) of a pixel; outside the image is paper. */
function darkness(image: GrayImage, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return 0;
  return (255 - image.data[y * image.width + x]!) / 255;
}

const inked = (image: GrayImage, x: number, y: number) => x >= 0 && y >= 0 && x < image.width && y < image.height && image.data[y * image.width + x]! < INK;

/** Runs of ink along pixel row y between `from` and `to`. */
function runsOn(image: GrayImage, y: number, from: number, to: number): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let start = -1;
  for (let x = from; x <= to + 1; x += 1) {
    const ink = x <= to && inked(image, x, y);
    if (ink && start < 0) start = x;
    if (!ink && start >= 0) {
      runs.push({ from: start, to: x - 1 });
      start = -1;
    }
  }
  return runs;
}

/** The ink-weighted middle of the stroke near `x` on row y (within ±radius px). */
function centreNear(image: GrayImage, x: number, y: number, radius: number): number | undefined {
  let sum = 0;
  let weight = 0;
  for (let xx = Math.round(x) - radius; xx <= Math.round(x) + radius; xx += 1) {
    const d = darkness(image, xx, y);
    sum += d * xx;
    weight += d;
  }
  return weight > 0.5 ? sum / weight : undefined;
}

/**
 * The I's at the start of the word between pixel columns `left` and `right` of `image` (the crop
 * tesseract read), or undefined when the word does not start with one to three serif I's followed
 * by a slash or by nothing but a full stop.
 */
export function romanStems(image: GrayImage, left: number, right: number): RomanStems | undefined {
  left = Math.max(0, Math.round(left));
  right = Math.min(image.width - 1, Math.round(right));
  // The first column with ink is the first stem's left serif; its stem is the first run of the rows below.
  let first = -1;
  for (let x = left; x <= right && first < 0; x += 1) for (let y = 0; y < image.height; y += 1) if (inked(image, x, y)) {
    first = x;
    break;
  }
  if (first < 0) return undefined;
  // The text line: the rows with ink in the word's first few columns.
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < image.height; y += 1) {
    for (let x = first; x <= Math.min(right, first + 12); x += 1) if (inked(image, x, y)) {
      if (top < 0) top = y;
      bottom = y;
      break;
    }
  }
  const height = bottom - top + 1;
  if (height < 10) return undefined;
  const at = (f: number) => top + Math.round(f * (height - 1));
  const mid = runsOn(image, at(0.5), first, right);
  const stemWidth = Math.max(2, Math.round(0.3 * height));
  let count = 0;
  let then: RomanStems['then'] | undefined;
  for (const run of mid) {
    const width = run.to - run.from + 1;
    const centre = (run.from + run.to) / 2;
    const high = centreNear(image, centre, at(0.25), 3);
    const low = centreNear(image, centre, at(0.75), 3);
    if (high === undefined || low === undefined) return undefined;
    const lean = high - low;
    if (width <= stemWidth && Math.abs(lean) <= 0.8) {
      // A stem from top to foot, with serifs on both sides at both ends (a "1" has none at the right of its top).
      for (let f = 0.15; f <= 0.85; f += 0.05) if (centreNear(image, centre, at(f), 2) === undefined) return undefined;
      for (const y of [at(0.03), at(0.97)]) {
        const row = [0, 1, -1].map((d) => y + d);
        const side = (dir: -1 | 1) => row.some((yy) => inked(image, dir < 0 ? run.from - 1 : run.to + 1, yy));
        if (!side(-1) || !side(1)) return undefined;
      }
      count += 1;
      if (count > 3) return undefined;
      continue;
    }
    // A slash leans right going up.
    if (count > 0 && lean >= 1.2 && width <= 2 * stemWidth) then = 'slash';
    else return undefined;
    break;
  }
  if (count === 0) return undefined;
  // Nothing after the stems on the middle row: only a full stop (below it) may follow.
  return { count, then: then ?? 'end' };
}
