import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { plainText, type Reply } from '../../src/app/reply.js';
import type { Member } from '../../src/store/member-repo.js';
import { createTestApp } from './test-app.js';
import { linkedMember } from './members.js';

/**
 * The web dashboard through real HTTP on loopback (the app's own server on port 0, a fake clock),
 * with what its tests share: the Hà Tĩnh 2024 plan, an admin, a leader and a focal point of agency
 * A (A finished one lead task on 20/03/2024), the clock on 15/05/2024, and a client that logs in
 * from the /web link sent in chat and carries the cookie by hand.
 */
export async function startDashboard(): Promise<WebDashboardHarness> {
  const t = createTestApp({ start: '2024-01-02T02:00:00Z', env: { DONDOC_WEB: 'true', DONDOC_HTTP_PORT: '0' } });
  const { store, services } = t.app;
  const file = 'ha-tinh-2024-phu-luc.csv';
  const imported = await services.plans.importFile(file, readFileSync(join(process.cwd(), 'data', 'plans', file)), { name: file, year: 2024 });
  expect(imported.ok).toBe(true);
  t.app.scheduler.replan();
  // Two agencies that lead tasks: A's focal point must never see B's rows.
  const leads = store.db.prepare("SELECT agency_id AS id, COUNT(*) AS n FROM assignments WHERE role = 'lead' GROUP BY agency_id ORDER BY n DESC").all() as { id: number; n: number }[];
  const agencyA = leads[1]!.id;
  const agencyB = leads[2]!.id;
  const now = t.clock.now();
  const snv = store.agencies.byCode('SNV')!.id;
  const admin = linkedMember(store, { displayName: 'Hoa', agencyId: snv, role: 'admin' }, { platform: 'local', chatId: 'admin' }, now);
  linkedMember(store, { displayName: 'Lãnh đạo', agencyId: store.agencies.list().find((a) => a.kind === 'ubnd_tinh')?.id ?? snv, role: 'leader' }, { platform: 'local', chatId: 'leader' }, now);
  const focalA: Member = linkedMember(store, { displayName: 'Đầu mối A', agencyId: agencyA, role: 'focal' }, { platform: 'local', chatId: 'focalA' }, now);
  const focalB: Member = linkedMember(store, { displayName: 'Đầu mối B', agencyId: agencyB, role: 'focal' }, { platform: 'local', chatId: 'focalB' }, now);
  // A finishes one of its lead tasks in March: a "done" that the quarter's figures must count.
  t.clock.set('2024-03-20T03:00:00Z');
  const task = services.tasks.forAgency(agencyA).find((x) => x.role === 'lead')!;
  services.statuses.recordTask(focalA, 'local', task, { code: task.code, status: 'done', progress: 100, reason: null, evidence: null, requestedDate: null });
  t.clock.set('2024-05-15T02:00:00Z');
  const base = (await t.app.start()).httpUrl!;
  return new WebDashboardHarness(t, base, { agencyA, agencyB, admin, focalA, focalB });
}

/** A started dashboard and a client for it (see startDashboard). */
export class WebDashboardHarness {
  readonly origin: string;

  constructor(
    readonly t: ReturnType<typeof createTestApp>,
    readonly base: string,
    readonly people: { agencyA: number; agencyB: number; admin: Member; focalA: Member; focalB: Member },
  ) {
    this.origin = new URL(base).origin;
  }

  /** dondoc's replies in the local chat to `text` from this chat id (attachments included). */
  async replies(chat: string, text: string): Promise<Reply[]> {
    const out = await this.t.app.dispatcher.handle({ platform: 'local', platformUserId: chat, chatId: chat, chatType: 'private', senderName: chat, text }, { buttons: true } as never);
    return out.replies;
  }

  /** What dondoc answers in the local chat to `text` from this chat id, as text. */
  async say(chat: string, text: string): Promise<string> {
    return (await this.replies(chat, text)).map((r) => plainText(r.text)).join('\n');
  }

  /** The login link /web sends to this member in chat. */
  async linkFor(chat: string): Promise<{ url: string; token: string }> {
    const text = await this.say(chat, '/web');
    const url = /http:\/\/\S+\/web\/dangnhap\?t=([A-Za-z0-9_-]+)/.exec(text);
    expect(url, text).not.toBeNull();
    return { url: url![0], token: url![1]! };
  }

  /** A form POST from the dashboard's own origin (headers may override it). */
  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(path, this.base), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Logs in with a fresh link; returns the cookie pair ("name=value") to send back. */
  async login(chat: string): Promise<string> {
    const { token } = await this.linkFor(chat);
    const res = await this.postForm('/web/dangnhap', { t: token });
    expect(res.status).toBe(303);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  getPage(path: string, cookie?: string): Promise<Response> {
    return fetch(new URL(path, this.base), { redirect: 'manual', headers: cookie ? { cookie } : {} });
  }

  /** A page's text, expecting 200. */
  async text(path: string, cookie: string): Promise<string> {
    const res = await this.getPage(path, cookie);
    const body = await res.text();
    expect(res.status, body).toBe(200);
    return body;
  }

  /**
   * Every page of a list shown a page at a time (Quá hạn, Ma trận), from `path` on, by following
   * each page's "Trang sau" link as a person would: the pages' texts in order. Fails if a page's
   * number or count is not the one expected (the links skip or repeat a page).
   */
  async allPages(path: string, cookie: string): Promise<string[]> {
    const out: string[] = [];
    let next: string | undefined = path;
    while (next) {
      const body = await this.text(next, cookie);
      out.push(body);
      const pager = /data-page="(\d+)" data-pages="(\d+)"/.exec(body);
      if (pager) expect(Number(pager[1]), `${next}: page number`).toBe(out.length);
      const link = /<a href="([^"]+)" rel="next">/.exec(body)?.[1]?.replaceAll('&amp;', '&');
      if (!link && pager) expect(out.length, `${path}: pages followed`).toBe(Number(pager[2]));
      expect(out.length, `${path}: pages`).toBeLessThan(10_000);
      next = link;
    }
    return out;
  }

  close(): Promise<void> {
    return this.t.close();
  }
}

/** The number a page shows as data-figure="key". */
export const figure = (page: string, key: string): number => Number(new RegExp(`data-figure="${key}">(\\d+)<`).exec(page)?.[1]);
/** The CSRF token of a page's forms. */
export const csrfOf = (page: string): string => /name="csrf" value="([^"]+)"/.exec(page)![1]!;
