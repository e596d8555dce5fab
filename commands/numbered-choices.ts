import type { Store } from '../src/store/store.js';
import { flattenChoices } from '../src/transports/render.js';
import type { Reply } from '../src/app/reply.js';

/** How long a numbered list stays answerable by its numbers (default: one day). */
export const CHOICE_TTL_MS = 24 * 3_600_000;

/**
 * Remembers the numbered choices a chat was just shown (platforms without buttons answer "1", "2"…),
 * whether the list came as an answer or in a message dondoc sent on its own (a reminder digest).
 */
export function rememberChoices(store: Store, platform: string, chatId: string, replies: Reply[], origin: string | null, now: Date): void {
  const withChoices = [...replies].reverse().find((reply) => flattenChoices(reply.choices).length > 0);
  if (!withChoices) return;
  store.choices.save(platform, chatId, { origin, items: flattenChoices(withChoices.choices) }, now, new Date(now.getTime() + CHOICE_TTL_MS));
}
