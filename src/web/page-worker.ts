/**
 * The dashboard's page thread (page-thread.ts): renders the pages that read the whole province
 * (Tổng quan, Quá hạn, Ma trận, Điểm) with the same page functions and services as the chat
 * process, on a read-only connection of its own, and keeps their figures per data version as the
 * chat process does. Requests come one at a time (a thread's messages queue), so the first page
 * after a write computes the figures and the pages queued behind it find them kept.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../store/database.js';
import { createStore } from '../store/store.js';
import { createServices, type Services } from '../app/services.js';
import { Notifier } from '../app/notifier.js';
import { MessageBudget } from '../app/message-budget.js';
import { createLogger } from '../logger.js';
import { REMINDER_MESSAGES } from '../../commands/reminder-messages.js';
import { renderPage, type PageJob, type PageThreadAnswer, type PageThreadData } from './page-jobs.js';

const data = workerData as PageThreadData;
const db = openReadOnly(data.dbPath);
db.pragma('busy_timeout = 5000');
const store = createStore(db);
// The chat process's "now", set by each request: the pages say "today" as the chat does.
let now = new Date();
const clock = { now: () => now, sleep: () => Promise.resolve() };
const notifier = new Notifier(store, clock, REMINDER_MESSAGES);
const services: Services = createServices({
  store,
  clock,
  logger: createLogger('silent'),
  dataDir: data.dataDir,
  settings: data.settings,
  notifier,
  budget: new MessageBudget(store, clock, data.settings.timeZone, new Map(), notifier, REMINDER_MESSAGES),
});
const begin = db.prepare('BEGIN');
const commit = db.prepare('COMMIT');

parentPort!.on('message', (message: { id: number; now: string; job: PageJob }) => {
  now = new Date(message.now);
  let answer: PageThreadAnswer;
  // One read transaction a page: every figure on it is of one data version, even while the chat
  // process writes meanwhile (WAL: the writes go on, this page reads the snapshot it began with).
  begin.run();
  try {
    const page = renderPage(services, message.job);
    answer = { id: message.id, ok: true, status: page.status, text: page.body.text };
  } catch (error) {
    answer = { id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    commit.run();
  }
  parentPort!.postMessage(answer);
});
