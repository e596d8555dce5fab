import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, Composer, InlineKeyboard, InputFile, type Api, type Context, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { commands } from '../../../commands/registry.js';
import { listedFor } from '../../../commands/command.js';
import type { Dispatcher, IncomingMessage, TransportCapabilities } from '../../../commands/dispatcher.js';
import { attachmentNote, type Attachment, type Reply } from '../../app/reply.js';
import { partSteps, type PartProgress } from '../../app/outbox-worker.js';
import type { Role } from '../../domain/roles.js';
import type { Logger } from '../../logger.js';
import { escapeHtml, renderHtmlLine, splitMessage } from '../render.js';
import type { UpdateInbox } from '../../app/update-inbox.js';
import { DeliveryError } from '../../errors.js';

/** Telegram's limit for one text message, in characters. */
export const TELEGRAM_TEXT_LIMIT = 4096;
export const PLATFORM = 'telegram';

export interface TelegramBotDeps {
  dispatcher: Dispatcher;
  logger: Logger;
  /** Skips the getMe call at start (tests pass a full botInfo). */
  botInfo?: UserFromGetMe;
  /** A local Bot API server (default: https://api.telegram.org). */
  apiRoot?: string;
  /**
   * Long polling: every update recorded here before it is handled, one already handled skipped
   * (Telegram delivers again what the last getUpdates did not confirm). The webhook records its own.
   */
  inbox?: UpdateInbox;
  /** Aborted when dondoc stops: every Bot API call in flight (and its retries) ends at once. */
  signal?: AbortSignal;
}

/**
 * An API transformer that adds `stop` to every call's abort signal: when dondoc stops, calls waiting
 * on an unreachable Bot API end at once instead of after grammY's 500 s timeout.
 */
export function abortOn(stop: AbortSignal): Transformer {
  return (prev, method, payload, signal) => prev(method, payload, (signal ? AbortSignal.any([nativeSignal(signal), stop]) : stop) as unknown as typeof signal);
}

/** One native signal per polyfill signal: long polling passes the same one to every getUpdates call. */
const bridged = new WeakMap<object, AbortSignal>();

/**
 * grammY's own signals (long polling's) come from the abort-controller polyfill, which Node 24's
 * AbortSignal.any refuses ("signals[0] is not of type AbortSignal": polling never started on Node 24).
 * A foreign signal is followed by a native one, made once per signal so that polling adds one
 * listener in all, not one per call.
 */
export function nativeSignal(signal: object): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const known = bridged.get(signal);
  if (known) return known;
  const foreign = signal as { aborted: boolean; reason?: unknown; addEventListener(type: 'abort', listener: () => void, options?: { once: boolean }): void };
  const controller = new AbortController();
  if (foreign.aborted) controller.abort(foreign.reason);
  else foreign.addEventListener('abort', () => controller.abort(foreign.reason), { once: true });
  bridged.set(signal, controller.signal);
  return controller.signal;
}

/** Telegram's limit for a photo's or document's caption, in characters. */
const CAPTION_LIMIT = 1024;

/** Where stored files (a broadcast's attachment) are uploaded once and re-sent by file_id. */
export interface TelegramFileIds {
  telegramFileId(ref: string): string | undefined;
  rememberTelegramFileId(ref: string, fileId: string): void;
}

export interface SendOptions {
  /** Pause between two messages to the same chat (the outbox keeps Telegram's 1 message/s per chat). */
  gapMs?: number;
  files?: TelegramFileIds;
  /** Uploads of stored files under way (shared by concurrent sends), so a file is uploaded once. */
  uploads?: Map<string, Promise<unknown>>;
  /** Where an outbox row's earlier attempt stopped (messages already delivered are skipped). */
  progress?: PartProgress;
}

/**
 * A reply with one file, no caption of its own and a short text goes out as one message: the file,
 * the text as its caption, the buttons under it (a broadcast with its decision attached).
 */
function asCaption(reply: Reply): string | null {
  const [only, ...more] = reply.attachments ?? [];
  if (!only || more.length > 0 || only.caption) return null;
  const chunks = splitMessage(reply.text, TELEGRAM_TEXT_LIMIT, renderHtmlLine);
  const plain = reply.text.map((part) => (typeof part === 'string' ? part : part.text)).join('');
  return chunks.length === 1 && plain.length <= CAPTION_LIMIT ? chunks[0]! : null;
}

/** How many Telegram messages a reply becomes (the outbox counts them against the per-second budget). */
export function telegramMessageCount(reply: Reply): number {
  if (asCaption(reply) !== null) return 1;
  return splitMessage(reply.text, TELEGRAM_TEXT_LIMIT, renderHtmlLine).length + (reply.attachments?.length ?? 0);
}

/** Renders reply models as Telegram calls: HTML text split at 4096, inline buttons, files. */
export async function sendReplies(api: Api, chatId: number | string, replies: Reply[], options: SendOptions = {}): Promise<void> {
  let sent = 0;
  const pace = async () => {
    if (sent > 0 && options.gapMs) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    sent += 1;
  };
  const parts = partSteps(options.progress);
  for (const reply of replies) {
    const keyboard = buildKeyboard(reply);
    const caption = asCaption(reply);
    if (caption === null) {
      const chunks = splitMessage(reply.text, TELEGRAM_TEXT_LIMIT, renderHtmlLine);
      for (const [index, chunk] of chunks.entries()) {
        const last = index === chunks.length - 1;
        await parts.step(async () => {
          await pace();
          await api.sendMessage(chatId, chunk, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(last && keyboard ? { reply_markup: keyboard } : {}),
          });
        });
      }
    }
    for (const attachment of reply.attachments ?? []) {
      if (parts.givingUp()) {
        // This file failed again and again: a note in its place, with the text and buttons it carried.
        const note = escapeHtml(attachmentNote(attachment.filename));
        await parts.step(async () => {
          await pace();
          await api.sendMessage(chatId, caption !== null ? `${caption}\n\n${note}` : note, { parse_mode: 'HTML', ...(caption !== null && keyboard ? { reply_markup: keyboard } : {}) });
        });
        continue;
      }
      await parts.step(() => sendAttachment(attachment, caption, keyboard));
    }
  }

  async function sendAttachment(attachment: Attachment, caption: string | null, keyboard: InlineKeyboard | undefined): Promise<void> {
    {
      const { ref } = attachment;
      let known = ref ? options.files?.telegramFileId(ref) : undefined;
      const inFlight = ref && !known ? options.uploads?.get(ref) : undefined;
      if (ref && inFlight) {
        // Another recipient's copy is uploading this file: wait for its file_id rather than upload it again.
        await inFlight.catch(() => undefined);
        known = options.files?.telegramFileId(ref);
      }
      const file = known ?? new InputFile(attachment.data, attachment.filename);
      const extra = {
        ...(caption !== null ? { caption, parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard } : {}) } : attachment.caption ? { caption: attachment.caption } : {}),
      };
      await pace();
      const sending = (async () =>
        attachment.kind === 'photo'
          ? (await api.sendPhoto(chatId, file, extra)).photo?.at(-1)?.file_id
          : (await api.sendDocument(chatId, file, extra)).document?.file_id)();
      if (ref && !known) options.uploads?.set(ref, sending);
      try {
        const fileId = await sending;
        if (ref && !known && fileId) options.files?.rememberTelegramFileId(ref, fileId);
      } finally {
        if (ref && options.uploads?.get(ref) === sending) options.uploads.delete(ref);
      }
    }
  }
}

function buildKeyboard(reply: Reply): InlineKeyboard | undefined {
  if (!reply.choices || reply.choices.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const row of reply.choices) {
    // Commands fit Telegram's 64-byte callback data: the reply model checks it where replies are made.
    for (const choice of row) keyboard.text(choice.label, choice.command);
    keyboard.row();
  }
  return keyboard;
}

/** The command menu Telegram shows to a member of `role` (or to strangers, null). */
export function menuFor(role: Role | null): { command: string; description: string }[] {
  if (role === null) {
    return [
      { command: 'start', description: 'Tham gia bằng mã mời: /start <mã>' },
      { command: 'trogiup', description: 'Cách tham gia dondoc' },
    ];
  }
  return listedFor(commands, role)
    .map((c) => ({ command: c.name, description: c.summary.slice(0, 256) }))
    .concat([{ command: 'trogiup', description: 'Xem các lệnh bạn dùng được' }]);
}

function toIncoming(ctx: Context, download: (fileId: string) => Promise<Buffer>): IncomingMessage | undefined {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat || from.is_bot) return undefined;
  const base = {
    platform: PLATFORM,
    updateId: String(ctx.update.update_id),
    platformUserId: String(from.id),
    chatId: String(chat.id),
    chatType: chat.type === 'private' ? ('private' as const) : ('group' as const),
    senderName: [from.first_name, from.last_name].filter(Boolean).join(' '),
  };
  if (ctx.callbackQuery?.data !== undefined) return { ...base, choice: ctx.callbackQuery.data };
  const text = ctx.message?.text;
  if (text !== undefined && base.chatType === 'group' && !text.trimStart().startsWith('/')) {
    // In a group: "@dondoc_bot II.3.3 xong" or a reply to one of dondoc's messages is meant for it.
    const mention = new RegExp(`@${ctx.me.username}\\b`, 'gi');
    const addressed = mention.test(text) || ctx.message?.reply_to_message?.from?.id === ctx.me.id;
    return { ...base, text: text.replace(mention, ' ').replace(/\s+/g, ' ').trim(), addressed };
  }
  if (text !== undefined) return { ...base, text };
  const document = ctx.message?.document;
  if (document) {
    return {
      ...base,
      file: {
        name: document.file_name ?? 'tep-khong-ten',
        size: document.file_size ?? 0,
        caption: ctx.message?.caption ?? '',
        ref: document.file_id,
        mimeType: document.mime_type ?? null,
        download: () => download(document.file_id),
      },
    };
  }
  const photo = ctx.message?.photo?.at(-1);
  if (photo) {
    return {
      ...base,
      file: {
        name: `anh-${ctx.message!.message_id}.jpg`,
        size: photo.file_size ?? 0,
        caption: ctx.message?.caption ?? '',
        ref: photo.file_id,
        mimeType: 'image/jpeg',
        download: () => download(photo.file_id),
      },
    };
  }
  if (ctx.message) return { ...base, unsupported: true };
  return undefined;
}

/**
 * Builds the grammY bot: one composer for chat messages, one for button presses, an "unhandled"
 * last, all inside an error boundary; outgoing calls go through auto-retry.
 */
export function createBot(token: string, deps: TelegramBotDeps): Bot {
  const bot = new Bot(token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    ...(deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {}),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 300 }));
  // Installed after auto-retry, so it runs first: auto-retry sees the aborted signal and gives up too.
  if (deps.signal) bot.api.config.use(abortOn(deps.signal));

  const apiRoot = deps.apiRoot ?? 'https://api.telegram.org';
  /** A file a user sent: getFile, then the Bot API's file URL. */
  const download = async (fileId: string) => {
    const file = await bot.api.getFile(fileId);
    const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`, deps.signal ? { signal: deps.signal } : {});
    if (!response.ok) throw new DeliveryError('file download failed', { platform: PLATFORM, method: 'file', status: response.status });
    return Buffer.from(await response.arrayBuffer());
  };

  const capabilities = (chatId: string): TransportCapabilities => ({
    buttons: true,
    typing: () => bot.api.sendChatAction(Number(chatId), 'typing'),
    links: { startLink: (code) => `https://t.me/${bot.botInfo.username}?start=${code.replace(/\s/g, '')}` },
  });

  const handle = async (ctx: Context, incoming: IncomingMessage) => {
    const log = deps.logger.child({ update_id: ctx.update.update_id });
    const outcome = await deps.dispatcher.handle(incoming, capabilities(incoming.chatId));
    await sendReplies(ctx.api, Number(incoming.chatId), outcome.replies);
    const menuRole = outcome.linked?.role ?? outcome.menu;
    if (menuRole && incoming.chatType === 'private') {
      await ctx.api
        .setMyCommands(menuFor(menuRole), { scope: { type: 'chat', chat_id: Number(incoming.chatId) } })
        .catch((error: unknown) => log.warn({ err: error }, 'could not set the command menu for a chat'));
    }
  };

  const messages = new Composer<Context>();
  messages.on('message', async (ctx) => {
    const incoming = toIncoming(ctx, download);
    if (incoming) await handle(ctx, incoming);
  });

  const buttons = new Composer<Context>();
  buttons.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const incoming = toIncoming(ctx, download);
    if (incoming) await handle(ctx, incoming);
  });

  const unhandled = new Composer<Context>();
  unhandled.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  unhandled.use(() => undefined);

  const inbox = deps.inbox;
  if (inbox) {
    bot.use(async (ctx, next) => {
      const id = String(ctx.update.update_id);
      if (!inbox.admit(PLATFORM, id, ctx.update)) return;
      await next();
      inbox.handled(PLATFORM, id);
    });
  }

  bot.errorBoundary((error) => {
    deps.logger.error({ err: error.error, update_id: error.ctx.update.update_id }, 'update failed');
  }).use(messages, buttons, unhandled);

  bot.catch((error) => deps.logger.error({ err: error.error }, 'unhandled bot error'));
  return bot;
}
