import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

/**
 * What a re-plan writes, row by row: the scheduler re-plans after every reply that moves reminders,
 * so a reply about one item must write that item's rows and no other (issue #28 item 8: the re-plan
 * after one "xong" for a task of every commune). A temporary trigger logs every write to the
 * reminders table: a row rewritten with the same values would not show in a before/after
 * comparison, but shows in the log.
 *
 * Two tasks led by "UBND cấp xã" (every commune of the province), both due "Tháng 07/2024" (Wednesday
 * 31/7/2024), planned on Monday 1/7/2024: every commune has reminders for both in the 45 days ahead.
 * One commune's focal point answers task 1 "xong": a done on 1/7 covers task 1's only date, so that
 * commune's reminders for task 1 are no longer wanted, and nothing else moved.
 */
let t: ReturnType<typeof createTestApp>;

beforeEach(async () => {
  t = createTestApp({ start: '2024-07-01T01:00:00Z' });
  const csv = Buffer.from(
    'TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian hoàn thành\r\n1,Rà soát thủ tục hành chính,UBND cấp xã,,Tháng 07/2024\r\n2,Niêm yết công khai thủ tục,UBND cấp xã,,Tháng 07/2024\r\n',
  );
  const result = await t.app.services.plans.importFile('xa.csv', csv, { name: 'Kế hoạch xã', year: 2024 });
  expect(result.ok).toBe(true);
});

afterEach(async () => {
  await t.close();
});

type Row = { id: number; itemKind: string; itemId: number; agencyId: number; dueDate: string; step: string; sendAt: string; audience: string; urgent: number; status: string };
const rowsOf = (db: ReturnType<typeof createTestApp>['app']['store']['db']) =>
  db.prepare('SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, send_at AS sendAt, audience, urgent, status FROM reminders ORDER BY id').all() as Row[];

describe('the re-plan after one reply', () => {
  it('writes only the rows of the item and agency the reply is about', () => {
    const { store, services } = t.app;
    expect(services.planner.replan().scope).toBe('all');
    const task = store.plans.tasksByRef('1')[0]!;
    const other = store.plans.tasksByRef('2')[0]!;
    const communes = store.agencies.list().filter((a) => a.kind === 'ubnd_xa');
    expect(communes.length).toBeGreaterThan(20);
    const commune = communes[3]!;
    const before = rowsOf(store.db);
    const itsRows = before.filter((r) => r.itemKind === 'task' && r.itemId === task.id && r.agencyId === commune.id);
    // Every commune has rows for both tasks; this commune's for task 1 are the ones the reply ends.
    expect(itsRows.length).toBeGreaterThan(0);
    expect(new Set(before.map((r) => r.agencyId)).size).toBe(communes.length);
    expect(before.some((r) => r.itemId === other.id && r.agencyId === commune.id)).toBe(true);

    store.db.exec(`CREATE TEMP TABLE written (op TEXT, id INTEGER);
      CREATE TEMP TRIGGER log_insert AFTER INSERT ON main.reminders BEGIN INSERT INTO written VALUES ('insert', NEW.id); END;
      CREATE TEMP TRIGGER log_update AFTER UPDATE ON main.reminders BEGIN INSERT INTO written VALUES ('update', NEW.id); END;
      CREATE TEMP TRIGGER log_delete AFTER DELETE ON main.reminders BEGIN INSERT INTO written VALUES ('delete', OLD.id); END;`);
    const member = linkedMember(store, { displayName: 'Lan', agencyId: commune.id, role: 'focal' }, { platform: 'local', chatId: 'lan' }, t.clock.now());
    services.statuses.recordTask(member, 'local', task, { code: task.code, status: 'done', progress: null, reason: null, evidence: null, requestedDate: null });
    const written = () => store.db.prepare('SELECT op, id FROM temp.written ORDER BY op, id').all() as { op: string; id: number }[];
    const outcome = services.planner.replan();

    expect(outcome).toMatchObject({ scope: 'items', inserted: 0, updated: 0, removed: itsRows.length });
    expect(written()).toEqual(itsRows.map((r) => ({ op: 'delete', id: r.id })));
    const gone = new Set(itsRows.map((r) => r.id));
    expect(rowsOf(store.db)).toEqual(before.filter((r) => !gone.has(r.id)));
    // The same reply again moves nothing: nothing is written.
    expect(services.planner.replan().scope).toBe('none');
    expect(written()).toHaveLength(itsRows.length);
  });
});
