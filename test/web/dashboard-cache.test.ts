import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { MATRIX_PAGE, OVERDUE_PAGE } from '../../src/web/pages.js';
import { figure, startDashboard, type WebDashboardHarness } from '../helpers/web-dashboard.js';

/**
 * The dashboard's speed work (issue 31) must not cost it the truth:
 * - the province's figures are kept per data version (migration 0039): any reply, plan change or
 *   extension decision shows on the very next page load, on every page, as in the chat;
 * - the long lists (Ma trận, Quá hạn) come a page at a time, with the count in view, and the
 *   pages' own links reach every row exactly once.
 * Through real HTTP on the Hà Tĩnh 2024 plan (test/helpers/web-dashboard.ts), clock on 15/05/2024.
 */
let h: WebDashboardHarness;

beforeAll(async () => {
  h = await startDashboard();
});

afterAll(async () => {
  await h?.close();
});

const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Agency A's cell for a task in the province's matrix (every page followed), as a person reads it. */
async function cellOf(cookie: string, agencyCode: string, taskId: number): Promise<string> {
  for (const page of await h.allPages('/web/matran', cookie)) {
    const cell = parse(page).querySelector(`tr[data-agency="${agencyCode}"] td[data-task="${taskId}"]`);
    if (cell) return text(cell.text);
  }
  return '(no cell)';
}

/** The criteria lines of /web/diem?coquan= as "points | reason". */
const criteriaOf = (page: string) =>
  parse(page)
    .querySelectorAll('table.scores tbody tr[data-criterion]')
    .map((r) => r.querySelectorAll('td').map((td) => text(td.text)).join(' | '));

describe('a write shows on the next page load (the caches are keyed on the data version)', () => {
  it('progress, done and an extension asked in chat, and one decided on the web, each show at once in the matrix, Tổng quan, Quá hạn and Điểm', async () => {
    const { services, store } = h.t.app;
    const admin = await h.login('admin');
    const codeA = store.agencies.byId(h.people.agencyA)!.code;
    // A's lead task overdue on 15/05 (a quý I date passed): progress reported, then finished.
    const x = services.tasks.forAgency(h.people.agencyA).find((t) => t.role === 'lead' && t.view.condition === 'overdue')!;
    expect(x).toBeDefined();
    const late = x.view.lateDays;

    // Every page read once: whatever is kept from now on is what the writes must replace.
    const before = {
      cell: await cellOf(admin, codeA, x.id),
      overdueAll: figure(await h.text('/web/', admin), 'overdueAll'),
      quahan: (await h.allPages('/web/quahan', admin)).join(''),
      diem: criteriaOf(await h.text(`/web/diem?coquan=${encodeURIComponent(codeA)}`, admin)),
    };
    expect(before.cell).toBe(`Quá hạn ${late} ngày`);
    expect(before.quahan).toContain(`data-item="task:${x.id}:${h.people.agencyA}"`);

    // A progress figure (the state's status is unchanged by the second reply: only 0039's triggers see it).
    expect(await h.say('focalA', `${x.code} đang làm 40%`)).not.toBe('');
    expect(await cellOf(admin, codeA, x.id)).toBe(`Quá hạn ${late} ngày, 40%`);
    expect(await h.say('focalA', `${x.code} đang làm 60%`)).not.toBe('');
    expect(await cellOf(admin, codeA, x.id)).toBe(`Quá hạn ${late} ngày, 60%`);

    // Done today: late by the same working days; one item fewer overdue, in the chat and on the page.
    expect(await h.say('focalA', `${x.code} xong`)).not.toBe('');
    expect(await cellOf(admin, codeA, x.id)).toBe(`Xong muộn ${late} ngày`);
    const overview = await h.text('/web/', admin);
    expect(figure(overview, 'overdueAll')).toBe(before.overdueAll - 1);
    expect(Number(/Tổng số việc còn quá hạn[^:]*: (\d+)/.exec(await h.say('admin', '/tonghop'))![1])).toBe(before.overdueAll - 1);
    expect((await h.allPages('/web/quahan', admin)).join('')).not.toContain(`data-item="task:${x.id}:${h.people.agencyA}"`);
    // The points: an admin sets the task's date to the end of June (a plan write): as of 15/05 it is
    // no longer due, so the completion criterion counts one task fewer — on the page as in /diem.
    expect(before.diem.find((c) => c.includes('Hoàn thành '))).toContain(x.code);
    services.tasks.setDate([services.statuses.task(x.id)!], '2024-06-28', h.people.admin, 'Lùi theo chỉ đạo', 'local');
    const diem = criteriaOf(await h.text(`/web/diem?coquan=${encodeURIComponent(codeA)}`, admin));
    const completion = diem.find((c) => c.includes('Hoàn thành '))!;
    expect(completion).not.toContain(x.code);
    expect(completion).not.toBe(before.diem.find((c) => c.includes('Hoàn thành ')));
    const chat = (await h.say('admin', `/diem ${codeA}`)).split('\n').map((l) => l.trim());
    expect(chat).toContain(completion.split(' | ')[1]);

    // An extension asked in chat (a status event only): "Xin gia hạn" is not shown for an overdue task,
    // so ask on a task still open. Then decided on the web: the new date shows.
    const open = services.tasks.forAgency(h.people.agencyA).find((t) => t.role === 'lead' && t.view.condition === 'open' && t.view.dueDate !== null && !t.view.extensionPending);
    expect(open).toBeDefined();
    expect(await cellOf(admin, codeA, open!.id)).toMatch(/^Chưa đến hạn/);
    expect(await h.say('focalA', `gia hạn ${open!.code} đến 30/09/2024 vì chờ hướng dẫn của Bộ`)).toContain('Yêu cầu đã gửi Sở Nội vụ');
    expect(await cellOf(admin, codeA, open!.id)).toBe('Xin gia hạn');
    const request = store.db.prepare("SELECT id FROM status_events WHERE status = 'extension_requested' AND item_id = ? ORDER BY id DESC").get(open!.id) as { id: number };
    const form = await h.text('/web/giahan', admin);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
    const decided = await h.postForm('/web/giahan', { csrf, id: String(request.id), quyetdinh: 'dongy', ghichu: '' }, { cookie: admin });
    expect(decided.status).toBe(200);
    expect(await cellOf(admin, codeA, open!.id)).toBe('Đã gia hạn đến 30/09/2024');
  });
});

describe('long lists a page at a time, every row reachable', () => {
  /** The agencies that have at least one active task: the matrix's rows without a filter. */
  const withTasks = (kind?: string) =>
    (
      h.t.app.store.db
        .prepare(
          `SELECT DISTINCT ag.code FROM agencies ag JOIN assignments s ON s.agency_id = ag.id JOIN tasks t ON t.id = s.task_id AND t.active = 1
           WHERE ag.active = 1 AND (@kind IS NULL OR ag.kind = @kind)`,
        )
        .all({ kind: kind ?? null }) as { code: string }[]
    ).map((r) => r.code);
  const rowsOf = (page: string) => [...page.matchAll(/<tr data-agency="([^"]+)"/g)].map((m) => m[1]!);
  const shownLine = (page: string) => text(parse(page).querySelector('[data-figure="shown"]')?.text);

  it('Ma trận: MATRIX_PAGE agencies a page, the count in view, the links reach every agency with tasks exactly once, filters kept', async () => {
    const admin = await h.login('admin');
    const expected = withTasks();
    // The Hà Tĩnh plan names more agencies than one page holds: the pages are really exercised.
    expect(expected.length).toBeGreaterThan(MATRIX_PAGE);
    const pages = Math.ceil(expected.length / MATRIX_PAGE);
    const all = await h.allPages('/web/matran', admin);
    expect(all.length).toBe(pages);
    expect(shownLine(all[0]!)).toBe(`Cơ quan 1–${MATRIX_PAGE} trong ${expected.length} cơ quan có nhiệm vụ theo bộ lọc (trang 1/${pages}).`);
    expect(shownLine(all.at(-1)!)).toBe(`Cơ quan ${(pages - 1) * MATRIX_PAGE + 1}–${expected.length} trong ${expected.length} cơ quan có nhiệm vụ theo bộ lọc (trang ${pages}/${pages}).`);
    const rows = all.map(rowsOf);
    expect(rows.slice(0, -1).every((r) => r.length === MATRIX_PAGE)).toBe(true);
    const seen = rows.flat();
    expect(seen.length).toBe(new Set(seen).size);
    expect(seen.sort()).toEqual([...expected].sort());

    // A kind chosen: the links keep it, and the rows are that kind's agencies with tasks.
    const sở = withTasks('so_ban_nganh');
    const filtered = await h.allPages('/web/matran?loai=so_ban_nganh', admin);
    expect(filtered.map(rowsOf).flat().sort()).toEqual([...sở].sort());
    if (filtered.length > 1) expect(filtered[0]).toMatch(/href="\/web\/matran\?loai=so_ban_nganh&amp;trang=2" rel="next"/);
    // A page past the end shows the last one and says so; a page that is not a number, the first.
    expect(shownLine(await h.text('/web/matran?trang=999', admin))).toMatch(new RegExp(`\\(trang ${pages}/${pages}\\)\\.$`));
    expect(shownLine(await h.text('/web/matran?trang=abc', admin))).toMatch(new RegExp(`^Cơ quan 1–${MATRIX_PAGE} .*\\(trang 1/${pages}\\)\\.$`));
    // The jump box reaches any page directly: page 2 by its number.
    expect(rowsOf(await h.text('/web/matran?trang=2', admin))).toEqual(rows[1]);
  });

  it('Quá hạn: OVERDUE_PAGE items a page, the total in the title and the count in view, every item of /quahan reached once, oldest first', async () => {
    const { services, store } = h.t.app;
    // More overdue items than a page holds: a supplementary plan of quý I tasks for every department.
    const sở = withTasks('so_ban_nganh').length;
    const tasks = Math.ceil((OVERDUE_PAGE * 1.5) / sở);
    const csv = ['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', ...Array.from({ length: tasks }, (_, i) => `${i + 1},Rà soát thủ tục lần ${i + 1},"Các sở, ban, ngành",Quý I/2024`)].join('\n');
    expect((await services.plans.importFile('kh-quy-1.csv', Buffer.from(csv), { name: 'KH rà soát quý I', year: 2024 }, { chasePast: true })).ok).toBe(true);
    h.t.app.scheduler.replan();
    const admin = await h.login('admin');
    const total = Number(/Việc quá hạn \((\d+)\)/.exec(await h.say('admin', '/quahan'))![1]);
    expect(total).toBeGreaterThan(OVERDUE_PAGE);
    const pages = await h.allPages('/web/quahan', admin);
    expect(pages.length).toBe(Math.ceil(total / OVERDUE_PAGE));
    expect(text(parse(pages[0]!).querySelector('h1')?.text)).toBe(`Việc quá hạn (${total}), cũ nhất trước`);
    expect(shownLine(pages[0]!)).toBe(`Việc 1–${OVERDUE_PAGE} trong ${total} việc quá hạn (trang 1/${pages.length}).`);
    const items = pages.flatMap((p) => [...p.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1]!));
    expect(items.length).toBe(total);
    expect(new Set(items).size).toBe(total);
    // The same items as the service lists for /quahan, in its order.
    expect(items).toEqual(services.summaries.overdue().map((i) => `${i.kind}:${i.itemId}:${i.agencyId}`));
    expect(store.agencies.list().length).toBeGreaterThan(0);
  });
});

describe('the matrix reads the province in one go', () => {
  it('tasks.forAllAgencies, viewed, gives every agency exactly what tasks.forAgency (/viec) gives it, after replies, a done, an extension asked and decided', async () => {
    const { services, store } = h.t.app;
    // Progress and a done (B), an extension approved and one still waiting (A).
    const [b1, b2] = services.tasks.forAgency(h.people.agencyB).filter((t) => t.role === 'lead');
    expect(await h.say('focalB', `${b1!.code} đang làm 30%`)).not.toBe('');
    expect(await h.say('focalB', `${b2!.code} xong`)).not.toBe('');
    const [approved, open] = services.tasks.forAgency(h.people.agencyA).filter((t) => t.role === 'lead' && t.view.condition === 'open' && t.view.dueDate !== null && !t.view.extensionPending);
    for (const t of [approved!, open!]) expect(await h.say('focalA', `gia hạn ${t.code} đến 30/10/2024 vì chờ kinh phí`)).toContain('Yêu cầu đã gửi Sở Nội vụ');
    const request = store.db.prepare("SELECT id FROM status_events WHERE status = 'extension_requested' AND item_id = ? ORDER BY id DESC").get(approved!.id) as { id: number };
    expect(await h.say('admin', `/duyetgiahan ${request.id}`)).not.toBe('');
    const all = services.tasks.forAllAgencies();
    let compared = 0;
    for (const agency of store.agencies.list()) {
      const one = services.tasks.forAgency(agency.id);
      expect(services.tasks.withViews(all.get(agency.id) ?? []), agency.code).toEqual(one);
      compared += one.length;
    }
    expect(compared).toBeGreaterThan(100);
    const mine = all.get(h.people.agencyA)!;
    expect(services.tasks.withViews(mine).find((t) => t.id === approved!.id)!.view.dueDate).toBe('2024-10-30');
    expect(mine.filter((t) => t.extensionPending).map((t) => t.id)).toContain(open!.id);
    expect(all.get(h.people.agencyB)!.find((t) => t.id === b2!.id)!.status).toBe('done');
  });
});
