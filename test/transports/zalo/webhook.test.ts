import { afterEach, describe, expect, it } from 'vitest';
import { zaloText } from '../../helpers/fake-zalo-api.js';
import { ZaloHarness } from '../../helpers/zalo-harness.js';

const SECRET = 'zalo-webhook-secret-2024';
let z: ZaloHarness;
let base: string;

afterEach(async () => {
  await z.close();
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !condition()) await new Promise((r) => setTimeout(r, 10));
  return condition();
}

describe('Zalo webhook mode', () => {
  async function startWebhook() {
    z = await new ZaloHarness().start({
      env: { ZALO_WEBHOOK_SECRET: SECRET, DONDOC_PUBLIC_URL: 'https://dondoc.example.vn', DONDOC_HTTP_PORT: '0' },
    });
    const { httpUrl, localChatUrl } = await z.app.start();
    expect(localChatUrl).toBeUndefined();
    base = httpUrl!.replace(/\/$/, '');
  }
  const post = (body: string, secret = SECRET) =>
    fetch(`${base}/zalo/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Bot-Api-Secret-Token': secret }, body });

  it('registers the webhook, answers 200 at once, replies after, and ignores a duplicate message id', async () => {
    await startWebhook();
    expect(z.api.calls).toContain('setWebhook');
    const update = zaloText('u-1', '/trogiup');
    const response = await post(JSON.stringify({ ok: true, result: update }));
    expect(response.status).toBe(200);
    expect(await waitFor(() => z.sentTo('u-1').length === 1)).toBe(true);
    expect(z.sentTo('u-1')[0]).toContain('chưa được liên kết');
    expect((await post(JSON.stringify(update))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(z.sentTo('u-1')).toHaveLength(1);
  });

  it('rejects or ignores bad calls without side effects', async () => {
    await startWebhook();
    expect((await post(JSON.stringify(zaloText('u-2', '/trogiup')), 'wrong-secret-000000')).status).toBe(401);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('x'.repeat(1024 * 1024))).status).toBe(413);
    expect((await post(JSON.stringify({ event_name: 'message.reaction.received', message: zaloText('u-2', 'x').message }))).status).toBe(200);
    expect((await post(JSON.stringify({ hello: 'world' }))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(z.api.sent).toEqual([]);
    expect((z.app.store.db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n).toBe(0);
  });

  it('answers a sticker or an unsupported message with a short, friendly note', async () => {
    await startWebhook();
    const sticker = { event_name: 'message.sticker.received', message: { ...zaloText('u-3', '').message!, text: undefined, sticker: 'abc' } };
    await post(JSON.stringify(sticker));
    expect(await waitFor(() => z.sentTo('u-3').length === 1)).toBe(true);
    expect(z.sentTo('u-3')[0]).toContain('Xin chào! Đây là dondoc');
  });
});

describe('Zalo polling mode', () => {
  it('deletes the webhook first, takes empty polls (408) in its stride, and answers what comes in', async () => {
    z = await new ZaloHarness().start({ env: { DONDOC_HTTP_PORT: '0' } });
    await z.app.start();
    expect(z.api.calls[0]).toBe('deleteWebhook');
    await new Promise((r) => setTimeout(r, 400));
    expect(z.api.calls.filter((c) => c === 'getUpdates').length).toBeGreaterThanOrEqual(2);
    z.api.push(zaloText('u-9', '/start'));
    expect(await waitFor(() => z.sentTo('u-9').length === 1)).toBe(true);
    expect(z.sentTo('u-9')[0]).toContain('Để tham gia');
  });
});
