import { afterEach, describe, expect, it } from 'vitest';
import { encodeReplies } from '../../src/app/reply-codec.js';
import { textReply } from '../../src/app/reply.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

let api: FakeBotApi;
let t: ReturnType<typeof createTestApp>;

afterEach(async () => {
  await t.close();
  await api.stop();
});

async function setup(options: ConstructorParameters<typeof FakeBotApi>[0], env: Record<string, string> = {}) {
  api = new FakeBotApi(options);
  const root = await api.start();
  t = createTestApp({ start: '2024-07-01T01:30:00Z', env: { TELEGRAM_BOT_TOKEN: `123456789:${'A'.repeat(35)}`, TELEGRAM_API_ROOT: root, ...env } });
  // The server counts Telegram's limits on the app's fake clock: pauses and pacing are exact.
  api.now = () => t.clock.now().getTime();
  const { store } = t.app;
  const now = t.clock.now();
  const stp = store.agencies.byCode('STP')!;
  const snv = store.agencies.byCode('SNV')!;
  const admin = linkedMember(store, { displayName: 'Quản trị', agencyId: snv.id, role: 'admin' }, { platform: 'telegram', chatId: '4999' }, now);
  const members = Array.from({ length: 60 }, (_, i) => {
    const m = linkedMember(store, { displayName: `Đầu mối ${i}`, agencyId: stp.id, role: 'focal' }, { platform: 'telegram', chatId: String(5000 + i) }, now);
    store.outbox.enqueue({ dedupeKey: `test:${i}`, purpose: 'digest', memberId: m.id, platform: 'telegram', chatId: String(5000 + i), payload: encodeReplies([textReply(`Nhắc việc số ${i}`)]) }, now);
    return m;
  });
  return { admin, members };
}

describe('the outbox against a local Bot API enforcing Telegram limits', () => {
  it('rides out a 429 storm: the whole platform pauses for retry_after, nothing is dropped or sent twice', async () => {
    await setup({ stormFirst: 5, retryAfter: 1 });
    const started = t.clock.now().getTime();
    await t.app.worker.drain({ untilIdle: true, timeoutMs: 30_000 });
    expect(api.received).toHaveLength(60);
    expect(new Set(api.received.map((m) => m.chatId)).size).toBe(60);
    expect(api.ignored429).toBe(0);
    // Only calls already under way when the first 429 came back (at most the sender's 8 concurrent
    // calls) may arrive during the pause; everything else waits for retry_after (1 s) on the clock.
    const first429 = api.rejected.find((r) => r.status === 429)!;
    const duringPause = api.received.filter((m) => m.at > first429.at && m.at < first429.at + 1000);
    expect(duringPause.length).toBeLessThanOrEqual(8);
    expect(api.received.filter((m) => m.at >= first429.at + 1000).length).toBeGreaterThanOrEqual(60 - 8 - api.received.filter((m) => m.at <= first429.at).length);
    expect(t.clock.now().getTime() - started).toBeGreaterThanOrEqual(1000);
    expect(t.app.store.outbox.countByStatus()).toEqual({ sent: 60 });
  });

  it('marks a member who blocked the bot unreachable, tells Sở Nội vụ once, and delivers the rest', async () => {
    const { members } = await setup({ blocked: ['5007'] });
    await t.app.worker.drain({ untilIdle: true, timeoutMs: 30_000 });
    expect(t.app.store.outbox.countByStatus()).toMatchObject({ sent: 60, unreachable: 1 });
    expect(api.received.filter((m) => m.chatId === '5007')).toEqual([]);
    const notice = api.received.find((m) => m.chatId === '4999')!;
    expect(notice.text).toContain('Không gửi được tin cho Đầu mối 7 (Sở Tư pháp) trên telegram');
    expect(t.app.store.members.unreachable().map((u) => u.member.id)).toEqual([members[7]!.id]);
    expect(t.app.store.members.deliveryAccount(members[7]!)).toBeUndefined();
  });

  it('retries network errors with backoff and fails a message for good with its reason', async () => {
    await setup({}, { DONDOC_TELEGRAM_MAX_PER_SECOND: '1000', DONDOC_TELEGRAM_CHAT_GAP_MS: '0' });
    await api.stop();
    await t.app.worker.drain();
    const counts = t.app.store.outbox.countByStatus();
    expect(counts.pending).toBe(60);
    for (let i = 0; i < 6; i += 1) {
      t.clock.advance(10 * 60_000);
      await t.app.worker.drain();
    }
    expect(t.app.store.outbox.countByStatus()).toEqual({ failed: 60 });
    expect(t.app.store.outbox.byId(1)!.lastError).toMatch(/fetch|ECONNREFUSED|Network/i);
  });
});

describe('rows of several platform messages', () => {
  it('never resends a delivered part, and replaces a file that keeps failing by a note', async () => {
    await setup({}, { DONDOC_TELEGRAM_MAX_PER_SECOND: '1000', DONDOC_TELEGRAM_CHAT_GAP_MS: '0' });
    const { store } = t.app;
    // Only this row: a weekly digest of two text chunks (over 4,096 characters) and a chart.
    store.db.prepare("UPDATE outbox SET status = 'sent'").run();
    const long = Array.from({ length: 120 }, (_, i) => `Dòng ${i}: Sở Tư pháp — 3 nhiệm vụ quá hạn, 2 báo cáo chưa nộp.`).join('\n');
    const chart = { kind: 'photo' as const, filename: 'xu-huong.png', mimeType: 'image/png', data: Buffer.from('png') };
    const id = store.outbox.enqueue({ dedupeKey: 'weekly:1', purpose: 'digest', memberId: null, platform: 'telegram', chatId: '7777', payload: encodeReplies([{ text: [long], attachments: [chart] }]) }, t.clock.now());
    api.failNext.set('sendPhoto', [1, 2, 3, 4].map(() => ({ status: 500, description: 'Internal Server Error: chart upload failed' })));
    for (let attempt = 0; attempt < 4 && store.outbox.byId(id)!.status !== 'sent'; attempt += 1) {
      await t.app.worker.drain();
      t.clock.advance(10 * 60_000);
    }
    const row = store.outbox.byId(id)!;
    expect(row.status).toBe('sent');
    const texts = api.received.filter((m) => m.chatId === '7777').map((m) => m.text);
    // Two chunks of text, each once; then, on the third try, the note instead of the chart.
    expect(texts.filter((x) => x.startsWith('Dòng 0:'))).toHaveLength(1);
    expect(texts.filter((x) => x.includes('Dòng 119:'))).toHaveLength(1);
    expect(texts.at(-1)).toBe('📎 Không gửi được tệp “xu-huong.png” qua nền tảng chat sau nhiều lần thử. Hãy xem tệp trên dondoc bằng máy tính hoặc đề nghị Sở Nội vụ gửi lại.');
    expect(texts).toHaveLength(3);
    expect(api.served.filter((c) => c.method === 'sendPhoto').map((c) => c.status)).toEqual([500, 500]);
  });
});
