import { z } from 'zod';
import type { Dispatcher, IncomingMessage } from '../../../commands/dispatcher.js';
import { partSteps, type ChannelSender, type PartProgress } from '../../app/outbox-worker.js';
import type { UpdateInbox } from '../../app/update-inbox.js';
import { DeliveryError, QuotaExceededError } from '../../errors.js';
import { attachmentNote, formatSize, type Attachment, type Reply } from '../../app/reply.js';
import { headerHoldsSecret, nestsTooDeep, readBody, sendJson, ThrottledWarning, type HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { ImageLinks } from '../../http/image-links.js';
import { renderPlainMessages } from '../render.js';
import { ZALO_TEXT_LIMIT, ZaloApiError, type ZaloClient, type ZaloUpdate } from './zalo-client.js';

export const PLATFORM = 'zalo';
export const WEBHOOK_PATH = '/zalo/webhook';
const WEBHOOK_BODY_LIMIT = 64 * 1024;

const updateSchema = z.object({
  event_name: z.string().min(1),
  message: z
    .object({
      message_id: z.union([z.string(), z.number()]).transform(String),
      from: z.object({ id: z.union([z.string(), z.number()]).transform(String), display_name: z.string().optional(), name: z.string().optional(), is_bot: z.boolean().optional() }),
      chat: z.object({ id: z.union([z.string(), z.number()]).transform(String), chat_type: z.string().optional() }),
      text: z.string().optional(),
      photo_url: z.string().optional(),
      photo: z.string().optional(),
      caption: z.string().optional(),
    })
    .optional(),
});

/** Turns an attachment into a public URL (dondoc's expiring image and file links), or null if it cannot. */
export type PublishImage = (attachment: Attachment) => string | null;

/** What a reply becomes on Zalo: plain messages (files named with their download links) and photos by URL. */
/**
 * How Zalo members get files, since Zalo takes pictures and files only by link: a broadcast's stored
 * file by its own expiring link, a chart (PNG) as a picture link, anything else as a download link,
 * all under the public URL. Without a public URL: null (the file is named instead).
 */
export function linkPublisher(publicUrl: string | undefined, storedFiles: { link(attachment: Attachment): string | null }, imageLinks: ImageLinks): PublishImage {
  return (attachment) =>
    publicUrl === undefined ? null
    : attachment.ref ? storedFiles.link(attachment)
    : new URL(
        attachment.kind === 'photo' && attachment.mimeType === 'image/png' ? imageLinks.add(attachment.data) : imageLinks.addFile(attachment.data, attachment.filename, attachment.mimeType),
        publicUrl,
      ).toString();
}

function zaloMessages(reply: Reply, publish: PublishImage): { texts: string[]; photos: { url: string; name: string; caption?: string }[] } {
  const photos: { url: string; name: string; caption?: string }[] = [];
  const links: string[] = [];
  const rest: Attachment[] = [];
  for (const a of reply.attachments ?? []) {
    const url = publish(a);
    if (url && a.kind === 'photo') photos.push({ url, name: a.filename, ...(a.caption ? { caption: a.caption } : {}) });
    else if (url) links.push(`\n📎 ${a.filename} (${formatSize(a.data.length)}): ${url}`);
    else rest.push(a);
  }
  return { texts: renderPlainMessages({ ...reply, text: [...reply.text, ...links], attachments: rest }, ZALO_TEXT_LIMIT), photos };
}

/**
 * Sends reply models to a Zalo chat: plain text within 2,000 characters, choices as numbered lines,
 * images by URL (sendPhoto takes a link), files as download links; what cannot be linked is named instead.
 */
export async function sendZaloReplies(client: ZaloClient, chatId: string, replies: Reply[], publish: PublishImage = () => null, progress?: PartProgress): Promise<void> {
  const parts = partSteps(progress);
  for (const reply of replies) {
    const { texts, photos } = zaloMessages(reply, publish);
    for (const text of texts) await parts.step(() => client.sendMessage(chatId, text));
    for (const photo of photos) {
      // A picture that failed again and again: a note in its place (its caption kept).
      if (parts.givingUp()) await parts.step(() => client.sendMessage(chatId, [photo.caption, attachmentNote(photo.name)].filter(Boolean).join('\n\n')));
      else await parts.step(() => client.sendPhoto(chatId, photo.url, photo.caption));
    }
  }
}

/** The outbox's Zalo channel: 429 (quota) stops Zalo sending for the month; every other error (403 included) is retried with backoff. */
export function createZaloSender(client: ZaloClient, limits: { perSecond: number; perChatGapMs: number }, publish?: PublishImage): ChannelSender {
  return {
    platform: PLATFORM,
    buttonsFor: () => false,
    ...limits,
    cost: (_chatId, replies) =>
      replies.reduce((sum, reply) => {
        const photos = (reply.attachments ?? []).filter((a) => a.kind === 'photo').length;
        return sum + zaloMessages(reply, () => null).texts.length + photos;
      }, 0),
    async send(chatId, replies, progress) {
      try {
        await sendZaloReplies(client, chatId, replies, publish, progress);
      } catch (error) {
        if (error instanceof ZaloApiError) {
          const context = { platform: PLATFORM, chatId, method: error.method, status: error.errorCode ?? error.status };
          // Zalo's error table: 429 is "quota exceeded" (the plan's monthly messages), not a per-second limit.
          if (error.status === 429 || error.errorCode === 429) throw new QuotaExceededError(error.description, context, { cause: error });
          // Zalo's error table: 403 is an internal server error (transient), not "blocked": retried
          // with backoff like any other failure, never reported to Sở Nội vụ as an unreachable member.
          throw new DeliveryError(error.description, context, { cause: error });
        }
        throw error;
      }
    },
  };
}

/** Zalo's 401: the token is wrong or revoked (in the HTTP status or the body's error_code). */
const isUnauthorized = (error: unknown): boolean => error instanceof ZaloApiError && (error.status === 401 || error.errorCode === 401);

/** The events Zalo documents; anything else is ignored (and logged) rather than answered. */
const KNOWN_EVENTS = new Set(['message.text.received', 'message.image.received', 'message.sticker.received', 'message.unsupported.received']);

/** What dondoc reads from a Zalo update; stickers and other content become "unsupported" (a short answer). */
export function toIncoming(update: ZaloUpdate): IncomingMessage | undefined {
  const message = update.message;
  if (!message || message.from.is_bot || !KNOWN_EVENTS.has(update.event_name)) return undefined;
  const base = {
    platform: PLATFORM,
    updateId: message.message_id,
    platformUserId: message.from.id,
    chatId: message.chat.id,
    chatType: message.chat.chat_type === 'GROUP' ? ('group' as const) : ('private' as const),
    senderName: message.from.display_name ?? message.from.name ?? '',
  };
  // Zalo shows a bot only the group messages that mention it or reply to it: each is meant for dondoc.
  if (update.event_name === 'message.text.received' && message.text !== undefined && base.chatType === 'group') {
    return { ...base, text: message.text.replace(/^@\S+\s*/, ''), addressed: true };
  }
  if (update.event_name === 'message.text.received' && message.text !== undefined) return { ...base, text: message.text };
  const photo = message.photo_url ?? message.photo;
  if (update.event_name === 'message.image.received' && photo) {
    return {
      ...base,
      file: {
        name: `anh-zalo-${message.message_id}.jpg`,
        size: 0,
        caption: message.caption ?? '',
        ref: photo,
        mimeType: 'image/jpeg',
        download: async () => Buffer.from(await (await fetch(photo)).arrayBuffer()),
      },
    };
  }
  return { ...base, unsupported: true };
}

/**
 * dondoc on Zalo's Bot Platform: webhook mode (secret header checked in constant time, 200 at once,
 * processed after, duplicates ignored by message id) or long polling for development.
 */
export class ZaloBot {
  private polling = false;
  private poller: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly client: ZaloClient,
    private readonly dispatcher: Dispatcher,
    private readonly logger: Logger,
    private readonly publish: PublishImage = () => null,
    /** Where updates are recorded before they are handled (durable de-duplication). */
    private readonly inbox?: UpdateInbox,
    /** Counts the answers sent (Zalo's monthly quota counts every outbound message). */
    private readonly budget?: { spent(platform: string, n: number): void },
  ) {}

  /** Handles one update end to end (dispatch, then send the replies); duplicates are ignored. */
  async handleUpdate(update: ZaloUpdate): Promise<void> {
    const id = update.message?.message_id;
    if (id !== undefined && this.inbox && !this.inbox.accept(PLATFORM, id, update)) return;
    await this.process(update);
  }

  /** Handles updates recorded but not handled when the process last stopped. */
  async replay(): Promise<number> {
    const pending = this.inbox?.unhandled(PLATFORM) ?? [];
    if (pending.length > 0) this.logger.warn({ count: pending.length }, 'handling zalo updates left unhandled at the last stop');
    for (const { payload } of pending) await this.process(payload as ZaloUpdate).catch((error: unknown) => this.logger.error({ err: error }, 'zalo update failed'));
    return pending.length;
  }

  private async process(update: ZaloUpdate): Promise<void> {
    const incoming = toIncoming(update);
    if (incoming) {
      const outcome = await this.dispatcher.handle(incoming, { buttons: false, links: { startLink: () => null }, typing: () => this.client.sendChatAction(incoming.chatId, 'typing') });
      const counted = { done: 0, failures: 0, sent: () => this.budget?.spent(PLATFORM, 1) };
      await sendZaloReplies(this.client, incoming.chatId, outcome.replies, this.publish, counted);
    } else {
      this.logger.info({ event: update.event_name }, 'zalo update ignored');
    }
    const id = update.message?.message_id;
    if (id !== undefined) this.inbox?.handled(PLATFORM, id);
  }

  /** Mounts the webhook route; every call is answered at once and processed after. */
  mountWebhook(http: HttpServer, secret: string): void {
    // Refused calls can come in floods: one line a minute, with how many were held back.
    const refusals = new ThrottledWarning(this.logger);
    http.route('POST', WEBHOOK_PATH, async (req, res) => {
      if (!headerHoldsSecret(req, 'x-bot-api-secret-token', secret)) {
        refusals.warn({ ip: req.socket.remoteAddress, reason: 'secret' }, 'zalo webhook call refused');
        sendJson(res, 401, { ok: false });
        return;
      }
      const raw = (await readBody(req, WEBHOOK_BODY_LIMIT)).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(raw);
        if (nestsTooDeep(json)) throw new RangeError('nested too deep');
      } catch {
        refusals.warn({ reason: 'json' }, 'zalo webhook call refused');
        sendJson(res, 400, { ok: false });
        return;
      }
      const envelope = (json as { result?: unknown }).result ?? json;
      const parsed = updateSchema.safeParse(envelope);
      sendJson(res, 200, { ok: true });
      if (!parsed.success) {
        this.logger.warn({ issue: parsed.error.issues[0]?.message }, 'zalo webhook update ignored: unknown shape');
        return;
      }
      this.track(this.handleUpdate(parsed.data as ZaloUpdate));
    });
  }

  private track(job: Promise<void>): void {
    const wrapped = job.catch((error: unknown) => this.logger.error({ err: error }, 'zalo update failed')).finally(() => this.inFlight.delete(wrapped));
    this.inFlight.add(wrapped);
  }

  /** Registers the webhook with Zalo. */
  async setWebhook(url: string, secret: string): Promise<void> {
    await this.client.setWebhook(url, secret);
  }

  /**
   * Checks the token with getMe before anything else: logs the bot's name, or — for a token Zalo
   * refuses (401) — one clear error line and false (Zalo is then left off, not retried in a loop).
   * Any other failure is transient: true, and polling or the webhook retries on its own.
   */
  async checkToken(): Promise<boolean> {
    try {
      const me = await this.client.getMe();
      this.logger.info({ bot: me?.name ?? me?.id }, 'zalo bot token accepted');
      return true;
    } catch (error) {
      if (isUnauthorized(error)) {
        this.logger.error({ status: 401 }, 'Zalo từ chối ZALO_BOT_TOKEN (401): token sai hoặc đã bị thu hồi. dondoc chạy tiếp không có Zalo; tin chờ gửi qua Zalo được giữ lại. Sửa token trong .env rồi khởi động lại.');
        return false;
      }
      this.logger.warn({ err: error }, 'zalo getMe failed; continuing');
      return true;
    }
  }

  /**
   * Long polling (development): deleteWebhook first; an empty poll (408) is normal. A 401 stops
   * polling with one error line; the same update handed back again and again is waited out with a
   * growing interval (0.5 s doubling to 10 s) instead of a tight loop.
   */
  async startPolling(timeoutSeconds = 30): Promise<void> {
    await this.client.deleteWebhook().catch((error: unknown) => this.logger.warn({ err: error }, 'zalo deleteWebhook failed'));
    this.polling = true;
    this.poller = (async () => {
      let backoff = 1_000;
      let lastId: string | undefined;
      let repeats = 0;
      while (this.polling) {
        this.abort = new AbortController();
        try {
          const update = await this.client.getUpdates(timeoutSeconds, this.abort.signal);
          backoff = 1_000;
          if (update) {
            const id = update.message?.message_id;
            if (id !== undefined && id === lastId) {
              repeats += 1;
              if (repeats === 3) this.logger.warn({ id }, 'zalo keeps returning the same update; polling more slowly');
              await this.pause(Math.min(500 * 2 ** (repeats - 1), 10_000));
              continue;
            }
            lastId = id;
            repeats = 0;
            const parsed = updateSchema.safeParse(update);
            if (parsed.success) await this.handleUpdate(parsed.data as ZaloUpdate).catch((error: unknown) => this.logger.error({ err: error }, 'zalo update failed'));
          }
        } catch (error) {
          if (!this.polling) break;
          if (isUnauthorized(error)) {
            this.logger.error({ status: 401 }, 'Zalo từ chối ZALO_BOT_TOKEN (401) khi nhận tin: dừng nhận tin qua Zalo. Sửa token trong .env rồi khởi động lại.');
            this.polling = false;
            break;
          }
          this.logger.warn({ err: error, backoff }, 'zalo polling failed; retrying');
          await this.pause(backoff);
          backoff = Math.min(backoff * 2, 60_000);
        }
      }
    })();
  }

  /** Is polling still running (false after stop, or after Zalo refused the token)? */
  get isPolling(): boolean {
    return this.polling;
  }

  /** Waits, or less if polling stops meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort?.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stops polling and waits for updates being processed. */
  async stop(): Promise<void> {
    this.polling = false;
    this.abort?.abort();
    await this.poller;
    await Promise.allSettled([...this.inFlight]);
  }
}
