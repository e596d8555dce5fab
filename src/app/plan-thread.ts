import { Worker } from 'node:worker_threads';
import type { PlanOutcome, PlannedState } from './reminder-planner.js';

/** What a worker thread needs to plan in full (plain data: it crosses threads). */
export interface PlanJob {
  dbPath: string;
  dataDir: string;
  timeZone: string;
  /** The chat process's "now" (ISO instant): the worker plans for that day. */
  now: string;
  /** Rows written per transaction. */
  batch: number;
}

/** Rows per write transaction: a few milliseconds each, so the chat process never waits long to write. */
export const PLAN_BATCH = 2_000;

const here = import.meta.url;
/**
 * The worker's module: compiled JavaScript beside this file, or, when the sources run directly
 * (tests, npm run dev), the TypeScript file loaded through tsx's loader, registered in the thread.
 */
function startWorker(workerData: PlanJob): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL('./plan-worker.js', here), { workerData });
  const source = new URL('./plan-worker.ts', here).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(source)}))`, { eval: true, workerData });
}

/**
 * Runs one full re-plan in a worker thread, off the chat process's event loop (100,000 assignments
 * take seconds of CPU): resolves with what it did and the state the planner adopts.
 */
export function planInThread(job: PlanJob): Promise<PlanOutcome & PlannedState> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(job);
    let result: (PlanOutcome & PlannedState) | undefined;
    worker.once('message', (message: PlanOutcome & PlannedState) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`plan worker exited with code ${code} before it finished`));
    });
  });
}
