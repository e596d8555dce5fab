import { prepared, type Db } from './database.js';

export interface BudgetRow {
  platform: string;
  month: string;
  sent: number;
  warnedAt: string | null;
  exhaustedAt: string | null;
  resumedAt: string | null;
}

/** Messages sent per platform and month (the monthly quota of a chat platform's plan). */
export class BudgetRepo {
  constructor(private readonly db: Db) {}

  get(platform: string, month: string): BudgetRow {
    const row = prepared(this.db, 'SELECT platform, month, sent, warned_at AS warnedAt, exhausted_at AS exhaustedAt, resumed_at AS resumedAt FROM message_budget WHERE platform = ? AND month = ?').get(platform, month) as
      | BudgetRow
      | undefined;
    return row ?? { platform, month, sent: 0, warnedAt: null, exhaustedAt: null, resumedAt: null };
  }

  /** Adds `n` messages; returns the new count. */
  add(platform: string, month: string, n: number): number {
    return (
      prepared(this.db, 'INSERT INTO message_budget (platform, month, sent) VALUES (?, ?, ?) ON CONFLICT (platform, month) DO UPDATE SET sent = sent + excluded.sent RETURNING sent').get(platform, month, n) as {
        sent: number;
      }
    ).sent;
  }

  /** Marks the month warned; false if it already was (so admins are told once). */
  markWarned(platform: string, month: string, at: string): boolean {
    prepared(this.db, 'INSERT INTO message_budget (platform, month) VALUES (?, ?) ON CONFLICT DO NOTHING').run(platform, month);
    return prepared(this.db, 'UPDATE message_budget SET warned_at = ? WHERE platform = ? AND month = ? AND warned_at IS NULL').run(at, platform, month).changes > 0;
  }

  /** Marks the month's quota as run out (the platform said so); false if it already was. */
  markExhausted(platform: string, month: string, at: string): boolean {
    prepared(this.db, 'INSERT INTO message_budget (platform, month) VALUES (?, ?) ON CONFLICT DO NOTHING').run(platform, month);
    return prepared(this.db, 'UPDATE message_budget SET exhausted_at = ? WHERE platform = ? AND month = ? AND exhausted_at IS NULL').run(at, platform, month).changes > 0;
  }

  /** An admin resumes sending for the rest of the month: the exhaustion is cleared and the configured budget no longer holds. */
  resume(platform: string, month: string, at: string): void {
    prepared(this.db, 'INSERT INTO message_budget (platform, month) VALUES (?, ?) ON CONFLICT DO NOTHING').run(platform, month);
    prepared(this.db, 'UPDATE message_budget SET exhausted_at = NULL, resumed_at = ? WHERE platform = ? AND month = ?').run(at, platform, month);
  }
}
