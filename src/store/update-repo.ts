import { prepared, pruneRows, type Db } from './database.js';

/** SQL for updates received from chat platforms (de-duplication, handling after a crash). */
export class UpdateRepo {
  constructor(private readonly db: Db) {}

  /** Records an update; false if it was already recorded (a re-sent update: do not process it again). */
  record(platform: string, updateId: string, payload: string, now: Date): boolean {
    const result = prepared(this.db, 'INSERT OR IGNORE INTO incoming_updates (platform, update_id, payload, received_at) VALUES (?, ?, ?, ?)')
      .run(platform, updateId, payload, now.toISOString());
    return result.changes === 1;
  }

  /** Marks an update handled (the first time counts: marking it again keeps that time). */
  markHandled(platform: string, updateId: string, now: Date): void {
    prepared(this.db, 'UPDATE incoming_updates SET handled_at = COALESCE(handled_at, ?) WHERE platform = ? AND update_id = ?').run(now.toISOString(), platform, updateId);
  }

  /** Whether an update was handled: null if recorded and not yet handled, undefined if never recorded. */
  handledAt(platform: string, updateId: string): string | null | undefined {
    const row = prepared(this.db, 'SELECT handled_at AS handledAt FROM incoming_updates WHERE platform = ? AND update_id = ?').get(platform, updateId) as { handledAt: string | null } | undefined;
    return row?.handledAt;
  }

  /** Updates recorded but never handled (the process stopped in between), oldest first, received after `since`. */
  unhandled(platform: string, since: Date): { updateId: string; payload: string }[] {
    return prepared(this.db,
      `SELECT update_id AS updateId, payload FROM incoming_updates
       WHERE platform = ? AND handled_at IS NULL AND received_at >= ? ORDER BY received_at, rowid`,
    ).all(platform, since.toISOString()) as { updateId: string; payload: string }[];
  }

  /** Forgets updates received before `before` (handled or, past the replay window, never); returns how many. `dryRun`: counts only. */
  prune(before: Date, dryRun: boolean): number {
    return pruneRows(this.db, { table: 'incoming_updates', where: 'received_at < ?' }, [before.toISOString()], dryRun);
  }
}
