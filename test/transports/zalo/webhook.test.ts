import { afterEach, describe, expect, it } from 'vitest';
import { zaloText } from '../../helpers/fake-zalo-api.js';
import { ZaloHarness } from '../../helpers/zalo-harness.js';
import { waitFor } from '../../helpers/wait.js';

const SECRET = 'zalo-webhook-secret-2024';
let z: ZaloHarness;
let base: string;

afterEach(async () => {
  await z.close();
});

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
    // Wait for a later message's answer (an event, not a fixed time): the duplicate came before it.
    expect((await post(JSON.stringify(zaloText('u-1', '/toi')))).status).toBe(200);
    expect(await waitFor(() => z.sentTo('u-1').length >= 2, 10_000)).toBe(true);
    expect(z.sentTo('u-1')).toHaveLength(2);
    expect(z.sentTo('u-1').filter((m) => m.includes('chưa được liên kết'))).toHaveLength(2);
  });

  it('rejects or ignores bad calls without side effects', async () => {
    await startWebhook();
    expect((await post(JSON.stringify(zaloText('u-2', '/trogiup')), 'wrong-secret-000000')).status).toBe(401);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('x'.repeat(1024 * 1024))).status).toBe(413);
    expect((await post(JSON.stringify({ event_name: 'message.reaction.received', message: zaloText('u-2', 'x').message }))).status).toBe(200);
    expect((await post(JSON.stringify({ hello: 'world' }))).status).toBe(200);
    // A good message after the bad ones: once it is answered, the bad ones have had their chance.
    expect((await post(JSON.stringify(zaloText('u-2', '/trogiup')))).status).toBe(200);
    expect(await waitFor(() => z.api.sent.length >= 1, 10_000)).toBe(true);
    expect(z.api.sent).toHaveLength(1);
    expect(z.sentTo('u-2')).toHaveLength(1);
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
  it('checks the token, deletes the webhook, takes empty polls (408) in its stride, and answers what comes in', async () => {
    z = await new ZaloHarness().start({ env: { DONDOC_HTTP_PORT: '0' } });
    await z.app.start();
    expect(z.api.calls.slice(0, 2)).toEqual(['getMe', 'deleteWebhook']);
    // Wait for the event itself (a second poll after an empty one), not for a fixed time.
    expect(await waitFor(() => z.api.calls.filter((c) => c === 'getUpdates').length >= 2, 10_000)).toBe(true);
    z.api.push(zaloText('u-9', '/start'));
    expect(await waitFor(() => z.sentTo('u-9').length === 1)).toBe(true);
    expect(z.sentTo('u-9')[0]).toContain('Để tham gia');
  });

  it('reads HTTP 200 with error_code 408 in the body as an empty poll too, not as a failure to back off from', async () => {
    z = await new ZaloHarness().start({ env: { DONDOC_HTTP_PORT: '0' } });
    z.api.emptyPollStatus = 200;
    await z.app.start();
    // An empty poll takes 150 ms at the fake server; a failure would back off 1 s, then 2 s, then 4 s.
    expect(await waitFor(() => z.api.calls.filter((c) => c === 'getUpdates').length >= 4, 3_000)).toBe(true);
    z.api.push(zaloText('u-8', '/start'));
    expect(await waitFor(() => z.sentTo('u-8').length === 1)).toBe(true);
  });
});

