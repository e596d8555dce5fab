import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endOfQuarter } from '../../src/domain/civil-date.js';
import { periodOfYear } from '../../src/domain/report-period.js';
import { evidenceIndex, evidenceIndexByTask } from '../../src/reports/appendices.js';
import type { Member } from '../../src/store/member-repo.js';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

/**
 * One truth: over a real plan (Hà Tĩnh 2024) and 600 seeded random replies (done, progress,
 * extensions asked and approved, report submissions) written through the status service, the
 * draft's figures on any day are the figures /tonghop and /quahan compute that day: over a quarter's
 * window the draft's due and done are SummaryService.province()'s, its overdue is overdue().length.
 */
let t: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  t = createTestApp({ start: '2024-01-02T02:00:00Z' });
  const { store, services, scheduler } = t.app;
  const file = 'ha-tinh-2024-phu-luc.csv';
  const imported = await services.plans.importFile(file, readFileSync(join(process.cwd(), 'data', 'plans', file)), { name: file, year: 2024 });
  expect(imported.ok).toBe(true);
  scheduler!.replan();
  const leads = store.db.prepare("SELECT a.task_id AS itemId, a.agency_id AS agencyId, t.deadline_kind AS deadlineKind FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE a.role = 'lead'").all() as { itemId: number; agencyId: number; deadlineKind: string }[];
  // Extensions are asked on tasks with a date: an ongoing ("Thường xuyên") task has none to move and the request is refused.
  const datedLeads = leads.filter((l) => l.deadlineKind !== 'ongoing');
  const owed = store.db.prepare('SELECT report_id AS itemId, agency_id AS agencyId FROM report_obligations').all() as { itemId: number; agencyId: number }[];
  let seed = 29;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const day = () => addDays('2024-01-02', Math.floor(random() * 360));
  const replies = Array.from({ length: 600 }, () => {
    const report = random() < 0.2;
    const kind = report ? 'done' : pick(['done', 'done', 'in_progress', 'blocked', 'extension']);
    return { report, target: report ? pick(owed) : pick(kind === 'extension' ? datedLeads : leads), kind, at: `${day()}T0${Math.floor(random() * 10)}:00:00.000Z`, until: day() };
  }).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
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
    if (r.kind === 'done') services.statuses.recordTask(member, 'test', task, { ...base, code: task.code, status: 'done', progress: 100, evidence: '5/QĐ-X' });
    else if (r.kind === 'in_progress') services.statuses.recordTask(member, 'test', task, { ...base, code: task.code, status: 'in_progress', progress: 50 });
    else if (r.kind === 'blocked') services.statuses.recordTask(member, 'test', task, { ...base, code: task.code, status: 'blocked', reason: 'thiếu kinh phí' });
    else {
      const asked = services.statuses.recordTask(member, 'test', task, { ...base, code: task.code, status: 'extension_requested', requestedDate: r.until, reason: 'thử' });
      if (asked.ok && random() < 0.7) services.statuses.decide(admin, asked.value.event.id, true, null);
    }
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('the draft counts what /tonghop and /quahan count', () => {
  for (const today of ['2024-03-20', '2024-07-01', '2024-09-15', '2024-12-16']) {
    it(`on ${today}, for the province and for every agency with work`, () => {
      const { store, services } = t.app;
      t.clock.set(`${today}T03:00:00Z`);
      const year = 2024;
      const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
      const window = { from: `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`, to: endOfQuarter(year, quarter) };
      const asQuarter = { code: 'Q', year, label: 'quý', window, agencyDue: window.to, provinceDue: window.to, reportCode: 'Q1' };
      const scopes: (number | undefined)[] = [undefined, ...new Set(store.db.prepare("SELECT agency_id AS a FROM assignments WHERE role = 'lead'").all().map((r) => (r as { a: number }).a))];
      let extended = 0;
      for (const agencyId of scopes) {
        const summary = services.summaries.province(agencyId);
        const draft = services.drafts.draft(asQuarter, agencyId === undefined ? {} : { agencyId });
        expect(draft.counts.due).toBe(summary.tasksDue);
        expect(draft.counts.doneOnTime + draft.counts.doneLate).toBe(summary.tasksDone);
        expect(draft.overdueInWindow).toBe(summary.tasksOverdue);
        expect(draft.counts.inProgress).toBe(summary.tasksDue - summary.tasksDone - summary.tasksOverdue);
        expect(draft.counts.overdue).toBe(services.summaries.overdue(agencyId).length);
        // "chưa hoàn thành" is never counted done: every done line has a day, every other none.
        for (const task of draft.tasks) expect(task.doneDay !== null).toBe(task.state === 'done');
        // Phụ lục III's rates are /tonghop's: due and done, by criterion summing to the whole.
        const index = evidenceIndex(draft);
        expect([index.total.due, index.total.done, index.total.onTime]).toEqual([summary.tasksDue, summary.tasksDone, draft.counts.doneOnTime]);
        expect(index.groups.reduce((n, g) => n + g.done, 0)).toBe(summary.tasksDone);
        // The province's document lists each task once: the same rates, one row per task of the window.
        const byTask = evidenceIndexByTask(draft);
        expect(byTask.groups.map((g) => [g.criterion, g.due, g.done, g.onTime])).toEqual(index.groups.map((g) => [g.criterion, g.due, g.done, g.onTime]));
        expect(byTask.groups.reduce((n, g) => n + g.rows.length, 0)).toBe(new Set(draft.tasks.map((x) => x.taskId)).size);
        extended += draft.counts.extended;
      }
      // The Q3 draft as of the same day (its own window) keeps /quahan's overdue number.
      const q3 = periodOfYear(services.drafts.definitions.find((d) => d.code === 'Q3')!, year);
      if (today >= q3.window.from) expect(services.drafts.draft(q3).counts.overdue).toBe(services.summaries.overdue().length);
      if (today === '2024-12-16') {
        // The history is not trivial: extensions, dates done on time and late, dates overdue.
        const province = services.drafts.draft(asQuarter);
        expect(extended).toBeGreaterThan(0);
        expect(province.counts.doneOnTime + province.counts.doneLate).toBeGreaterThan(0);
        expect(province.overdueInWindow).toBeGreaterThan(0);
      }
    });
  }

  it('lists the plan\'s indicators in Phụ lục II with their targets, the result blank where dondoc has no figure', async () => {
    const { services, store } = t.app;
    t.clock.set('2024-12-16T03:00:00Z');
    const nam = periodOfYear(services.drafts.definitions.find((d) => d.code === 'NAM')!, 2024);
    const draft = services.drafts.draft(nam);
    // The rubric's completion rate is section I's figure: done of due in the window.
    const completion = draft.indicators.find((i) => i.text.startsWith('Tỷ lệ hoàn thành kế hoạch CCHC'))!;
    expect(completion.figure).toEqual({ part: draft.counts.doneOnTime + draft.counts.doneLate, whole: draft.counts.due });
    // An objective of the Hà Tĩnh plan that states a figure: its target quoted, no result (dondoc
    // does not count civil servants' degrees), the source the lead agencies of its tasks.
    const degrees = draft.indicators.find((i) => i.text.startsWith('1.2. 85% cán bộ, công chức cấp xã'))!;
    expect(degrees).toMatchObject({ target: '85%', figure: null });
    const leads = store.db
      .prepare("SELECT DISTINCT a.name FROM tasks t JOIN assignments s ON s.task_id = t.id AND s.role = 'lead' JOIN agencies a ON a.id = s.agency_id WHERE t.objective = ?")
      .all(degrees.text) as { name: string }[];
    expect(leads.length).toBeGreaterThan(0);
    for (const { name } of leads) expect(degrees.source).toContain(name);
    // A qualitative objective is not an indicator.
    expect(draft.indicators.some((i) => i.text.startsWith('1.1. Nâng cao chất lượng công tác chỉ đạo'))).toBe(false);
    // In the document: the row with its visible blank.
    const { renderDraft } = await import('../../src/reports/docx.js');
    const { readZipEntries } = await import('../../src/documents/zip-entries.js');
    const zip = readZipEntries(await renderDraft(draft), () => true);
    const xml = zip.ok ? zip.entries.get('word/document.xml')!.toString('utf8') : '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(`${degrees.text}85%[bổ sung]Báo cáo của`);
  });

  it('drafts as of an earlier day with that day\'s figures (--as-of)', () => {
    const { services } = t.app;
    t.clock.set('2024-12-16T03:00:00Z');
    const nam = periodOfYear(services.drafts.definitions.find((d) => d.code === 'NAM')!, 2024);
    const earlier = services.drafts.draft(nam, { asOf: '2024-09-15' });
    t.clock.set('2024-09-15T03:00:00Z');
    expect(earlier.counts.overdue).toBe(services.summaries.overdue().length);
    expect(earlier.asOf).toBe('2024-09-15');
  });
});
