import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/civil-date.js';
import { IMPORT_RESOURCE_LIMITS, importInThread, PLAN_BATCH, planInThread } from '../../src/app/plan-thread.js';
import { PLAN_TEXTS } from '../../commands/plans.texts.js';
import { createTestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Full re-plans off the chat's event loop: the running scheduler (leases, node-cron, safeTick) makes
 * them in a worker thread on the same SQLite file, and what the worker writes is exactly what the
 * planner wants; chat commands plan the items they change and leave broad changes to it.
 */
const HA_TINH = { name: 'Kế hoạch CCHC tỉnh Hà Tĩnh năm 2024', year: 2024 };
const plan = () => readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv'));
// Monday 1 July 2024, 09:00 in Hà Nội: a working day, office hours.
const START = '2024-07-01T02:00:00Z';

const apps: ReturnType<typeof createTestApp>[] = [];
const open = (env: Record<string, string> = {}) => {
  const t = createTestApp({ start: START, env });
  apps.push(t);
  return t;
};
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

type Db = ReturnType<typeof createTestApp>['app']['store']['db'];
/** A reminder's key: one row per (item, agency, due date, step). */
const reminderKey = (r: { itemKind: string; itemId: number; agencyId: number; dueDate: string; step: string }) => `${r.itemKind}:${r.itemId}:${r.agencyId}:${r.dueDate}:${r.step}`;
/** What a worker thread needs to work on a test app's database, as of its clock. */
const threadOn = (t: ReturnType<typeof createTestApp>, batch = PLAN_BATCH) => ({
  dbPath: join(t.dir, 'dondoc.sqlite'),
  dataDir: join(process.cwd(), 'data'),
  timeZone: 'Asia/Ho_Chi_Minh',
  now: t.clock.now().toISOString(),
  batch,
});
/** The rows the planner wants from 1/7/2024 to its horizon. */
const wantedRows = (t: ReturnType<typeof createTestApp>) => t.app.services.planner.desired('2024-07-01', addDays('2024-07-01', t.app.services.policy.horizonDays));
/** The reminder rows (planned, or all: the scheduler's tick may have sent today's) as "key → send_at audience urgent". */
const plannedRows = (db: Db, status = 'planned') =>
  new Map(
    (db.prepare("SELECT item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, send_at AS sendAt, audience, urgent FROM reminders WHERE status = ? OR ? = 'any'").all(status, status) as {
      itemKind: 'task' | 'report'; itemId: number; agencyId: number; dueDate: string; step: string; sendAt: string; audience: string; urgent: number;
    }[]).map((r) => [reminderKey(r), `${r.sendAt} ${r.audience} ${r.urgent}`]),
  );

describe('full re-plans in a worker thread', () => {
  it('the running scheduler plans in a worker thread, and writes exactly the rows the planner wants', async () => {
    const t = open({ DONDOC_SCHEDULER: 'true' });
    const { store, services } = t.app;
    const imported = await services.plans.importFile('ha-tinh.csv', plan(), HA_TINH, { chasePast: true });
    expect(imported.ok).toBe(true);
    expect(store.reminders.countByStatus().planned ?? 0).toBe(0);
    expect(t.app.startBackground().scheduler).toBe(true);
    // Commands now leave a full plan to the scheduler instead of holding the event loop for it.
    expect(services.planner.fullPlanElsewhere).toBe(true);
    expect(await waitFor(() => services.planner.plannedVersion !== undefined, 20_000)).toBe(true);
    const rows = plannedRows(store.db, 'any');
    const wanted = wantedRows(t);
    expect(rows.size).toBeGreaterThan(100);
    expect(rows).toEqual(new Map(wanted.map((r) => [reminderKey(r), `${r.sendAt} ${r.audience} ${r.urgent ? 1 : 0}`])));
    // The worker forgot the change log it covered; nothing is left to plan.
    expect(services.planner.replan().scope).toBe('none');
  });

  it('when the worker thread cannot plan (its data unreadable), the scheduler plans in place all the same', async () => {
    // The province's data copied, then made unreadable for the worker (the app read it at start).
    const dataDir = mkdtempSync(join(tmpdir(), 'dondoc-data-'));
    cpSync(join(process.cwd(), 'data'), dataDir, { recursive: true, filter: (from) => !from.endsWith('.sqlite') });
    const t = createTestApp({ start: START, dataDir, env: { DONDOC_SCHEDULER: 'true' } });
    apps.push(t);
    const { store, services } = t.app;
    await services.plans.importFile('ha-tinh.csv', plan(), HA_TINH, { chasePast: true });
    rmSync(join(dataDir, 'reminder-policy.json'));
    t.app.startBackground();
    expect(await waitFor(() => services.planner.plannedVersion !== undefined, 20_000)).toBe(true);
    expect(plannedRows(store.db, 'any').size).toBe(new Set(wantedRows(t).map(reminderKey)).size);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a re-import touching more pairs than an item re-plan covers is deferred to the scheduler, which plans it at its next tick', async () => {
    const t = open();
    const { store, services } = t.app;
    await services.plans.importFile('ha-tinh.csv', plan(), HA_TINH, { chasePast: true });
    expect(services.planner.replan().scope).toBe('all');
    const before = plannedRows(store.db);
    expect(before.size).toBeGreaterThan(0);
    services.planner.fullPlanElsewhere = true;
    // The same plan, every task now led by the communes too: thousands of new (task, agency) pairs.
    const communes = store.agencies.list().filter((a) => a.kind === 'ubnd_xa').length;
    expect(communes).toBeGreaterThan(20);
    const csv = plan().toString('utf8').replace(/\n(\d+[^\n]*?),(Sở [^,\n]+),/g, '\n$1,"$2; UBND các xã, phường",');
    await services.plans.importFile('ha-tinh.csv', Buffer.from(csv), HA_TINH, { chasePast: true });
    expect(services.planner.needsFullPlan()).toBe(true);
    expect(services.planner.replan().scope).toBe('deferred');
    expect(plannedRows(store.db)).toEqual(before);
    // The scheduler's worker plans it (what safeTick does before each tick).
    const result = await planInThread(threadOn(t, 50));
    services.planner.adopt(result);
    expect(result.scope).toBe('all');
    expect(result.inserted).toBeGreaterThan(before.size);
    const wanted = wantedRows(t);
    expect(plannedRows(store.db).size).toBe(new Set(wanted.map(reminderKey)).size);
    expect(services.planner.replan().scope).toBe('none');
  });

  it('a change log pruned by another process is noticed as a gap: the next re-plan is a full one', async () => {
    const t = open();
    const { store, services } = t.app;
    await services.plans.importFile('ha-tinh.csv', plan(), HA_TINH, { chasePast: true });
    expect(services.planner.replan().scope).toBe('all');
    const task = store.plans.tasksByRef('1')[0]!;
    store.plans.setOverride(task.id, '2024-07-31', null, 'thử', t.clock.now());
    // Another process's full re-plan forgets the log up to its snapshot, this change included.
    store.plans.pruneChanges(store.plans.changeVersion());
    expect(services.planner.replan().scope).toBe('all');
    expect((store.db.prepare("SELECT COUNT(*) AS n FROM reminders WHERE item_kind = 'task' AND item_id = ? AND due_date = '2024-07-31'").get(task.id) as { n: number }).n).toBeGreaterThan(0);
  });

  it('the compiled worker (dist/, built by npm install) plans the same rows', async () => {
    const compiled = join(process.cwd(), 'dist', 'src', 'app', 'plan-thread.js');
    expect(existsSync(compiled)).toBe(true);
    const { planInThread: compiledPlan } = (await import(pathToFileURL(compiled).href)) as typeof import('../../src/app/plan-thread.js');
    const t = open();
    const { store, services } = t.app;
    await services.plans.importFile('ha-tinh.csv', plan(), HA_TINH, { chasePast: true });
    const result = await compiledPlan(threadOn(t));
    expect(result.inserted).toBe(result.planned);
    const inWorker = plannedRows(store.db);
    store.db.prepare('DELETE FROM reminders').run();
    services.planner.planAll();
    expect(plannedRows(store.db)).toEqual(inWorker);
  });
});

describe('report drafts in a worker thread', () => {
  it('the compiled worker (dist/) drafts the province\'s report with the figures and the document of the draft built in place', async () => {
    const compiled = join(process.cwd(), 'dist', 'src', 'app', 'plan-thread.js');
    expect(existsSync(compiled)).toBe(true);
    const { draftInThread } = (await import(pathToFileURL(compiled).href)) as typeof import('../../src/app/plan-thread.js');
    const { buildDraftFiles, DRAFT_LIMITS } = await import('../../src/reports/draft-files.js');
    const { readZipEntries } = await import('../../src/documents/zip-entries.js');
    const t = open();
    const { services } = t.app;
    await services.plans.importFile('ha-tinh.csv', plan(), HA_TINH, { chasePast: true });
    const q3 = { code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-06-15', to: '2024-09-14' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' };
    const { batch: _batch, ...context } = threadOn(t);
    const inThread = await draftInThread(context, { kind: 'draft', request: { period: q3 }, limits: DRAFT_LIMITS, provinceName: services.settings.provinceName });
    const inPlace = await buildDraftFiles(services.drafts, { period: q3 });
    if (!inThread.ok || !inPlace.ok) throw new Error('draft failed');
    expect(inThread.value.facts).toEqual(inPlace.value.facts);
    const xml = (data: Uint8Array | null) => {
      const zip = readZipEntries(Buffer.from(data!), () => true);
      return zip.ok ? zip.entries.get('word/document.xml')!.toString('utf8') : '';
    };
    expect(xml(inThread.value.docx)).toBe(xml(inPlace.value.docx));
  });
});

describe('plan imports in a worker thread with a memory limit', () => {
  const job = (data: Buffer) => ({ kind: 'import' as const, fileName: 'ha-tinh.csv', data: new Uint8Array(data), meta: HA_TINH, options: { dryRun: true } });

  it('imports in a thread under IMPORT_RESOURCE_LIMITS as in place', async () => {
    const t = open();
    const { batch: _batch, ...context } = threadOn(t);
    const inThread = await importInThread(context, job(plan()));
    expect(inThread.ok && inThread.value.tasks).toBe(76);
    expect(IMPORT_RESOURCE_LIMITS.maxOldGenerationSizeMb).toBe(512);
  });

  it.runIf(!spawnSync('tesseract', ['--version']).error || Boolean(process.env.CI))('a scan read in the thread tells each page as OCR starts it, before its answer', async () => {
    const t = open();
    const { batch: _batch, ...context } = threadOn(t);
    const scan = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'plan-2026-scan.pdf'));
    const pages: [number, number][] = [];
    const answer = await importInThread(context, { kind: 'import', fileName: 'quet.pdf', data: new Uint8Array(scan), meta: { ...HA_TINH, name: 'Bản quét' }, options: { dryRun: true } }, undefined, (page, of) => pages.push([page, of]));
    // One page, announced once; the answer is the import's, not a progress message.
    expect(pages).toEqual([[1, 1]]);
    expect(answer.ok && answer.value.source).toMatchObject({ format: 'pdf', ocr: true });
  }, 240_000);

  it('a job that needs more memory than its limit ends its thread and is answered as too_much_memory; nothing written', async () => {
    const t = open();
    const { batch: _batch, ...context } = threadOn(t);
    // A limit far below what loading the worker's code needs stands in for a file built to exhaust memory.
    const result = await importInThread(context, { ...job(plan()), options: {} }, { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 });
    expect(result).toEqual({ ok: false, error: { code: 'file', reason: 'too_much_memory', size: plan().length } });
    expect(PLAN_TEXTS.importError({ code: 'file', reason: 'too_much_memory', size: 1 })).toContain('cần quá nhiều bộ nhớ');
    expect((t.app.store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n).toBe(0);
  }, 60_000);
});
