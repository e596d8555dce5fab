/**
 * Runs tesseract (Debian `tesseract-ocr` with `tesseract-ocr-vie`) on a list of images in one
 * process — the crops of one page's cells — and reads its TSV: the words of each image with their
 * confidence. Runs in its own process group under a time limit (process-group.ts), one OCR thread
 * (OMP_THREAD_LIMIT=1: on a busy server more threads only wait for each other).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInGroup } from '../process-group.js';

/** A word tesseract read: its text, confidence (0–100) and line within its image. */
export interface OcrWord {
  text: string;
  confidence: number;
  /** Block, paragraph and line numbers joined: words of one line share it. */
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export type TesseractProblem =
  /** tesseract is not on PATH. */
  | { code: 'no_tesseract' }
  /** tesseract runs but has no Vietnamese data (`tesseract-ocr-vie`). */
  | { code: 'no_vie' }
  | { code: 'timeout'; ms: number }
  | { code: 'failed' };

/**
 * The Vietnamese models tesseract has: `vie`, with Debian's `tesseract-ocr-script-viet` (the Latin
 * script model of Vietnamese, "Vietnamese") beside it when installed. Asked once per tool setup.
 */
const vietnameseModels = new Map<string, Promise<string>>();
function vietnamese(env: NodeJS.ProcessEnv, dir: string): Promise<string> {
  const key = `${env.PATH ?? ''}\n${env.TESSDATA_PREFIX ?? ''}`;
  let models = vietnameseModels.get(key);
  if (!models) {
    models = runInGroup('tesseract', ['--list-langs'], { cwd: dir, env, timeoutMs: 10_000, maxStdoutBytes: 64 * 1024 }).then((ran) =>
      ran.ok && ran.stdout.toString('utf8').split('\n').some((l) => l.trim() === 'Vietnamese') ? 'vie+Vietnamese' : 'vie',
    );
    vietnameseModels.set(key, models);
  }
  return models;
}

/**
 * Reads each image of `images` (paths) with tesseract in Vietnamese, page segmentation 6 (one block
 * of text: a cell); words per image, in order. Vietnamese is `vie` with the script model beside it
 * when installed: measured on the fixtures' scans (bench `ocr`), 3 tasks of the 2027 plan's photo
 * held back for a doubtful word instead of 5 with `vie` alone, none stored wrong either way. `lang` 'eng': the English model,
 * which reads a row's number label ("3.", "a)") where the Vietnamese one sees a letter with marks
 * ("ỏ.", "8)").
 */
export async function recogniseImages(
  images: string[],
  options: { dir: string; env: NodeJS.ProcessEnv; timeoutMs: number; lang?: 'vie' | 'eng' },
): Promise<{ ok: true; words: OcrWord[][] } | { ok: false; problem: TesseractProblem }> {
  const list = join(options.dir, `list-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  await writeFile(list, `${images.join('\n')}\n`);
  const lang = options.lang === 'eng' ? 'eng' : await vietnamese(options.env, options.dir);
  const ran = await runInGroup('tesseract', [list, '-', '-l', lang, '--psm', '6', '-c', 'preserve_interword_spaces=0', 'tsv'], {
    cwd: options.dir,
    env: { ...options.env, OMP_THREAD_LIMIT: '1' },
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: 20 * 1024 * 1024,
  });
  if (!ran.ok) {
    const { problem } = ran;
    if (problem.code === 'missing') return { ok: false, problem: { code: 'no_tesseract' } };
    if (problem.code === 'timeout') return { ok: false, problem };
    if (problem.code === 'failed' && /Failed loading language|Error opening data file|could not initialize/i.test(problem.stderr)) return { ok: false, problem: { code: 'no_vie' } };
    return { ok: false, problem: { code: 'failed' } };
  }
  return { ok: true, words: parseTsv(ran.stdout.toString('utf8'), images.length) };
}

/** Tesseract's TSV (level, page, block, paragraph, line, word, left, top, width, height, confidence, text) as words per page. */
export function parseTsv(tsv: string, pages: number): OcrWord[][] {
  const out: OcrWord[][] = Array.from({ length: pages }, () => []);
  for (const line of tsv.split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (text === '') continue;
    const page = Number(f[1]) - 1;
    out[page]?.push({ text: text.normalize('NFC'), confidence: Number(f[10]), line: `${f[2]}.${f[3]}.${f[4]}`, left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]) });
  }
  return out;
}
