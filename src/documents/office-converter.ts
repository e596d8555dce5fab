/**
 * Converts an office file with LibreOffice headless (Debian `libreoffice-writer-nogui`): an old
 * binary Word file (.doc) becomes a .docx that the docx reader reads. Each conversion runs in a
 * private, temporary profile directory (never the user's, never shared with another conversion or
 * a running LibreOffice), in its own process group killed whole when the time limit passes, on an
 * input and an output of capped size; the temporary folder is removed afterwards whatever happened.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInGroup } from './process-group.js';

/** Limits of one conversion: LibreOffice converts a 16-page plan in a few seconds (its first start in a new profile included). */
export const OFFICE_LIMITS = {
  /** The process group is killed after this long. */
  timeoutMs: 60_000,
  /** Inputs larger than this are not handed to LibreOffice. */
  maxInputBytes: 10 * 1024 * 1024,
  /** A converted file larger than this is not read (a .docx of a plan is well under 1 MB). */
  maxOutputBytes: 20 * 1024 * 1024,
};

export type ConvertProblem =
  /** soffice is not on PATH: LibreOffice is not installed. */
  | { code: 'no_converter' }
  /** The time limit passed: the conversion was killed. */
  | { code: 'timeout'; ms: number }
  | { code: 'too_large' }
  /** LibreOffice could not open the file (broken, password-protected, not a Word file). */
  | { code: 'failed' };

export interface ConvertOptions {
  /** The extension the input is given to LibreOffice with ("doc"). */
  from: string;
  /** LibreOffice's import filter ("MS Word 97"): without one it opens anything, a text file included. */
  filter?: string;
  /** LibreOffice's target ("docx", or "doc:MS Word 97" to write an old Word file). */
  to: string;
  /** The extension of the file LibreOffice writes ("docx", "doc"). */
  outputExtension: string;
  limits?: Partial<typeof OFFICE_LIMITS>;
  /** The environment soffice runs in (default: this process's); tests pass a PATH without soffice, or with a stand-in. */
  env?: NodeJS.ProcessEnv;
}

/** Converts `data` with `soffice --headless --convert-to` in a private profile, under a time limit and size caps. */
export async function convertWithLibreOffice(data: Buffer, options: ConvertOptions): Promise<{ ok: true; data: Buffer } | { ok: false; problem: ConvertProblem }> {
  const limits = { ...OFFICE_LIMITS, ...options.limits };
  if (data.length > limits.maxInputBytes) return { ok: false, problem: { code: 'too_large' } };
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-office-'));
  try {
    const input = join(dir, `plan.${options.from}`);
    const out = join(dir, 'out');
    await writeFile(input, data);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      ...(options.filter ? [`--infilter=${options.filter}`] : []),
      '--nolockcheck',
      '--convert-to',
      options.to,
      '--outdir',
      out,
      input,
    ];
    // soffice's exit status says little (it exits 0 when it could not open the file): the output decides.
    const ran = await runInGroup('soffice', args, { cwd: dir, env: options.env ?? process.env, timeoutMs: limits.timeoutMs });
    if (!ran.ok && ran.problem.code !== 'failed') {
      return { ok: false, problem: ran.problem.code === 'missing' ? { code: 'no_converter' } : ran.problem.code === 'timeout' ? ran.problem : { code: 'failed' } };
    }
    const output = join(out, `plan.${options.outputExtension}`);
    const size = await stat(output).then((s) => s.size, () => -1);
    if (size < 0) return { ok: false, problem: { code: 'failed' } };
    if (size > limits.maxOutputBytes) return { ok: false, problem: { code: 'too_large' } };
    return { ok: true, data: await readFile(output) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
