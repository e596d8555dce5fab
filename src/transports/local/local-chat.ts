import { randomBytes } from 'node:crypto';
import type { IncomingMessage as HttpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Dispatcher, IncomingMessage, TransportCapabilities } from '../../../commands/dispatcher.js';
import type { Choice, Reply } from '../../app/reply.js';
import { ROLE_LABELS } from '../../domain/roles.js';
import { headerHoldsSecret, readBody, sendJson, ThrottledWarning, type HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import { escapeHtml, renderHtmlLine, renderPlainMessages, splitMessage } from '../render.js';
import { ZALO_TEXT_LIMIT } from '../zalo/zalo-client.js';

export const PLATFORM = 'local';
const TEXT_LIMIT = 4096;
const HISTORY_LIMIT = 300;
/** Chats kept in memory at most (the least recently used is forgotten first). */
const CHATS_LIMIT = 200;
/** Visitor ids handed out and not yet used, at most. */
const VISITORS_LIMIT = 100;
/** The header carrying the page's session token: a custom header also forces a CORS preflight, which is never granted. */
export const SESSION_HEADER = 'x-dondoc-session';
const CAPABILITIES: TransportCapabilities = { buttons: true, links: { startLink: () => null } };
const pagePath = join(dirname(fileURLToPath(import.meta.url)), 'page.html');

/** One message as the browser shows it. */
export interface LocalMessage {
  seq: number;
  from: 'user' | 'bot';
  html: string;
  choices: Choice[][];
  attachments: { kind: 'document' | 'photo'; filename: string; url: string }[];
}

const uploadSchema = z.object({
  userId: z.string().regex(/^[a-z0-9-]{3,40}$/),
  name: z.string().max(80).default('Khách'),
  fileName: z.string().min(1).max(200),
  caption: z.string().max(500).default(''),
  data: z.string().max(16 * 1024 * 1024),
});

const sendSchema = z.object({
  userId: z.string().regex(/^[a-z0-9-]{3,40}$/),
  name: z.string().max(80).default('Khách'),
  text: z.string().max(5000).optional(),
  choice: z.object({ label: z.string().max(200), command: z.string().max(200) }).optional(),
});

/** Why a call to the local chat's API was refused (logged, rate-limited). */
type Refusal = 'host' | 'origin' | 'session' | 'content_type' | 'user';

const REFUSALS: Record<Refusal, string> = {
  host: 'Chỉ mở được trò chuyện thử bằng địa chỉ 127.0.0.1 hoặc localhost trên chính máy chạy dondoc.',
  origin: 'Yêu cầu đến từ một trang khác: bị từ chối.',
  session: 'Phiên trò chuyện thử không hợp lệ (dondoc vừa khởi động lại?). Hãy tải lại trang.',
  content_type: 'Yêu cầu phải gửi dạng JSON (content-type: application/json).',
  user: 'Người dùng này không có trong trò chuyện thử. Hãy chọn một người trong danh sách.',
};

/**
 * The local web chat: a page on 127.0.0.1 where a person picks who they are (a demo member or a
 * new visitor) and talks to dondoc through the same dispatcher as Telegram and Zalo. It is a
 * demo and development tool: every API call must come from the served page (a per-process
 * session token only that page knows, same Host and Origin, JSON), and may act only as a member
 * linked on the local chat or a visitor id the page was given.
 */
export class LocalChat {
  private readonly histories = new Map<string, LocalMessage[]>();
  private readonly visitors = new Set<string>();
  private readonly session = randomBytes(32).toString('base64url');
  private seq = 0;
  private readonly refusals: ThrottledWarning | undefined;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly store: Store,
    /** Local users who see dondoc as on Zalo: plain text, 2,000-character messages, numbered choices. */
    private readonly zaloStyle: ReadonlySet<string> = new Set(),
    logger?: Logger,
  ) {
    this.refusals = logger ? new ThrottledWarning(logger) : undefined;
  }

  /** Mounts the page and its JSON API on the HTTP server. */
  mount(http: HttpServer): void {
    const page = readFileSync(pagePath, 'utf8').replace('</head>', `<meta name="dondoc-session" content="${this.session}">\n</head>`);
    http.route('GET', '/', (req, res) => {
      if (!this.hostAllowed(req)) return this.refuse(res, 'host');
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-frame-options': 'DENY',
        'content-security-policy': "frame-ancestors 'none'",
        'referrer-policy': 'no-referrer',
      });
      res.end(page);
    });
    http.route('GET', '/api/personas', (req, res) => {
      const refusal = this.check(req);
      if (refusal) return this.refuse(res, refusal);
      sendJson(res, 200, { personas: this.personas() });
    });
    http.route('GET', '/api/messages', (req, res, url) => {
      const userId = url.searchParams.get('userId') ?? '';
      const refusal = this.check(req) ?? (this.mayActAs(userId) ? undefined : 'user');
      if (refusal) return this.refuse(res, refusal);
      const after = Number(url.searchParams.get('after') ?? '0');
      sendJson(res, 200, { messages: (this.histories.get(userId) ?? []).filter((m) => m.seq > after) });
    });
    http.route('POST', '/api/send', async (req, res) => {
      const refused = this.check(req, true);
      if (refused) return this.refuse(res, refused);
      const raw = (await readBody(req)).toString('utf8');
      let body: z.infer<typeof sendSchema>;
      try {
        body = sendSchema.parse(JSON.parse(raw));
      } catch {
        sendJson(res, 400, { error: 'Yêu cầu không hợp lệ: cần userId và text hoặc choice.' });
        return;
      }
      if (!this.mayActAs(body.userId)) return this.refuse(res, 'user');
      const messages = await this.receive(body);
      sendJson(res, 200, { messages });
    });
    http.route('POST', '/api/upload', async (req, res) => {
      const refused = this.check(req, true);
      if (refused) return this.refuse(res, refused);
      const raw = (await readBody(req, 16 * 1024 * 1024)).toString('utf8');
      let body: z.infer<typeof uploadSchema>;
      try {
        body = uploadSchema.parse(JSON.parse(raw));
      } catch {
        sendJson(res, 400, { error: 'Yêu cầu không hợp lệ: cần userId, fileName và data (base64).' });
        return;
      }
      if (!this.mayActAs(body.userId)) return this.refuse(res, 'user');
      const data = Buffer.from(body.data, 'base64');
      const messages = await this.exchange(body.userId, body.name, `📎 ${body.fileName}`, {
        file: { name: body.fileName, size: data.length, caption: body.caption, ref: `local:${body.fileName}`, mimeType: null, download: async () => data },
      });
      sendJson(res, 200, { messages });
    });
  }

  /** Why a call must be refused, if it must: wrong Host (DNS rebinding), foreign Origin, no session, not JSON. */
  private check(req: HttpRequest, post = false): Refusal | undefined {
    if (!this.hostAllowed(req)) return 'host';
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) return 'origin';
    if (!headerHoldsSecret(req, SESSION_HEADER, this.session)) return 'session';
    if (post && !String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return 'content_type';
    return undefined;
  }

  /** The Host header must name this machine's loopback address and the port being served. */
  private hostAllowed(req: HttpRequest): boolean {
    const port = req.socket.localPort;
    const host = String(req.headers.host ?? '').toLowerCase();
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
  }

  /** A local chat may act only as a member linked on it (the demo people) or a visitor id it handed out. */
  private mayActAs(userId: string): boolean {
    return this.visitors.has(userId) || this.store.members.byAccount(PLATFORM, userId) !== undefined;
  }

  private refuse(res: Parameters<typeof sendJson>[0], refusal: Refusal): void {
    this.refusals?.warn({ refusal }, 'local chat call refused');
    sendJson(res, 403, { error: REFUSALS[refusal] });
  }

  /** Everything shown to a local user so far, oldest first. */
  history(userId: string): LocalMessage[] {
    return [...(this.histories.get(userId) ?? [])];
  }

  /** Demo members linked on the local chat, then a fresh visitor id for trying an invite code. */
  personas(): { userId: string; label: string; role: string | null }[] {
    const members = this.store.members.accountsOn(PLATFORM).flatMap((account) => {
      const member = this.store.members.byId(account.memberId);
      return member
        ? [
            {
              userId: account.platformUserId,
              label: `${member.displayName} — ${ROLE_LABELS[member.role]}, ${member.agencyName}${this.zaloStyle.has(account.platformUserId) ? ' (kiểu Zalo: trả lời bằng số)' : ''}`,
              role: member.role,
            },
          ]
        : [];
    });
    const visitor = `khach-${randomBytes(4).toString('hex')}`;
    this.visitors.add(visitor);
    if (this.visitors.size > VISITORS_LIMIT) this.visitors.delete(this.visitors.values().next().value!);
    return [...members, { userId: visitor, label: 'Người mới (chưa liên kết, có mã mời)', role: null }];
  }

  /** Delivers replies to a local user (used for answers and, later, for reminders and broadcasts). */
  deliver(userId: string, replies: Reply[]): LocalMessage[] {
    const out: LocalMessage[] = [];
    if (this.zaloStyle.has(userId)) {
      for (const reply of replies) {
        for (const text of renderPlainMessages(reply, ZALO_TEXT_LIMIT)) {
          out.push(this.append(userId, { from: 'bot', html: escapeHtml(text), choices: [], attachments: [] }));
        }
      }
      return out;
    }
    for (const reply of replies) {
      const chunks = splitMessage(reply.text, TEXT_LIMIT, renderHtmlLine);
      chunks.forEach((html, index) => {
        const last = index === chunks.length - 1;
        out.push(this.append(userId, {
          from: 'bot',
          html,
          choices: last ? (reply.choices ?? []) : [],
          attachments: last
            ? (reply.attachments ?? []).map((a) => ({
                kind: a.kind,
                filename: a.filename,
                url: `data:${a.mimeType};base64,${a.data.toString('base64')}`,
              }))
            : [],
        }));
      });
    }
    return out;
  }

  private receive(body: z.infer<typeof sendSchema>): Promise<LocalMessage[]> {
    const shown = body.choice ? body.choice.label : (body.text ?? '');
    return this.exchange(body.userId, body.name, shown, body.choice ? { choice: body.choice.command } : { text: body.text ?? '' });
  }

  /** Shows what the user sent, runs it through the dispatcher, and shows dondoc's replies. */
  private async exchange(userId: string, name: string, shown: string, content: Pick<IncomingMessage, 'text' | 'choice' | 'file'>): Promise<LocalMessage[]> {
    const mine = this.append(userId, { from: 'user', html: escapeHtml(shown), choices: [], attachments: [] });
    const outcome = await this.dispatcher.handle(
      { platform: PLATFORM, updateId: `local-${mine.seq}`, platformUserId: userId, chatId: userId, chatType: 'private', senderName: name, ...content },
      this.capabilities(userId),
    );
    return [mine, ...this.deliver(userId, outcome.replies)];
  }

  /** Whether a local user sees buttons (false for the Zalo-style demo members). */
  hasButtons(userId: string): boolean {
    return !this.zaloStyle.has(userId);
  }

  private capabilities(userId: string): TransportCapabilities {
    return this.zaloStyle.has(userId) ? { buttons: false, links: { startLink: () => null } } : CAPABILITIES;
  }

  private append(userId: string, message: Omit<LocalMessage, 'seq'>): LocalMessage {
    this.seq += 1;
    const full = { ...message, seq: this.seq };
    const history = this.histories.get(userId) ?? [];
    history.push(full);
    if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT);
    // Most recently used last; the oldest chat is forgotten beyond CHATS_LIMIT (memory stays bounded).
    this.histories.delete(userId);
    this.histories.set(userId, history);
    if (this.histories.size > CHATS_LIMIT) this.histories.delete(this.histories.keys().next().value!);
    return full;
  }
}
