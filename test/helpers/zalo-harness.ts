import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/create-app.js';
import { FakeClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { FakeZaloApi, zaloText } from './fake-zalo-api.js';

/** Drives the real Zalo transport (ZaloBot.handleUpdate) against a local stand-in of the Zalo Bot API. */
export class ZaloHarness {
  readonly api = new FakeZaloApi();
  clock!: FakeClock;
  app!: App;
  private dir = '';

  /** `logs`: the app's log lines, parsed, collected here (default: silent). */
  async start(options: { start?: string; env?: Record<string, string>; logs?: Record<string, unknown>[] } = {}): Promise<this> {
    const root = await this.api.start();
    this.dir = mkdtempSync(join(tmpdir(), 'dondoc-zalo-'));
    this.clock = new FakeClock(options.start ?? '2024-06-24T02:00:00Z');
    this.api.now = () => this.clock.now().getTime();
    const config = loadConfig({
      DONDOC_DB_PATH: join(this.dir, 'dondoc.sqlite'),
      ZALO_BOT_TOKEN: 'zalo-test-token-123456',
      ZALO_API_ROOT: root,
      DONDOC_LOG_LEVEL: 'silent',
      DONDOC_SCHEDULER: 'false',
      DONDOC_ZALO_MAX_PER_SECOND: '1000',
      DONDOC_ZALO_CHAT_GAP_MS: '0',
      ...options.env,
    });
    const logs = options.logs;
    const logger = logs ? createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }) : createLogger('silent');
    this.app = createApp(config, { logger, clock: this.clock });
    return this;
  }

  /** A text message from a Zalo user; returns the texts dondoc sent back to that chat. */
  async send(userId: string, text: string): Promise<string[]> {
    const before = this.api.sent.length;
    await this.app.zalo!.handleUpdate(zaloText(userId, text));
    return this.api.sent.slice(before).filter((m) => m.chatId === userId).map((m) => m.text);
  }

  /** Joins with an invite code the way a person does on Zalo: the code, then "1" (Đồng ý) under the privacy notice. Returns the welcome. */
  async join(userId: string, code: string): Promise<string[]> {
    const notice = await this.send(userId, code);
    if (!notice.some((t) => t.includes('1. ✅ Đồng ý'))) throw new Error(`no privacy notice after the code: ${notice.join(' | ')}`);
    return this.send(userId, '1');
  }

  /** Everything sent to a chat since index `from`. */
  sentTo(userId: string, from = 0): string[] {
    return this.api.sent.slice(from).filter((m) => m.chatId === userId).map((m) => m.text);
  }

  async close(): Promise<void> {
    await this.app.stop();
    await this.api.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
