/**
 * Reads a scanned plan (an image-only PDF, a .png or .jpg photo of the table) by OCR: each page's
 * ruling lines found in its pixels (ruling-lines.ts) give the table's cells with the PDF reader's
 * own grid builder (ruledTables: merged cells, two-row headers, group rows), each non-empty cell is
 * cropped and read by tesseract in Vietnamese (one process per page for all its cells), and every
 * word read with low confidence or with letters Vietnamese does not have is kept as a doubt: the
 * cell's row is reported, never stored as a guess. Pages are rasterised by pdftoppm; all files live
 * in a throw-away folder removed afterwards whatever happened.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rejoinBrokenWords } from '../../domain/broken-words.js';
import { findHeader } from '../../domain/plan-table.js';
import { gridOf, ruledTables, type RuledTable } from '../pdf/ruling-grid.js';
import { runInGroup } from '../process-group.js';
import { decodeImage, imagePng, type GrayImage } from './raster.js';
import { labelDoubts } from './label-sequence.js';
import { romanStems } from './roman-stems.js';
import { findRules, INK, MAX_TILT } from './ruling-lines.js';
import { recogniseImages, type OcrWord } from './tesseract.js';
import type { ReadWord } from './word-check.js';

/** Limits of one OCR read, measured on a busy 2-core server (bench `ocr`: a page takes seconds, not minutes). */
export const OCR_LIMITS = {
  /** A scanned Phụ lục longer than this is refused (send the Word or Excel file). */
  maxPages: 20,
  /** PDF pages are rasterised at this resolution (12-point text is then about 23 pixels tall). */
  dpi: 200,
  /**
   * One page's OCR — every tesseract pass over its cells (the Vietnamese read, the English re-read of
   * doubtful labels, the re-read at another size) — gets this long in all: a pass still running then
   * is killed, a pass not started is skipped (its cells stay doubtful), and a page whose first read
   * did not finish is reported unread. Configurable (DONDOC_OCR_PAGE_SECONDS); measured 3–17 s a page.
   */
  pageBudgetMs: 60_000,
  /** pdftoppm on the whole file is killed after this long. */
  rasterTimeoutMs: 120_000,
};

/** A word read with confidence under this (tesseract's 0–100) is a doubt: measured on the fixtures, right words score 85–96. */
export const MIN_WORD_CONFIDENCE = 70;

export type OcrProblem =
  | { code: 'no_tesseract' }
  | { code: 'no_vie' }
  | { code: 'no_pdftoppm' }
  | { code: 'timeout' }
  | { code: 'too_many_pages'; pages: number }
  /** An image over MAX_IMAGE_MEGAPIXELS. */
  | { code: 'too_large' }
  /** The page is tilted (its table's rules are not straight): reading it could merge cells that are not merged. */
  | { code: 'tilted'; degrees: number }
  | { code: 'unreadable' };

/** A cell's doubtful words, at its row and column in the table's grid (a merged cell's doubt is on every row it covers). */
export interface CellDoubt {
  row: number;
  column: number;
  words: string[];
}

/** A cell's words as read, with their confidence, at its row and column (a merged cell's on every row it covers). */
export interface CellWords {
  row: number;
  column: number;
  words: ReadWord[];
}

export type OcrBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; grid: string[][]; doubts: CellDoubt[]; words: CellWords[] }
  /** A page whose first read did not finish within its time (OCR_LIMITS.pageBudgetMs): nothing of it is known. */
  | { kind: 'unread'; page: number };

/** Combining marks Vietnamese writes: grave, acute, circumflex, tilde, breve, hook, horn, dot below. */
const VIETNAMESE_MARKS = /[\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]/gu;
const PLAIN = /^[A-Za-zĐđ0-9.,;:()/\-–—+%&"'“”‘’!?…*]+$/u;

/** A word made only of Vietnamese letters (with their marks), digits and the punctuation plans use; "ï", "Š", "|" are not. */
export function plausibleWord(word: string): boolean {
  return PLAIN.test(word.normalize('NFD').replace(VIETNAMESE_MARKS, ''));
}

/** Reads the pages of a scanned plan: a PDF (rasterised by pdftoppm) or one image. `env`: the tools' environment (default this process's). */
export async function readScan(
  data: Buffer,
  kind: 'pdf' | 'image',
  options: { env?: NodeJS.ProcessEnv; limits?: Partial<typeof OCR_LIMITS>; onPage?: (page: number, pages: number) => void } = {},
): Promise<{ ok: true; pages: OcrBlock[][] } | { ok: false; problem: OcrProblem }> {
  const limits = { ...OCR_LIMITS, ...options.limits };
  const env = options.env ?? process.env;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-ocr-'));
  try {
    const images: { image: GrayImage; scale: number }[] = [];
    if (kind === 'pdf') {
      await writeFile(join(dir, 'scan.pdf'), data);
      // One page more than allowed is asked for, so that a longer file is known to be too long.
      const ran = await runInGroup('pdftoppm', ['-r', String(limits.dpi), '-gray', '-png', '-l', String(limits.maxPages + 1), 'scan.pdf', 'page'], {
        cwd: dir,
        env,
        timeoutMs: limits.rasterTimeoutMs,
      });
      if (!ran.ok) return { ok: false, problem: ran.problem.code === 'missing' ? { code: 'no_pdftoppm' } : ran.problem.code === 'timeout' ? { code: 'timeout' } : { code: 'unreadable' } };
      const files = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
      if (files.length > limits.maxPages) return { ok: false, problem: { code: 'too_many_pages', pages: files.length } };
      for (const file of files) {
        const decoded = decodeImage(await readFile(join(dir, file)));
        if (!decoded.ok) return { ok: false, problem: { code: 'unreadable' } };
        images.push({ image: decoded.image, scale: 72 / limits.dpi });
      }
    } else {
      const decoded = decodeImage(data);
      if (!decoded.ok) return { ok: false, problem: { code: decoded.problem } };
      const { width, height } = decoded.image;
      // A photo carries no trustworthy resolution: it is taken as an A4 page across its shorter side.
      images.push({ image: decoded.image, scale: 595 / Math.min(width, height) });
    }
    const pages: OcrBlock[][] = [];
    for (const [n, { image, scale }] of images.entries()) {
      options.onPage?.(n + 1, images.length);
      const page = await readPage(image, scale, { dir: join(dir), prefix: `p${n + 1}`, env, deadline: Date.now() + limits.pageBudgetMs });
      if (!page.ok) return page;
      pages.push(page.blocks ?? [{ kind: 'unread', page: n + 1 }]);
    }
    return { ok: true, pages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Lighter than this is paper in a crop given to tesseract. */
const PAPER = 170;

/**
 * A copy of part of the image with scanner dust turned to paper: lone specks (under 6 inked pixels
 * in a 5×5 square), then any small blot (at most SPECK_POINTS across) with no other ink near it —
 * none within SPECK_POINTS around it, none on its own pixel rows within LINE_POINTS to either side.
 * A PDF's page, rasterised by pdftoppm, spreads a 2-pixel speck over 3×3 grey pixels that the
 * first test keeps: measured on plan-2026-scan.pdf, the dust was read as "_", "„", "." and "|" in
 * nine cells (doubtful rows) and as a full stop after "Sở Nội vụ" and "2026". A full stop stays:
 * it sits on the line of the letters it follows; a mark of a letter stays: it is next to it.
 */
export function cleanCrop(image: GrayImage, box: Box, scale = 72 / 200): GrayImage {
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) data.set(image.data.subarray((box.top + y) * image.width + box.left, (box.top + y) * image.width + box.right), y * width);
  const out = Uint8Array.from(data);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      // Light grey is paper: a JPEG's ringing around the rules and letters, a scanner's shading.
      if (data[y * width + x]! >= PAPER) out[y * width + x] = 255;
      if (data[y * width + x]! >= INK) continue;
      let inked = 0;
      for (let dy = -2; dy <= 2; dy += 1) for (let dx = -2; dx <= 2; dx += 1) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy >= 0 && yy < height && xx >= 0 && xx < width && data[yy * width + xx]! < INK) inked += 1;
      }
      if (inked < 6) out[y * width + x] = 255;
    }
  }
  return withoutBlots({ width, height, data: out }, Math.max(3, Math.round(SPECK_POINTS / scale)), Math.max(8, Math.round(LINE_POINTS / scale)));
}

/** A blot at most this wide and tall (points) with no ink near it is dust (a 12-point full stop is about 1.4 points, and sits beside its word). */
const SPECK_POINTS = 2.2;
/** A full stop's word is at most this far (points) along its line: a 12-point word space is 3 points, the gap of "1." in a TT cell 3.5. */
const LINE_POINTS = 6;

/** `image` with the blots of ink at most `side` pixels across that have no other ink within `side` around them nor within `along` on their rows, turned to paper. */
function withoutBlots(image: GrayImage, side: number, along: number): GrayImage {
  const { width: w, height: h, data } = image;
  const label = new Int32Array(w * h).fill(-1);
  const blots: { left: number; top: number; right: number; bottom: number; pixels: number[] }[] = [];
  for (let i = 0; i < w * h; i += 1) {
    if (data[i]! >= INK || label[i]! >= 0) continue;
    const blot = { left: w, top: h, right: -1, bottom: -1, pixels: [] as number[] };
    const stack = [i];
    label[i] = blots.length;
    while (stack.length > 0) {
      const p = stack.pop()!;
      blot.pixels.push(p);
      const x = p % w;
      const y = (p - x) / w;
      blot.left = Math.min(blot.left, x);
      blot.right = Math.max(blot.right, x);
      blot.top = Math.min(blot.top, y);
      blot.bottom = Math.max(blot.bottom, y);
      for (let dy = -1; dy <= 1; dy += 1) for (let dx = -1; dx <= 1; dx += 1) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const q = yy * w + xx;
        if (data[q]! < INK && label[q]! < 0) {
          label[q] = blots.length;
          stack.push(q);
        }
      }
    }
    blots.push(blot);
  }
  const out = Uint8Array.from(data);
  const otherInk = (k: number, left: number, top: number, right: number, bottom: number) => {
    for (let y = Math.max(0, top); y <= Math.min(h - 1, bottom); y += 1)
      for (let x = Math.max(0, left); x <= Math.min(w - 1, right); x += 1) {
        const l = label[y * w + x]!;
        if (l >= 0 && l !== k) return true;
      }
    return false;
  };
  blots.forEach((b, k) => {
    if (b.right - b.left + 1 > side || b.bottom - b.top + 1 > side) return;
    if (otherInk(k, b.left - side, b.top - side, b.right + side, b.bottom + side)) return;
    if (otherInk(k, b.left - along, b.top, b.right + along, b.bottom)) return;
    for (const p of b.pixels) out[p] = 255;
  });
  return { width: w, height: h, data: out };
}

const inkOf = (image: GrayImage) => image.data.reduce((n, v) => n + (v < INK ? 1 : 0), 0);

/**
 * Words of a cell as text: words of a line joined by a space, lines by "\n", and a word the printed
 * column broke after its hyphen or inside a date's year joined back (as the PDF reader joins a cell's lines).
 */
function textOf(words: OcrWord[]): string {
  const lines = new Map<string, string[]>();
  for (const word of words) lines.set(word.line, [...(lines.get(word.line) ?? []), word.text]);
  return rejoinBrokenWords([...lines.values()].map((l) => l.join(' ')).join('\n'));
}

async function readPage(
  image: GrayImage,
  scale: number,
  options: { dir: string; prefix: string; env: NodeJS.ProcessEnv; /** When the page's time is up (Date.now() milliseconds). */ deadline: number },
): Promise<{ ok: true; /** Undefined: the first read did not finish in time, the page is unread. */ blocks: OcrBlock[] | undefined } | { ok: false; problem: OcrProblem }> {
  const left = () => options.deadline - Date.now();
  const found = findRules(image, scale);
  if (found.tilt > MAX_TILT) return { ok: false, problem: { code: 'tilted', degrees: Math.round((Math.atan(found.tilt) * 180 * 10) / Math.PI) / 10 } };
  const tables = ruledTables(found.rules);
  const toPx = (x: number, y: number) => ({ x: Math.round(x / scale), y: Math.round(image.height - y / scale) });
  // Inside a cell by more than half a rule's thickness, so the rule itself is not read as "|" (a
  // cell's crop starts nearer, insideRules, and stops at the rule's last inked line).
  const inset = Math.max(4, Math.round(1.5 / scale));
  // Crops are enlarged to about 400 dpi (`scale` points per pixel: 0.36 at 200 dpi): measured on the fixtures, tesseract misreads fewer short labels ("3.", "I.") there than at 200 or 300.
  const zoom = Math.min(3, Math.max(1, scale / (72 / 400)));
  const crops: { file: string; table: number; id: number; image: GrayImage }[] = [];
  const cells = new Map<string, Box>();
  for (const [t, table] of tables.entries()) {
    for (const [id, box] of cellBoxes(table)) {
      const a = toPx(box.left, box.top);
      const b = toPx(box.right, box.bottom);
      const px = insideRules(image, { left: a.x, top: a.y, right: b.x, bottom: b.y }, Math.max(2, Math.round(0.5 / scale)), 2 * inset);
      if (px.right - px.left < 4 || px.bottom - px.top < 4) continue;
      const crop = cleanCrop(image, px, scale);
      // An empty cell is known empty: nothing to read, nothing to doubt.
      if (inkOf(crop) < 12) continue;
      const file = join(options.dir, `${options.prefix}-t${t}-c${id}.png`);
      await writeFile(file, imagePng(crop, zoom));
      crops.push({ file, table: t, id, image: crop });
      cells.set(`${t}:${id}`, px);
    }
  }
  // The text above the first table (title, "Kèm theo Kế hoạch số …") is read too, for the document's header.
  const firstTop = tables.length > 0 ? toPx(0, tables[0]!.top).y : image.height;
  const above = firstTop > 40 ? cleanCrop(image, { left: 0, top: 0, right: image.width, bottom: firstTop - inset }, scale) : undefined;
  const aboveFile = join(options.dir, `${options.prefix}-above.png`);
  if (above && inkOf(above) >= 12) await writeFile(aboveFile, imagePng(above, zoom));
  const files = [...(above && inkOf(above) >= 12 ? [aboveFile] : []), ...crops.map((c) => c.file)];
  if (files.length === 0) return { ok: true, blocks: [] };
  if (left() <= 0) return { ok: true, blocks: undefined };
  const read = await recogniseImages(files, { dir: options.dir, env: options.env, timeoutMs: left() });
  if (!read.ok) {
    const { code } = read.problem;
    if (code === 'timeout') return { ok: true, blocks: undefined };
    return { ok: false, problem: code === 'no_tesseract' || code === 'no_vie' ? { code } : { code: 'unreadable' } };
  }
  const words = read.words;
  const blocks: OcrBlock[] = [];
  if (files[0] === aboveFile) {
    for (const line of textOf(words.shift()!).split('\n')) if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line.trim() });
  }
  const byCell = new Map<string, OcrWord[]>();
  crops.forEach((crop, i) => byCell.set(`${crop.table}:${crop.id}`, words[i] ?? []));
  const unsure = (w: OcrWord) => w.confidence < MIN_WORD_CONFIDENCE || !plausibleWord(w.text);
  // What each cell holds, from the header as first read: the rows' number labels and the deadlines,
  // and the header's first cell (the number column's "TT", "STT").
  const roles = new Map<string, 'label' | 'code' | 'deadline' | 'header'>();
  for (const [t, table] of tables.entries()) {
    const header = findHeader(gridOf(table, (id) => textOf(byCell.get(`${t}:${id}`) ?? [])));
    if (!header.ok) continue;
    const { code = 0, deadline } = header.value.columns;
    table.ids.forEach((row, r) => {
      if (r <= header.value.index) {
        if (row[0] !== undefined && row[1] !== row[0]) roles.set(`${t}:${row[0]}`, 'header');
        return;
      }
      // A heading across the table carries its label as its first word ("III. XÂY DỰNG…").
      if (row.every((id) => id === row[code])) roles.set(`${t}:${row[code]}`, 'label');
      else {
        if (row[code] !== undefined && row[code - 1] !== row[code] && row[code + 1] !== row[code]) roles.set(`${t}:${row[code]}`, 'code');
        if (deadline !== undefined && row[deadline] !== undefined && row[deadline - 1] !== row[deadline]) roles.set(`${t}:${row[deadline]}`, 'deadline');
      }
    });
  }
  for (const crop of crops) {
    const key = `${crop.table}:${crop.id}`;
    const role = roles.get(key);
    if (role && role !== 'header') byCell.set(key, romansFromPixels(byCell.get(key) ?? [], crop.image, zoom, role, false));
  }
  // A second, independent read of the doubtful cells: a number label's by the English model (it
  // reads "3." and "a)" where the Vietnamese one sees "ỏ." and "8)"), confirmed when it reads one
  // label confidently (a capital "C)" that has a small letter's shape read as that letter), and so
  // is the header's "STT" (the Vietnamese model read "SIT"); any other cell's at another size
  // (about 300 dpi), confirmed when that read gives the very same text with every word confident.
  // Any other cell stays a doubt.
  const confirmed = new Set<string>();
  const isLabel = (ws: OcrWord[]) => ws.length === 1 && LABEL.test(ws[0]!.text);
  const recheck = crops.filter((crop) => {
    const key = `${crop.table}:${crop.id}`;
    const read1 = byCell.get(key) ?? [];
    return read1.some(unsure) || (roles.get(key) === 'code' && !isLabel(read1));
  });
  const english = (crop: { table: number; id: number }) => ['code', 'header'].includes(roles.get(`${crop.table}:${crop.id}`) ?? '');
  const byEnglish = recheck.filter(english);
  const again = recheck.filter((crop) => !english(crop));
  // A pass the page's time does not reach is skipped, one it runs out in is killed: its cells stay doubts.
  if (byEnglish.length > 0 && left() > 0) {
    const read = await recogniseImages(
      byEnglish.map((crop) => crop.file),
      { dir: options.dir, env: options.env, timeoutMs: left(), lang: 'eng' },
    );
    // Without the English data (a Debian tesseract-ocr always has it) the labels stay doubts.
    if (read.ok) {
      byEnglish.forEach((crop, i) => {
        const key = `${crop.table}:${crop.id}`;
        const read2 = (read.words[i] ?? []).map((w) => (/^[COSVXZ]\)$/.test(w.text) ? { ...w, text: w.text.toLowerCase() } : w));
        const known = roles.get(key) === 'header' ? read2.length === 1 && /^S?TT$/.test(read2[0]!.text) : isLabel(read2);
        if (!known || read2.some(unsure)) return;
        byCell.set(key, read2);
        confirmed.add(key);
      });
    }
  }
  if (again.length > 0 && left() > 0) {
    const zoom2 = Math.max(1, scale / (72 / 300)) === zoom ? zoom * 1.25 : Math.max(1, scale / (72 / 300));
    const files2 = again.map((crop) => `${crop.file.replace(/\.png$/, '')}-2.png`);
    for (const [i, crop] of again.entries()) await writeFile(files2[i]!, imagePng(crop.image, zoom2));
    const second = await recogniseImages(files2, { dir: options.dir, env: options.env, timeoutMs: Math.max(1, left()) });
    if (!second.ok && second.problem.code !== 'timeout') return { ok: false, problem: { code: 'unreadable' } };
    if (second.ok) again.forEach((crop, i) => {
      const key = `${crop.table}:${crop.id}`;
      const role = roles.get(key);
      const read2 = role && role !== 'header' ? romansFromPixels(second.words[i] ?? [], crop.image, zoom2, role, true) : (second.words[i] ?? []);
      if (read2.length > 0 && !read2.some(unsure) && textOf(read2) === textOf(byCell.get(key) ?? [])) {
        confirmed.add(key);
        // Two reads at different sizes gave the same words: each is as sure as its surer read.
        byCell.set(key, (byCell.get(key) ?? []).map((w, j) => ({ ...w, confidence: Math.max(w.confidence, read2[j]?.confidence ?? 0) })));
      }
    });
  }
  for (const [t, table] of tables.entries()) {
    const wordsOf = (id: number) => byCell.get(`${t}:${id}`) ?? [];
    const grid = gridOf(table, (id) => textOf(wordsOf(id)));
    const doubts: CellDoubt[] = [];
    const cellWords: CellWords[] = [];
    table.ids.forEach((row, r) =>
      row.forEach((id, c) => {
        if (c > 0 && row[c - 1] === id) return;
        const read = wordsOf(id);
        if (read.length > 0) cellWords.push({ row: r, column: c, words: read.map((w) => ({ text: w.text, confidence: w.confidence })) });
        const doubtful = confirmed.has(`${t}:${id}`) ? [] : read.filter(unsure);
        if (doubtful.length > 0) doubts.push({ row: r, column: c, words: doubtful.map((w) => w.text) });
      }),
    );
    // A cell merged down over a line that is there but broken (a faint print, a fold) may be two cells:
    // its text would be copied into a row that has its own. Both rows are doubtful.
    table.ids.forEach((row, r) =>
      row.forEach((id, c) => {
        if (r === 0 || table.ids[r - 1]![c] !== id || (c > 0 && row[c - 1] === id)) return;
        const y = toPx(0, table.bands[r]!.top).y;
        const from = toPx(table.xs[c]!, 0).x + inset;
        const to = toPx(table.xs[c + 1]!, 0).x - inset;
        if (longestInkRun(image, y, from, to) <= 0.4 * (to - from)) return;
        for (const at of [r - 1, r]) {
          const same = doubts.find((d) => d.row === at && d.column === c);
          if (!same) doubts.push({ row: at, column: c, words: [BROKEN_RULE] });
          else if (!same.words.includes(BROKEN_RULE)) same.words.push(BROKEN_RULE);
        }
      }),
    );
    for (const { row, column, label } of labelDoubts(grid)) {
      const same = doubts.find((d) => d.row === row && d.column === column);
      if (!same) doubts.push({ row, column, words: [label] });
      else if (!same.words.includes(label)) same.words.unshift(label);
    }
    blocks.push({ kind: 'table', grid, doubts, words: cellWords });
  }
  return { ok: true, blocks };
}

/** What the preview shows for a merged cell over a broken line. */
const BROKEN_RULE = 'ô gộp qua đường kẻ đứt';

/** The longest run of ink along the pixel rows y-2…y+2 between `from` and `to`: a broken rule still has long pieces, text across a merged cell only letters. */
function longestInkRun(image: GrayImage, y: number, from: number, to: number): number {
  let longest = 0;
  for (let yy = Math.max(0, y - 2); yy <= Math.min(image.height - 1, y + 2); yy += 1) {
    let run = 0;
    for (let x = Math.max(0, from); x < Math.min(image.width, to); x += 1) {
      run = image.data[yy * image.width + x]! < INK ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
}

/**
 * The inside of a cell between its rules (`box`: the rules' middles, in pixels): `from` pixels in
 * from each, then on each side every line of pixels along the rule that is still mostly ink (the
 * rule's own thickness) left out, up to `most` pixels in. A fixed inset of a rule's full width cut
 * the top off letters set close under it: measured on plan-2026.pdf at 300 dpi, the hook of "Kiểm",
 * "Tổng", "phẩm" was cut to its stem and read, confidently, as an acute ("Kiếm").
 */
function insideRules(image: GrayImage, box: Box, from: number, most: number): Box {
  const out = { left: box.left + from, top: box.top + from, right: box.right - from, bottom: box.bottom - from };
  const inkAt = (x: number, y: number) => x >= 0 && y >= 0 && x < image.width && y < image.height && image.data[y * image.width + x]! < INK;
  /** Whether the longest run of ink along the line is over half of it. */
  const ruled = (length: number, inked: (i: number) => boolean) => {
    let run = 0;
    for (let i = 0; i < length; i += 1) {
      run = inked(i) ? run + 1 : 0;
      if (run > length / 2) return true;
    }
    return false;
  };
  const row = (y: number) => ruled(out.right - out.left, (i) => inkAt(out.left + i, y));
  const column = (x: number) => ruled(out.bottom - out.top, (i) => inkAt(x, out.top + i));
  while (out.top - box.top < most && out.top < out.bottom && row(out.top)) out.top += 1;
  while (box.bottom - out.bottom < most && out.bottom > out.top && row(out.bottom - 1)) out.bottom -= 1;
  while (out.left - box.left < most && out.left < out.right && column(out.left)) out.left += 1;
  while (box.right - out.right < most && out.right > out.left && column(out.right - 1)) out.right -= 1;
  return out;
}

/** Each cell's box (in the rules' space, y up) from the rows and columns its id covers. */
function cellBoxes(table: RuledTable): Map<number, Box> {
  const boxes = new Map<number, Box>();
  table.ids.forEach((row, r) =>
    row.forEach((id, c) => {
      const band = table.bands[r]!;
      const box = boxes.get(id);
      const next = { left: table.xs[c]!, right: table.xs[c + 1]!, top: band.top, bottom: band.bottom };
      boxes.set(id, box ? { left: Math.min(box.left, next.left), right: Math.max(box.right, next.right), top: Math.max(box.top, next.top), bottom: Math.min(box.bottom, next.bottom) } : next);
    }),
  );
  return boxes;
}

/** A row's number label as the plans write it: "3.", "12", "a)", "đ)", a dash. */
const LABEL = /^(\d{1,3}\.?|[a-zđ][).]|[-+•])$/u;

/** The white margin imagePng puts around a crop (tesseract's word boxes are in that image). */
const CROP_MARGIN = 10;

/**
 * A cell's words with its Roman numeral counted in the pixels (roman-stems.ts) where tesseract
 * read it: a label ("III." read "II.", "IL.") becomes the count of I's, confident (the stems are
 * what the paper prints); a deadline's quarter ("Quý III/2026" read "IIH/2026", "[I/2026", "1/2026")
 * its count of I's and the year read after the slash. That year is tesseract's, in a word it read
 * maybe without confidence: the word keeps tesseract's confidence in the first read (a doubt when
 * low), and in the second (`second`) is taken as confident, so that a doubtful cell is confirmed
 * only when both reads give the same year. `zoom`: how much the crop was enlarged for tesseract.
 */
function romansFromPixels(words: OcrWord[], crop: GrayImage, zoom: number, role: 'label' | 'code' | 'deadline', second: boolean): OcrWord[] {
  const x = (px: number) => (px - CROP_MARGIN) / zoom;
  return words.map((word, i): OcrWord => {
    const stemsOf = () => romanStems(crop, x(word.left), x(word.left + word.width));
    if (role === 'label' || role === 'code') {
      if (i !== 0 || !/^[^\s]{1,6}$/u.test(word.text)) return word;
      // A sub-task's letter whose capital has the small letter's shape ("C)" for "c)"): the letter.
      if (role === 'code' && /^[COSVXZ]\)$/.test(word.text)) return { ...word, text: word.text.toLowerCase() };
      const stems = stemsOf();
      if (!stems || stems.then !== 'end') return word;
      return { ...word, text: `${'I'.repeat(stems.count)}${/[.,:;]$/.test(word.text) ? '.' : ''}`, confidence: 100 };
    }
    const before = words[i - 1];
    if (!before || before.line !== word.line || !/^quý$/iu.test(before.text) || unsureWord(before)) return word;
    const year = /[/⁄](\d{4})$/u.exec(word.text);
    if (!year) return word;
    const stems = stemsOf();
    if (!stems || stems.then !== 'slash') return word;
    const text = `${'I'.repeat(stems.count)}/${year[1]}`;
    return second ? { ...word, text, confidence: 100 } : { ...word, text };
  });
}

const unsureWord = (w: OcrWord) => w.confidence < MIN_WORD_CONFIDENCE || !plausibleWord(w.text);
