import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { UpdateInbox } from '../../app/update-inbox.js';
import { headerHoldsSecret, nestsTooDeep, readBody, sendJson, ThrottledWarning, type HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { PLATFORM } from './create-bot.js';

/** Telegram's updates are small; anything over this is refused before it is parsed. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * Telegram's webhook: the secret header checked in constant time (401), the body read up to 1 MB
 * (413), malformed JSON or no update_id refused (400); the update is recorded in the inbox and
 * answered 200 at once, then processed. A re-sent update_id is answered 200 and not processed again.
 */
export class TelegramWebhook {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly refusals: ThrottledWarning;

  constructor(
    private readonly bot: Bot,
    private readonly inbox: UpdateInbox,
    private readonly logger: Logger,
  ) {
    this.refusals = new ThrottledWarning(logger);
  }

  mount(http: HttpServer, path: string, secret: string): void {
    http.route('POST', path, async (req, res) => {
      if (!headerHoldsSecret(req, 'x-telegram-bot-api-secret-token', secret)) {
        this.refusals.warn({ ip: req.socket.remoteAddress, reason: 'secret' }, 'telegram webhook call refused');
        sendJson(res, 401, { ok: false });
        return;
      }
      const raw = (await readBody(req, WEBHOOK_BODY_LIMIT)).toString('utf8');
      let update: Update;
      try {
        update = JSON.parse(raw) as Update;
        if (nestsTooDeep(update)) throw new RangeError('nested too deep');
      } catch {
        this.refusals.warn({ reason: 'json' }, 'telegram webhook call refused');
        sendJson(res, 400, { ok: false, description: 'body is not JSON' });
        return;
      }
      if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id)) {
        this.refusals.warn({ reason: 'update_id' }, 'telegram webhook call refused');
        sendJson(res, 400, { ok: false, description: 'no update_id' });
        return;
      }
      const fresh = this.inbox.accept(PLATFORM, String(update.update_id), update);
      sendJson(res, 200, { ok: true });
      if (fresh) this.process(update);
    });
  }

  /** Handles updates recorded but not handled when the process last stopped. */
  replay(): number {
    const pending = this.inbox.unhandled(PLATFORM);
    for (const { payload } of pending) this.process(payload as Update);
    if (pending.length > 0) this.logger.warn({ count: pending.length }, 'handling telegram updates left unhandled at the last stop');
    return pending.length;
  }

  /** Waits for updates being processed. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private process(update: Update): void {
    // An update can arrive as soon as the server listens, before start() has called getMe: init first
    // (grammY does it once).
    const job: Promise<void> = this.bot
      .init()
      .then(() => this.bot.handleUpdate(update))
      .then(() => this.inbox.handled(PLATFORM, String(update.update_id)))
      .catch((error: unknown) => this.logger.error({ err: error, update_id: update.update_id }, 'telegram update failed'))
      .finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }
}
