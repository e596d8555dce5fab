import { prepared, pruneRows, type Db } from './database.js';

/**
 * What blanking an outbox row sets: no chat id, no text, no error (an error names the chat); its
 * status stays for the broadcast counts, and a message not yet sent never will be.
 */
export const OUTBOX_BLANK = `chat_id = '-', payload = '[]', last_error = NULL,
  status = CASE WHEN status IN ('pending', 'sending') THEN 'failed' ELSE status END`;

export interface OutboxRow {
  id: number;
  dedupeKey: string;
  purpose: string;
  memberId: number | null;
  platform: string;
  chatId: string;
  payload: string;
  status: 'pending' | 'sending' | 'sent' | 'unreachable' | 'failed';
  attempts: number;
  notBefore: string;
  lastError: string | null;
  /** Platform messages of this row already delivered (a retry starts after them). */
  partsSent: number;
  /** Failed attempts in a row at the part after those. */
  partFailures: number;
}

const SELECT = `SELECT id, dedupe_key AS dedupeKey, purpose, member_id AS memberId, platform, chat_id AS chatId, payload,
  status, attempts, not_before AS notBefore, last_error AS lastError, parts_sent AS partsSent, part_failures AS partFailures FROM outbox`;

/** SQL for the outbox: every message dondoc sends on its own, from queued to a final state. */
export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Queues a message once per dedupe key; returns its id (the existing one if the key was used). */
  enqueue(message: { dedupeKey: string; purpose: string; memberId: number | null; platform: string; chatId: string; payload: string }, now: Date): number {
    const at = now.toISOString();
    prepared(this.db, 
        `INSERT OR IGNORE INTO outbox (dedupe_key, purpose, member_id, platform, chat_id, payload, not_before, created_at)
         VALUES (@dedupeKey, @purpose, @memberId, @platform, @chatId, @payload, @at, @at)`,
      )
      .run({ ...message, at });
    return (prepared(this.db, 'SELECT id FROM outbox WHERE dedupe_key = ?').get(message.dedupeKey) as { id: number }).id;
  }

  /** Pending messages of a platform that may go now, oldest first. */
  ready(platform: string, now: Date, limit: number): OutboxRow[] {
    return prepared(this.db, `${SELECT} WHERE status = 'pending' AND platform = ? AND not_before <= ? ORDER BY id LIMIT ?`)
      .all(platform, now.toISOString(), limit) as OutboxRow[];
  }

  /** Marks a message as being sent (the state a crash can leave behind); false if it was not pending. */
  markSending(id: number): boolean {
    return prepared(this.db, "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'").run(id).changes === 1;
  }

  markSent(id: number, now: Date): void {
    prepared(this.db, "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?").run(now.toISOString(), id);
  }

  /** One more platform message of the row was delivered. */
  markPartSent(id: number): void {
    prepared(this.db, 'UPDATE outbox SET parts_sent = parts_sent + 1, part_failures = 0 WHERE id = ?').run(id);
  }

  /** Back to pending, to be tried again no earlier than `notBefore` (a counted attempt is a failure of the current part). */
  retryLater(id: number, notBefore: Date, error: string | null, countAttempt = true): void {
    prepared(this.db, `UPDATE outbox SET status = 'pending', not_before = ?, last_error = ?, attempts = attempts - ?, part_failures = part_failures + ? WHERE id = ?`)
      .run(notBefore.toISOString(), error, countAttempt ? 0 : 1, countAttempt ? 1 : 0, id);
  }

  finish(id: number, status: 'unreachable' | 'failed', error: string): void {
    prepared(this.db, 'UPDATE outbox SET status = ?, last_error = ? WHERE id = ?').run(status, error, id);
  }

  /** Messages left in "sending" by a crash: put back to pending and returned for the log. */
  recoverInFlight(): OutboxRow[] {
    const rows = prepared(this.db, `${SELECT} WHERE status = 'sending'`).all() as OutboxRow[];
    prepared(this.db, "UPDATE outbox SET status = 'pending' WHERE status = 'sending'").run();
    return rows;
  }

  byId(id: number): OutboxRow | undefined {
    return prepared(this.db, `${SELECT} WHERE id = ?`).get(id) as OutboxRow | undefined;
  }

  /** Rows not yet sent (pending or in flight) per platform, with the oldest one's creation time. */
  backlog(): { platform: string; rows: number; oldestAt: string }[] {
    return prepared(
      this.db,
      "SELECT platform, COUNT(*) AS rows, MIN(created_at) AS oldestAt FROM outbox WHERE status IN ('pending', 'sending') GROUP BY platform ORDER BY platform",
    ).all() as { platform: string; rows: number; oldestAt: string }[];
  }

  /**
   * Blanks (OUTBOX_BLANK) the finished messages — sent, unreachable, failed — sent (or, never sent,
   * queued) before `before` that still carry a chat id or text; with `dryRun` only counts them.
   */
  blankFinishedBefore(before: Date, dryRun: boolean): number {
    return pruneRows(
      this.db,
      { table: 'outbox', where: "status IN ('sent', 'unreachable', 'failed') AND COALESCE(sent_at, created_at) < ? AND (chat_id <> '-' OR payload <> '[]' OR last_error IS NOT NULL)", change: OUTBOX_BLANK },
      [before.toISOString()],
      dryRun,
    );
  }

  countByStatus(): Record<string, number> {
    const rows = prepared(this.db, 'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
