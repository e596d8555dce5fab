import type { ParsedStatusReply } from '../src/domain/status-reply.js';

/** What the next message of a chat will answer: a reason or date after ⚠️ / 📅, a file for a broadcast draft, or a list of people to invite. */
export type PendingInput =
  | { kind: 'reason' | 'extension'; taskId: number }
  | { kind: 'broadcast_file'; broadcastId: number }
  /** A new extension request held while the member chooses whether it replaces the one still waiting (`replaces`). */
  | { kind: 'extension_replace'; taskId: number; replaces: number; reply: ParsedStatusReply }
  /** An admin typed /moi_danhsach: their next file is a list of people to invite. */
  | { kind: 'invite_list_file' }
  /** An invite code waiting for the privacy notice to be accepted (kept in memory only, never stored). */
  | { kind: 'consent'; code: string };

/**
 * Per chat, the one question dondoc is waiting for an answer to (default: 30 minutes). In memory:
 * after a restart the member simply taps the button again.
 */
export class PendingInputs {
  private readonly items = new Map<string, { input: PendingInput; expires: number }>();

  constructor(private readonly ttlMs = 30 * 60_000) {}

  expect(platform: string, chatId: string, input: PendingInput, now: Date): void {
    this.items.set(`${platform}:${chatId}`, { input, expires: now.getTime() + this.ttlMs });
  }

  /** True when the chat's pending question is of one of `kinds` and not expired (left pending). */
  has(platform: string, chatId: string, now: Date, kinds: PendingInput['kind'][]): boolean {
    const item = this.items.get(`${platform}:${chatId}`);
    return item !== undefined && kinds.includes(item.input.kind) && item.expires >= now.getTime();
  }

  /** Takes the pending question of a chat if it is one of `kinds` and not expired; another kind stays pending. */
  take<K extends PendingInput['kind']>(platform: string, chatId: string, now: Date, kinds: K[]): Extract<PendingInput, { kind: K }> | undefined {
    const key = `${platform}:${chatId}`;
    const item = this.items.get(key);
    if (!item || !(kinds as string[]).includes(item.input.kind)) return undefined;
    this.items.delete(key);
    return item.expires >= now.getTime() ? (item.input as Extract<PendingInput, { kind: K }>) : undefined;
  }
}
