import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';

/**
 * A plan imported with the CLI while dondoc runs reaches the running bot's reminders at its next
 * tick: triggers count every change that moves reminders, whoever writes it, and the scheduler
 * re-plans when the count moved since its last plan (and not otherwise).
 */
let t: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await t.close();
});

const PLAN_CSV = ['TT,Nội dung,Chủ trì,Phối hợp,Thời gian hoàn thành', '1,"Rà soát thủ tục hành chính",Sở Tư pháp,,Trước 15/12/2026', '2,"Số hóa hồ sơ",Sở Khoa học và Công nghệ,,Tháng 12/2026'].join('\n');

/** Imports the two-task plan with the CLI, in another process, into the running app's database file. */
function importWithCli(): ReturnType<typeof spawnSync> {
  const file = join(t.dir, 'ke-hoach.csv');
  writeFileSync(file, PLAN_CSV);
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file, '--plan', 'Kế hoạch bổ sung 2026', '--year', '2026'], {
    env: { ...process.env, DONDOC_DB_PATH: join(t.dir, 'dondoc.sqlite'), DONDOC_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
}

/** Each test on an app of its own (in any order), the plan imported and planned. */
function appWithPlan(): void {
  t = createTestApp({ start: '2026-11-24T02:30:00Z' });
  expect(importWithCli().status).toBe(0);
  t.app.scheduler!.tick();
}

describe('changes written by another process', () => {
  it('a CLI import is planned at the next tick; a tick with nothing changed plans nothing', () => {
    t = createTestApp({ start: '2026-11-24T02:30:00Z' });
    const { store, scheduler } = t.app;
    scheduler!.replan();
    const count = () => (store.db.prepare("SELECT COUNT(*) AS n FROM reminders WHERE item_kind = 'task'").get() as { n: number }).n;
    expect(count()).toBe(0);
    const version = store.plans.changeVersion();
    scheduler!.tick();
    expect(store.plans.changeVersion()).toBe(version);

    const result = importWithCli();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(store.plans.changeVersion()).toBeGreaterThan(version);
    scheduler!.tick();
    expect(count()).toBeGreaterThan(0);
    expect(store.plans.changeVersion()).toBe(t.app.services.planner.plannedVersion);
  });
});

describe('re-planning when nothing changed, or only some items', () => {
  it('recomputes nothing on the same day with the same plans and replies, only the replied item after a reply, everything on a new day', async () => {
    appWithPlan();
    const { store, services } = t.app;
    const planner = services.planner;
    planner.replan();
    const rows = () => (store.db.prepare('SELECT COUNT(*) AS n FROM reminders').get() as { n: number }).n;
    const before = rows();
    expect(before).toBeGreaterThan(0);
    const [first, second] = store.plans.tasksByRef('1').concat(store.plans.tasksByRef('2'));
    const dropOne = (taskId: number) =>
      store.db.prepare("DELETE FROM reminders WHERE id = (SELECT MIN(id) FROM reminders WHERE item_kind = 'task' AND item_id = ?)").run(taskId).changes;
    // Rows deleted behind the planner's back are not noticed: proof that nothing was recomputed.
    expect(dropOne(first!.id) + dropOne(second!.id)).toBe(2);
    expect(planner.replan()).toMatchObject({ inserted: 0, updated: 0, removed: 0, scope: 'none' });
    expect(rows()).toBe(before - 2);
    // A reply is a change to its item only: the next re-plan recomputes that task (and puts its row
    // back), not the other one.
    const member = store.members.create({ displayName: 'Lan', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, t.clock.now());
    services.statuses.recordTask(member, 'test', first!, { code: first!.code, status: 'in_progress', progress: 30, reason: null, evidence: null, requestedDate: null });
    expect(planner.replan()).toMatchObject({ inserted: 1, removed: 0, scope: 'items' });
    expect(rows()).toBe(before - 1);
    // A progress figure alone moves no reminder: no re-plan at all.
    services.statuses.recordTask(member, 'test', first!, { code: first!.code, status: 'in_progress', progress: 60, reason: null, evidence: null, requestedDate: null });
    expect(planner.replan().scope).toBe('none');
    // A new day plans everything.
    t.clock.set('2026-11-25T02:30:00Z');
    const full = planner.replan();
    expect(full.scope).toBe('all');
    expect(full.inserted).toBeGreaterThan(0);
  });

  it('a reply that marks a task done removes its planned reminders at the next tick, and nothing else', () => {
    appWithPlan();
    const { store, services, scheduler } = t.app;
    scheduler.replan();
    const planned = (taskId: number) =>
      (store.db.prepare("SELECT COUNT(*) AS n FROM reminders WHERE status = 'planned' AND item_kind = 'task' AND item_id = ?").get(taskId) as { n: number }).n;
    const [task, other] = store.plans.tasksByRef('1').concat(store.plans.tasksByRef('2'));
    const otherBefore = planned(other!.id);
    expect(planned(task!.id)).toBeGreaterThan(0);
    const member = store.members.create({ displayName: 'Minh', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, t.clock.now());
    services.statuses.recordTask(member, 'test', task!, { code: task!.code, status: 'done', progress: null, reason: null, evidence: null, requestedDate: null });
    scheduler.tick();
    expect(planned(task!.id)).toBe(0);
    expect(planned(other!.id)).toBe(otherBefore);
  });
});
