import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Dispatcher, IncomingMessage, TransportCapabilities } from '../../app/dispatcher.js';
import type { Choice, Reply } from '../../app/reply.js';
import { ROLE_LABELS } from '../../domain/roles.js';
import { readBody, sendJson, type HttpServer } from '../../http/server.js';
import type { Store } from '../../store/store.js';
import { escapeHtml, renderHtmlLine, renderPlainMessages, splitMessage } from '../render.js';
import { ZALO_TEXT_LIMIT } from '../zalo/zalo-client.js';

export const PLATFORM = 'local';
const TEXT_LIMIT = 4096;
const HISTORY_LIMIT = 300;
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

/**
 * The local web chat: a page on 127.0.0.1 where a person picks who they are (a demo member or a
 * new visitor) and talks to dondoc through the same dispatcher as Telegram and Zalo.
 */
export class LocalChat {
  private readonly histories = new Map<string, LocalMessage[]>();
  private seq = 0;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly store: Store,
    /** Local users who see dondoc as on Zalo: plain text, 2,000-character messages, numbered choices. */
    private readonly zaloStyle: ReadonlySet<string> = new Set(),
  ) {}

  /** Mounts the page and its JSON API on the HTTP server. */
  mount(http: HttpServer): void {
    const page = readFileSync(pagePath, 'utf8');
    http.route('GET', '/', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    });
    http.route('GET', '/api/personas', (_req, res) => sendJson(res, 200, { personas: this.personas() }));
    http.route('GET', '/api/messages', (_req, res, url) => {
      const userId = url.searchParams.get('userId') ?? '';
      const after = Number(url.searchParams.get('after') ?? '0');
      sendJson(res, 200, { messages: (this.histories.get(userId) ?? []).filter((m) => m.seq > after) });
    });
    http.route('POST', '/api/send', async (req, res) => {
      const raw = (await readBody(req)).toString('utf8');
      let body: z.infer<typeof sendSchema>;
      try {
        body = sendSchema.parse(JSON.parse(raw));
      } catch {
        sendJson(res, 400, { error: 'Yêu cầu không hợp lệ: cần userId và text hoặc choice.' });
        return;
      }
      const messages = await this.receive(body);
      sendJson(res, 200, { messages });
    });
    http.route('POST', '/api/upload', async (req, res) => {
      const raw = (await readBody(req, 16 * 1024 * 1024)).toString('utf8');
      let body: z.infer<typeof uploadSchema>;
      try {
        body = uploadSchema.parse(JSON.parse(raw));
      } catch {
        sendJson(res, 400, { error: 'Yêu cầu không hợp lệ: cần userId, fileName và data (base64).' });
        return;
      }
      const data = Buffer.from(body.data, 'base64');
      const messages = await this.exchange(body.userId, body.name, `📎 ${body.fileName}`, {
        file: { name: body.fileName, size: data.length, caption: body.caption, ref: `local:${body.fileName}`, mimeType: null, download: async () => data },
      });
      sendJson(res, 200, { messages });
    });
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
    this.histories.set(userId, history);
    return full;
  }
}
