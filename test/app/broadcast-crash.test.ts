import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastMessage } from '../../commands/broadcast.js';
import { createApp, type App } from '../../src/create-app.js';
import { FakeClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/store/database.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { adminAndFocalPoints } from '../helpers/members.js';
import { waitFor } from '../helpers/wait.js';

const MEMBERS = 1000;
const BASE = '2024-07-03T02:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'dondoc-broadcast-'));
const db = join(dir, 'broadcast.sqlite');
let api: FakeBotApi;
let root: string;

function openApp(): App {
  const config = loadConfig({ DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent', DONDOC_SCHEDULER: 'false', TELEGRAM_BOT_TOKEN: `123456789:${'A'.repeat(35)}`, TELEGRAM_API_ROOT: root });
  return createApp(config, { logger: createLogger('silent'), clock: new FakeClock(BASE) });
}

function startChild(): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/scheduler-child.ts', db, root, BASE], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RATE: '400' } });
  const ready = new Promise<string>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', () => resolve('exited'));
  });
  return { child, ready };
}

beforeAll(async () => {
  api = new FakeBotApi({ perSecond: 400, perChatGapMs: 1000, latencyMs: 3 });
  root = await api.start();
  const app = openApp();
  const { store, services } = app;
  const now = new Date(BASE);
  const admin = adminAndFocalPoints(store, MEMBERS, 100_000, now, '1');
  const draft = store.broadcasts.createDraft(admin.id, 'Đề nghị các đơn vị hoàn thành báo cáo năm trước 15/12.', now);
  const audience = services.broadcasts.resolve('focal', admin);
  if (!audience.ok) throw new Error(audience.error);
  store.broadcasts.setAudience(draft.id, 'focal', audience.value.label);
  expect(services.broadcasts.send(draft.id, audience.value.recipients, broadcastMessage(draft.id, draft.body))).toBe(MEMBERS);
  await app.stop();
});

afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a broadcast to 1,000 members through a local Bot API enforcing Telegram limits', () => {
  it('survives a SIGKILL mid-way: a second instance already running takes over; everyone ends with one copy (a second only if in flight at the kill); acks counted; resend reaches only the rest', async () => {
    const first = startChild();
    expect(await first.ready).toBe('started 0');
    // A second instance on the same database waits: the first holds the outbox and scheduler leases.
    const second = startChild();
    expect(await second.ready).toBe('locked');
    expect(await waitFor(() => api.received.filter((m) => m.text.includes('Thông báo của Sở Nội vụ')).length >= 350, 20_000)).toBe(true);
    await new Promise<void>((resolve) => {
      first.child.once('exit', () => resolve());
      first.child.kill('SIGKILL');
    });
    // The precondition: the kill landed mid-send, with members still waiting for their copy.
    expect(new Set(api.received.filter((m) => m.text.includes('Thông báo của Sở Nội vụ')).map((m) => m.chatId)).size).toBeLessThan(MEMBERS);
    const peek = openDatabase(db, { migrate: false });
    const inFlight = (peek.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sending'").get() as { n: number }).n;
    peek.close();
    // The child also runs the reminder scheduler; only the broadcast's messages are counted here.
    const copies = () => api.received.filter((m) => m.text.includes('Thông báo của Sở Nội vụ'));
    // The second instance takes the lapsed lease at its next heartbeat (every 10 s) and sends the rest.
    expect(await waitFor(() => new Set(copies().map((m) => m.chatId)).size >= MEMBERS, 60_000)).toBe(true);
    // Stop it once it has recorded every answer, not merely once the API has the last message: a stop
    // aborts a call in flight and puts its message back in the outbox (at least once, never lost), so a
    // SIGTERM between the API's receipt and the answer would leave one row pending to send again.
    const unsettled = () => {
      const look = openDatabase(db, { migrate: false });
      try {
        return (look.prepare("SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE 'broadcast:1:%' AND status IN ('pending', 'sending')").get() as { n: number }).n;
      } finally {
        look.close();
      }
    };
    expect(await waitFor(() => unsettled() === 0, 30_000, 100)).toBe(true);
    await new Promise<void>((resolve) => {
      second.child.once('exit', () => resolve());
      second.child.kill('SIGTERM');
    });
    const perChat = new Map<string, number>();
    for (const m of copies()) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    const duplicates = [...perChat.values()].reduce((n, c) => n + c - 1, 0);
    process.stdout.write(`broadcast crash test: ${copies().length} copies for ${MEMBERS} members, ${inFlight} in flight at the kill, ${duplicates} sent twice, ${api.ignored429} ignored 429s\n`);
    expect(perChat.size).toBe(MEMBERS);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    expect(api.ignored429).toBe(0);

    const app = openApp();
    try {
      const { store } = app;
      const members = store.members.list().filter((m) => m.role === 'focal');
      for (const m of members.slice(0, 400)) expect(store.broadcasts.acknowledge(1, m.id, new Date(BASE))).toBe('acked');
      expect(store.broadcasts.stats(1)).toMatchObject({ recipients: MEMBERS, sent: MEMBERS, acknowledged: 400, pending: 0 });
      const resent = app.services.broadcasts.resendUnacknowledged(1, broadcastMessage(1, 'nhắc lại'));
      expect(resent).toBe(600);
      const again = store.db.prepare("SELECT member_id AS id FROM outbox WHERE dedupe_key LIKE 'broadcast:1:%:r1'").all() as { id: number }[];
      const acked = new Set(members.slice(0, 400).map((m) => m.id));
      expect(again).toHaveLength(600);
      expect(again.some((r) => acked.has(r.id))).toBe(false);
    } finally {
      await app.stop();
    }
  }, 120_000);
});
