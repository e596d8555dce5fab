/**
 * A worker thread's job (plan-thread.ts): its own connection to the database file, the province's
 * data read from the same folder, the chat process's "now". A full re-plan writes in short
 * transactions (ReminderPlanner.planAll with a batch); a plan import parses, resolves and writes
 * in one transaction, as it does in place; an Excel export builds the workbook. Posts the job's
 * answer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/database.js';
import { createStore } from '../store/store.js';
import { loadAgencyGroups, loadCalendar, loadPolicy } from './province-data.js';
import { PlanImportService } from './plan-import-service.js';
import { ReminderPlanner } from './reminder-planner.js';
import { loadRubric, ScoringService } from './scoring-service.js';
import { SummaryService } from './summary-service.js';
import { loadReportPeriods, ReportDrafter } from '../reports/draft.js';
import { buildDraftFiles } from '../reports/draft-files.js';
import type { ThreadContext, ThreadJob } from './plan-thread.js';

const { context, job } = workerData as { context: ThreadContext; job: ThreadJob };
const store = createStore(openDatabase(context.dbPath, { migrate: false, mustExist: true }));
try {
  const now = new Date(context.now);
  const clock = { now: () => now, sleep: () => Promise.resolve() };
  const calendar = loadCalendar(context.dataDir);
  if (job.kind === 'plan') {
    const planner = new ReminderPlanner(store, calendar, loadPolicy(context.dataDir), clock, context.timeZone);
    parentPort!.postMessage(planner.planAll({ batch: job.batch }));
  } else if (job.kind === 'draft') {
    // The report draft: the same drafter the chat process has, on this thread's connection and clock.
    const summaries = new SummaryService(store, calendar, clock, context.timeZone);
    const drafter = new ReportDrafter(store, summaries, loadReportPeriods(context.dataDir), job.provinceName, context.timeZone, loadRubric(context.dataDir));
    const answer = await buildDraftFiles(drafter, job.request, job.limits);
    // The files' own ArrayBuffers move to the chat process instead of being copied.
    const transfer = answer.ok ? [answer.value.xlsx.buffer, ...(answer.value.docx ? [answer.value.docx.buffer] : [])] : [];
    parentPort!.postMessage(answer, transfer as ArrayBuffer[]);
  } else if (job.kind === 'export') {
    const scoring = new ScoringService(store, loadRubric(context.dataDir), calendar, context.timeZone);
    const workbook = await scoring.exportWorkbook(job.period, job.asOf);
    // Copied into an ArrayBuffer of its own before it is transferred: a Buffer may sit in Node's
    // shared pool, which Node 24 refuses to transfer (DataCloneError), and transferring it would
    // detach the pool's other buffers anyway.
    const bytes = new Uint8Array(workbook.byteLength);
    bytes.set(workbook);
    parentPort!.postMessage(bytes, [bytes.buffer]);
  } else {
    const plans = new PlanImportService(store, clock, calendar, loadAgencyGroups(context.dataDir), context.timeZone);
    // A scan's pages as OCR starts each: a message before the answer (plan-thread's ThreadProgress).
    const onPage = (page: number, pages: number) => parentPort!.postMessage({ progress: { page, pages } });
    parentPort!.postMessage(await plans.importFile(job.fileName, Buffer.from(job.data), job.meta, { ...job.options, onPage }));
  }
} finally {
  store.close();
}
