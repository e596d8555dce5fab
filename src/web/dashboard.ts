/**
 * src/web/ — the web dashboard (issue 31): server-rendered pages over the same services as the chat
 * commands, behind a one-time login link sent in chat (/web) and a server-side session in SQLite.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommandServices } from '../app/services.js';
import type { WebVisitor } from '../app/web-auth.js';
import { readBody, type HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { Html } from './html.js';
import { loginPage, messagePage, reportsPage, sessionsPage, W, type FileResult, type Frame, type PageResult } from './pages.js';
import { exportFile, exportPage } from './export-page.js';
import { decisionResult, extensionsPage } from './extension-page.js';
import { historyPage } from './history-page.js';
import { decideExtension } from '../../commands/status.js';
import { renderPage, type PageJob } from './page-jobs.js';
import { broadcastsPage } from './broadcast-page.js';

/** Where a request came in: the origin its forms must come from, and whether cookies need Secure. */
interface Site {
  origin: string;
  secure: boolean;
  cookieName: string;
}

const LOOPBACK_ADDRESS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/;

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  // same-origin, not no-referrer: under no-referrer Chromium posts forms with "Origin: null", which the Origin check refuses.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** Serves the dashboard under /web on dondoc's HTTP server. */
export class WebDashboard {
  private readonly publicUrl: URL | undefined;

  /**
   * Set by the running bot: renders the pages that read the whole province (Tổng quan, Quá hạn, Ma
   * trận, Điểm) in the page thread (page-thread.ts), off the chat's event loop; unset, in place.
   */
  offThread: ((job: PageJob) => Promise<PageResult>) | undefined;

  /** A page reading the whole province: in the page thread when there is one. */
  private province(job: PageJob): PageResult | Promise<PageResult> {
    return this.offThread ? this.offThread(job) : renderPage(this.services, job);
  }

  constructor(
    private readonly services: CommandServices,
    private readonly logger: Logger,
    /** DONDOC_PUBLIC_URL: the one non-loopback address the dashboard answers on (https). */
    publicUrl: string | undefined,
  ) {
    this.publicUrl = publicUrl ? new URL(publicUrl) : undefined;
  }

  /**
   * The site a request reached: the public URL's host, or a loopback host asked from this machine.
   * Anything else (another Host header, a LAN address) is not served.
   */
  private site(req: IncomingMessage): Site | undefined {
    const host = req.headers.host ?? '';
    if (this.publicUrl && host === this.publicUrl.host) {
      const secure = this.publicUrl.protocol === 'https:';
      return { origin: this.publicUrl.origin, secure, cookieName: secure ? '__Host-dondoc_web' : 'dondoc_web' };
    }
    if (LOOPBACK_HOST.test(host) && LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? '')) return { origin: `http://${host}`, secure: false, cookieName: 'dondoc_web' };
    return undefined;
  }

  mount(http: HttpServer): void {
    const get = (path: string, handler: (req: IncomingMessage, res: ServerResponse, url: URL, site: Site) => unknown) =>
      http.route('GET', path, (req, res, url) => {
        const site = this.site(req);
        return site ? handler(req, res, url, site) : this.send(res, 404, messagePage(W.notFound, W.notFound));
      });
    const post = (path: string, handler: (req: IncomingMessage, res: ServerResponse, form: URLSearchParams, site: Site) => unknown) =>
      http.route('POST', path, async (req, res) => {
        const site = this.site(req);
        if (!site) return this.send(res, 404, messagePage(W.notFound, W.notFound));
        // A form posted from any other page (or a client that hides its origin) is refused.
        if (req.headers.origin !== site.origin) return this.send(res, 403, messagePage(W.refused, W.refused));
        const form = new URLSearchParams((await readBody(req, 8 * 1024)).toString('utf8'));
        return handler(req, res, form, site);
      });

    get('/web', (_req, res) => this.redirect(res, '/web/'));
    get('/web/dangnhap', (_req, res, url) => {
      const token = url.searchParams.get('t') ?? '';
      const member = token ? this.services.web.tokenHolder(token) : undefined;
      return member ? this.send(res, 200, loginPage(token, member)) : this.send(res, 410, messagePage(W.loginTitle, W.loginDead));
    });
    post('/web/dangnhap', (req, res, form, site) => {
      const done = this.services.web.login(form.get('t') ?? '', req.headers['user-agent'] ?? null);
      if (!done) return this.send(res, 410, messagePage(W.loginTitle, W.loginDead));
      this.logger.info({ memberId: done.visitor.member.id, sessionId: done.visitor.session.id }, 'web login');
      res.setHeader('set-cookie', this.cookie(site, done.cookie, Math.floor((Date.parse(done.visitor.session.expiresAt) - Date.parse(done.visitor.session.createdAt)) / 1000)));
      return this.redirect(res, '/web/');
    });

    const view = (path: string, current: Frame['current'], render: (frame: Frame, agencyId: number | undefined, url: URL, visitor: WebVisitor) => Html | PageResult | Promise<PageResult | FileResult>) =>
      get(path, async (req, res, url, site) => {
        const visitor = this.visitor(req, site);
        if (!visitor) return this.send(res, 401, messagePage(W.loginTitle, W.signedOut));
        const frame: Frame = { member: visitor.member, csrf: visitor.session.csrfToken, current };
        const scope = this.scope(visitor, url.searchParams.get('coquan'));
        if (scope === 'forbidden') return this.send(res, 403, messagePage(W.forbidden, W.forbidden, frame));
        if (typeof scope === 'object') return this.send(res, 404, messagePage(W.notFound, W.unknownAgency(scope.unknown), frame));
        const out = await render(frame, scope, url, visitor);
        if (out instanceof Html) return this.send(res, 200, out);
        if ('file' in out) return this.sendFile(res, out.file);
        return this.send(res, out.status, out.body);
      });
    view('/web/', 'overview', (frame, agencyId) => this.province({ page: 'overview', frame, agencyId }));
    const pageNo = (url: URL) => {
      const n = Number(url.searchParams.get('trang'));
      return Number.isSafeInteger(n) && n > 0 ? n : undefined;
    };
    view('/web/quahan', 'overdue', (frame, agencyId, url) => this.province({ page: 'overdue', frame, agencyId, pageNo: pageNo(url) }));
    view('/web/matran', 'matrix', (frame, agencyId, url) => {
      const q = (name: string) => url.searchParams.get(name) || undefined;
      const plan = Number(q('kehoach'));
      if (q('quy') && !/^\d{4}-Q[1-4]$/.test(q('quy')!)) return { status: 400, body: messagePage(W.matrixTitle, W.badQuarter(q('quy')!), frame) };
      const filters = {
        ...(q('linhvuc') ? { area: q('linhvuc')! } : {}),
        ...(q('loai') ? { kind: q('loai')! } : {}),
        ...(q('quy') ? { quarter: q('quy')! } : {}),
        ...(Number.isSafeInteger(plan) && plan > 0 ? { plan } : {}),
        ...(pageNo(url) ? { page: pageNo(url)! } : {}),
      };
      return this.province({ page: 'matrix', frame, agencyId, filters });
    });
    view('/web/lichsu', 'matrix', (frame, agencyId, url) => historyPage(this.services, frame, agencyId, url.searchParams));
    view('/web/baocao', 'reports', (frame, agencyId) => reportsPage(this.services, frame, agencyId));
    view('/web/diem', 'scores', (frame, agencyId, url) => this.province({ page: 'scores', frame, agencyId, query: url.searchParams.toString() }));
    view('/web/thongbao', 'broadcasts', (frame, agencyId, url) => broadcastsPage(this.services, frame, agencyId, url.searchParams));
    view('/web/xuat', 'exports', (frame) => exportPage(this.services, frame));
    view('/web/xuat/tep', 'exports', (frame, _agencyId, url) => exportFile(this.services, frame, url.searchParams));
    view('/web/giahan', 'extensions', (frame, agencyId) => extensionsPage(this.services, frame, agencyId));
    view('/web/phien', 'sessions', (frame, _agencyId, _url, visitor) => sessionsPage(frame, this.services.web.sessions(visitor.member), visitor.session.id, this.services.settings.timeZone));

    const action = (path: string, act: (visitor: WebVisitor, form: URLSearchParams, res: ServerResponse, site: Site) => unknown) =>
      post(path, (req, res, form, site) => {
        const visitor = this.visitor(req, site);
        if (!visitor) return this.send(res, 401, messagePage(W.loginTitle, W.signedOut));
        if (!this.services.web.csrfMatches(visitor, form.get('csrf') ?? '')) return this.send(res, 403, messagePage(W.refused, W.refused));
        return act(visitor, form, res, site);
      });
    action('/web/dangxuat', (visitor, _form, res, site) => {
      this.services.web.revoke(visitor.member, visitor.session.id);
      res.setHeader('set-cookie', this.cookie(site, '', 0));
      return this.send(res, 200, messagePage(W.nav.logout, W.loggedOut));
    });
    // The one write: an admin decides an extension request, exactly as /duyetgiahan or /tuchoigiahan in chat.
    action('/web/giahan', (visitor, form, res) => {
      const frame: Frame = { member: visitor.member, csrf: visitor.session.csrfToken, current: 'extensions' };
      const out = decisionResult(frame, form, (id, approve, note) => {
        const result = decideExtension(this.services, visitor.member, id, approve, note, 'web');
        if (result.ok) this.logger.info({ memberId: visitor.member.id, request: id, approve }, 'extension decided on the web');
        return result;
      });
      return this.send(res, out.status, out.body);
    });
    action('/web/phien/dong', (visitor, form, res) => {
      this.services.web.revoke(visitor.member, Number(form.get('id')));
      return this.redirect(res, '/web/phien');
    });
  }

  /**
   * Which agency a page shows: a focal point only their own (another agency's code is refused),
   * leaders and admins the province or the agency named by ?coquan=.
   */
  private scope(visitor: WebVisitor, code: string | null): number | undefined | 'forbidden' | { unknown: string } {
    const { member } = visitor;
    const agency = code ? this.services.directory.findAgency(code) : undefined;
    if (code && !agency) return member.role === 'focal' ? 'forbidden' : { unknown: code };
    if (member.role === 'focal') return !agency || agency.id === member.agencyId ? member.agencyId : 'forbidden';
    return agency?.id;
  }

  private visitor(req: IncomingMessage, site: Site): WebVisitor | undefined {
    const cookie = parseCookies(req.headers.cookie ?? '').get(site.cookieName);
    return cookie ? this.services.web.visitor(cookie) : undefined;
  }

  /** The session cookie: HttpOnly, SameSite=Strict, Secure except on plain-http loopback. */
  private cookie(site: Site, value: string, maxAge: number): string {
    return `${site.cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${site.secure ? '; Secure' : ''}`;
  }

  private send(res: ServerResponse, status: number, body: Html): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
    res.end(body.text);
  }

  /** A download: the file under its name (RFC 6266, UTF-8 name too), never cached. */
  private sendFile(res: ServerResponse, file: FileResult['file']): void {
    const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.mimeType,
      'content-length': file.data.length,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
    res.end(file.data);
  }

  private redirect(res: ServerResponse, location: string): void {
    res.writeHead(303, { location, ...SECURITY_HEADERS });
    res.end();
  }
}

/** The cookies of a Cookie header, by name (the first of a repeated name wins). */
export function parseCookies(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}
