import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMessage {
  chatId: string;
  text: string;
  at: number;
}

export interface FakeBotApiOptions {
  /** Messages per second over all chats before answering 429 (Telegram: 30). */
  perSecond?: number;
  /** Minimum ms between two messages to one chat before answering 429 (Telegram: 1000). */
  perChatGapMs?: number;
  /** retry_after sent with a 429, in seconds. */
  retryAfter?: number;
  /** Answer 429 to the first N sendMessage calls whatever the rate (a "429 storm"). */
  stormFirst?: number;
  /** Chats that blocked the bot: answered 403. */
  blocked?: string[];
  /** Milliseconds each call takes. */
  latencyMs?: number;
}

/** One Bot API call as the fake server read it (multipart uploads: only their plain fields). */
export interface ServedCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
}

/**
 * A local stand-in for the Telegram Bot API (sendMessage, sendDocument, sendPhoto) that enforces Telegram's
 * limits: it answers 429 with retry_after when a client goes faster than allowed, and records
 * which 429s were ignored (a call arriving while the client was told to wait).
 */
export class FakeBotApi {
  readonly received: ReceivedMessage[] = [];
  readonly rejected: { chatId: string; status: number; at: number }[] = [];
  ignored429 = 0;
  /** Files uploaded (multipart calls); a file re-sent by file_id is not counted. */
  uploads = 0;
  /** The time the server's limits are counted in (default: the wall clock); set it to the app's fake clock. */
  now: () => number = Date.now;
  /** Every call served, in order, with the HTTP status it got. */
  readonly served: ServedCall[] = [];
  /** Files users "sent" to the bot, by file_id: served by getFile and the /file/ download URL. */
  readonly files = new Map<string, Buffer>();
  /**
   * Methods whose calls are read and never answered (a Bot API that accepts the connection and hangs):
   * add or remove methods while the server runs.
   */
  readonly stalled = new Set<string>();
  /** Answers for the next calls of a method (an error to inject), used once each. */
  readonly failNext = new Map<string, { status: number; description: string; retryAfter?: number }[]>();
  private server: Server | undefined;
  private readonly window: number[] = [];
  private readonly lastByChat = new Map<string, number>();
  private calls = 0;
  private waitUntil = 0;
  private lastTooManyAt = -Infinity;

  constructor(private readonly options: FakeBotApiOptions = {}) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '';
        const download = /^\/file\/bot[^/]+\/docs\/(.+)$/.exec(url);
        if (download) {
          const data = this.files.get(decodeURIComponent(download[1]!));
          res.writeHead(data ? 200 : 404);
          res.end(data ?? 'not found');
          return;
        }
        const method = url.split('/').pop() ?? '';
        const raw = Buffer.concat(chunks);
        let body: Record<string, unknown> = {};
        const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
        if (multipart) {
          // An upload (grammY sends InputFile as multipart): only the plain fields are read back.
          const text = raw.toString('latin1');
          for (const m of text.matchAll(/name="([a-z_]+)"\r\n\r\n([^\r]*)\r\n/g)) body[m[1]!] = Buffer.from(m[2]!, 'latin1').toString('utf8');
        } else {
          try {
            body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
          } catch {
            body = {};
          }
        }
        const answer = (status: number, payload: unknown) => {
          this.served.push({ method, body, status });
          const send = () => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(payload));
          };
          if (this.options.latencyMs) setTimeout(send, this.options.latencyMs);
          else send();
        };
        if (this.stalled.has(method)) {
          this.served.push({ method, body, status: 0 });
          return;
        }
        const injected = this.failNext.get(method)?.shift();
        if (injected) {
          answer(injected.status, {
            ok: false,
            error_code: injected.status,
            description: injected.description,
            ...(injected.retryAfter !== undefined ? { parameters: { retry_after: injected.retryAfter } } : {}),
          });
          return;
        }
        if (method === 'getFile') {
          const fileId = String(body.file_id);
          if (this.files.has(fileId)) answer(200, { ok: true, result: { file_id: fileId, file_unique_id: fileId, file_path: `docs/${encodeURIComponent(fileId)}` } });
          else answer(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
          return;
        }
        if (!['sendMessage', 'sendDocument', 'sendPhoto'].includes(method)) {
          answer(200, { ok: true, result: true });
          return;
        }
        if (multipart) this.uploads += 1;
        // A file sent again by file_id (a JSON call) keeps its id, as Telegram does.
        const sentById = multipart ? undefined : [body.document, body.photo].find((f) => typeof f === 'string');
        this.handleSend(String(body.chat_id), String(body.text ?? body.caption ?? ''), answer, method, sentById as string | undefined);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  private handleSend(chatId: string, text: string, answer: (status: number, payload: unknown) => void, method = 'sendMessage', fileId?: string): void {
    const now = this.now();
    this.calls += 1;
    const retryAfter = this.options.retryAfter ?? 1;
    const tooMany = (status = 429) => {
      // A call is ignoring a 429 if it starts while the client was told to wait; calls already
      // under way when the 429 went out (the first 50 ms) are not held against it.
      if (now < this.waitUntil && now > this.lastTooManyAt + 50) this.ignored429 += 1;
      this.lastTooManyAt = Math.max(this.lastTooManyAt, now);
      this.waitUntil = Math.max(this.waitUntil, now + retryAfter * 1000);
      this.rejected.push({ chatId, status, at: now });
      answer(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    };
    if (this.options.blocked?.includes(chatId)) {
      this.rejected.push({ chatId, status: 403, at: now });
      answer(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      return;
    }
    if (this.calls <= (this.options.stormFirst ?? 0)) return tooMany();
    if (now < this.waitUntil && now > this.lastTooManyAt + 50) this.ignored429 += 1;
    while (this.window.length > 0 && now - this.window[0]! >= 1000) this.window.shift();
    const gap = this.options.perChatGapMs ?? 1000;
    if (this.window.length >= (this.options.perSecond ?? 30) || now - (this.lastByChat.get(chatId) ?? -Infinity) < gap) return tooMany();
    this.window.push(now);
    this.lastByChat.set(chatId, now);
    this.received.push({ chatId, text, at: now });
    const message = { message_id: this.received.length, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: 'private' } };
    const file = { file_id: fileId ?? `fake-file-${this.uploads}`, file_unique_id: `u${this.uploads}` };
    const result =
      method === 'sendDocument' ? { ...message, caption: text, document: file }
      : method === 'sendPhoto' ? { ...message, caption: text, photo: [{ ...file, width: 1, height: 1 }] }
      : { ...message, text };
    answer(200, { ok: true, result });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}
