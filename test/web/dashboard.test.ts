import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, figure, startDashboard, type WebDashboardHarness } from '../helpers/web-dashboard.js';

/**
 * The web dashboard through real HTTP on loopback: the app's own server on port 0, a fake clock,
 * fetch with the cookie carried by hand, and the login link taken from the /web reply in chat
 * (test/helpers/web-dashboard.ts sets it up).
 */
let h: WebDashboardHarness;
let t: WebDashboardHarness['t'];
let base: string;
let agencyA: number;
let agencyB: number;

const say = (chat: string, text: string) => h.say(chat, text);
const linkFor = (chat: string) => h.linkFor(chat);
const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => h.postForm(path, fields, headers);
const login = (chat: string) => h.login(chat);
const getPage = (path: string, cookie?: string) => h.getPage(path, cookie);

beforeAll(async () => {
  h = await startDashboard();
  ({ t, base } = h);
  ({ agencyA, agencyB } = h.people);
});

afterAll(async () => {
  await h?.close();
});

describe('login by a one-time link', () => {
  it('sends a 256-bit token and stores only its SHA-256', async () => {
    const { token } = await linkFor('focalA');
    // 32 random bytes in base64url are 43 characters: at least 256 bits.
    expect(token.length).toBeGreaterThanOrEqual(43);
    const rows = t.app.store.db.prepare('SELECT token_hash AS h FROM web_login_tokens').all() as { h: string }[];
    expect(rows.map((r) => r.h)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(t.app.store.db.prepare('SELECT * FROM web_login_tokens').all())).not.toContain(token);
  });

  it('GET only shows the button (a chat preview spends nothing); the POST spends it once', async () => {
    const { url, token } = await linkFor('focalA');
    for (let i = 0; i < 2; i += 1) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const body = await page.text();
      expect(body).toContain('>Đăng nhập</button>');
      expect(body).toContain('method="post"');
    }
    const first = await postForm('/web/dangnhap', { t: token });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/web/');
    // Spent: the same token neither logs in again nor shows the button.
    const again = await postForm('/web/dangnhap', { t: token });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('đã được dùng hoặc đã hết hạn');
    expect((await fetch(url)).status).toBe(410);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, without Secure only because this is loopback http', async () => {
    const { token } = await linkFor('focalA');
    const res = await postForm('/web/dangnhap', { t: token });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    // Stored hashed too: the cookie value is in no row.
    const value = cookie.split(';')[0]!.split('=')[1]!;
    expect(JSON.stringify(t.app.store.db.prepare('SELECT * FROM web_sessions').all())).not.toContain(value);
  });

  it('a link works for 10 minutes and not one second more (fake clock)', async () => {
    const early = await linkFor('focalA');
    const late = await linkFor('focalA');
    t.clock.advance(10 * 60_000 - 1_000);
    // 9 min 59 s: still valid.
    expect((await fetch(early.url)).status).toBe(200);
    expect((await postForm('/web/dangnhap', { t: early.token })).status).toBe(303);
    t.clock.advance(2_000);
    // 10 min 1 s: expired, for GET and POST alike.
    expect((await fetch(late.url)).status).toBe(410);
    expect((await postForm('/web/dangnhap', { t: late.token })).status).toBe(410);
  });

  it('refuses a login POST from another origin or without one, and does not spend the token', async () => {
    const { token } = await linkFor('focalA');
    expect((await postForm('/web/dangnhap', { t: token }, { origin: 'https://evil.example' })).status).toBe(403);
    const noOrigin = await fetch(new URL('/web/dangnhap', base), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `t=${token}` });
    expect(noOrigin.status).toBe(403);
    expect((await postForm('/web/dangnhap', { t: token })).status).toBe(303);
  });

  it('answers only on loopback host names (or the public URL): another Host header gets 404', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('/web/dangnhap?t=x', base), { headers: { host: 'dondoc.evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });
});

describe('sessions', () => {
  it('a page without a session says how to log in (401)', async () => {
    const res = await getPage('/web/');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Gõ /web trong chat');
  });

  it('refuses a POST without the CSRF token or from another origin; logout with it closes the session', async () => {
    const cookie = await login('leader');
    const page = await (await getPage('/web/', cookie)).text();
    const csrf = csrfOf(page);
    expect((await postForm('/web/dangxuat', {}, { cookie })).status).toBe(403);
    expect((await postForm('/web/dangxuat', { csrf: 'x'.repeat(csrf.length) }, { cookie })).status).toBe(403);
    expect((await postForm('/web/dangxuat', { csrf }, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    // Still logged in after the refusals.
    expect((await getPage('/web/', cookie)).status).toBe(200);
    const out = await postForm('/web/dangxuat', { csrf }, { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await getPage('/web/', cookie)).status).toBe(401);
  });

  it('lists a member’s sessions and revokes another one', async () => {
    const first = await login('admin');
    const second = await login('admin');
    const page = await (await getPage('/web/phien', second)).text();
    const ids = [...page.matchAll(/data-session="(\d+)"/g)].map((m) => Number(m[1]));
    // Every open session of the admin is listed (other tests of this file may have left some open).
    const open = t.app.store.db.prepare("SELECT id FROM web_sessions WHERE member_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC").all(h.people.admin.id, t.clock.now().toISOString()) as { id: number }[];
    expect(ids).toEqual(open.map((r) => r.id));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    // Newest first: the first row is this session, the second the login before it; close that one.
    const res = await postForm('/web/phien/dong', { csrf: csrfOf(page), id: String(ids[1]) }, { cookie: second });
    expect(res.status).toBe(303);
    expect((await getPage('/web/', first)).status).toBe(401);
    expect((await getPage('/web/', second)).status).toBe(200);
  });

  it('a session ends 12 hours after login', async () => {
    const cookie = await login('leader');
    t.clock.advance(12 * 3_600_000 + 1_000);
    expect((await getPage('/web/', cookie)).status).toBe(401);
  });
});

describe('who sees what', () => {
  it('a focal point sees only their own agency: another agency’s page is 403, lists hold only their rows', async () => {
    const cookie = await login('focalA');
    const codeB = t.app.store.agencies.byId(agencyB)!.code;
    const codeA = t.app.store.agencies.byId(agencyA)!.code;
    for (const path of ['/web/', '/web/quahan', '/web/matran', '/web/baocao']) {
      expect((await getPage(`${path}?coquan=${encodeURIComponent(codeB)}`, cookie)).status).toBe(403);
      expect((await getPage(`${path}?coquan=${encodeURIComponent(codeA)}`, cookie)).status).toBe(200);
    }
    const overdue = await (await getPage('/web/quahan', cookie)).text();
    const agencies = new Set([...overdue.matchAll(/data-item="\w+:\d+:(\d+)"/g)].map((m) => Number(m[1])));
    // A has overdue work in mid-May (the Hà Tĩnh plan's Q1 deadlines passed), and only A's shows.
    expect([...agencies]).toEqual([agencyA]);
    const matrix = await (await getPage('/web/matran', cookie)).text();
    expect([...matrix.matchAll(/<tr data-agency="([^"]+)"/g)].map((m) => m[1])).toEqual([codeA]);
  });

  it('a leader sees the province and any one agency', async () => {
    const cookie = await login('leader');
    // The province's agencies come a page at a time: every page, followed by its "Trang sau" link.
    const matrix = (await h.allPages('/web/matran', cookie)).join('');
    const rows = [...matrix.matchAll(/<tr data-agency="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toContain(t.app.store.agencies.byId(agencyA)!.code);
    expect(rows).toContain(t.app.store.agencies.byId(agencyB)!.code);
    expect((await getPage(`/web/?coquan=${encodeURIComponent(t.app.store.agencies.byId(agencyB)!.code)}`, cookie)).status).toBe(200);
  });
});

describe('one truth with the chat', () => {
  it('Tổng quan shows the numbers /tonghop gives on the same day, for the province and for one agency', async () => {
    const cookie = await login('admin');
    for (const code of [null, t.app.store.agencies.byId(agencyA)!.code]) {
      const chat = await say('admin', code ? `/tonghop ${code}` : '/tonghop');
      const m = /Nhiệm vụ đến hạn trong quý: (\d+); đã hoàn thành (\d+) \(.*?\); hạn trong quý đã qua mà chưa xong (\d+)\./.exec(chat);
      expect(m, chat).not.toBeNull();
      // The Hà Tĩnh 2024 plan has tasks due in quý II (dated Q2 and recurring ones): a comparison of zeros would prove nothing.
      if (code === null) expect(Number(m![1])).toBeGreaterThan(0);
      const all = /Tổng số việc còn quá hạn[^:]*: (\d+)/.exec(chat);
      const page = await (await getPage(code ? `/web/?coquan=${encodeURIComponent(code)}` : '/web/', cookie)).text();
      expect(figure(page, 'tasksDue')).toBe(Number(m![1]));
      expect(figure(page, 'tasksDone')).toBe(Number(m![2]));
      expect(figure(page, 'tasksOverdue')).toBe(Number(m![3]));
      expect(figure(page, 'overdueAll')).toBe(all ? Number(all[1]) : 0);
    }
  });

  it('Quá hạn lists as many items as /quahan counts, oldest first', async () => {
    const cookie = await login('admin');
    const chat = await say('admin', '/quahan');
    const n = Number(/Việc quá hạn \((\d+)\)/.exec(chat)![1]);
    const page = (await h.allPages('/web/quahan', cookie)).join('');
    expect([...page.matchAll(/data-item="/g)].length).toBe(n);
    const dates = [...page.matchAll(/<td>(\d\d)\/(\d\d)\/(\d{4})/g)].map((d) => `${d[3]}-${d[2]}-${d[1]}`);
    expect(dates).toEqual([...dates].sort());
  });

  it('Báo cáo định kỳ marks as many agencies missing and submitted as /baocao lists, report by report', async () => {
    const cookie = await login('admin');
    const page = await (await getPage('/web/baocao', cookie)).text();
    const rows = [...page.matchAll(/<tr data-agency="[^"]+"><th>[^<]*<\/th>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td class="(\w[\w-]*)"/g)].map((c) => c[1]));
    expect(rows.length).toBeGreaterThan(0);
    const columns = [...page.matchAll(/<th>([^<]+)<br><small>/g)].map((m) => m[1]);
    let checked = 0;
    for (const code of ['Q1', '6T', 'Q3', 'NAM']) {
      const chat = await say('admin', `/baocao ${code} 2024`);
      const title = chat.split(' — hạn')[0]!.trim();
      const col = columns.indexOf(title);
      if (col < 0) continue;
      checked += 1;
      const missing = Number(/Chưa nộp \((\d+)\)/.exec(chat)![1]);
      const submitted = Number(/Đã nộp \((\d+)\//.exec(chat)![1]);
      expect(rows.filter((r) => r[col] === 'overdue').length).toBe(missing);
      expect(rows.filter((r) => r[col] === 'done' || r[col] === 'late-done').length).toBe(submitted);
    }
    // The 2024 calendar has the four periodic reports: each column was compared.
    expect(checked).toBe(4);
  });
});
