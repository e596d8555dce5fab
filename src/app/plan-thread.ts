import { Worker, type ResourceLimits } from 'node:worker_threads';
import { err, type Result } from '../domain/result.js';
import type { ImportError, ImportOutcome, ImportOptions, PlanMeta } from './plan-import-service.js';
import type { PlanOutcome, PlannedState } from './reminder-planner.js';
import type { ExportPeriod } from './scoring-service.js';
import type { DraftFiles, DraftFilesError, DraftLimits, DraftRequest } from '../reports/draft-files.js';

/** Where and when a worker thread works (plain data: it crosses threads). */
export interface ThreadContext {
  dbPath: string;
  dataDir: string;
  timeZone: string;
  /** The chat process's "now" (ISO instant): the worker works as of that instant. */
  now: string;
}

/** The heavy jobs a worker thread takes off the chat's event loop. */
export type ThreadJob =
  | { kind: 'plan'; /** Rows written per transaction. */ batch: number }
  | { kind: 'import'; fileName: string; data: Uint8Array; meta: PlanMeta; options: Omit<ImportOptions, 'onPage'> }
  | { kind: 'export'; period: ExportPeriod; asOf: string }
  | { kind: 'draft'; request: DraftRequest; limits: DraftLimits; provinceName: string };

/** What a job answers. */
export type ThreadAnswer<J extends ThreadJob> = J extends { kind: 'plan' }
  ? PlanOutcome & PlannedState
  : J extends { kind: 'import' }
    ? Result<ImportOutcome, ImportError>
    : J extends { kind: 'draft' }
      ? Result<DraftFiles, DraftFilesError>
      : Uint8Array;

/** A message a worker sends before its answer: how far a scan's OCR has got (page n of pages). */
export interface ThreadProgress {
  progress: { page: number; pages: number };
}
const isProgress = (message: unknown): message is ThreadProgress =>
  typeof message === 'object' && message !== null && 'progress' in message && Object.keys(message).length === 1;

/** Rows per write transaction: a few milliseconds each, so the chat process never waits long to write. */
export const PLAN_BATCH = 2_000;

/**
 * The memory an import's worker may use (V8 heap; inflated file parts outside it are bounded by the
 * archive guard's budget). Measured: a 20,000-row .xlsx (the row cap, 0.6 MB) imports with a
 * 128 MB old generation; 512 MB leaves room for long texts, and a file built to exhaust memory
 * stops this thread, not the bot.
 */
export const IMPORT_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 };

const here = import.meta.url;
/**
 * A worker on the worker module: compiled JavaScript beside this file, or, when the sources run
 * directly (tests, npm run dev), the TypeScript file loaded through tsx's loader, registered in the thread.
 */
function startWorker(workerData: { context: ThreadContext; job: ThreadJob }, resourceLimits?: ResourceLimits): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL('./plan-worker.js', here), { workerData, resourceLimits });
  const source = new URL('./plan-worker.ts', here).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(source)}))`, { eval: true, workerData, resourceLimits });
}

/**
 * Runs one job in a worker thread with its own connection to the database file: the chat process's
 * event loop stays free (a full re-plan of 100,000 assignments, or a plan of 5,000 rows, takes
 * seconds of CPU; so does an Excel export of 50,000 rows). Resolves with the job's answer; rejects
 * if the worker fails.
 */
export function runInThread<J extends ThreadJob>(
  context: ThreadContext,
  job: J,
  resourceLimits?: ResourceLimits,
  timeoutMs?: number,
  onProgress?: (progress: ThreadProgress['progress']) => void,
): Promise<ThreadAnswer<J>> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ context, job }, resourceLimits);
    let answer: { value: ThreadAnswer<J> } | undefined;
    let timedOut = false;
    // Past its time the thread is stopped; the caller gets ERR_WORKER_TIMEOUT, never a half answer.
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      void worker.terminate();
    }, timeoutMs);
    worker.on('message', (message: ThreadAnswer<J> | ThreadProgress) => {
      if (isProgress(message)) onProgress?.(message.progress);
      else answer = { value: message };
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      clearTimeout(timer);
      if (answer && !timedOut) resolve(answer.value);
      else if (timedOut) reject(Object.assign(new Error(`worker thread stopped after ${timeoutMs} ms`), { code: 'ERR_WORKER_TIMEOUT' }));
      else reject(new Error(`worker thread exited with code ${code} before it answered`));
    });
  });
}

/**
 * A report draft built in a worker thread (figures from its own connection, then the .xlsx and the
 * .docx) under the draft's limits: memory capped, time limited; either failure comes back as an
 * expected failure, with no file.
 */
export async function draftInThread(context: ThreadContext, job: Extract<ThreadJob, { kind: 'draft' }>): Promise<Result<DraftFiles, DraftFilesError>> {
  const { limits } = job;
  try {
    return await runInThread(context, job, { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 }, limits.timeoutMs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') return err({ code: 'too_much_memory', megabytes: limits.maxMemoryMb });
    if (code === 'ERR_WORKER_TIMEOUT') return err({ code: 'too_slow', seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) });
    throw error;
  }
}

/**
 * A plan import in a worker thread under IMPORT_RESOURCE_LIMITS: a file that needs more memory than
 * that ends the thread and comes back as an expected failure (`too_much_memory`), with nothing written.
 */
export async function importInThread(
  context: ThreadContext,
  job: Extract<ThreadJob, { kind: 'import' }>,
  limits: ResourceLimits = IMPORT_RESOURCE_LIMITS,
  onPage?: (page: number, pages: number) => void,
): Promise<Result<ImportOutcome, ImportError>> {
  try {
    return await runInThread(context, job, limits, undefined, onPage ? ({ page, pages }) => onPage(page, pages) : undefined);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return err({ code: 'file', reason: 'too_much_memory', size: job.data.byteLength });
    throw error;
  }
}

/** A full re-plan in a worker thread (the running scheduler's): what it did and the state the planner adopts. */
export function planInThread(context: ThreadContext & { batch: number }): Promise<PlanOutcome & PlannedState> {
  const { batch, ...where } = context;
  return runInThread(where, { kind: 'plan', batch });
}
