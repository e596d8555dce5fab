import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';

let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp({ start: '2024-06-20T02:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

/**
 * "Quý II/2024" ends on Sunday 30/6/2024: the task is due on Monday 1/7 (lateness is counted from
 * there) but it is a second-quarter task, in the summaries and in the scores.
 */
describe('a deadline moved off a weekend stays in the period the plan named', () => {
  it('counts a "Quý II/2024" task in Q2, not in Q3', async () => {
    const csv = Buffer.from('STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành\n1,Rà soát thủ tục hành chính,Sở Tư pháp,Quý II/2024\n');
    expect((await t.app.services.plans.importFile('kh.csv', csv, { name: 'KH 2024', year: 2024 })).ok).toBe(true);
    const task = t.app.store.plans.tasksByCode('1')[0]!;
    expect(t.app.store.plans.dueDates(task.id)).toEqual(['2024-07-01']);
    const stp = t.app.store.agencies.byCode('STP')!.id;
    const { summaries, scoring } = t.app.services;

    // /tonghop during Q2 counts it; during Q3 it is not a Q3 task (it is overdue, listed as such).
    expect(summaries.province(stp)).toMatchObject({ tasksDue: 1 });
    t.clock.set('2024-07-10T02:00:00Z');
    expect(summaries.province(stp)).toMatchObject({ tasksDue: 0 });
    expect(summaries.overdue(stp).map((o) => o.label)).toEqual(['1']);

    // Scores: a Q2 obligation (not done: "Chưa xong: 1"), and no task due in Q3.
    const completion = (period: { from: string; to: string }) =>
      scoring.scoreAll(period, '2024-07-10').find((s) => s.agencyId === stp)!.criteria.find((c) => /nhiệm vụ đến hạn/.test(c.why))!.why;
    expect(completion({ from: '2024-04-01', to: '2024-06-30' })).toContain('Hoàn thành 0/1 nhiệm vụ đến hạn');
    expect(completion({ from: '2024-07-01', to: '2024-09-30' })).toBe('Không áp dụng: không có nhiệm vụ đến hạn trong kỳ.');
  });
});
