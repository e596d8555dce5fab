import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import { addDays, civilDateOf } from '../../src/domain/civil-date.js';
import { dayjs } from '../../src/domain/time.js';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

/**
 * A whole year with a fake clock: the Hà Tĩnh 2024 plan and the 2024 report calendar, ticked at
 * 07:00, 08:00, 10:30, 16:59 and 18:00 every day from 1/1 to 31/12/2024, outbox drained through
 * the local chat channel.
 */
const TZ = 'Asia/Ho_Chi_Minh';
/** Saturday 4/5/2024 was worked in exchange for Monday 29/4. */
const MAKE_UP_SATURDAYS_2024 = ['2024-05-04'];
const HOLIDAYS_2024 = ['2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03'];

let t: ReturnType<typeof createTestApp>;
const focalOf = new Map<number, number>();
const doneAt: { code: string; agency: string; day: string }[] = [
  { code: 'II.3.3', agency: 'STP', day: '2024-03-20' },
  { code: 'I.3.4', agency: 'STTTT', day: '2024-01-22' },
];

async function say(localId: string, text: string): Promise<string> {
  const outcome = await t.app.dispatcher.handle(
    { platform: 'local', platformUserId: localId, chatId: localId, chatType: 'private', senderName: localId, text },
    { buttons: true, links: { startLink: () => null } },
  );
  return outcome.replies.map((r) => plainText(r.text)).join('\n');
}

beforeAll(async () => {
  t = createTestApp({ start: '2024-01-01T00:00:00Z', env: { DONDOC_LOCAL_CHAT: 'true' } });
  const { store, services } = t.app;
  const now = t.clock.now();
  for (const agency of store.agencies.list()) {
    const focal = linkedMember(store, { displayName: `Đầu mối ${agency.code}`, agencyId: agency.id, role: 'focal' }, { platform: 'local', chatId: `f-${agency.code}` }, now);
    focalOf.set(agency.id, focal.id);
  }
  for (const code of ['SNV', 'STP', 'STTTT']) {
    const agency = store.agencies.byCode(code)!;
    linkedMember(store, { displayName: `Lãnh đạo ${code}`, agencyId: agency.id, role: 'leader' }, { platform: 'local', chatId: `l-${code}` }, now);
  }
  linkedMember(store, { displayName: 'Quản trị', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, now);
  const csv = readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv'));
  const imported = await services.plans.importFile('ha-tinh.csv', csv, { name: 'KH CCHC 2024', year: 2024 });
  expect(imported.ok).toBe(true);

  for (let day = '2024-01-01'; day <= '2024-12-31'; day = addDays(day, 1)) {
    for (const time of ['07:00', '08:00', '10:30', '16:59', '18:00']) {
      t.clock.set(dayjs.tz(`${day} ${time}`, 'YYYY-MM-DD HH:mm', TZ).toDate());
      if (time === '10:30') {
        for (const d of doneAt.filter((x) => x.day === day)) expect(await say(`f-${d.agency}`, `/xong ${d.code}`)).toContain('Đã ghi nhận');
      }
      t.app.scheduler.tick();
      await t.app.worker.drain();
    }
  }
}, 240_000);

afterAll(async () => {
  if (process.env.DONDOC_SHOW_DIGEST) {
    const stp = t.app.localChat!.history('f-STP');
    process.stdout.write(`${stp.slice(0, 3).map((m) => m.html).join('\n----\n')}\n`);
  }
  await t.close();
});

interface OutboxRecord { purpose: string; memberId: number; createdAt: string; status: string }
const outboxRows = () =>
  t.app.store.db.prepare('SELECT purpose, member_id AS memberId, created_at AS createdAt, status FROM outbox').all() as OutboxRecord[];
const sentReminders = () =>
  t.app.store.db
    .prepare("SELECT item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, send_day AS sendDay, status FROM reminders")
    .all() as { itemKind: string; itemId: number; agencyId: number; dueDate: string; step: string; sendDay: string; status: string }[];

describe('a year of reminders with a fake clock', () => {
  it('sends only on working days, in office hours, never on a 2024 holiday', () => {
    const rows = outboxRows();
    expect(rows.length).toBeGreaterThan(500);
    for (const row of rows) {
      const local = dayjs(row.createdAt).tz(TZ);
      const day = local.format('YYYY-MM-DD');
      const weekend = ['Sat', 'Sun'].includes(local.format('ddd'));
      expect(weekend && !MAKE_UP_SATURDAYS_2024.includes(day), `${row.purpose} on ${day}`).toBe(false);
      expect(HOLIDAYS_2024).not.toContain(day);
      expect(local.format('HH:mm') >= '07:30' && local.format('HH:mm') < '17:00').toBe(true);
      expect(row.status).toBe('sent');
    }
  });

  it('sends exactly one digest per member per slot', () => {
    const digests = outboxRows().filter((r) => r.purpose === 'digest');
    const perSlot = new Map<string, number>();
    for (const d of digests) perSlot.set(`${d.memberId}@${d.createdAt}`, (perSlot.get(`${d.memberId}@${d.createdAt}`) ?? 0) + 1);
    expect(Math.max(...perSlot.values())).toBe(1);
    const perDay = new Map<string, number>();
    for (const d of digests) {
      const key = `${d.memberId}@${civilDateOf(new Date(d.createdAt), TZ)}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perDay.values())).toBe(1);
    for (const d of digests) expect(dayjs(d.createdAt).tz(TZ).format('HH:mm')).toBe('08:00');
  });

  /**
   * Worked out by hand on a 2024 wall calendar (working days Monday–Friday, the holidays above),
   * with the default policy's steps 10, 5, 2, 1 and 0 working days before the due date; a due date
   * on a weekend moves to the next working day.
   */
  const HAND_MADE: { code: string; due: string; steps: Record<string, string> }[] = [
    // "Quý I/2024": 31/3 is a Sunday → Monday 1/4; ten working days back is Monday 18/3.
    { code: 'III.3.1', due: '2024-04-01', steps: { 'before:10': '2024-03-18', 'before:5': '2024-03-25', 'before:2': '2024-03-28', 'before:1': '2024-03-29', 'before:0': '2024-04-01' } },
    // "Quý II": 30/6 is a Sunday → Monday 1/7.
    { code: 'II.3.4', due: '2024-07-01', steps: { 'before:10': '2024-06-17', 'before:5': '2024-06-24', 'before:2': '2024-06-27', 'before:1': '2024-06-28', 'before:0': '2024-07-01' } },
    // "Quý IV": Tuesday 31/12.
    { code: 'II.3.6', due: '2024-12-31', steps: { 'before:10': '2024-12-17', 'before:5': '2024-12-24', 'before:2': '2024-12-27', 'before:1': '2024-12-30', 'before:0': '2024-12-31' } },
    // "Tháng 01/2024", done on Monday 22/1: only the steps before that day went out.
    { code: 'I.3.4', due: '2024-01-31', steps: { 'before:10': '2024-01-17' } },
  ];

  it('reminds lead agencies on the days worked out by hand', () => {
    const { store } = t.app;
    for (const expected of HAND_MADE) {
      const task = store.plans.tasksByCode(expected.code)[0]!;
      const leads = store.plans.assignments(task.id).filter((a) => a.role === 'lead');
      expect(leads.length, expected.code).toBeGreaterThan(0);
      for (const lead of leads) {
        const sent = sentReminders().filter((r) => r.itemKind === 'task' && r.itemId === task.id && r.agencyId === lead.agencyId && r.status === 'sent' && r.step.startsWith('before:'));
        expect(Object.fromEntries(sent.map((r) => [r.step, r.sendDay])), `${expected.code} ${lead.agencyCode}`).toEqual(expected.steps);
        expect(new Set(sent.map((r) => r.dueDate))).toEqual(new Set([expected.due]));
      }
    }
  });

  it('gives every open dated lead assignment all five steps, on five different working days in step order', () => {
    const { store } = t.app;
    const weekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const done = new Set(doneAt.map((d) => `${store.plans.tasksByCode(d.code)[0]!.id}:${store.agencies.byCode(d.agency)!.id}`));
    const byItem = new Map<string, Map<string, string>>();
    for (const r of sentReminders()) {
      if (r.itemKind !== 'task' || r.status !== 'sent' || !r.step.startsWith('before:')) continue;
      const key = `${r.itemId}:${r.agencyId}:${r.dueDate}`;
      byItem.set(key, (byItem.get(key) ?? new Map()).set(r.step, r.sendDay));
    }
    let checked = 0;
    for (const source of store.plans.reminderSources(false)) {
      // Due late enough in 2024 that ten working days before it fall in the year's ticks.
      if (!source.dueDate || source.dueDate < '2024-01-20' || source.dueDate > '2024-12-31') continue;
      if (done.has(`${source.taskId}:${source.agencyId}`)) continue;
      const steps = byItem.get(`${source.taskId}:${source.agencyId}:${source.dueDate}`);
      const days = ['before:10', 'before:5', 'before:2', 'before:1', 'before:0'].map((step) => steps?.get(step));
      expect(days.every((d) => d !== undefined), `task ${source.taskId} agency ${source.agencyId} due ${source.dueDate}: ${JSON.stringify(days)}`).toBe(true);
      expect([...days].sort()).toEqual(days);
      expect(new Set(days).size).toBe(5);
      for (const day of days as string[]) {
        expect((weekend(day) && !MAKE_UP_SATURDAYS_2024.includes(day)) || HOLIDAYS_2024.includes(day), day).toBe(false);
        expect(day <= source.dueDate).toBe(true);
      }
      checked += 1;
    }
    // 113 lead assignments of the Hà Tĩnh table are dated in 2024: since issue 27 item 7, "các cơ quan
    // chủ trì CCHC" and "các cơ quan liên quan" are reported, not expanded to every department.
    expect(checked).toBeGreaterThan(100);
  });

  it('reaches every agency with the yearly report reminder before 15/12/2024', () => {
    const report = t.app.store.reports.byCode('NAM', 2024)!;
    expect(report.dueDate).toBe('2024-12-16');
    const owing = t.app.store.db.prepare('SELECT agency_id AS id FROM report_obligations WHERE report_id = ?').all(report.id) as { id: number }[];
    expect(owing.length).toBeGreaterThan(25);
    const early = new Set(
      sentReminders()
        .filter((r) => r.itemKind === 'report' && r.itemId === report.id && r.status === 'sent' && r.sendDay < '2024-12-15')
        .map((r) => r.agencyId),
    );
    for (const { id } of owing) expect(early.has(id), `agency ${id}`).toBe(true);
  });

  it('never reminds a done item again', () => {
    const { store } = t.app;
    for (const d of doneAt) {
      const taskId = store.plans.tasksByCode(d.code)[0]!.id;
      const agencyId = store.agencies.byCode(d.agency)!.id;
      const rows = sentReminders().filter((r) => r.itemKind === 'task' && r.itemId === taskId && r.agencyId === agencyId);
      expect(rows.filter((r) => r.status === 'sent' && r.sendDay > d.day)).toEqual([]);
      expect(rows.some((r) => r.status === 'sent' && r.sendDay <= d.day)).toBe(true);
    }
  });

  it("escalates overdue work to the agency's leaders and names long-overdue agencies in Sở Nội vụ's daily digest", () => {
    const leaderDigests = outboxRows().filter((r) => r.purpose === 'digest' && t.app.store.members.byId(r.memberId)!.role === 'leader');
    expect(leaderDigests.length).toBeGreaterThan(0);
    const daily = outboxRows().filter((r) => r.purpose === 'daily');
    expect(daily.length).toBeGreaterThan(100);
    const messages = t.app.localChat!.history('admin');
    expect(messages.some((m) => m.html.includes('Cơ quan có việc quá hạn từ 10 ngày làm việc trở lên'))).toBe(true);
  });
});
