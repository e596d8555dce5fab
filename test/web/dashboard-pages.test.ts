import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { linkedMember } from '../helpers/members.js';
import { csrfOf, startDashboard, type WebDashboardHarness } from '../helpers/web-dashboard.js';

/**
 * The dashboard's pages beyond the overview (issue 31): Điểm, Thông báo, Xuất, extension decisions,
 * the matrix's filters and history — each through real HTTP, each compared with the chat command
 * that gives the same figures (test/helpers/web-dashboard.ts sets up the app and the people).
 */
let h: WebDashboardHarness;

beforeAll(async () => {
  h = await startDashboard();
});

afterAll(async () => {
  await h?.close();
});

/** Text of a page's cell as a person reads it (the template escapes, the chat does not). */
const unescape = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');

/** /diem's criterion lines: "x/y — title" (or "không áp dụng — title") then the reason on the next line. */
function chatCriteria(text: string): Map<string, { points: string; why: string }> {
  const lines = text.split('\n');
  const out = new Map<string, { points: string; why: string }>();
  lines.forEach((line, i) => {
    const m = /^([\d,]+\/[\d,]+|không áp dụng) — (.+)$/.exec(line);
    if (m) out.set(m[2]!, { points: m[1]!, why: lines[i + 1]!.trim() });
  });
  return out;
}

/** The web page's criterion rows, by title. */
function pageCriteria(page: string): Map<string, { points: string; why: string }> {
  return new Map(
    [...page.matchAll(/<tr data-criterion="[^"]+"><th>(.*?)<\/th><td class="n" data-points="[^"]*">(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [unescape(m[1]!), { points: unescape(m[2]!), why: unescape(m[3]!) }]),
  );
}

describe('Điểm và xếp hạng (/web/diem)', () => {
  it('shows a focal point their agency’s points and reasons as of a chosen past day: what /diem said on that day', async () => {
    const cookie = await h.login('focalA');
    // What the chat said on 31/03/2024 (the fake clock set back to that morning), then back to mid-May.
    h.t.clock.set('2024-03-31T03:00:00Z');
    const chat = await h.say('focalA', '/diem');
    h.t.clock.set('2024-05-15T02:00:00Z');
    expect(chat).toContain('tính đến 31/03/2024');
    const page = await h.text('/web/diem?ngay=2024-03-31', cookie);
    expect(page).toContain('tính đến 31/03/2024');
    const want = chatCriteria(chat);
    // The rubric has three criteria in force: a comparison of nothing would prove nothing.
    expect(want.size).toBeGreaterThanOrEqual(3);
    expect(pageCriteria(page)).toEqual(want);
    const total = /Tổng: ([\d,]+\/[\d,]+) điểm/.exec(chat)![1];
    expect(unescape(/<tfoot>.*?<td class="n"[^>]*>(.*?)<\/td>/.exec(page)![1]!)).toBe(total);
    // Only A: no ranking of other agencies on a focal point's page.
    expect(page).not.toContain('data-agency=');
    expect(page).toContain(h.t.app.store.agencies.byId(h.people.agencyA)!.name);
  });

  it('without a date shows today’s scores, as /diem today; a past period is scored to its end, as /diem 2024-Q1', async () => {
    const cookie = await h.login('focalA');
    expect(pageCriteria(await h.text('/web/diem', cookie))).toEqual(chatCriteria(await h.say('focalA', '/diem')));
    const q1 = await h.text('/web/diem?ky=2024-Q1', cookie);
    const chatQ1 = await h.say('focalA', '/diem 2024-Q1');
    // Quý I ended before 15/05: scored as of its end, moved like a deadline to the next working day (31/03/2024 is a Sunday).
    expect(chatQ1).toContain('tính đến 01/04/2024');
    expect(q1).toContain('tính đến 01/04/2024');
    expect(pageCriteria(q1)).toEqual(chatCriteria(chatQ1));
  });

  it('refuses another agency’s scores to a focal point (403)', async () => {
    const cookie = await h.login('focalA');
    const codeB = h.t.app.store.agencies.byId(h.people.agencyB)!.code;
    expect((await h.getPage(`/web/diem?coquan=${encodeURIComponent(codeB)}`, cookie)).status).toBe(403);
  });

  it('ranks a kind of agency for a leader with the ranks and totals /xephang gives, and opens one agency as /diem <code>', async () => {
    // B reports all its lead tasks done today: B's completion rate stands out, so the ranking is not one big tie.
    const { services } = h.t.app;
    for (const task of services.tasks.forAgency(h.people.agencyB).filter((x) => x.role === 'lead' && !x.view.finished)) {
      services.statuses.recordTask(h.people.focalB, 'local', task, { code: task.code, status: 'done', progress: 100, reason: null, evidence: null, requestedDate: null });
    }
    const cookie = await h.login('leader');
    const page = await h.text('/web/diem?ngay=2024-05-15&loai=so_ban_nganh', cookie);
    const rows = new Map(
      [...page.matchAll(/<tr data-agency="([^"]+)" data-rank="(\d*)"><td class="n">[^<]*<\/td><th><a href="[^"]*">(.*?)<\/a><\/th><td class="n" data-total="[^"]*"><b>(.*?)<\/b>/g)].map((m) => [
        unescape(m[3]!),
        { code: m[1]!, rank: m[2]!, total: m[4]! },
      ]),
    );
    expect(rows.size).toBeGreaterThan(3);
    const chat = await h.say('leader', '/xephang so 2024');
    const lines = chat.split('\n').flatMap((l) => {
      const m = /^(\d+)\. (.+): ([\d,]+\/[\d,]+)$/.exec(l);
      return m ? [{ rank: m[1]!, name: m[2]!, total: m[3]! }] : [];
    });
    // B alone finished all it owed: first; the others share the next rank, a group line in chat ("2. 13 cơ quan cùng điểm …").
    expect(lines.length).toBeGreaterThan(0);
    const groups = [...chat.matchAll(/^(\d+)\. (\d+) cơ quan cùng (?:điểm|tỷ lệ)/gm)];
    for (const g of groups) expect([...rows.values()].filter((r) => r.rank === g[1]).length).toBe(Number(g[2]));
    expect(lines.length + groups.reduce((n, g) => n + Number(g[2]), 0)).toBe([...rows.values()].filter((r) => r.rank !== '').length);
    expect(rows.get(h.t.app.store.agencies.byId(h.people.agencyB)!.name)?.rank).toBe('1');
    for (const l of lines) expect(rows.get(l.name), l.name).toMatchObject({ rank: l.rank, total: l.total });
    // One agency's row opens its criteria: the same as /diem <code> in chat.
    const one = [...rows.values()][0]!;
    const detail = await h.text(`/web/diem?ngay=2024-05-15&coquan=${encodeURIComponent(one.code)}`, cookie);
    expect(pageCriteria(detail)).toEqual(chatCriteria(await h.say('leader', `/diem ${one.code} 2024`)));
  });

  it('says what is wrong with a bad day, a future day or a bad period (400), and escapes what was typed', async () => {
    const cookie = await h.login('leader');
    const bad = await h.getPage('/web/diem?ngay=2024-02-30', cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Ngày “2024-02-30” không hợp lệ');
    const future = await h.getPage('/web/diem?ngay=2024-06-01', cookie);
    expect(future.status).toBe(400);
    expect(await future.text()).toContain('Ngày 01/06/2024 chưa tới');
    const typed = await h.getPage(`/web/diem?ky=${encodeURIComponent('<script>x</script>')}`, cookie);
    expect(typed.status).toBe(400);
    const body = await typed.text();
    expect(body).toContain('Kỳ “&lt;script&gt;x&lt;/script&gt;” không hợp lệ');
    expect(body).not.toContain('<script>');
  });
});

describe('Thông báo (/web/thongbao)', () => {
  /** Sends a broadcast from the admin's chat as Sở Nội vụ does (draft, audience, send); returns its number. */
  async function broadcast(body: string, audience: string): Promise<number> {
    const drafted = await h.say('admin', `/thongbao ${body}`);
    const id = Number(/Thông báo #(\d+) đã soạn/.exec(drafted)![1]);
    expect(await h.say('admin', `/tb_doituong ${id} ${audience}`)).toContain(`Xem trước thông báo #${id}`);
    expect(await h.say('admin', `/tb_gui ${id}`)).toContain(`Đang gửi thông báo #${id}`);
    return id;
  }

  it('shows a broadcast’s delivery and acknowledgement per agency with the totals /thongbao_tt gives; focal points only theirs', async () => {
    // To agencies A and B by code (not "every focal point": another test of this file links a third one).
    const codeA = h.t.app.store.agencies.byId(h.people.agencyA)!.code;
    const codeB = h.t.app.store.agencies.byId(h.people.agencyB)!.code;
    const toAll = await broadcast('Đề nghị <b>nộp</b> báo cáo quý II trước 15/6 & gửi kèm minh chứng.', `coquan ${codeA},${codeB}`);
    const toB = await broadcast('Riêng Sở: bổ sung số liệu.', `coquan ${codeB}`);
    expect(await h.say('focalA', `/danhan ${toAll}`)).toContain('đã ghi nhận');
    const admin = await h.login('admin');
    const page = await h.text(`/web/thongbao?so=${toAll}`, admin);
    const chat = await h.say('admin', `/thongbao_tt ${toAll}`);
    const stats = /Người nhận: (\d+)\. Đã gửi: (\d+); đang chờ gửi: (\d+); không liên lạc được: (\d+); lỗi: (\d+)\./.exec(chat)!;
    const acked = /Đã bấm “Đã nhận”: (\d+)\/(\d+)/.exec(chat)!;
    const figures = (key: string) => Number(new RegExp(`data-figure="${key}">(\\d+)<`).exec(page)![1]);
    // Two focal points (A and B) are the audience; A pressed "Đã nhận".
    expect(figures('recipients')).toBe(2);
    expect([figures('recipients'), figures('sent'), figures('pending'), figures('unreachable'), figures('failed')]).toEqual(stats.slice(1, 6).map(Number));
    expect(figures('acknowledged')).toBe(Number(acked[1]));
    // Per agency: the rows add up to the totals, and the agencies not acknowledged are /thongbao_tt's list.
    const rows = [...page.matchAll(/<tr data-agency="[^"]+" class="[^"]+"><th>(.*?)<br><small>(.*?)<\/small><\/th>(.*?)<\/tr>/g)];
    const count = (row: string, key: string) => Number(new RegExp(`data-count="${key}">(\\d+)<`).exec(row)![1]);
    expect(rows.reduce((n, r) => n + count(r[3]!, 'recipients'), 0)).toBe(figures('recipients'));
    expect(rows.reduce((n, r) => n + count(r[3]!, 'acknowledged'), 0)).toBe(figures('acknowledged'));
    const notAcked = rows.filter((r) => r[2] === 'chưa xác nhận').map((r) => unescape(r[1]!));
    expect(notAcked).toEqual(/Cơ quan chưa xác nhận: (.+)\./.exec(chat)![1]!.split(', '));
    expect(notAcked).toEqual([h.t.app.store.agencies.byId(h.people.agencyB)!.name]);
    // The body is shown escaped: the admin's "<b>" is text, not markup.
    expect(page).toContain('Đề nghị &lt;b&gt;nộp&lt;/b&gt; báo cáo quý II trước 15/6 &amp; gửi kèm minh chứng.');

    const focal = await h.login('focalA');
    const list = await h.text('/web/thongbao', focal);
    expect([...list.matchAll(/<tr data-broadcast="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([toAll]);
    expect((await h.getPage(`/web/thongbao?so=${toB}`, focal)).status).toBe(403);
    const own = await h.text(`/web/thongbao?so=${toAll}`, focal);
    // A's own row only, and A's counts: one recipient, who acknowledged.
    expect([...own.matchAll(/<tr data-agency="([^"]+)"/g)].map((m) => m[1])).toEqual([h.t.app.store.agencies.byId(h.people.agencyA)!.code]);
    expect(Number(/data-figure="acknowledged">(\d+)</.exec(own)![1])).toBe(1);
    expect(Number(/data-figure="recipients">(\d+)</.exec(own)![1])).toBe(1);
    // A leader sees both, read-only.
    const leader = await h.text('/web/thongbao', await h.login('leader'));
    expect([...leader.matchAll(/<tr data-broadcast="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([toB, toAll]);
    expect((await h.getPage('/web/thongbao?so=999', focal)).status).toBe(404);
  });
});

describe('Xuất (/web/xuat)', () => {
  /** Every sheet's cell values, row by row: what a person sees in the workbook. */
  async function sheets(data: Buffer): Promise<Record<string, unknown[][]>> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as never);
    const out: Record<string, unknown[][]> = {};
    workbook.eachSheet((sheet) => {
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push(JSON.parse(JSON.stringify(row.values)) as unknown[]));
      out[sheet.name] = rows;
    });
    return out;
  }

  it('downloads the same workbook as /xuatexcel for the same period (admins and leaders); focal points get 403', async () => {
    const leader = await h.login('leader');
    const form = await h.text('/web/xuat', leader);
    expect(form).toContain('action="/web/xuat/tep"');
    const res = await h.getPage('/web/xuat/tep?ky=2024-Q1', leader);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('filename="dondoc-2024-Q1.xlsx"');
    const web = Buffer.from(await res.arrayBuffer());
    const [reply] = await h.replies('leader', '/xuatexcel 2024-Q1');
    const chat = reply!.attachments![0]!;
    expect(chat.filename).toBe('dondoc-2024-Q1.xlsx');
    const [fromWeb, fromChat] = [await sheets(web), await sheets(chat.data!)];
    // Tasks, reports and scores: every cell equal, and not an empty book.
    expect(Object.keys(fromWeb).length).toBeGreaterThanOrEqual(3);
    expect(Object.values(fromWeb).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(20);
    expect(fromWeb).toEqual(fromChat);

    const bad = await h.getPage('/web/xuat/tep?ky=2024-Q5', leader);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Kỳ “2024-Q5” không hợp lệ');
    const focal = await h.login('focalA');
    expect((await h.getPage('/web/xuat', focal)).status).toBe(403);
    expect((await h.getPage('/web/xuat/tep?ky=2024', focal)).status).toBe(403);
    // Nor is the tab offered to them.
    expect(await h.text('/web/', focal)).not.toContain('href="/web/xuat"');
  });
});

describe('Gia hạn (/web/giahan): the one write', () => {
  /** A's focal point asks in chat for more time on one of A's open lead tasks; returns the request's number and the task code. */
  async function askExtension(skip: number): Promise<{ id: number; code: string }> {
    const { services, store } = h.t.app;
    const task = services.tasks.forAgency(h.people.agencyA).filter((x) => x.role === 'lead' && !x.view.finished)[skip]!;
    expect(await h.say('focalA', `gia hạn ${task.code} đến 30/06/2024 vì chờ hướng dẫn của Bộ`)).toContain('Yêu cầu đã gửi Sở Nội vụ');
    const event = store.db.prepare("SELECT id FROM status_events WHERE status = 'extension_requested' AND item_id = ? ORDER BY id DESC").get(task.id) as { id: number };
    return { id: event.id, code: task.code };
  }

  /** The decision event, audit row and the requester's notice a decision leaves behind, without what differs by door (ids, times, via). */
  function traces(requestId: number) {
    const { db } = h.t.app.store;
    const decision = db.prepare('SELECT item_kind AS itemKind, agency_id AS agencyId, member_id AS memberId, status, reason, requested_date AS requestedDate FROM status_events WHERE refers_to = ?').all(requestId);
    const audit = db.prepare("SELECT actor_member_id AS actor, action, via FROM audit_log WHERE action = 'extension_decision' AND detail LIKE ?").all(`%"request":${requestId},%`);
    const notice = db.prepare('SELECT member_id AS memberId, payload FROM outbox WHERE dedupe_key = ?').all(`decision:${requestId}`) as { memberId: number; payload: string }[];
    return { decision, audit, notice };
  }

  it('an admin approves from the web: recorded as /duyetgiahan records it, the requester told; leaders and focal points get 403', async () => {
    const onWeb = await askExtension(0);
    const inChat = await askExtension(1);
    const admin = await h.login('admin');
    const page = await h.text('/web/giahan', admin);
    expect(page).toContain(`<tr data-request="${onWeb.id}">`);
    const csrf = csrfOf(page);
    // Leaders and focal points read the list but may not decide, even with their own valid token.
    for (const who of ['leader', 'focalA']) {
      const cookie = await h.login(who);
      const theirs = await h.text('/web/giahan', cookie);
      expect(theirs).toContain(`<tr data-request="${onWeb.id}">`);
      expect(theirs).not.toContain('name="quyetdinh"');
      expect((await h.postForm('/web/giahan', { csrf: csrfOf(theirs), id: String(onWeb.id), quyetdinh: 'dongy' }, { cookie })).status).toBe(403);
    }
    // Without the token, or from another origin: refused, nothing recorded.
    expect((await h.postForm('/web/giahan', { id: String(onWeb.id), quyetdinh: 'dongy' }, { cookie: admin })).status).toBe(403);
    expect((await h.postForm('/web/giahan', { csrf, id: String(onWeb.id), quyetdinh: 'dongy' }, { cookie: admin, origin: 'http://evil.example' })).status).toBe(403);
    expect(traces(onWeb.id).decision).toEqual([]);

    const res = await h.postForm('/web/giahan', { csrf, id: String(onWeb.id), quyetdinh: 'dongy', ghichu: 'Đồng ý, không lùi thêm' }, { cookie: admin });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Đã đồng ý gia hạn ${onWeb.code} đến 30/06/2024. dondoc đã báo cơ quan và lập lại lịch nhắc.`);
    expect(await h.say('admin', `/duyetgiahan ${inChat.id} Đồng ý, không lùi thêm`)).toContain(`Đã đồng ý gia hạn ${inChat.code} đến 30/06/2024`);
    // The same event, audit entry (but "via") and notice to the requester as the chat's decision.
    const web = traces(onWeb.id);
    const chat = traces(inChat.id);
    expect(web.decision).toEqual(chat.decision);
    expect(web.decision).toMatchObject([{ status: 'extension_approved', requestedDate: '2024-06-30', memberId: h.people.admin.id, reason: 'Đồng ý, không lùi thêm' }]);
    expect(web.audit).toEqual([{ actor: h.people.admin.id, action: 'extension_decision', via: 'web' }]);
    expect(chat.audit).toEqual([{ actor: h.people.admin.id, action: 'extension_decision', via: 'local' }]);
    expect(web.notice.map((n) => n.memberId)).toEqual([h.people.focalA.id]);
    expect(web.notice[0]!.payload).toContain(`Sở Nội vụ đồng ý gia hạn nhiệm vụ ${onWeb.code} đến 30/06/2024.`);
    expect(web.notice[0]!.payload).toBe(chat.notice[0]!.payload.replaceAll(inChat.code, onWeb.code));
    // The matrix shows A's task extended, as /viec does; the request left the list; a second press decides nothing.
    expect(await h.text('/web/giahan', admin)).not.toContain(`<tr data-request="${onWeb.id}">`);
    const again = await h.postForm('/web/giahan', { csrf, id: String(onWeb.id), quyetdinh: 'tuchoi' }, { cookie: admin });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Đề nghị này đã được quyết định trước đó.');
    expect(traces(onWeb.id).decision).toHaveLength(1);
  });

  it('an admin rejects with a reason: the requester is told the reason, the old date stands', async () => {
    const asked = await askExtension(2);
    const admin = await h.login('admin');
    const csrf = csrfOf(await h.text('/web/giahan', admin));
    const res = await h.postForm('/web/giahan', { csrf, id: String(asked.id), quyetdinh: 'tuchoi', ghichu: 'Hạn đã báo cáo UBND tỉnh' }, { cookie: admin });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Đã không đồng ý gia hạn ${asked.code}.`);
    const { decision, notice } = traces(asked.id);
    expect(decision).toMatchObject([{ status: 'extension_rejected', requestedDate: null, reason: 'Hạn đã báo cáo UBND tỉnh' }]);
    expect(notice[0]!.payload).toContain(`Sở Nội vụ không đồng ý gia hạn nhiệm vụ ${asked.code}. Lý do: Hạn đã báo cáo UBND tỉnh. Hạn cũ vẫn giữ nguyên.`);
  });
});

describe('Ma trận: filters and a cell’s history', () => {
  const taskIds = (page: string) => new Set([...page.matchAll(/data-task="(\d+)"/g)].map((m) => Number(m[1])));

  it('filters by quarter (a date in force in it) and by plan', async () => {
    const { services, store } = h.t.app;
    const csv = Buffer.from(['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '1,Rà soát quy chế một cửa,Sở Tư pháp,Quý III/2024'].join('\n'));
    expect((await services.plans.importFile('kh-bo-sung.csv', csv, { name: 'KH bổ sung 2024', year: 2024 })).ok).toBe(true);
    const extra = (store.db.prepare("SELECT id FROM plans WHERE name = 'KH bổ sung 2024'").get() as { id: number }).id;
    const admin = await h.login('admin');
    // Every page of agencies: a page shows the tasks of its own agencies.
    const all = taskIds((await h.allPages('/web/matran', admin)).join(''));
    const byPlan = taskIds((await h.allPages(`/web/matran?kehoach=${extra}`, admin)).join(''));
    // The added plan has one task; the Hà Tĩnh plan's many are not shown under it.
    expect([...byPlan]).toEqual([...all].filter((id) => services.statuses.task(id)!.planId === extra));
    expect(byPlan.size).toBe(1);
    const q2 = taskIds((await h.allPages('/web/matran?quy=2024-Q2', admin)).join(''));
    // Quý II/2024: the tasks with a date in force (for some agency) from 01/04 to 30/06 — none of quý III only.
    const inQ2 = new Set(store.agencies.list().flatMap((a) => services.tasks.forAgency(a.id).filter((t) => t.dates.some((d) => d >= '2024-04-01' && d <= '2024-06-30')).map((t) => t.id)));
    expect(q2.size).toBeGreaterThan(0);
    expect(q2.size).toBeLessThan(all.size);
    expect(q2).toEqual(inQ2);
    expect(q2.has([...byPlan][0]!)).toBe(false);
    const bad = await h.getPage('/web/matran?quy=quy-2', admin);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Quý “quy-2” không hợp lệ');
  });

  it('a cell opens the task’s history with its evidence files, the lines /lichsu gives; a focal point sees their agency’s only', async () => {
    const { services, store } = h.t.app;
    // A's done task (20/03) carries a file sent as evidence.
    const done = services.tasks.forAgency(h.people.agencyA).find((t) => t.status === 'done')!;
    const event = store.db.prepare("SELECT id FROM status_events WHERE item_kind = 'task' AND item_id = ? AND status = 'done'").get(done.id) as { id: number };
    services.statuses.attachEvidence(store.statuses.byId(event.id)!, h.people.focalA, 'local', { ref: 'local:file-1', name: 'QĐ 12-UBND <ban hành>.pdf', mimeType: 'application/pdf', size: 1000 });
    const admin = await h.login('admin');
    const matrix = await h.text(`/web/matran?coquan=${encodeURIComponent(store.agencies.byId(h.people.agencyA)!.code)}`, admin);
    expect(matrix).toContain(`data-task="${done.id}" data-code="${done.code}"><a href="/web/lichsu?nv=${done.id}">`);
    const page = await h.text(`/web/lichsu?nv=${done.id}`, admin);
    const lines = [...page.matchAll(/<li data-agency-id="\d+">(.*?)(?:<br>|<\/li>)/g)].map((m) => unescape(m[1]!));
    const chat = (await h.say('admin', `/lichsu t${done.id}`)).split('\n').filter((l) => l.startsWith('• ')).map((l) => l.slice(2));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toEqual(chat);
    // The file's name, escaped, under its event.
    expect(page).toContain('<span class="file">QĐ 12-UBND &lt;ban hành&gt;.pdf</span>');

    // A focal point: a task not given to their agency is 403; on a task A and B share, A sees A's updates only.
    const foreign = store.db.prepare('SELECT id FROM tasks WHERE active = 1 AND id NOT IN (SELECT task_id FROM assignments WHERE agency_id = ?) LIMIT 1').get(h.people.agencyB) as { id: number };
    expect((await h.getPage(`/web/lichsu?nv=${foreign.id}`, await h.login('focalB'))).status).toBe(403);
    // A task A shares with another agency, whose focal point reports on it too.
    const shared = services.tasks.forAgency(h.people.agencyA).find((t) => store.plans.assignments(t.id).some((x) => x.agencyId !== h.people.agencyA))!;
    expect(shared).toBeDefined();
    const other = store.plans.assignments(shared.id).find((x) => x.agencyId !== h.people.agencyA)!.agencyId;
    const focalOther = linkedMember(store, { displayName: 'Đầu mối khác', agencyId: other, role: 'focal' }, { platform: 'local', chatId: 'focalOther' }, h.t.clock.now());
    for (const [member, agency] of [[h.people.focalA, h.people.agencyA], [focalOther, other]] as const) {
      const t = services.tasks.forAgency(agency, shared.id)[0]!;
      services.statuses.recordTask(member, 'local', t, { code: t.code, status: 'in_progress', progress: 40, reason: null, evidence: null, requestedDate: null });
    }
    const seen = (page: string) => [...page.matchAll(/<li data-agency-id="(\d+)">/g)].map((m) => Number(m[1]));
    expect(new Set(seen(await h.text(`/web/lichsu?nv=${shared.id}`, admin)))).toEqual(new Set([h.people.agencyA, other]));
    expect(seen(await h.text(`/web/lichsu?nv=${shared.id}`, await h.login('focalA')))).toEqual([h.people.agencyA]);
    expect((await h.getPage('/web/lichsu?nv=999999', admin)).status).toBe(404);
  });

  it('the history page shows the task’s time as the plan published it, with its start beside the last date', async () => {
    const { services, store } = h.t.app;
    // "Bắt đầu | Hoàn thành" under "Thời gian": task 1 starts in March 2026 (1/3) and is due 30/6/2026;
    // task 2's start "Đầu năm" names no day, so its words are shown, and no span is made up.
    const csv = Buffer.from(
      ['STT,Nhiệm vụ,Chủ trì,Thời gian,', ',,,Bắt đầu,Hoàn thành', '1,Số hóa hồ sơ một cửa,Sở Tư pháp,Tháng 3/2026,30/6/2026', '2,Rà soát thủ tục nội bộ,Sở Tư pháp,Đầu năm,Quý IV/2026'].join('\n'),
    );
    expect((await services.plans.importFile('kh-thoi-gian.csv', csv, { name: 'KH có ngày bắt đầu', year: 2026 })).ok).toBe(true);
    const idOf = (code: string) =>
      (store.db.prepare("SELECT t.id FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.name = 'KH có ngày bắt đầu' AND t.code = ?").get(code) as { id: number }).id;
    const admin = await h.login('admin');
    const first = unescape(await h.text(`/web/lichsu?nv=${idOf('1')}`, admin));
    expect(first).toContain('Thời gian (theo kế hoạch): 30/6/2026');
    expect(first).toContain('Thời gian thực hiện: Từ 01/03/2026 đến 30/06/2026');
    const second = unescape(await h.text(`/web/lichsu?nv=${idOf('2')}`, admin));
    expect(second).toContain('Thời gian (theo kế hoạch): Quý IV/2026');
    expect(second).toContain('Bắt đầu (theo kế hoạch, chưa đọc được ngày): Đầu năm');
    expect(second).not.toContain('Thời gian thực hiện');
  });
});

describe('expired login links are pruned by the daily jobs', () => {
  it('the scheduler’s first tick of a new day deletes expired links; ended sessions wait for the retention prune', async () => {
    const { store } = h.t.app;
    const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    // A session closed by logout, one left to expire, a link never used.
    const closed = await h.login('leader');
    const closedPage = await h.text('/web/', closed);
    expect((await h.postForm('/web/dangxuat', { csrf: csrfOf(closedPage) }, { cookie: closed })).status).toBe(200);
    // The next working day at 07:30: every session opened yesterday (12 hours) has expired. A session
    // opened now, then a link left unused: 11 minutes later every link has expired (10 minutes).
    const next = new Date(h.t.clock.now().getTime() + 24 * 3_600_000).toISOString().slice(0, 10);
    h.t.clock.set(`${next}T00:30:00Z`);
    const live = await h.login('admin');
    await h.linkFor('focalA');
    h.t.clock.advance(11 * 60_000);
    const before = { sessions: count('web_sessions'), tokens: count('web_login_tokens') };
    expect(before.sessions).toBeGreaterThan(1);
    expect(before.tokens).toBeGreaterThanOrEqual(2);
    h.t.app.scheduler.tick();
    // Every expired link is gone; ended sessions stay for data/retention.json's period (the nightly prune).
    expect(count('web_login_tokens')).toBe(0);
    expect(count('web_sessions')).toBe(before.sessions);
    expect((await h.getPage('/web/', live)).status).toBe(200);
  });
});
