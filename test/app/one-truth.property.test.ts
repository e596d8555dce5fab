import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_LOOKBACK_DAYS } from '../../src/app/reminder-planner.js';
import { plainText } from '../../src/app/reply.js';
import { addDays, type CivilDate } from '../../src/domain/civil-date.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import type { Member } from '../../src/store/member-repo.js';
import { HISTORY_YEAR, randomHistory, type RandomHistory } from '../helpers/random-history.js';

/**
 * One truth in every view. For several seeds, a random history (test/helpers/random-history.ts): a
 * random plan (deadlines written the ways plans write them, leads among the province's agencies),
 * random replies over the year through the status
 * service (done, progress, problems, "done" then reopened, extensions asked and approved, rejected
 * or left waiting, report submissions), admin-set dates; then on random days every agency's overdue
 * work must be the same in /viec's data, /quahan (province and agency), /lich, /tonghop, the
 * "quá hạn" broadcast audience and the quarter's counts. A failure names the seed and the day.
 */
const YEAR = HISTORY_YEAR;
const SEEDS = [11, 2026, 90_417];

type Setup = RandomHistory;
const setUp = (seed: number) => randomHistory(seed);

async function say(s: Setup, member: Member, chatId: string, text: string): Promise<string> {
  const result = await s.t.app.dispatcher.handle(
    { platform: 'local', platformUserId: chatId, chatId, chatType: 'private', senderName: member.displayName, text },
    { buttons: true, links: { startLink: () => null } },
  );
  return result.replies.map((r) => plainText(r.text)).join('\n');
}

describe.each(SEEDS)('seed %i: every view tells the same overdue work', (seed) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(seed);
  }, 120_000);
  afterAll(async () => {
    await s?.t.close();
  });

  it('on random days through the year, for every agency', async () => {
    const random = seededRandom(seed * 7 + 1);
    const days: CivilDate[] = [`${YEAR}-04-01`, `${YEAR}-07-01`, `${YEAR}-12-31`, ...Array.from({ length: 4 }, () => addDays(`${YEAR}-01-10`, Math.floor(random() * 355)))];
    const { services } = s.t.app;
    let overdueSeen = 0;
    for (const today of days) {
      s.t.clock.set(`${today}T03:00:00Z`);
      const where = `seed ${seed}, ${today}`;
      const province = services.summaries.overdue();
      const audience = services.summaries.overdueAgencies();
      const summary = services.summaries.province();
      for (const [agencyId, member] of s.focal) {
        const agency = services.directory.agency(agencyId)!;
        const at = `${where}, ${agency.code}`;
        // The agency's own view (/viec, /nhiemvu): lead tasks overdue, and by how many working days.
        const views = services.tasks.forAgency(agencyId);
        const fromViews = new Map(views.filter((v) => v.view.condition === 'overdue').map((v) => [v.id, v.view.lateDays]));
        for (const v of views) {
          if (v.view.finished) expect(v.view.condition, at).toMatch(/^done_/);
          if (v.role === 'coord') expect(v.view.condition, at).not.toBe('overdue');
        }
        // /quahan for the agency and the province list: the same tasks, the same lateness.
        const mine = services.summaries.overdue(agencyId);
        const tasks = mine.filter((i) => i.kind === 'task');
        expect(new Map(tasks.map((i) => [i.itemId, i.lateDays])), at).toEqual(fromViews);
        expect(province.filter((i) => i.agencyId === agencyId), at).toEqual(mine);
        // Reports: /nopbaocao's open reports (no extensions generated) past their date, within the chase window.
        const reports = services.statuses.openReports(member, YEAR).filter((r) => r.dueDate < today && r.dueDate >= addDays(today, -REPORT_LOOKBACK_DAYS));
        expect(mine.filter((i) => i.kind === 'report').map((i) => i.itemId).sort(), at).toEqual(reports.map((r) => r.id).sort());
        expect(audience.has(agencyId), at).toBe(mine.length > 0);
        // /tonghop's chart: a bar's overdue part implies overdue work, and each bar is sorted by the
        // agency's whole overdue count, the same number /quahan gives.
        const bar = summary.chart.rows.find((a) => a.agencyId === agencyId);
        if (bar && bar.overdue > 0) expect(mine.length, at).toBeGreaterThan(0);
        if (mine.length > 0) expect(bar?.overdueAll, at).toBe(mine.length);
        overdueSeen += mine.length;

        // Through the chat: /lich's note and /quahan <mã> name the same count; /viec the same open work.
        const calendar = await say(s, member, `f${agencyId}`, '/lich');
        if (mine.length > 0) expect(calendar, at).toContain(`Còn ${mine.length} việc đã quá hạn`);
        else expect(calendar, at).not.toContain('quá hạn');
        const overdue = await say(s, s.admin, 'admin', `/quahan ${agency.code}`);
        if (mine.length > 0) expect(overdue, at).toContain(`${agency.name} (${mine.length})`);
        else expect(overdue, at).toContain('Không có việc nào quá hạn');
        const open = views.filter((v) => !v.view.finished).length;
        const list = await say(s, member, `f${agencyId}`, '/viec');
        if (open > 0) expect(list, at).toMatch(new RegExp(`\\(${open} nhiệm vụ`));
        const lateRows = list.split('\n').filter((l) => /quá hạn \d+ ngày làm việc/.test(l)).length;
        if (open <= 10) expect(lateRows, at).toBe(fromViews.size);
      }
      // Scores and rankings tell the same overdue work (issue 26): on the year's last day every event
      // is in the past, so the score's as-of state is the views' state. Every date /quahan counts as
      // missed is a due, unfinished date of the year's completion criterion, which is then never
      // "không áp dụng"; every active agency but UBND tỉnh is scored, so ranked or named.
      if (today === `${YEAR}-12-31`) {
        const scores = services.scoring.scoreAll({ from: `${YEAR}-01-01`, to: `${YEAR}-12-31` }, today);
        const scored = new Set(scores.map((x) => x.agencyId));
        for (const a of s.t.app.store.agencies.list()) expect(scored.has(a.id) || a.kind === 'ubnd_tinh', `${where}, ${a.code} is scored`).toBe(true);
        for (const agencyId of s.focal.keys()) {
          const missed = province.filter((i) => i.agencyId === agencyId && i.kind === 'task').reduce((n, i) => n + i.missed, 0);
          const completion = scores.find((x) => x.agencyId === agencyId)!.criteria.find((c) => c.code === 'completion')!;
          if (missed === 0) continue;
          expect(completion.notApplicable, `${where}, agency ${agencyId}: overdue but "không áp dụng"`).toBeUndefined();
          const [, done, due] = /^Hoàn thành (\d+)\/(\d+)/.exec(completion.why)!.map(Number) as [number, number, number];
          expect(due - done, `${where}, agency ${agencyId}: unfinished dates in the score`).toBeGreaterThanOrEqual(missed);
        }
      }
      // /tonghop's agencies behind: each with its /quahan count; the headline total is the list's.
      for (const b of summary.behind) expect(b.overdue, where).toBe(province.filter((i) => i.agencyId === b.agencyId).length);
      const tonghop = await say(s, s.admin, 'admin', '/tonghop');
      if (province.length > 0) expect(tonghop, where).toContain(`Tổng số việc còn quá hạn (kể cả từ các quý trước, gồm báo cáo): ${province.length}`);
    }
    expect(overdueSeen, `seed ${seed}: the generated year has overdue work to compare`).toBeGreaterThan(0);
  }, 180_000);
});
