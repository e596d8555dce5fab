import { afterEach, describe, expect, it } from 'vitest';
import { TelegramHarness } from '../../helpers/telegram-harness.js';

const SECRET = 'telegram-webhook-secret-2026';
let h: TelegramHarness;

afterEach(async () => {
  await h.close();
});

describe('Telegram webhook mode', () => {
  it("registers the webhook with Telegram's secret and refuses calls without it", async () => {
    h = await TelegramHarness.start({ env: { TELEGRAM_WEBHOOK_SECRET: SECRET, DONDOC_PUBLIC_URL: 'https://dondoc.example.vn', DONDOC_HTTP_PORT: '0' } });
    const { httpUrl } = await h.app.start();
    const setWebhook = h.calls.find((c) => c.method === 'setWebhook')!;
    expect(setWebhook.payload).toMatchObject({ url: 'https://dondoc.example.vn/telegram/webhook', secret_token: SECRET });
    const post = (secret: string | null) =>
      fetch(`${httpUrl!.replace(/\/$/, '')}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
        body: JSON.stringify({
          update_id: 1,
          message: { message_id: 1, date: 0, chat: { id: 4242, type: 'private', first_name: 'Lạ' }, from: { id: 4242, is_bot: false, first_name: 'Lạ' }, text: '/trogiup', entities: [{ type: 'bot_command', offset: 0, length: 8 }] },
        }),
      });
    expect((await post(null)).status).toBe(401);
    expect((await post('wrong-secret-000000000000')).status).toBe(401);
    expect(h.calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
    expect((await post(SECRET)).status).toBe(200);
    const answered = h.calls.filter((c) => c.method === 'sendMessage');
    expect(answered).toHaveLength(1);
    expect(answered[0]!.payload).toMatchObject({ chat_id: 4242 });
  });
});
