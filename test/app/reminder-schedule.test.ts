import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

/**
 * One task, one agency, one month, checked against a schedule worked out by hand on the 2024 wall
 * calendar (no holiday in September–October 2024 after 2–3/9), not recomputed with the app's own
 * calendar or policy code. "Quý III/2024" is due Monday 30/9/2024.
 *
 * Before: 10 working days → Mon 16/9 (counted back: 27, 26, 25, 24, 23, 20, 19, 18, 17, 16),
 * 5 → Mon 23/9, 2 → Thu 26/9, 1 → Fri 27/9, on the day → Mon 30/9.
 * Overdue, every 2 working days: Wed 2/10, Fri 4/10, Tue 8/10, Thu 10/10, Mon 14/10 …
 * Leaders after 3 working days overdue: Thu 3/10. Sở Nội vụ's daily digest from 10: Mon 14/10.
 */
let t: ReturnType<typeof createTestApp>;

beforeEach(async () => {
  t = createTestApp({ start: '2024-09-02T01:00:00Z' });
  const { store } = t.app;
  const stp = store.agencies.byCode('STP')!;
  linkedMember(store, { displayName: 'Trang', agencyId: stp.id, role: 'focal' }, { platform: 'local', chatId: 'focal' }, t.clock.now());
  linkedMember(store, { displayName: 'Minh', agencyId: stp.id, role: 'leader' }, { platform: 'local', chatId: 'leader' }, t.clock.now());
  const csv = Buffer.from('STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\n1,Rà soát văn bản,Sở Tư pháp,Sở Nội vụ,Quý III/2024\r\n');
  const result = await t.app.services.plans.importFile('mot-viec.csv', csv, { name: 'Một việc', year: 2024 });
  expect(result.ok).toBe(true);
});

afterEach(async () => {
  await t.close();
});

describe('the reminder schedule of one task, worked out by hand', () => {
  it('reminds the lead before, on and after the day, escalates to leaders after 3 working days, never the coordinating agency', () => {
    const rows = t.app.services.planner.desired('2024-09-02', '2024-10-15').filter((r) => r.itemKind === 'task');
    const stp = t.app.store.agencies.byCode('STP')!.id;
    expect(rows.every((r) => r.agencyId === stp)).toBe(true);
    expect(rows.map((r) => `${r.sendDay} ${r.step} ${r.audience}`)).toEqual([
      '2024-09-16 before:10 focal',
      '2024-09-23 before:5 focal',
      '2024-09-26 before:2 focal',
      '2024-09-27 before:1 focal',
      '2024-09-30 before:0 focal',
      '2024-10-02 overdue:2 focal',
      '2024-10-03 leader:3 leader',
      '2024-10-04 overdue:4 focal',
      '2024-10-08 overdue:6 focal',
      '2024-10-10 overdue:8 focal',
      '2024-10-14 overdue:10 focal',
    ]);
    // Urgent (cannot be muted): one working day or less before, and everything overdue.
    expect(rows.filter((r) => r.urgent).map((r) => r.step)).toEqual(['before:1', 'before:0', 'overdue:2', 'leader:3', 'overdue:4', 'overdue:6', 'overdue:8', 'overdue:10']);
  });

  it("names the agency in Sở Nội vụ's daily digest from 10 working days overdue, not before", () => {
    const { store } = t.app;
    linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, t.clock.now());
    const dailyOn = (day: string) => {
      t.clock.set(`${day}T02:00:00Z`); // 09:00 in Hà Nội, after the 08:00 slot
      t.app.scheduler.tick();
      const row = store.db.prepare("SELECT payload FROM outbox WHERE purpose = 'daily' AND dedupe_key LIKE ?").get(`daily:${day}:%`) as { payload: string } | undefined;
      return row?.payload ?? '';
    };
    // Sở Tư pháp also owes the 6-month and Q3 reports (long overdue since June and September): the
    // task joins them in the digest on Mon 14/10 (10 working days overdue), not on Fri 11/10 (9).
    const stpLine = (payload: string) => Number(/Sở Tư pháp: (\d+) việc/.exec(payload)?.[1] ?? 0);
    expect(stpLine(dailyOn('2024-10-11'))).toBe(2);
    expect(stpLine(dailyOn('2024-10-14'))).toBe(3);
  });
});
