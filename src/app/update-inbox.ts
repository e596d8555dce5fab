import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

/** Updates recorded but never handled are handled at the next start if they are this recent. */
const REPLAY_HOURS = 24;

/**
 * Every update a chat platform delivers is recorded here before it is answered: one re-sent (a
 * slow answer, the platform's retry, a flood) is recognised and not processed again, and one that
 * was recorded but not handled when the process stopped is handled at the next start. Updates are
 * forgotten by the retention prune (data/retention.json's incomingUpdates), not here.
 */
export class UpdateInbox {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Records an update; false if it was already recorded (do not process it again). */
  accept(platform: string, updateId: string, payload: unknown): boolean {
    const fresh = this.store.updates.record(platform, updateId, JSON.stringify(payload), this.clock.now());
    if (!fresh) this.logger.info({ platform, update: updateId }, 'duplicate update ignored');
    return fresh;
  }

  /**
   * For a platform that delivers again what it has not seen confirmed (Telegram's long polling):
   * records the update and says whether to process it — yes if new, or recorded but never handled
   * (the process stopped in the middle of it); no once handled. Not for concurrent deliveries.
   */
  admit(platform: string, updateId: string, payload: unknown): boolean {
    if (this.store.updates.record(platform, updateId, JSON.stringify(payload), this.clock.now())) return true;
    const handled = this.store.updates.handledAt(platform, updateId) != null;
    if (handled) this.logger.info({ platform, update: updateId }, 'duplicate update ignored');
    return !handled;
  }

  /** Marks an update handled (commands that record something do it in their own transaction: CommandContext.commit). */
  handled(platform: string, updateId: string): void {
    this.store.updates.markHandled(platform, updateId, this.clock.now());
  }

  /** Updates of the last day recorded but never handled, oldest first (parsed payloads). */
  unhandled(platform: string): { updateId: string; payload: unknown }[] {
    const since = new Date(this.clock.now().getTime() - REPLAY_HOURS * 3_600_000);
    return this.store.updates.unhandled(platform, since).map((u) => ({ updateId: u.updateId, payload: JSON.parse(u.payload) as unknown }));
  }
}
