import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/app/scoring-service.js';
import type { Status } from '../../src/domain/item-state.js';
import { parsePeriod, scoreAgency, type Obligation, type ScoringEvent } from '../../src/domain/scoring.js';
import { openDatabase } from '../../src/store/database.js';
import { createStore } from '../../src/store/store.js';

const rubric = loadRubric(join(process.cwd(), 'data'));

/** A small deterministic random generator, so a failing case can be reproduced from its seed. */
function generator(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const STATUSES: Status[] = ['done', 'in_progress', 'blocked', 'extension_requested', 'extension_approved', 'reopened'];

function randomCase(seed: number) {
  const g = generator(seed + 1);
  const obligations: Obligation[] = [];
  for (let i = 1; i <= 1 + g.int(8); i += 1) obligations.push({ itemKind: 'task', itemId: i, dueDate: `2024-0${1 + g.int(9)}-1${g.int(9)}`, label: `T${i}` });
  for (let i = 1; i <= g.int(4); i += 1) obligations.push({ itemKind: 'report', itemId: 100 + i, dueDate: `2024-0${1 + g.int(9)}-15`, reportKind: 'periodic', label: `R${i}` });
  const events: ScoringEvent[] = [];
  for (let i = 0; i < g.int(15); i += 1) {
    const o = g.pick(obligations);
    const day = `2024-0${1 + g.int(9)}-${String(1 + g.int(28)).padStart(2, '0')}`;
    const status = o.itemKind === 'report' ? 'done' : g.pick(STATUSES);
    events.push({
      itemKind: o.itemKind,
      itemId: o.itemId,
      agencyId: 1,
      status,
      progress: status === 'in_progress' ? g.int(101) : status === 'done' ? 100 : null,
      requestedDate: status === 'extension_approved' || status === 'extension_requested' ? `2024-1${g.int(3)}-01` : null,
      day,
      createdAt: `${day}T0${g.int(10)}:00:00.000Z`,
    });
  }
  const asOf = `2024-${String(1 + g.int(12)).padStart(2, '0')}-28`;
  const shuffled = [...events].sort(() => g.next() - 0.5);
  return { obligations, events, shuffled, asOf };
}

describe('scores depend on the events alone', () => {
  it('2,000 random cases: the same events in any arrival order give the same scores', () => {
    for (let seed = 0; seed < 2000; seed += 1) {
      const { obligations, events, shuffled, asOf } = randomCase(seed);
      const a = scoreAgency(1, rubric, obligations, events, asOf);
      const b = scoreAgency(1, rubric, obligations, shuffled, asOf);
      const c = scoreAgency(1, rubric, [...obligations].reverse(), [...events].reverse(), asOf);
      expect(b, `seed ${seed}`).toEqual(a);
      expect(c, `seed ${seed}`).toEqual(a);
      expect(a.total).toBeGreaterThanOrEqual(0);
      expect(a.total).toBeLessThanOrEqual(a.maxTotal);
    }
  });

  it('2,000 random cases: item states stored as events arrive (in any order) equal a replay from the events', () => {
    const store = createStore(openDatabase(':memory:'));
    store.agencies.upsertKind({ code: 'so_ban_nganh', label: 'Sở', level: 'tinh', sortOrder: 1 });
    const agency = store.agencies.upsert({ code: 'STP', name: 'Sở Tư pháp', kind: 'so_ban_nganh' }, new Date());
    for (let seed = 0; seed < 2000; seed += 1) {
      const { shuffled } = randomCase(seed);
      store.transaction(() => {
        for (const e of shuffled) {
          store.statuses.append({ itemKind: e.itemKind, itemId: e.itemId + seed * 1000, agencyId: agency.id, memberId: null, platform: 'test', status: e.status, progress: e.progress, reason: null, evidence: null, requestedDate: e.requestedDate, createdAt: e.createdAt });
        }
      });
    }
    const result = store.statuses.replay();
    expect(result.checked).toBeGreaterThan(3000);
    expect(result.differences).toEqual([]);
    store.close();
  });
});

describe('the default rubric (Cà Mau-style thresholds)', () => {
  const tasks = (n: number): Obligation[] => Array.from({ length: n }, (_, i) => ({ itemKind: 'task', itemId: i + 1, dueDate: '2024-03-31', label: `T${i + 1}` }));
  const done = (ids: number[], day = '2024-03-01'): ScoringEvent[] =>
    ids.map((id) => ({ itemKind: 'task', itemId: id, agencyId: 1, status: 'done', progress: 100, requestedDate: null, day, createdAt: `${day}T02:00:00.000Z` }));
  const completion = (doneCount: number, total: number) =>
    scoreAgency(1, rubric, tasks(total), done(Array.from({ length: doneCount }, (_, i) => i + 1)), '2024-12-31').criteria.find((c) => c.code === 'completion')!.points;

  it.each([
    [100, 100, 2],
    [91, 100, 2],
    [90, 100, 1],
    [70, 100, 1],
    [69, 100, 0],
    [0, 10, 0],
  ])('%i of %i tasks done → %i points', (d, total, points) => {
    expect(completion(d, total)).toBe(points);
  });

  it('reports are all or nothing, counted against their due date', () => {
    const reports: Obligation[] = [
      { itemKind: 'report', itemId: 1, dueDate: '2024-03-15', reportKind: 'periodic', label: 'Q1/2024' },
      { itemKind: 'report', itemId: 2, dueDate: '2024-06-17', reportKind: 'periodic', label: '6T/2024' },
    ];
    const submitted = (id: number, day: string): ScoringEvent => ({ itemKind: 'report', itemId: id, agencyId: 1, status: 'done', progress: 100, requestedDate: null, day, createdAt: `${day}T02:00:00.000Z` });
    const points = (events: ScoringEvent[]) => scoreAgency(1, rubric, reports, events, '2024-12-31').criteria.find((c) => c.code === 'reports')!;
    expect(points([submitted(1, '2024-03-14'), submitted(2, '2024-06-17')]).points).toBe(1);
    const late = points([submitted(1, '2024-03-14'), submitted(2, '2024-06-18')]);
    expect(late.points).toBe(0);
    expect(late.why).toBe('Thiếu hoặc nộp muộn: 6T/2024 (tiêu chí tính tất cả hoặc không).');
  });

  // Timeliness: done by the original due date; ≥ 90% → 1, ≥ 70% → 0.5 (inclusive: no "strict" band), else 0.
  it.each([
    [10, 0, 1],
    [9, 1, 1],
    [8, 2, 0.5],
    [7, 3, 0.5],
    [6, 4, 0],
    [0, 10, 0],
  ])('%i tasks done on time and %i late → %s timeliness points', (onTime, late, points) => {
    const events = [...done(Array.from({ length: onTime }, (_, i) => i + 1)), ...done(Array.from({ length: late }, (_, i) => onTime + i + 1), '2024-04-15')];
    const score = scoreAgency(1, rubric, tasks(onTime + late), events, '2024-12-31');
    expect(score.criteria.find((c) => c.code === 'timeliness')!.points).toBe(points);
    // Done late still counts as done for the completion rate.
    expect(score.criteria.find((c) => c.code === 'completion')!.points).toBe(2);
  });

  // Over the tasks due, not the tasks finished: two of ten done on time and eight left undone is 20%,
  // not "2/2"; finishing one of the eight late changes nothing for timeliness and raises nothing less.
  it('counts undone work due as not on time, so finishing late never lowers the score', () => {
    const undone = scoreAgency(1, rubric, tasks(10), done([1, 2]), '2024-12-31');
    const timeliness = undone.criteria.find((c) => c.code === 'timeliness')!;
    expect([timeliness.points, timeliness.why]).toEqual([0, 'Đúng hạn 2/10 nhiệm vụ đến hạn (20%, dưới 70%); tính theo hạn gốc.']);
    const finishedLate = scoreAgency(1, rubric, tasks(10), [...done([1, 2]), ...done([3], '2024-04-15')], '2024-12-31');
    expect(finishedLate.total).toBeGreaterThanOrEqual(undone.total);
    expect(finishedLate.criteria.find((c) => c.code === 'timeliness')!.why).toContain('Đúng hạn 2/10');
  });

  it('leaves a criterion with nothing to measure out of the maximum when the rubric says "khong_ap_dung" (the shipped rubric)', () => {
    const score = scoreAgency(1, rubric, [], [], '2024-12-31');
    expect(score.criteria.map((c) => [c.code, c.points, c.maxPoints, c.notApplicable])).toEqual([
      ['completion', 0, 0, true],
      ['reports', 0, 0, true],
      ['timeliness', 0, 0, true],
    ]);
    expect(score.criteria[0]!.why).toBe('Không áp dụng: không có nhiệm vụ đến hạn trong kỳ.');
    expect([score.total, score.maxTotal]).toEqual([0, 0]);
  });

  it('gives the points of a numeric "whenNothingDue" when nothing fell due in the period', () => {
    const numeric = { criteria: rubric.criteria.map((c) => ({ ...c, whenNothingDue: c.maxPoints })) };
    const score = scoreAgency(1, numeric, [], [], '2024-12-31');
    expect(score.criteria.map((c) => [c.code, c.points, c.maxPoints])).toEqual([['completion', 2, 2], ['reports', 1, 1], ['timeliness', 1, 1]]);
  });

  it.each([
    ['2024', { from: '2024-01-01', to: '2024-12-31', label: 'năm 2024' }],
    ['2024-Q1', { from: '2024-01-01', to: '2024-03-31', label: 'quý I/2024' }],
    ['2024-Q2', { from: '2024-04-01', to: '2024-06-30', label: 'quý II/2024' }],
    ['2024-Q3', { from: '2024-07-01', to: '2024-09-30', label: 'quý III/2024' }],
    ['2024-q4', { from: '2024-10-01', to: '2024-12-31', label: 'quý IV/2024' }],
    ['2026Q2', { from: '2026-04-01', to: '2026-06-30', label: 'quý II/2026' }],
  ])('reads the period %j', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
  });

  it.each(['2024-Q5', '2024-Q0', 'Q2', '24', '2024-06', 'năm 2024', ''])('refuses the period %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});
