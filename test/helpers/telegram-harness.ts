import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update, UserFromGetMe } from 'grammy/types';
import { createApp, type App } from '../../src/create-app.js';
import { FakeClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { FakeBotApi, type FakeBotApiOptions } from './fake-bot-api.js';

export const BOT_INFO: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: 'dondoc',
  username: 'dondoc_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

type Transformer = (method: string, payload: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>;

export interface HarnessOptions {
  start?: string;
  env?: Record<string, string>;
  /** Limits and delays of the fake Bot API server (default: none). */
  api?: FakeBotApiOptions;
  /** Collects the app's log lines (parsed JSON) at level info and above; default: no logging. */
  logs?: Record<string, unknown>[];
}

export interface TgUser {
  id: number;
  first_name: string;
  last_name?: string;
}

/**
 * Drives the real grammY bot through handleUpdate. Every outgoing call goes through grammY's own
 * client (auto-retry included) to a local fake Bot API server, and is recorded on the way; the
 * store is a real SQLite file. Errors are injected on the server (`api.failNext`).
 */
export class TelegramHarness {
  readonly calls: ApiCall[] = [];
  readonly clock: FakeClock;
  readonly app: App;
  private updateId = 1;
  private messageId = 1;

  private constructor(
    readonly api: FakeBotApi,
    root: string,
    /** The harness's own folder: the SQLite file is dondoc.sqlite in it. */
    readonly dir: string,
    options: HarnessOptions,
  ) {
    this.clock = new FakeClock(options.start ?? '2026-11-23T02:00:00Z');
    api.now = () => this.clock.now().getTime();
    const config = loadConfig({
      DONDOC_DB_PATH: join(this.dir, 'dondoc.sqlite'),
      TELEGRAM_BOT_TOKEN: `123456789:${'A'.repeat(35)}`,
      TELEGRAM_API_ROOT: root,
      DONDOC_LOG_LEVEL: 'silent',
      DONDOC_SCHEDULER: 'false',
      DONDOC_TELEGRAM_CHAT_GAP_MS: '0',
      DONDOC_TELEGRAM_MAX_PER_SECOND: '1000',
      ...options.env,
    });
    const logs = options.logs;
    const logger = logs ? createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }) : createLogger('silent');
    this.app = createApp(config, { logger, clock: this.clock, telegram: { botInfo: BOT_INFO } });
    const record = (prev: Transformer, method: string, payload: Record<string, unknown>, signal?: AbortSignal) => {
      this.calls.push({ method, payload });
      return prev(method, payload, signal);
    };
    this.app.bot!.api.config.use(record as never);
    this.app.outboundApi!.config.use(record as never);
  }

  /** A harness with its own database and fake Bot API server (no Telegram limits unless asked). */
  static async start(options: HarnessOptions = {}): Promise<TelegramHarness> {
    const api = new FakeBotApi({ perSecond: 1_000_000, perChatGapMs: 0, retryAfter: 0, ...options.api });
    const root = await api.start();
    return new TelegramHarness(api, root, mkdtempSync(join(tmpdir(), 'dondoc-tg-')), options);
  }

  /** Files "uploaded" to Telegram by users, by file_id, for the bot to download. */
  get files(): Map<string, Buffer> {
    return this.api.files;
  }

  /** A message typed by `user` in their private chat with the bot. */
  async send(user: TgUser, text: string): Promise<string[]> {
    const before = this.calls.length;
    const entities = text.startsWith('/')
      ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }]
      : undefined;
    await this.app.bot!.handleUpdate(this.privateMessage(user, { text, ...(entities ? { entities } : {}) }));
    return this.textsSince(before, user.id);
  }

  /** A message typed by `user` in a group chat the bot is in; returns what the bot answered in that group. */
  /** A message from `user` in a group; `replyToBot`: as a reply to one of dondoc's messages there. */
  async sendInGroup(user: TgUser, groupId: number, text: string, options: { replyToBot?: boolean } = {}): Promise<string[]> {
    const before = this.calls.length;
    const entities = text.startsWith('/') ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    await this.app.bot!.handleUpdate({
      update_id: this.updateId++,
      message: {
        message_id: this.messageId++,
        date: Math.floor(this.clock.now().getTime() / 1000),
        chat: { id: groupId, type: 'supergroup', title: 'CCHC tỉnh' },
        from: { ...user, is_bot: false },
        text,
        ...(entities ? { entities } : {}),
        ...(options.replyToBot
          ? { reply_to_message: { message_id: 1, date: Math.floor(this.clock.now().getTime() / 1000), chat: { id: groupId, type: 'supergroup', title: 'CCHC tỉnh' }, from: { id: BOT_INFO.id, is_bot: true, first_name: 'dondoc' }, text: 'Nhắc việc' } }
          : {}),
      },
    } as Update);
    return this.textsSince(before, groupId);
  }

  /** An update carrying a message from `user` in their private chat, with the given content. */
  private privateMessage(user: TgUser, content: Record<string, unknown>): Update {
    return {
      update_id: this.updateId++,
      message: {
        message_id: this.messageId++,
        date: Math.floor(this.clock.now().getTime() / 1000),
        chat: { id: user.id, type: 'private', first_name: user.first_name },
        from: { ...user, is_bot: false },
        ...content,
      },
    } as Update;
  }

  /** A document sent by `user` (the bytes are served to the bot's downloader). */
  async sendDocument(user: TgUser, fileName: string, data: Buffer, caption?: string): Promise<string[]> {
    const before = this.calls.length;
    const fileId = `file-${this.files.size + 1}`;
    this.files.set(fileId, data);
    await this.app.bot!.handleUpdate(
      this.privateMessage(user, {
        document: { file_id: fileId, file_unique_id: fileId, file_name: fileName, file_size: data.length },
        ...(caption ? { caption } : {}),
      }),
    );
    return this.textsSince(before, user.id);
  }

  /** The inline buttons of the last message sent to a chat. */
  lastButtons(chatId: number): { text: string; callback_data: string }[] {
    const last = this.messagesSince(0, chatId).at(-1);
    const markup = last?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
    return markup?.inline_keyboard?.flat() ?? [];
  }

  /** A press on an inline button whose callback data is `data`. */
  async press(user: TgUser, data: string): Promise<string[]> {
    const before = this.calls.length;
    await this.app.bot!.handleUpdate({
      update_id: this.updateId++,
      callback_query: {
        id: String(this.updateId),
        chat_instance: '1',
        from: { ...user, is_bot: false },
        data,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: user.id, type: 'private', first_name: user.first_name },
          text: 'old message',
        },
      },
    } as Update);
    return this.textsSince(before, user.id);
  }

  /**
   * The messages with text sent since call index `from` to `chatId`: sendMessage calls, and files
   * whose caption carries a reply's text (an HTML caption, buttons under the file).
   */
  messagesSince(from: number, chatId?: number): ApiCall[] {
    return this.calls
      .slice(from)
      .filter((c) => (c.method === 'sendMessage' || c.payload.parse_mode === 'HTML') && (chatId === undefined || c.payload.chat_id === chatId));
  }

  private textsSince(from: number, chatId: number): string[] {
    return this.messagesSince(from, chatId).map((c) => String(c.payload.text ?? c.payload.caption));
  }

  /** Joins with an invite code the way a person does: /start <code>, then "Đồng ý" under the privacy notice. Returns the welcome. */
  async join(user: TgUser, code: string): Promise<string[]> {
    const notice = await this.send(user, `/start ${code}`);
    if (!this.lastButtons(user.id).some((b) => b.callback_data === '/dongy')) throw new Error(`no privacy notice after /start: ${notice.join(' | ')}`);
    return this.press(user, '/dongy');
  }

  /** Issues an invite the way the CLI does (the first admin has no chat to ask in). */
  invite(agencyCode: string, role: 'focal' | 'leader' | 'admin', hours?: number): string {
    const issued = this.app.services.onboarding.issueInvite({ agencyCode, role, ...(hours ? { hours } : {}) });
    if (!issued.ok) throw new Error(issued.error);
    return issued.value.code;
  }

  async close(): Promise<void> {
    await this.app.stop();
    await this.api.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The invite code printed in a /moi or /lienket reply. */
export function codeIn(text: string): string {
  const match = /<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})<\/code>/.exec(text);
  if (!match) throw new Error(`no invite code in: ${text}`);
  return match[1]!;
}
