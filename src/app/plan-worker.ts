/**
 * A worker thread's full re-plan: its own connection to the database file, the province's calendar
 * and policy read from the same data folder, the day given by the chat process's clock. It plans in
 * short write transactions (ReminderPlanner.planAll with a batch) and posts what it did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/database.js';
import { createStore } from '../store/store.js';
import { loadCalendar, loadPolicy } from './province-data.js';
import { ReminderPlanner } from './reminder-planner.js';
import type { PlanJob } from './plan-thread.js';

const job = workerData as PlanJob;
const store = createStore(openDatabase(job.dbPath, { migrate: false, mustExist: true }));
try {
  const now = new Date(job.now);
  const clock = { now: () => now, sleep: () => Promise.resolve() };
  const planner = new ReminderPlanner(store, loadCalendar(job.dataDir), loadPolicy(job.dataDir), clock, job.timeZone);
  parentPort!.postMessage(planner.planAll({ batch: job.batch }));
} finally {
  store.close();
}
