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

/** Some tasks and reports, by id: what a re-plan covers when only they changed. */
export interface PlanScope {
  tasks: readonly number[];
  reports: readonly number[];
}

/** The parameters of a query restricted to a scope (tasks, then reports, as JSON arrays); none without one. */
export const scopeParams = (scope?: PlanScope): string[] => (scope ? [JSON.stringify(scope.tasks), JSON.stringify(scope.reports)] : []);

/** Restricts a query on a table with item_kind and item_id to a scope (two parameters: scopeParams). */
export const SCOPED = ` AND ((item_kind = 'task' AND item_id IN (SELECT value FROM json_each(?))) OR (item_kind = 'report' AND item_id IN (SELECT value FROM json_each(?))))`;

/** What a re-plan writes: new rows, planned rows moved, planned rows no longer wanted (ids). */
export interface ReminderChanges {
  insert: DesiredReminder[];
  update: (DesiredReminder & { id: number })[];
  remove: number[];
}

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
   * What makes the planned rows from `fromInstant` on (of the scope's items only, given a scope)
   * equal to `desired`: rows to insert, planned rows whose time moved, planned rows no longer
   * wanted. Rows already sent, skipped or missed are history and are never touched; a snooze's
   * reminder is a member's own request and stays. Reads only: apply() writes.
   */
  diff(desired: readonly DesiredReminder[], fromInstant: string, scope?: PlanScope): ReminderChanges {
    const existing = prepared(this.db,
        `SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, audience, urgent,
           send_at AS sendAt FROM reminders
         WHERE status = 'planned' AND send_at >= ? AND step NOT LIKE 'snooze:%'${scope ? SCOPED : ''}`,
      )
      .all(fromInstant, ...scopeParams(scope)) as (Pick<ReminderRow, 'id' | 'itemKind' | 'itemId' | 'agencyId' | 'dueDate' | 'step' | 'audience' | 'sendAt'> & { urgent: number })[];
    const byKey = new Map<string, (typeof existing)[number] | null>();
    for (const row of existing) byKey.set(reminderKey(row), row);
    const changes: ReminderChanges = { insert: [], update: [], remove: [] };
    for (const row of desired) {
      const key = reminderKey(row);
      const current = byKey.get(key);
      if (current === null) continue; // wanted twice: the first one counts
      if (current === undefined) changes.insert.push(row);
      else if (current.sendAt !== row.sendAt || current.audience !== row.audience || current.urgent !== (row.urgent ? 1 : 0)) {
        changes.update.push({ ...row, id: current.id });
      }
      byKey.set(key, null);
    }
    for (const row of byKey.values()) if (row) changes.remove.push(row.id);
    return changes;
  }

  /**
   * Writes changes from diff(): all of them in the caller's transaction, or, given `batch`, in
   * short transactions of that many rows each, so another connection waiting to write (the chat
   * process, while a worker thread plans) waits milliseconds, not seconds. Every write is guarded:
   * an insert never duplicates a key, an update or removal touches only a row still planned.
   */
  apply(changes: ReminderChanges, batch?: number): { inserted: number; updated: number; removed: number } {
    const insert = prepared(this.db,
      `INSERT OR IGNORE INTO reminders (item_kind, item_id, agency_id, due_date, step, audience, urgent, send_day, send_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = prepared(this.db, "UPDATE reminders SET audience = ?, urgent = ?, send_day = ?, send_at = ? WHERE id = ? AND status = 'planned'");
    const remove = prepared(this.db, "DELETE FROM reminders WHERE id = ? AND status = 'planned'");
    const counts = { inserted: 0, updated: 0, removed: 0 };
    const { insert: inserts, update: updates, remove: removals } = changes;
    // The i-th write of the whole list: inserts, then moves, then removals.
    const write = (i: number): void => {
      if (i < inserts.length) {
        const r = inserts[i]!;
        counts.inserted += insert.run(r.itemKind, r.itemId, r.agencyId, r.dueDate, r.step, r.audience, r.urgent ? 1 : 0, r.sendDay, r.sendAt).changes;
      } else if (i < inserts.length + updates.length) {
        const r = updates[i - inserts.length]!;
        counts.updated += update.run(r.audience, r.urgent ? 1 : 0, r.sendDay, r.sendAt, r.id).changes;
      } else {
        counts.removed += remove.run(removals[i - inserts.length - updates.length]!).changes;
      }
    };
    const total = inserts.length + updates.length + removals.length;
    const writeRange = (from: number, to: number): void => {
      for (let i = from; i < to; i += 1) write(i);
    };
    if (batch === undefined) writeRange(0, total);
    else {
      const slice = this.db.transaction(writeRange);
      for (let i = 0; i < total; i += batch) slice.immediate(i, Math.min(total, i + batch));
    }
    return counts;
  }

  /** diff() then apply() in the caller's transaction: the planned rows made equal to `desired`. */
  sync(desired: readonly DesiredReminder[], fromInstant: string, scope?: PlanScope): { inserted: number; updated: number; removed: number } {
    return this.apply(this.diff(desired, fromInstant, scope));
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
