import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import { addDays, civilDateOf } from '../../src/domain/civil-date.js';
import { demoPlanName, demoPlanYear, DEMO_MEMBERS } from '../../src/app/demo-seed.js';
import { createTestApp } from '../helpers/test-app.js';

/** The demo must look alive whatever day it is first started: this is what a newcomer sees first. */
describe.each(['2026-11-23', '2026-04-06', '2027-01-12', '2026-07-20', '2028-02-29'])('the demo first started on %s', (day) => {
  it('tracks the current plan, with varied history, differing scores, recent activity and reminders coming', async () => {
    const t = createTestApp({ start: `${day}T01:30:00Z`, env: { DONDOC_DEMO_DATA: 'true' } });
    try {
      await t.app.start();
      const { store, services } = t.app;
      const today = civilDateOf(t.clock.now());
      const year = demoPlanYear(today);
      expect(store.plans.plans().map((p) => p.name)).toEqual([demoPlanName(year)]);
      const say = async (who: string, text: string) => {
        const out = await t.app.dispatcher.handle({ platform: 'local', platformUserId: who, chatId: who, chatType: 'private', senderName: who, text }, { buttons: true } as never);
        return out.replies.map((r) => plainText(r.text)).join('\n');
      };

      // Overdue work is measured in days and weeks, not years.
      const overdue = services.summaries.overdue();
      expect(overdue.length).toBeGreaterThan(0);
      for (const item of overdue) expect(item.dueDate >= addDays(today, -460)).toBe(true);

      // Every kind of reply happened, through the status service.
      const statuses = new Set((store.db.prepare('SELECT DISTINCT status FROM status_events').all() as { status: string }[]).map((r) => r.status));
      for (const s of ['done', 'in_progress', 'blocked', 'extension_requested', 'extension_approved']) expect(statuses).toContain(s);
      const lateAndOnTime = store.db
        .prepare(
          `SELECT SUM(date(e.created_at) <= d.due_date) AS onTime, SUM(date(e.created_at) > d.due_date) AS late
           FROM status_events e JOIN task_deadlines d ON d.task_id = e.item_id
           WHERE e.status = 'done' AND e.item_kind = 'task' AND d.seq = (SELECT MAX(seq) FROM task_deadlines x WHERE x.task_id = d.task_id AND x.due_date <= date(e.created_at, '+40 days'))`,
        )
        .get() as { onTime: number; late: number };
      expect(lateAndOnTime.onTime).toBeGreaterThan(0);
      expect(lateAndOnTime.late).toBeGreaterThan(0);
      const submitted = (store.db.prepare("SELECT COUNT(*) AS n FROM status_events WHERE item_kind = 'report' AND status = 'done'").get() as { n: number }).n;
      expect(submitted).toBeGreaterThan(0);

      // Scores (shares of the applicable points) differ between departments.
      const totals = new Set(
        services.scoring
          .scoreAll({ from: `${year}-01-01`, to: `${year}-12-31` }, today)
          .filter((s) => s.kind === 'so_ban_nganh' && s.maxTotal > 0)
          .map((s) => Math.round((s.total / s.maxTotal) * 1000)),
      );
      expect(totals.size).toBeGreaterThanOrEqual(3);

      // Replies in most of the last 12 weeks (/xuhuong has something to show).
      const weeks = new Set(
        (store.db.prepare('SELECT created_at AS at FROM status_events WHERE created_at >= ?').all(new Date(t.clock.now().getTime() - 84 * 86_400_000).toISOString()) as { at: string }[]).map((r) =>
          Math.floor((t.clock.now().getTime() - new Date(r.at).getTime()) / (7 * 86_400_000)),
        ),
      );
      expect(weeks.size).toBeGreaterThanOrEqual(10);

      // Reminders are due to demo members in the coming two weeks.
      const demoAgencies = new Set(DEMO_MEMBERS.map((m) => store.agencies.byCode(m.agency)!.id));
      const coming = services.planner.desired(today, addDays(today, 14)).filter((r) => demoAgencies.has(r.agencyId));
      expect(coming.length).toBeGreaterThan(0);

      // The views answer with current numbers.
      expect(await say('demo-lanhdao', '/tonghop')).toContain('Tỉnh Hà Tĩnh');
      const tasks = await say('demo-stp', '/viec');
      expect(tasks).toMatch(/II\.3\.\d/);
      // The seed's PDF extraction split "Thường xuyên"; chat shows it whole.
      expect(tasks).not.toContain('Thườn g');

      // The demo plan of its year speaks of its own time: no year before the plan's index year
      // (the year before the plan), no ministry merged away on 1/3/2025.
      const texts = (store.db.prepare('SELECT objective || task || activity || product || deadline_text AS t FROM tasks').all() as { t: string }[]).map((r) => r.t).join('\n');
      for (const y of texts.match(/(?<=năm )20\d\d\b/gi) ?? []) expect(Number(y), y).toBeGreaterThanOrEqual(year - 1);
      // Document numbers and standards are names, not dates: they never move with the plan.
      expect(texts).toContain('Nghị định số 140/2017/NĐ-CP');
      expect(texts).toContain('ISO 9001:2015');
      expect(texts).not.toContain('Bộ Thông tin và Truyền thông');

      // Every task code the help and hints give as an example exists in the demo.
      const hints = [await say('demo-stp', '/trogiup'), await say('demo-stp', 'xong rồi'), await say('demo-stp', '/capnhat')];
      const codes = new Set(hints.join('\n').match(/\b[IVX]+(?:\.[A-Z])?\.\d+(?:\.\d+)?\b/g) ?? []);
      expect(codes.size).toBeGreaterThan(0);
      for (const code of codes) expect(store.plans.tasksByCode(code), code).not.toEqual([]);
    } finally {
      await t.close();
    }
  });
});
