import { prepared, type Db } from './database.js';

export interface ReminderRow {
  id: number;
  itemKind: 'task' | 'report';
  itemId: number;
  agencyId: number;
  dueDate: string;
  step: string;
  audience: 'focal' | 'leader';
  urgent: boolean;
  sendDay: string;
  sendAt: string;
  status: 'planned' | 'sent' | 'skipped' | 'missed' | 'cancelled';
  outboxId: number | null;
  note: string | null;
}

export type DesiredReminder = Omit<ReminderRow, 'id' | 'status' | 'outboxId' | 'note'>;

const SELECT = `SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, audience,
  urgent, send_day AS sendDay, send_at AS sendAt, status, outbox_id AS outboxId, note FROM reminders`;

type Row = Omit<ReminderRow, 'urgent'> & { urgent: number };
const toRow = (row: Row): ReminderRow => ({ ...row, urgent: row.urgent === 1 });

export const reminderKey = (r: Pick<ReminderRow, 'itemKind' | 'itemId' | 'agencyId' | 'dueDate' | 'step'>): string =>
  `${r.itemKind}:${r.itemId}:${r.agencyId}:${r.dueDate}:${r.step}`;

/** SQL for the durable reminder schedule: one row per (item, agency, due date, step). */
export class ReminderRepo {
  constructor(private readonly db: Db) {}

  /**
   * Makes the planned rows from `fromInstant` on equal to `desired`: inserts the missing ones,
   * moves planned ones whose time changed, deletes planned ones no longer wanted. Rows already
   * sent, skipped or missed are history and are never touched; a snooze's reminder is a member's
   * own request and stays. Returns the counts.
   */
  sync(desired: DesiredReminder[], fromInstant: string): { inserted: number; updated: number; removed: number } {
    const existing = prepared(this.db, 
        `SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, audience, urgent,
           send_at AS sendAt FROM reminders
         WHERE status = 'planned' AND send_at >= ? AND step NOT LIKE 'snooze:%'`,
      )
      .all(fromInstant) as (Pick<ReminderRow, 'id' | 'itemKind' | 'itemId' | 'agencyId' | 'dueDate' | 'step' | 'audience' | 'sendAt'> & { urgent: number })[];
    const byKey = new Map(existing.map((row) => [reminderKey(row), row]));
    const wanted = new Set<string>();
    const insert = prepared(this.db, 
      `INSERT OR IGNORE INTO reminders (item_kind, item_id, agency_id, due_date, step, audience, urgent, send_day, send_at)
       VALUES (@itemKind, @itemId, @agencyId, @dueDate, @step, @audience, @urgent, @sendDay, @sendAt)`,
    );
    const update = prepared(this.db, 
      "UPDATE reminders SET audience = @audience, urgent = @urgent, send_day = @sendDay, send_at = @sendAt WHERE id = @id AND status = 'planned'",
    );
    let inserted = 0;
    let updated = 0;
    for (const row of desired) {
      const key = reminderKey(row);
      wanted.add(key);
      const current = byKey.get(key);
      const params = { ...row, urgent: row.urgent ? 1 : 0 };
      if (!current) inserted += insert.run(params).changes;
      else if (current.sendAt !== row.sendAt || current.audience !== row.audience || current.urgent !== params.urgent) {
        updated += update.run({ ...params, id: current.id }).changes;
      }
    }
    const remove = prepared(this.db, "DELETE FROM reminders WHERE id = ? AND status = 'planned'");
    let removed = 0;
    for (const [key, row] of byKey) if (!wanted.has(key)) removed += remove.run(row.id).changes;
    return { inserted, updated, removed };
  }

  /** Adds one reminder (a snooze's reminder); ignored if that key exists. */
  addOne(row: DesiredReminder): void {
    prepared(this.db, 
        `INSERT OR IGNORE INTO reminders (item_kind, item_id, agency_id, due_date, step, audience, urgent, send_day, send_at)
         VALUES (@itemKind, @itemId, @agencyId, @dueDate, @step, @audience, @urgent, @sendDay, @sendAt)`,
      )
      .run({ ...row, urgent: row.urgent ? 1 : 0 });
  }

  /** Planned rows due at or before an instant, oldest first (call inside the claiming transaction). */
  due(atOrBefore: string, limit = 100_000): ReminderRow[] {
    return (prepared(this.db, `${SELECT} WHERE status = 'planned' AND send_at <= ? ORDER BY send_at, id LIMIT ?`).all(atOrBefore, limit) as Row[]).map(toRow);
  }

  settle(id: number, status: 'sent' | 'skipped' | 'missed', outboxId: number | null, note: string | null, now: Date): void {
    prepared(this.db, `UPDATE reminders SET status = ?, outbox_id = ?, note = ?, settled_at = ? WHERE id = ? AND status = 'planned'`)
      .run(status, outboxId, note, now.toISOString(), id);
  }

  /** Reminders sent on days in [from, to], for the responsiveness criterion. */
  sentBetween(from: string, to: string): { itemKind: 'task' | 'report'; itemId: number; agencyId: number; sentDay: string }[] {
    return prepared(this.db, "SELECT item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, send_day AS sentDay FROM reminders WHERE status = 'sent' AND send_day BETWEEN ? AND ? AND audience = 'focal'")
      .all(from, to) as { itemKind: 'task' | 'report'; itemId: number; agencyId: number; sentDay: string }[];
  }

  countByStatus(): Record<string, number> {
    const rows = prepared(this.db, 'SELECT status, COUNT(*) AS n FROM reminders GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
