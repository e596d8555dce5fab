import { Api, GrammyError } from 'grammy';
import type { ChannelSender } from '../../app/outbox-worker.js';
import { DeliveryError, RateLimitedError, UnreachableError } from '../../errors.js';
import { abortOn, PLATFORM, sendReplies, telegramMessageCount, type TelegramFileIds } from './create-bot.js';

/**
 * The outbox's Telegram channel. It uses its own Api without the auto-retry plugin on purpose:
 * a 429 must pause every outbox send on Telegram (the worker does that), not just wait in one call.
 */
export function createTelegramSender(api: Api, limits: { perSecond: number; perChatGapMs: number }, files?: TelegramFileIds): ChannelSender {
  const uploads = new Map<string, Promise<unknown>>();
  return {
    platform: PLATFORM,
    buttonsFor: () => true,
    ...limits,
    cost: (_chatId, replies) => replies.reduce((sum, reply) => sum + telegramMessageCount(reply), 0),
    async send(chatId, replies, progress) {
      try {
        await sendReplies(api, Number(chatId), replies, { gapMs: limits.perChatGapMs, uploads, ...(files ? { files } : {}), ...(progress ? { progress } : {}) });
      } catch (error) {
        if (error instanceof GrammyError) {
          const context = { platform: PLATFORM, chatId, method: error.method, status: error.error_code };
          if (error.error_code === 429) throw new RateLimitedError(error.parameters.retry_after ?? 5, context, { cause: error });
          if (error.error_code === 403) throw new UnreachableError(error.description, context, { cause: error });
          throw new DeliveryError(error.description, context, { cause: error });
        }
        throw error;
      }
    },
  };
}

/** A bare Bot API client for the outbox (default API root: Telegram's); `stop` aborts its calls in flight. */
export function createOutboundApi(token: string, apiRoot?: string, stop?: AbortSignal): Api {
  const api = new Api(token, apiRoot ? { apiRoot } : undefined);
  if (stop) api.config.use(abortOn(stop));
  return api;
}
