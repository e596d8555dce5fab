import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { raw } from './html.js';
import type { PageResult } from './pages.js';
import type { PageJob, PageThreadAnswer, PageThreadData } from './page-jobs.js';

const here = import.meta.url;

/** Starts in a row that ended before the thread's first page, after which pages are rendered in place. */
export const MAX_FAILED_STARTS = 3;

/**
 * The page thread (issue 31, a page right after a write): one long-lived worker thread that renders
 * the pages reading the whole province (page-worker.ts) on its own read-only connection, so the
 * seconds of CPU the first load after a reply costs at 100,000 assignments (the figures read again)
 * never stall the chat's event loop. The thread keeps the figures per data version as the chat
 * process does; its requests queue, so concurrent pages after a write share one computation.
 * Started on the first page; a thread that dies is started again on the next, and the pages it
 * held are rendered in place (slower for them, never lost). A thread that dies before its first
 * page, MAX_FAILED_STARTS times in a row (the database file cannot be opened, say), is not started
 * again: every page is then rendered in place, as before the page thread, and the error logged once.
 */
export class PageThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { job: PageJob; resolve: (page: PageResult) => void; reject: (error: Error) => void }>();
  private stopped = false;
  private failedStarts = 0;

  constructor(
    private readonly data: PageThreadData,
    /** The chat process's "now": the thread's pages say "today" as the chat does. */
    private readonly now: () => Date,
    /** Renders a page on this thread when the page thread failed (it died, or the page threw there). */
    private readonly inPlace: (job: PageJob) => PageResult,
    private readonly logger: Logger,
  ) {}

  render(job: PageJob): Promise<PageResult> {
    if (this.stopped || this.failedStarts >= MAX_FAILED_STARTS) return Promise.resolve(this.inPlace(job));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { job, resolve, reject });
      this.start().postMessage({ id, now: this.now().toISOString(), job });
    });
  }

  /** Ends the thread (the app stops): pages asked meanwhile are rendered in place. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = here.endsWith('.ts')
      ? // The sources run directly (tests, npm run dev): the TypeScript module through tsx's loader, registered in the thread.
        new Worker(`import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(new URL('./page-worker.ts', here).href)}))`, { eval: true, workerData: this.data })
      : new Worker(new URL('./page-worker.js', here), { workerData: this.data });
    // An idle page thread does not keep the process alive.
    worker.unref();
    let answered = false;
    worker.on('message', (answer: PageThreadAnswer) => {
      answered = true;
      this.failedStarts = 0;
      const waiting = this.waiting.get(answer.id);
      if (!waiting) return;
      this.waiting.delete(answer.id);
      if (answer.ok) waiting.resolve({ status: answer.status, body: raw(answer.text) });
      else {
        this.logger.warn({ page: waiting.job.page, error: answer.error }, 'page thread could not render a page: rendered in place');
        this.settle(waiting);
      }
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'page thread failed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (!answered && !this.stopped) {
        this.failedStarts += 1;
        if (this.failedStarts === MAX_FAILED_STARTS) this.logger.error({ code, starts: this.failedStarts }, 'page thread ended before its first page each time: pages are rendered in place from now on');
      }
      if (this.waiting.size === 0) return;
      if (!this.stopped) this.logger.warn({ code, pages: this.waiting.size }, 'page thread stopped: its pages rendered in place');
      const held = [...this.waiting.values()];
      this.waiting.clear();
      for (const waiting of held) this.settle(waiting);
    });
    this.worker = worker;
    return worker;
  }

  private settle(waiting: { job: PageJob; resolve: (page: PageResult) => void; reject: (error: Error) => void }): void {
    try {
      waiting.resolve(this.inPlace(waiting.job));
    } catch (error) {
      waiting.reject(error as Error);
    }
  }
}
