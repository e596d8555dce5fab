import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import { addDays } from '../../src/domain/civil-date.js';
import type { Member } from '../../src/store/member-repo.js';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

/**
 * The leaders' summaries count in SQL what the reminder planner chases in JavaScript. Over the real
 * Hà Tĩnh 2024 and Sóc Trăng plans, the 2024 report calendar and 1,500 seeded random replies (done,
 * progress after done, extensions asked and approved, report submissions) written through the status
 * service in time order — the states the real path produces — both must name exactly the same
 * overdue items, and the quarter's open + overdue counts must be the planner's open deadlines.
 */
let t: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  t = createTestApp({ start: '2024-01-02T02:00:00Z' });
  const { store, services, scheduler } = t.app;
  for (const file of ['ha-tinh-2024-phu-luc.csv', 'soc-trang-163-phu-luc-2.csv']) {
    const imported = await services.plans.importFile(file, readFileSync(join(process.cwd(), 'data', 'plans', file)), { name: file, year: 2024 });
    expect(imported.ok).toBe(true);
  }
  scheduler!.replan();
  const leads = store.db.prepare("SELECT task_id AS itemId, agency_id AS agencyId FROM assignments WHERE role = 'lead'").all() as { itemId: number; agencyId: number }[];
  const owed = store.db.prepare('SELECT report_id AS itemId, agency_id AS agencyId FROM report_obligations').all() as { itemId: number; agencyId: number }[];
  expect(leads.length).toBeGreaterThan(300);
  expect(owed.length).toBeGreaterThan(100);
  let seed = 20_240_101;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const day = () => addDays('2024-01-02', Math.floor(random() * 360));
  const kinds: ('done' | 'in_progress' | 'extension')[] = ['done', 'done', 'done', 'in_progress', 'in_progress', 'extension'];
  const replies = Array.from({ length: 1_500 }, () => {
    const report = random() < 0.25;
    return { report, target: report ? pick(owed) : pick(leads), kind: report ? 'done' : pick(kinds), at: `${day()}T0${Math.floor(random() * 10)}:00:00.000Z`, until: day() };
  }).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  // One focal point per agency (working elsewhere: no chat account) and Sở Nội vụ's admin.
  const admin = linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, t.clock.now());
  const focal = new Map<number, Member>();
  const memberOf = (agencyId: number) => {
    let m = focal.get(agencyId);
    if (!m) focal.set(agencyId, (m = store.members.create({ displayName: `Đầu mối ${agencyId}`, agencyId, role: 'focal' }, t.clock.now())));
    return m;
  };
  const base = { progress: null, reason: null, evidence: null, requestedDate: null };
  for (const r of replies) {
    t.clock.set(r.at);
    const member = memberOf(r.target.agencyId);
    if (r.report) {
      services.statuses.submitReport(member, 'test', r.target.itemId, null);
      continue;
    }
    const task = store.plans.taskById(r.target.itemId)!;
    if (r.kind === 'done') services.statuses.recordTask(member, 'test', task, { ...base, code: task.code, status: 'done', progress: 100 });
    else if (r.kind === 'in_progress') services.statuses.recordTask(member, 'test', task, { ...base, code: task.code, status: 'in_progress', progress: 50 });
    else {
      const asked = services.statuses.recordTask(member, 'test', task, { ...base, code: task.code, status: 'extension_requested', requestedDate: r.until, reason: 'thử' });
      if (asked.ok) services.statuses.decide(admin, asked.value.event.id, true, null);
    }
  }
  t.clock.set('2024-01-02T02:00:00Z');
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('summaries agree with the reminder planner', () => {
  for (const today of ['2024-02-20', '2024-05-06', '2024-07-01', '2024-10-21', '2024-12-31']) {
    it(`on ${today}: the same overdue items and open deadlines`, () => {
      const { store, services } = t.app;
      t.clock.set(`${today}T03:00:00Z`);
      const sources = store.plans.reminderSources(false);
      const open = services.planner.occurrences(today, today, sources).filter((o) => o.kind === 'deadline');
      // A date belongs to the period of the plan's nominal date; an approved extension's date to the
      // period of the plan date it extends (the latest on or before it), else its own (issue 26 item 7).
      const periodOf = new Map(sources.map((s) => [`${s.taskId}:${s.agencyId}:${s.dueDate}`, s.periodDate]));
      const extendedPeriod = (o: { itemId: number; agencyId: number; dueDate: string }) =>
        sources.filter((s) => s.taskId === o.itemId && s.agencyId === o.agencyId && s.dueDate !== null && s.dueDate <= o.dueDate).sort((a, b) => (a.dueDate! < b.dueDate! ? 1 : -1))[0]?.periodDate ?? o.dueDate;
      const key = (o: { itemKind: string; itemId: number; agencyId: number; dueDate: string }) => `${o.itemKind}:${o.itemId}:${o.agencyId}:${o.dueDate}`;
      // One line per overdue item, dated by its oldest missed date, with how many dates it missed.
      const missed = new Map<string, { dueDate: string; n: number }>();
      for (const o of open.filter((x) => x.dueDate < today)) {
        const k = `${o.itemKind}:${o.itemId}:${o.agencyId}`;
        const seen = missed.get(k);
        missed.set(k, { dueDate: seen && seen.dueDate < o.dueDate ? seen.dueDate : o.dueDate, n: (seen?.n ?? 0) + 1 });
      }
      const expected = [...missed].map(([k, m]) => `${k}:${m.dueDate}:${m.n}`).sort();
      const overdue = services.summaries.overdue();
      expect(overdue.length).toBeGreaterThan(0);
      const actual = overdue.map((line) => `${key({ itemKind: line.kind, ...line })}:${line.missed}`).sort();
      expect(actual).toEqual(expected);
      expect(overdue.map((l) => l.dueDate)).toEqual([...overdue.map((l) => l.dueDate)].sort());

      const summary = services.summaries.province();
      const period = (o: { itemId: number; agencyId: number; dueDate: string }) => periodOf.get(`${o.itemId}:${o.agencyId}:${o.dueDate}`) ?? extendedPeriod(o);
      const inQuarter = open.filter((o) => o.itemKind === 'task' && period(o) >= summary.quarter.from && period(o) <= summary.quarter.to);
      expect(summary.tasksOverdue).toBe(inQuarter.filter((o) => o.dueDate < today).length);
      expect(summary.tasksDue - summary.tasksDone - summary.tasksOverdue).toBe(inQuarter.filter((o) => o.dueDate >= today).length);
      // The chart's bars: the open dates of its window (the quarter, or the year to the quarter's end).
      const inChart = open.filter((o) => o.itemKind === 'task' && period(o) >= summary.chart.from && period(o) <= summary.chart.to);
      const perAgency = new Map(summary.chart.rows.map((a) => [a.agencyId, a.open + a.overdue]));
      for (const o of inChart) perAgency.set(o.agencyId, (perAgency.get(o.agencyId) ?? 0) - 1);
      expect([...perAgency.values()].every((n) => n === 0)).toBe(true);
    });
  }

  it('/quahan keeps the province view to one readable message and lists one agency in full', async () => {
    const { store, dispatcher } = t.app;
    t.clock.set('2024-12-31T03:00:00Z');
    linkedMember(store, { displayName: 'Lãnh đạo', agencyId: store.agencies.byCode('UBNDT')!.id, role: 'leader' }, { platform: 'local', chatId: 'leader' }, t.clock.now());
    const say = async (text: string) =>
      (await dispatcher.handle({ platform: 'local', platformUserId: 'leader', chatId: 'leader', chatType: 'private', senderName: 'Lãnh đạo', text }, { buttons: true, links: { startLink: () => null } })).replies
        .map((r) => plainText(r.text))
        .join('\n');
    const all = t.app.services.summaries.overdue();
    const province = await say('/quahan');
    expect(province).toContain(`Việc quá hạn (${all.length}), cũ nhất trước`);
    expect(province.split('\n').filter((l) => l.startsWith('  – ')).length).toBeLessThanOrEqual(15 * 3);
    expect(province).toMatch(/… và \d+ việc khác/);
    expect(province).toContain('Gõ /quahan <mã cơ quan> để xem đủ danh sách của một cơ quan.');
    expect(province.length).toBeLessThan(2 * 4096);
    const stp = store.agencies.byCode('STP')!;
    const mine = all.filter((l) => l.agencyId === stp.id);
    const one = await say('/quahan STP');
    expect(one).toContain(`Sở Tư pháp (${mine.length})`);
    expect(one.split('\n').filter((l) => l.startsWith('  – ')).length).toBe(Math.min(mine.length, 60));
    expect(await say('/quahan Sở Không Có')).toContain('Không tìm thấy cơ quan “Sở Không Có”');
  });
});
