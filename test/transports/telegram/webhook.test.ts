import { afterEach, describe, expect, it } from 'vitest';
import { TelegramHarness } from '../../helpers/telegram-harness.js';
import type { FakeBotApiOptions } from '../../helpers/fake-bot-api.js';
import { waitFor } from '../../helpers/wait.js';

const SECRET = 'telegram-webhook-secret-2026';
const ENV = { TELEGRAM_WEBHOOK_SECRET: SECRET, DONDOC_PUBLIC_URL: 'https://dondoc.example.vn', DONDOC_HTTP_PORT: '0' };
let h: TelegramHarness;

afterEach(async () => {
  await h.close();
});

/** An update as Telegram posts it: a stranger typing /trogiup. */
function update(id: number, chat = 4242): Record<string, unknown> {
  return {
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: chat, type: 'private', first_name: 'Lạ' }, from: { id: chat, is_bot: false, first_name: 'Lạ' }, text: '/trogiup', entities: [{ type: 'bot_command', offset: 0, length: 8 }] },
  };
}

async function startWebhook(api?: FakeBotApiOptions) {
  h = await TelegramHarness.start({ env: ENV, ...(api ? { api } : {}) });
  const { httpUrl } = await h.app.start();
  const url = `${httpUrl!.replace(/\/$/, '')}/telegram/webhook`;
  const post = (body: string, secret: string | null = SECRET) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) }, body });
  return { post };
}

const replies = (chat = 4242) => h.api.received.filter((m) => m.chatId === String(chat));

describe('Telegram webhook mode', () => {
  it("registers the webhook with Telegram's secret and refuses calls without it", async () => {
    const { post } = await startWebhook();
    const setWebhook = h.calls.find((c) => c.method === 'setWebhook')!;
    expect(setWebhook.payload).toMatchObject({ url: 'https://dondoc.example.vn/telegram/webhook', secret_token: SECRET });
    expect((await post(JSON.stringify(update(1)), null)).status).toBe(401);
    expect((await post(JSON.stringify(update(1)), 'wrong-secret-000000000000')).status).toBe(401);
    expect((await post(JSON.stringify(update(1)))).status).toBe(200);
    expect(await waitFor(() => replies().length === 1)).toBe(true);
    // Nothing was recorded for the refused calls: the accepted one is the only update.
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM incoming_updates').get()).toEqual({ n: 1 });
  });

  it('processes an update_id once however often Telegram re-sends it, even concurrently', async () => {
    const { post } = await startWebhook();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => post(JSON.stringify(update(77))).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
    const handled = () => (h.app.store.db.prepare("SELECT handled_at IS NOT NULL AS handled FROM incoming_updates WHERE update_id = '77'").get() as { handled: number }).handled === 1;
    expect(await waitFor(handled)).toBe(true);
    expect(replies()).toHaveLength(1);
  });

  it('answers 200 at once when the reply is slow (Telegram would re-send after a timeout), and the reply still goes out', async () => {
    const { post } = await startWebhook({ latencyMs: 600 });
    const response = await post(JSON.stringify(update(5)));
    expect(response.status).toBe(200);
    // The answer came back before the slow sendMessage finished.
    expect(replies()).toHaveLength(0);
    expect(await waitFor(() => replies().length === 1, 10_000)).toBe(true);
  });

  it('refuses malformed bodies with 400 and oversized ones with 413, recording nothing', async () => {
    const { post } = await startWebhook();
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ message: { text: 'no id' } }))).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 'x' }))).status).toBe(400);
    expect((await post(JSON.stringify({ ...update(9), padding: 'x'.repeat(1_100_000) }))).status).toBe(413);
    // #28: a valid update_id over 100,000 nested arrays answered 500 (a RangeError while storing it).
    expect((await post(`{"update_id":10,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).status).toBe(400);
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM incoming_updates').get()).toEqual({ n: 0 });
    expect(h.api.received).toEqual([]);
  });

  it('handles at start an update recorded but not handled when the process stopped', async () => {
    h = await TelegramHarness.start({ env: ENV });
    // As a crash between the 200 and the reply leaves it.
    h.app.store.updates.record('telegram', '31', JSON.stringify(update(31, 5151)), h.clock.now());
    await h.app.start();
    expect(await waitFor(() => replies(5151).length === 1)).toBe(true);
  });
});
