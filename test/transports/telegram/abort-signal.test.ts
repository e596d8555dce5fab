import { Bot } from 'grammy';
import { expect, it } from 'vitest';
import { abortOn } from '../../../src/transports/telegram/create-bot.js';
import { FakeBotApi } from '../../helpers/fake-bot-api.js';
import { BOT_INFO } from '../../helpers/telegram-harness.js';
import { waitFor } from '../../helpers/wait.js';

// grammY's long polling passes its own signal, made by the abort-controller polyfill, to every getUpdates
// call. Node 24's AbortSignal.any refuses such a signal: with dondoc's stop signal added to every call,
// polling failed before its first getUpdates (the bot read no message on Node 24). Through real long
// polling against a local Bot API, on whichever Node runs the tests.
it('long polling reaches getUpdates with the stop signal added, and stopping ends the call in flight', async () => {
  const api = new FakeBotApi();
  const root = await api.start();
  api.stalled.add('getUpdates');
  const stop = new AbortController();
  const bot = new Bot(`123456789:${'A'.repeat(35)}`, {
    client: { apiRoot: root },
    botInfo: BOT_INFO,
  });
  bot.api.config.use(abortOn(stop.signal));
  let failure: unknown;
  bot.catch(() => undefined);
  const polling = bot.start({ drop_pending_updates: false }).catch((error: unknown) => {
    failure = error;
  });
  try {
    // Before the fix the first call (deleteWebhook, with the polling signal) threw at once.
    expect(await waitFor(() => api.served.some((c) => c.method === 'getUpdates') || failure !== undefined, 10_000, 10)).toBe(true);
    expect(failure).toBeUndefined();
    expect(api.served.map((c) => c.method)).toEqual(['deleteWebhook', 'getUpdates']);
    // dondoc's stop aborts the long poll in flight; grammY's own stop then ends polling.
    stop.abort();
    await bot.stop().catch(() => undefined);
    const ended = await Promise.race([polling.then(() => 'ended'), new Promise((resolve) => setTimeout(() => resolve('hung'), 5_000))]);
    expect(ended).toBe('ended');
  } finally {
    await api.stop();
  }
});
