import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { figure, startDashboard, type WebDashboardHarness } from '../helpers/web-dashboard.js';
import { createLogger } from '../../src/logger.js';
import { raw } from '../../src/web/html.js';
import type { PageJob } from '../../src/web/page-jobs.js';
import { MAX_FAILED_STARTS, PageThread } from '../../src/web/page-thread.js';

/**
 * The first page load after a reply (issue 31): the running bot renders Tổng quan, Quá hạn, Ma trận
 * and Điểm in the page thread (src/web/page-thread.ts), on its own read-only connection, so the
 * province's figures read again after a write never stall the chat. What must hold:
 * - the chat's thread computes none of those figures for a page (only /tonghop and the other
 *   commands do, on their own);
 * - pages asked at once right after a reply the member was told is stored all show that reply:
 *   never the figures kept from before it, and the same numbers as the chat.
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

/** Counts the calls of a method of a service of the chat's thread. */
function countCalls<T extends object>(service: T, method: keyof T & string): { readonly n: number } {
  const counter = { n: 0 };
  const original = (service[method] as (...args: unknown[]) => unknown).bind(service);
  (service as Record<string, unknown>)[method] = (...args: unknown[]) => {
    counter.n += 1;
    return original(...args);
  };
  return counter;
}

describe('the pages that read the whole province are rendered off the chat’s thread', () => {
  it('Tổng quan, Quá hạn, Ma trận and Điểm compute no figure on the chat’s thread; /tonghop still does', async () => {
    const { services } = h.t.app;
    const calls = {
      province: countCalls(services.summaries, 'province'),
      overdue: countCalls(services.summaries, 'overdue'),
      matrix: countCalls(services.tasks, 'forAllAgencies'),
      scores: countCalls(services.scoring, 'scoreAll'),
    };
    const admin = await h.login('admin');
    // A reply first: every figure kept anywhere is older than it, so each page reads the province again.
    const task = services.tasks.forAgency(h.people.agencyA).filter((t) => t.role === 'lead' && !t.view.finished).at(-1)!;
    expect(await h.say('focalA', `${task.code} đang làm 30%`)).not.toBe('');
    const overview = await h.text('/web/', admin);
    const quahan = await h.text('/web/quahan', admin);
    const matrix = await h.text('/web/matran', admin);
    const scores = await h.text('/web/diem?loai=so_ban_nganh', admin);
    // The pages are the real ones (their figures are there)...
    expect(figure(overview, 'tasksDue')).toBeGreaterThan(0);
    expect(quahan.includes('<tr data-item="')).toBe(true);
    expect(matrix.includes('<table class="matrix">')).toBe(true);
    expect(scores.includes('Xếp hạng')).toBe(true);
    // ...and none of their figures was computed here.
    expect({ province: calls.province.n, overdue: calls.overdue.n, matrix: calls.matrix.n, scores: calls.scores.n }).toEqual({ province: 0, overdue: 0, matrix: 0, scores: 0 });
    // The chat's own commands compute here, as before (the counters do count).
    await h.say('admin', '/tonghop');
    expect(calls.province.n).toBeGreaterThan(0);
  });
});

describe('pages right after a reply show the reply', () => {
  it('20 pages asked at once right after “xong” was stored: every one shows it, with the chat’s numbers', async () => {
    const { services, store } = h.t.app;
    const admin = await h.login('admin');
    const codeA = store.agencies.byId(h.people.agencyA)!.code;
    // A lead task of A overdue on 15/05 (a date of quý I passed), nothing reported on it yet.
    const x = services.tasks.forAgency(h.people.agencyA).find((t) => t.role === 'lead' && t.view.condition === 'overdue' && t.view.status !== 'done' && t.view.progress === null)!;
    expect(x).toBeDefined();
    const late = x.view.lateDays;
    const itemRow = `data-item="task:${x.id}:${h.people.agencyA}"`;
    // The matrix page A's row is on (the province's matrix, read from the figures kept per data version).
    const matrixPages = await h.allPages('/web/matran', admin);
    const pageOfA = matrixPages.findIndex((p) => p.includes(`<tr data-agency="${codeA}">`)) + 1;
    expect(pageOfA).toBeGreaterThan(0);
    const cell = (page: string) => text(parse(page).querySelector(`tr[data-agency="${codeA}"] td[data-task="${x.id}"]`)?.text);
    const paths = {
      overview: '/web/',
      quahan: `/web/quahan?coquan=${encodeURIComponent(codeA)}`,
      matrix: `/web/matran?trang=${pageOfA}`,
      diem: `/web/diem?coquan=${encodeURIComponent(codeA)}`,
    };
    // Every page loaded once, so that each has figures kept from before the reply.
    const before = {
      overdueAll: figure(await h.text(paths.overview, admin), 'overdueAll'),
      quahan: await h.text(paths.quahan, admin),
      cell: cell(await h.text(paths.matrix, admin)),
    };
    await h.text(paths.diem, admin);
    expect(before.quahan.includes(itemRow)).toBe(true);
    expect(before.cell).toBe(`Quá hạn ${late} ngày`);

    // The reply, and dondoc's word that it is stored.
    expect(await h.say('focalA', `${x.code} xong`)).toMatch(/ghi nhận|Đã ghi/i);
    const kinds = Object.keys(paths) as (keyof typeof paths)[];
    const pages = await Promise.all(Array.from({ length: 20 }, (_, i) => kinds[i % kinds.length]!).map(async (kind) => ({ kind, body: await h.text(paths[kind], admin) })));

    // Finished today: one overdue item fewer in Tổng quan, as /tonghop counts it; gone from Quá hạn;
    // the cell "finished late" by the working days it was late.
    const tonghop = Number(/Tổng số việc còn quá hạn[^:]*: (\d+)/.exec(await h.say('admin', '/tonghop'))![1]);
    expect(tonghop).toBe(before.overdueAll - 1);
    const diemChat = (await h.say('admin', `/diem ${codeA}`)).split('\n').map((l) => l.trim());
    for (const { kind, body } of pages) {
      if (kind === 'overview') expect(figure(body, 'overdueAll')).toBe(tonghop);
      if (kind === 'quahan') expect(body.includes(itemRow)).toBe(false);
      if (kind === 'matrix') expect(cell(body)).toBe(`Xong muộn ${late} ngày`);
      if (kind === 'diem') {
        // Each criterion's reason on the page is a line of /diem in chat, the same day.
        const reasons = parse(body).querySelectorAll('table.scores tbody tr[data-criterion]').map((r) => text(r.querySelectorAll('td').at(-1)?.text));
        expect(reasons.length).toBeGreaterThan(0);
        for (const reason of reasons) expect(diemChat).toContain(reason);
      }
    }
  });
});

describe('a page thread that cannot work', () => {
  it('renders the pages in place, never loses one, and after MAX_FAILED_STARTS failed starts stops starting it (logged once)', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
    const rendered: string[] = [];
    // The database file is missing: the thread ends before its first page.
    const thread = new PageThread(
      { dbPath: '/nonexistent/dondoc.sqlite', dataDir: 'data', settings: { provinceName: 'Tỉnh thử', timeZone: 'Asia/Ho_Chi_Minh', inviteTtlHours: 72, fileLinks: false } },
      () => new Date('2024-05-15T02:00:00Z'),
      (job) => {
        rendered.push(job.page);
        return { status: 200, body: raw(`in place: ${job.page}`) };
      },
      logger,
    );
    const frame = { member: h.people.admin, csrf: 'x', current: 'overview' } as const;
    const jobs: PageJob[] = [
      { page: 'overview', frame, agencyId: undefined },
      { page: 'overdue', frame, agencyId: undefined, pageNo: undefined },
      { page: 'matrix', frame, agencyId: undefined, filters: {} },
      { page: 'scores', frame, agencyId: undefined, query: '' },
    ];
    try {
      // Each page answered (in place) while the thread is tried MAX_FAILED_STARTS times, then without it.
      for (const job of [...jobs, ...jobs]) expect((await thread.render(job)).body.text).toBe(`in place: ${job.page}`);
      expect(rendered).toEqual([...jobs, ...jobs].map((j) => j.page));
      const givenUp = lines.filter((l) => l.msg.startsWith('page thread ended before its first page'));
      expect(givenUp.length).toBe(1);
      // Started MAX_FAILED_STARTS times, no more: one "rendered in place" warning per start.
      expect(lines.filter((l) => l.msg.startsWith('page thread stopped')).length).toBe(MAX_FAILED_STARTS);
    } finally {
      await thread.stop();
    }
  });
});
