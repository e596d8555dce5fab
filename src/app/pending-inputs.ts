/** What the next plain message of a chat will answer (after a ⚠️ or 📅 button). */
export interface PendingInput {
  taskId: number;
  kind: 'reason' | 'extension';
}

/**
 * Per chat, the one question dondoc is waiting for an answer to (default: 30 minutes). In memory:
 * after a restart the member simply taps the button again.
 */
export class PendingInputs {
  private readonly items = new Map<string, PendingInput & { expires: number }>();

  constructor(private readonly ttlMs = 30 * 60_000) {}

  expect(platform: string, chatId: string, input: PendingInput, now: Date): void {
    this.items.set(`${platform}:${chatId}`, { ...input, expires: now.getTime() + this.ttlMs });
  }

  /** Takes the pending question of a chat, if any and not expired. */
  take(platform: string, chatId: string, now: Date): PendingInput | undefined {
    const key = `${platform}:${chatId}`;
    const item = this.items.get(key);
    this.items.delete(key);
    return item && item.expires >= now.getTime() ? { taskId: item.taskId, kind: item.kind } : undefined;
  }
}
