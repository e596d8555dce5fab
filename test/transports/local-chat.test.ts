import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/create-app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-local-'));
let app: App;
let base: string;

interface Msg { from: string; html: string; choices: { label: string; command: string }[][] }

let session: string;

/** A call as the served page makes it: its session token, JSON. */
function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-dondoc-session': session, ...(init.headers as Record<string, string> | undefined) } });
}

async function send(userId: string, body: Record<string, unknown>): Promise<Msg[]> {
  const response = await api('api/send', { method: 'POST', body: JSON.stringify({ userId, name: 'Khách Thử', ...body }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: Msg[] }).messages;
}

/** A visitor id handed out by the page's persona list (the only ids a new visitor may use). */
async function visitorId(): Promise<string> {
  const { personas } = (await (await api('api/personas')).json()) as { personas: { userId: string; role: string | null }[] };
  return personas.at(-1)!.userId;
}

beforeAll(async () => {
  app = createApp(loadConfig({ DONDOC_DB_PATH: join(dir, 'local.sqlite'), DONDOC_HTTP_PORT: '0', DONDOC_LOG_LEVEL: 'silent' }), {
    logger: createLogger('silent'),
    clock: systemClock,
  });
  base = (await app.start()).localChatUrl!;
  const page = await (await fetch(base)).text();
  session = /<meta name="dondoc-session" content="([\w-]+)">/.exec(page)![1]!;
});

afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('local web chat (no chat token)', () => {
  it('serves the page and lists the demo people, leader and admin first, plus a new visitor', async () => {
    const page = await (await fetch(base)).text();
    expect(page).toContain('dondoc — trò chuyện thử');
    const { personas } = (await (await api('api/personas')).json()) as { personas: { userId: string; label: string; role: string | null }[] };
    expect(personas[0]!.label).toContain('quản trị');
    expect(personas.filter((p) => p.role === 'focal').length).toBeGreaterThanOrEqual(7);
    expect(personas.map((p) => p.label).join('\n')).toContain('Sở Khoa học và Công nghệ');
    expect(personas.at(-1)!.role).toBeNull();
  });

  it('lets a demo focal point see their /trogiup through the command layer', async () => {
    const messages = await send('demo-stp', { text: '/trogiup' });
    expect(messages[0]).toMatchObject({ from: 'user', html: '/trogiup' });
    expect(messages[1]!.html).toContain('<b>Các lệnh bạn dùng được (vai trò: đầu mối CCHC)</b>');
  });

  it('lets a new visitor join with a code made by the demo admin, and renders choices as buttons', async () => {
    const [, invite] = await send('demo-quantri', { text: '/moi SKHCN dau_moi' });
    const code = /<code>([0-9A-Z-]{12})<\/code>/.exec(invite!.html)![1]!;
    const visitor = await visitorId();
    // The privacy notice comes before anything links; its "Đồng ý" button links the visitor.
    const [, notice] = await send(visitor, { text: code });
    expect(notice!.html).toContain('Thông báo xử lý dữ liệu cá nhân');
    const accept = notice!.choices.flat().find((c) => c.command === '/dongy')!;
    const [, welcome] = await send(visitor, { choice: accept });
    expect(welcome!.html).toContain('Sở Khoa học và Công nghệ');
    const [, ask] = await send('demo-lanhdao', { text: '/coquan' });
    expect(ask!.choices.flat().map((c) => c.label)).toContain('Sở, ban, ngành');
    const [mine, listing] = await send('demo-lanhdao', { choice: { label: 'Sở, ban, ngành', command: '/coquan so_ban_nganh' } });
    expect(mine!.html).toBe('Sở, ban, ngành');
    expect(listing!.html).toContain('Sở Tư pháp');
    const history = (await (await api('api/messages?userId=demo-lanhdao&after=0')).json()) as { messages: Msg[] };
    expect(history.messages).toHaveLength(4);
  });

  it('tracks the demo plan: a demo focal point sees their tasks with /viec', async () => {
    const [, tasks] = await send('demo-stp', { text: '/viec' });
    expect(tasks!.html).toContain('Việc còn mở của Sở Tư pháp');
    // Task buttons name the task by id (buttons never carry codes).
    const buttons = tasks!.choices.flat().filter((c) => c.command.startsWith('/nhiemvu'));
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(b.command).toMatch(/^\/nhiemvu t\d+$/);
  });

  it('lets the demo admin upload a plan file and confirm it with a button', async () => {
    const data = readFileSync(join(process.cwd(), 'data', 'plans', 'soc-trang-163-phu-luc-3.csv')).toString('base64');
    const response = await api('api/upload', {
      method: 'POST',
      body: JSON.stringify({ userId: 'demo-quantri', fileName: 'phu-luc-3.csv', caption: '2021 2021-2030 Phụ lục 3 Sóc Trăng', data }),
    });
    const { messages } = (await response.json()) as { messages: Msg[] };
    expect(messages[0]!.html).toBe('📎 phu-luc-3.csv');
    expect(messages[1]!.html).toContain('Xem trước (chưa ghi) kế hoạch “Phụ lục 3 Sóc Trăng”: 12 nhiệm vụ');
    const confirm = messages[1]!.choices.flat().find((c) => c.label === '✅ Nhập kế hoạch này')!;
    const [, done] = await send('demo-quantri', { choice: confirm });
    expect(done!.html).toContain('Đã nhập kế hoạch “Phụ lục 3 Sóc Trăng”');
    expect(app.store.plans.planByName('Phụ lục 3 Sóc Trăng')).toMatchObject({ year: 2021, periodFrom: 2021, periodTo: 2030 });
  });

  it('rejects a malformed or oversized request without touching the store', async () => {
    const members = app.store.members.count();
    expect((await api('api/send', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await api('api/send', { method: 'POST', body: JSON.stringify({ userId: 'x' }) })).status).toBe(400);
    expect((await api('api/send', { method: 'POST', body: 'x'.repeat(200_000) })).status).toBe(413);
    expect((await fetch(`${base}nothing-here`)).status).toBe(404);
    expect(app.store.members.count()).toBe(members);
  });

  it('refuses calls that did not come from the served page: no session, a forged Host, a foreign Origin, a form post', async () => {
    const members = app.store.members.count();
    const invites = () => (app.store.db.prepare('SELECT COUNT(*) AS n FROM invites').get() as { n: number }).n;
    const before = invites();
    const attack = JSON.stringify({ userId: 'demo-quantri', text: '/moi SNV quan_tri Kẻ gian' });
    // A page elsewhere posting text/plain (no CORS preflight) and without the token.
    const plain = await fetch(`${base}api/send`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: attack });
    expect(plain.status).toBe(403);
    expect(((await plain.json()) as { error: string }).error).toContain('Phiên trò chuyện thử không hợp lệ');
    // The right token but not JSON.
    expect((await api('api/send', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: attack })).status).toBe(403);
    // Another site's Origin.
    expect((await api('api/send', { method: 'POST', headers: { origin: 'http://evil.example' }, body: attack })).status).toBe(403);
    // DNS rebinding: the right port under another name.
    const { request } = await import('node:http');
    const port = new URL(base).port;
    const rebound = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/send', method: 'POST', headers: { host: `evil.example:${port}`, 'content-type': 'application/json', 'x-dondoc-session': session } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.end(attack);
    });
    expect(rebound).toBe(403);
    // Someone else's history, without the token.
    expect((await fetch(`${base}api/messages?userId=demo-quantri&after=0`)).status).toBe(403);
    expect(invites()).toBe(before);
    expect(app.store.members.count()).toBe(members);
  });

  it('acts only as the demo people and visitor ids it handed out; thousands of made-up ids are refused', async () => {
    const made = await Promise.all(
      Array.from({ length: 500 }, (_, i) => api('api/send', { method: 'POST', body: JSON.stringify({ userId: `khach-${String(i).padStart(8, '0')}`, text: '/trogiup' }) }).then((r) => r.status)),
    );
    expect(new Set(made)).toEqual(new Set([403]));
    const visitor = await visitorId();
    const [, hello] = await send(visitor, { text: 'xin chào' });
    expect(hello!.html).toContain('Bạn chưa được liên kết');
  });
});

