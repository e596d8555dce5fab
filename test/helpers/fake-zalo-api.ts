import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZaloUpdate } from '../../src/transports/zalo/zalo-client.js';

/**
 * A local stand-in for Zalo's Bot API with the public docs' JSON shapes: getUpdates hands out
 * queued updates one per call (HTTP 408 when none arrives in time), sendMessage records messages.
 */
export class FakeZaloApi {
  readonly sent: { chatId: string; text: string }[] = [];
  /** When each text arrived (ms), for pacing checks. */
  readonly sentAt: { chatId: string; at: number }[] = [];
  readonly photos: { chatId: string; photo: string; caption?: string }[] = [];
  readonly calls: string[] = [];
  /** The HTTP status of an empty long poll: 408, or 200 with error_code 408 in the body (both seen from Zalo). */
  emptyPollStatus = 408;
  /** Answers for the next sendMessage calls (an error to inject), used once each. */
  readonly failNext: { status: number; errorCode: number; description: string }[] = [];
  /** The time arrivals are stamped with (default: the wall clock); set it to the app's fake clock. */
  now: () => number = Date.now;
  /** A revoked or mistyped token: every call answers 401 (Zalo's "unauthorized"). */
  rejectToken = false;
  /** sendChatAction answers 500 (an indicator that failed must not stop the answer). */
  failChatAction = false;
  /** Some deployments hand the same, already read update back on every getUpdates: this one, forever. */
  stuckUpdate: ZaloUpdate | undefined;
  private readonly queue: ZaloUpdate[] = [];
  private server: Server | undefined;
  private waiting: (() => void) | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = (req.url ?? '').split('/').pop() ?? '';
        this.calls.push(method);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
        const answer = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (this.rejectToken) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
        if (method === 'sendChatAction' && this.failChatAction) return answer(500, { ok: false, error_code: 500, description: 'Internal error' });
        if (method === 'getUpdates' && this.stuckUpdate) return answer(200, { ok: true, result: this.stuckUpdate });
        if (method === 'sendMessage' && this.failNext.length > 0) {
          const failure = this.failNext.shift()!;
          return answer(failure.status, { ok: false, error_code: failure.errorCode, description: failure.description });
        }
        if (method === 'sendMessage') {
          if (String(body.text ?? '').length > 2000) return answer(400, { ok: false, error_code: 400, description: 'text too long' });
          this.sent.push({ chatId: String(body.chat_id), text: String(body.text) });
          this.sentAt.push({ chatId: String(body.chat_id), at: this.now() });
          return answer(200, { ok: true, result: { message_id: `m${this.sent.length}`, date: Date.now() } });
        }
        if (method === 'sendPhoto') {
          this.photos.push({ chatId: String(body.chat_id), photo: String(body.photo), ...(body.caption ? { caption: String(body.caption) } : {}) });
          return answer(200, { ok: true, result: { message_id: `p${this.photos.length}`, date: Date.now() } });
        }
        if (method === 'getUpdates') {
          const serve = () => {
            const next = this.queue.shift();
            if (next) answer(200, { ok: true, result: next });
            else answer(this.emptyPollStatus, { ok: false, error_code: 408, description: 'Request timeout' });
          };
          if (this.queue.length > 0) return serve();
          const timer = setTimeout(() => {
            this.waiting = undefined;
            serve();
          }, 150);
          this.waiting = () => {
            clearTimeout(timer);
            this.waiting = undefined;
            serve();
          };
          return;
        }
        return answer(200, { ok: true, result: method === 'getMe' ? { id: 'bot', name: 'dondoc' } : true });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Queues an update for the next getUpdates call. */
  push(update: ZaloUpdate): void {
    this.queue.push(update);
    this.waiting?.();
  }

  async stop(): Promise<void> {
    this.waiting?.();
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}

let counter = 0;

/** A text message update as Zalo sends it. */
export function zaloText(userId: string, text: string, name = 'Người dùng Zalo'): ZaloUpdate {
  counter += 1;
  return {
    event_name: 'message.text.received',
    message: { message_id: `z${Date.now()}-${counter}`, from: { id: userId, display_name: name, is_bot: false }, chat: { id: userId, chat_type: 'PRIVATE' }, date: Date.now(), text },
  };
}
