import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/create-app.js';
import { FakeClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { openDatabase } from '../../../src/store/database.js';
import { FakeBotApi } from '../../helpers/fake-bot-api.js';
import { linkedMember } from '../../helpers/members.js';
import { waitFor } from '../../helpers/wait.js';

/**
 * Focal points of Sở Tư pháp, each asking for an extension of a task of its own (9.1 … 9.12) in the
 * same burst: one task has at most one request waiting, so each asks about a different task.
 */
const N = 12;
const BASE = '2024-06-24T02:00:00Z';
const SECRET = 'telegram-webhook-secret-2026';
const FIRST_CHAT = 5000;
const dir = mkdtempSync(join(tmpdir(), 'dondoc-webhook-crash-'));
const db = join(dir, 'webhook.sqlite');
let api: FakeBotApi;
let root: string;

function startChild(): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/webhook-child.ts', db, root, BASE, SECRET], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<string>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim().replace(/^listening /, '')));
    child.on('exit', () => resolve('exited'));
  });
  return { child, ready };
}

/** The update Telegram posts when focal point `i` types an extension request in their private chat. */
function extensionRequest(i: number): string {
  const chat = FIRST_CHAT + i;
  return JSON.stringify({
    update_id: 700_000 + i,
    message: { message_id: i + 1, date: 0, chat: { id: chat, type: 'private', first_name: `Đầu mối ${i}` }, from: { id: chat, is_bot: false, first_name: `Đầu mối ${i}` }, text: `gia hạn 9.${i + 1} đến 30/9 vì chờ hướng dẫn của Bộ` },
  });
}

function count(sql: string): number {
  const peek = openDatabase(db, { migrate: false });
  try {
    return (peek.prepare(sql).get() as { n: number }).n;
  } finally {
    peek.close();
  }
}

const requests = () => count("SELECT COUNT(*) AS n FROM status_events WHERE status = 'extension_requested'");

beforeAll(async () => {
  api = new FakeBotApi({ perSecond: 1_000_000, perChatGapMs: 0 });
  root = await api.start();
  const config = loadConfig({ DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent', DONDOC_SCHEDULER: 'false', TELEGRAM_BOT_TOKEN: `123456789:${'A'.repeat(35)}`, TELEGRAM_API_ROOT: root });
  const app = createApp(config, { logger: createLogger('silent'), clock: new FakeClock(BASE) });
  const { store, services } = app;
  const now = new Date(BASE);
  linkedMember(store, { displayName: 'Quản trị', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'telegram', chatId: '1001' }, now);
  for (let i = 0; i < N; i += 1) {
    linkedMember(store, { displayName: `Đầu mối ${i}`, agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'telegram', chatId: String(FIRST_CHAT + i) }, now);
  }
  const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
  expect((await services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2024 })).ok).toBe(true);
  const burst = ['STT,Nhiệm vụ,Cơ quan chủ trì,Thời gian thực hiện', ...Array.from({ length: N }, (_, i) => `9.${i + 1},Việc ${i + 1},Sở Tư pháp,Quý III/2024`)].join('\r\n');
  expect((await services.plans.importFile('burst.csv', Buffer.from(burst), { name: 'KH loạt', year: 2024 })).ok).toBe(true);
  await app.stop();
});

afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Telegram webhook mode killed during a burst of updates (#28)', () => {
  it('handles each update once: one request recorded and one notice to Sở Nội vụ per update, none again at restart', async () => {
    // Replies hang (the Bot API reads sendMessage and never answers): every update of the burst is
    // past its recorded event and waiting on its reply when the process is killed.
    api.stalled.add('sendMessage');
    const first = startChild();
    const url = await first.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/telegram\/webhook$/);
    const post = (body: string, to = url) => fetch(to, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: N }, (_, i) => post(extensionRequest(i))));
    expect(new Set(statuses)).toEqual(new Set([200]));
    // The precondition of the fault: every request is committed, no member has had an answer yet.
    expect(await waitFor(() => requests() === N, 20_000, 50)).toBe(true);
    expect(await waitFor(() => api.served.filter((c) => c.method === 'sendMessage' && Number(c.body.chat_id) >= FIRST_CHAT).length === N, 10_000, 20)).toBe(true);
    await new Promise<void>((resolve) => {
      first.child.once('exit', () => resolve());
      first.child.kill('SIGKILL');
    });

    api.stalled.delete('sendMessage');
    const second = startChild();
    const restarted = await second.ready;
    expect(restarted).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/telegram\/webhook$/);
    // Whatever the restart replays is handled once the inbox holds no unhandled update.
    expect(await waitFor(() => count('SELECT COUNT(*) AS n FROM incoming_updates WHERE handled_at IS NULL') === 0, 20_000, 50)).toBe(true);
    // Telegram re-sends an update it got no 200 for; one already handled is a no-op end to end.
    expect(await post(extensionRequest(0), restarted)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await new Promise<void>((resolve) => {
      second.child.once('exit', () => resolve());
      second.child.kill('SIGTERM');
    });

    // One history row per request (the old code recorded each again at restart: 2 × N) …
    expect(requests()).toBe(N);
    // … one notice to Sở Nội vụ per request (the outbox row keyed by the event) …
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE 'extension:%'")).toBe(N);
    // … and no member answered twice (an answer in flight at the kill is not sent again).
    const answers = new Map<string, number>();
    for (const m of api.received.filter((r) => Number(r.chatId) >= FIRST_CHAT)) answers.set(m.chatId, (answers.get(m.chatId) ?? 0) + 1);
    expect([...answers.values()].filter((n) => n > 1)).toEqual([]);
  }, 90_000);
});
