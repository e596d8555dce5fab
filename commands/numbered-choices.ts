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
  if (replies.length === 0) return;
  const withChoices = [...replies].reverse().find((reply) => flattenChoices(reply.choices).length > 0);
  // A message without a list still replaces the older list: a number then refers to nothing the member
  // sees, and is asked about (an empty list) instead of picking from a list scrolled out of view.
  const items = withChoices ? flattenChoices(withChoices.choices) : [];
  store.choices.save(platform, chatId, { origin: withChoices ? origin : null, items }, now, new Date(now.getTime() + CHOICE_TTL_MS));
}

/**
 * Which item a typed number picks: its position in the list, or — for a number past the end — the
 * one item labelled with that number ("50" at 25% / 50% / 75% is 50%). Undefined: neither.
 */
export function pickChoice<T extends { label: string }>(items: readonly T[], number: number): T | undefined {
  if (number >= 1 && number <= items.length) return items[number - 1];
  const labelled = items.filter((item) => new RegExp(`^\\s*${number}\\s*%?\\s*$`).test(item.label));
  return labelled.length === 1 ? labelled[0] : undefined;
}
