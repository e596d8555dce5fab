import { describe, expect, it } from 'vitest';
import type { DraftTask } from '../../src/reports/draft.js';
import { groupByTask, groupResult, NAMES_SHOWN } from '../../src/reports/task-groups.js';

/** A commune's row of one commune-wide task (7.1, due 31/08/2026): overdue unless told otherwise. */
const row = (i: number, over: Partial<DraftTask> = {}): DraftTask => ({
  taskId: 71, code: '7.1', title: 'Niêm yết thủ tục', area: 'Cải cách TTHC', agency: `UBND xã ${String(i).padStart(2, '0')}`, dueDate: '2026-08-31',
  state: 'overdue', doneDay: null, onTime: null, extended: false, progress: null, evidence: null, problem: null, pendingExtension: null, lastReply: null, files: [], ...over,
});

describe('a task of many communes, summarised', () => {
  it('counts its rows by state and names 30 overdue communes, the rest counted and sent to the .xlsx', () => {
    // 40 communes: 3 done on time, 2 late (one of them extended), 35 overdue.
    const rows = Array.from({ length: 40 }, (_, i) =>
      i < 3 ? row(i, { state: 'done', doneDay: '2026-08-20', onTime: true }) : i < 5 ? row(i, { state: 'done', doneDay: '2026-09-02', onTime: false, extended: i === 4 }) : row(i),
    );
    const [group, ...rest] = groupByTask(rows, true);
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ agencies: 40, done: 5, onTime: 3, late: 2, open: 0, overdue: 35, extended: 1, dueDates: ['2026-08-31'] });
    const text = groupResult(group!);
    expect(NAMES_SHOWN).toBe(30);
    // UBND xã 05 … 34 named (30), 35 … 39 counted: "và 5 cơ quan khác".
    expect(text).toContain('quá hạn 35: UBND xã 05, UBND xã 06,');
    expect(text).toContain('UBND xã 34 và 5 cơ quan khác (xem tệp Excel kèm theo)');
    expect(text).not.toContain('UBND xã 35');
    expect(text).toContain('hoàn thành 5 (đúng hạn 3, chậm hạn 2: UBND xã 03, UBND xã 04)');
    expect(text.endsWith('; được gia hạn 1')).toBe(true);
  });

  it('keeps one group per row in an agency\'s draft', () => {
    expect(groupByTask([row(1), row(1, { dueDate: '2026-09-30' })], false).map((g) => g.rows.length)).toEqual([1, 1]);
    // In the province's draft the same two dates of one task are one group, both dates named.
    const [one] = groupByTask([row(1), row(1, { dueDate: '2026-09-30' })], true);
    expect(one).toMatchObject({ agencies: 1, dueDates: ['2026-08-31', '2026-09-30'] });
  });
});
