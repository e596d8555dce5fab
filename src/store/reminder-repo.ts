import { prepared, type Db } from './database.js';
import { allInScope, type PlanScope } from './plan-scope.js';

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

/**
 * Reminder rows wanted, in groups: every (item, agency) pair of a group is due the same day with the
 * same steps (100,000 assignments share a few hundred groups), so the rows are expanded in SQL.
 */
export interface WantedGroup {
  itemKind: 'task' | 'report';
  dueDate: string;
  steps: readonly Pick<ReminderRow, 'step' | 'audience' | 'urgent' | 'sendDay' | 'sendAt'>[];
  /** [itemId, agencyId] pairs. */
  items: [number, number][];
}

/**
 * A staged row's key matches a stored reminder's (r): the item row (i) and one of its group's steps (s).
 * The staging keeps each group's steps once and its (item, agency) pairs once, not pairs × steps.
 */
const SAME_KEY = 'i.item_kind = r.item_kind AND i.item_id = r.item_id AND i.agency_id = r.agency_id AND i.due_date = r.due_date AND s.step = r.step';
/**
 * Planned rows from an instant on that a re-plan may change (a snooze's reminder is the member's
 * own). Scoped to some items, the unary plus keeps SQLite on the (item_kind, item_id, …) index
 * rather than scanning every planned row by time.
 */
const replannable = (scoped: boolean) => (scoped ? "+r.status = 'planned' AND +r.send_at >= ?" : "r.status = 'planned' AND r.send_at >= ?") + " AND r.step NOT LIKE 'snooze:%'";

/**
 * This connection's staging tables (temporary: never in the database file), made once and emptied
 * before each re-plan rather than dropped and made anew: a dropped table takes its rows' pages with
 * it (100 ms after a full plan) and makes every statement on it prepare again.
 */
const STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS wanted_steps (
    group_id INTEGER NOT NULL, step TEXT NOT NULL, audience TEXT NOT NULL, urgent INTEGER NOT NULL, send_day TEXT NOT NULL, send_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS temp.wanted_steps_key ON wanted_steps (group_id, step);
  CREATE TEMP TABLE IF NOT EXISTS wanted_items (
    item_kind TEXT NOT NULL, item_id INTEGER NOT NULL, agency_id INTEGER NOT NULL, due_date TEXT NOT NULL, group_id INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS temp.wanted_items_key ON wanted_items (item_kind, item_id, agency_id, due_date)`;
const staged = new WeakSet<Db>();

const SELECT = `SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, audience,
  urgent, send_day AS sendDay, send_at AS sendAt, status, outbox_id AS outboxId, note FROM reminders`;

type Row = Omit<ReminderRow, 'urgent'> & { urgent: number };
const toRow = (row: Row): ReminderRow => ({ ...row, urgent: row.urgent === 1 });

/** SQL for the durable reminder schedule: one row per (item, agency, due date, step). */
export class ReminderRepo {
  constructor(private readonly db: Db) {}

  /**
   * Stages the wanted rows in this connection's temporary tables: each group's steps once and its
   * (item, agency) pairs once (expanded from JSON in SQL), so 100,000 pairs × 11 steps stage as
   * 100,000 rows, not 1.1 million; the rows wanted are their join. Writes nothing to the database
   * itself. Returns how many rows are wanted.
   */
  stage(groups: readonly WantedGroup[]): number {
    if (!staged.has(this.db)) {
      this.db.exec(STAGING);
      staged.add(this.db);
    }
    this.db.exec('DELETE FROM temp.wanted_steps; DELETE FROM temp.wanted_items');
    const step = prepared(this.db, 'INSERT INTO temp.wanted_steps VALUES (?, ?, ?, ?, ?, ?)');
    const items = prepared(this.db, 'INSERT INTO temp.wanted_items SELECT ?, value ->> 0, value ->> 1, ?, ? FROM json_each(?)');
    let count = 0;
    groups.forEach((group, id) => {
      if (group.steps.length === 0 || group.items.length === 0) return;
      for (const s of group.steps) step.run(id, s.step, s.audience, s.urgent ? 1 : 0, s.sendDay, s.sendAt);
      items.run(group.itemKind, group.dueDate, id, JSON.stringify(group.items));
      count += group.items.length * group.steps.length;
    });
    return count;
  }

  /**
   * Makes the planned rows from `fromInstant` on (of the scope's items only, given a scope) equal to
   * the staged ones: inserts the missing, moves planned ones whose time changed, deletes planned
   * ones no longer wanted; a row already as wanted is not written. Rows already sent, skipped or
   * missed are history and are never touched; a snooze's reminder is a member's own request and
   * stays. All in the caller's transaction, or, given `batch`, in short transactions of about that
   * many rows each, so another connection waiting to write (the chat process, while a worker thread
   * plans) waits milliseconds, not seconds; every write is guarded (an insert never duplicates a
   * key, a move or removal touches only a row still planned). Returns the counts.
   */
  applyStaged(fromInstant: string, scope?: PlanScope, batch?: number): { inserted: number; updated: number; removed: number } {
    // The planned rows no longer wanted, read first (few on most days).
    const removals = allInScope<{ id: number }>(this.db,
      `SELECT r.id FROM reminders r WHERE ${replannable(scope !== undefined)}
         AND NOT EXISTS (SELECT 1 FROM temp.wanted_items i JOIN temp.wanted_steps s ON s.group_id = i.group_id WHERE ${SAME_KEY})`,
      [fromInstant], scope, 'r',
    ).map((row) => row.id);
    const { lo, hi } = prepared(this.db, 'SELECT COALESCE(MIN(rowid), 1) AS lo, COALESCE(MAX(rowid), 0) AS hi FROM temp.wanted_items').get() as { lo: number; hi: number };
    const { most } = prepared(this.db, 'SELECT COALESCE(MAX(n), 1) AS most FROM (SELECT COUNT(*) AS n FROM temp.wanted_steps GROUP BY group_id)').get() as { most: number };
    // One statement inserts the missing rows and moves the planned ones whose time changed, item by
    // item (CROSS JOIN keeps the items outside: a range of them, each with its group's steps); a row
    // stored as wanted is passed over by a read before any write is tried (most rows of a re-plan).
    // The rows it inserted are the ones with an id past the largest before it.
    // The read costs a lookup per row where none is stored yet (a first plan): then it is left out.
    const stored = prepared(this.db, "SELECT EXISTS (SELECT 1 FROM reminders WHERE status = 'planned' AND send_at >= ?) AS yes").get(fromInstant) as { yes: number };
    const upsert = prepared(this.db,
      `INSERT INTO reminders (item_kind, item_id, agency_id, due_date, step, audience, urgent, send_day, send_at)
       SELECT i.item_kind, i.item_id, i.agency_id, i.due_date, s.step, s.audience, s.urgent, s.send_day, s.send_at
         FROM temp.wanted_items i CROSS JOIN temp.wanted_steps s WHERE s.group_id = i.group_id AND i.rowid BETWEEN ? AND ?
           ${stored.yes ? 'AND NOT EXISTS (SELECT 1 FROM reminders r WHERE ' + SAME_KEY + ' AND r.send_at = s.send_at AND r.audience = s.audience AND r.urgent = s.urgent)' : ''}
       ON CONFLICT (item_kind, item_id, agency_id, due_date, step) DO UPDATE SET
         audience = excluded.audience, urgent = excluded.urgent, send_day = excluded.send_day, send_at = excluded.send_at
       WHERE reminders.status = 'planned' AND reminders.send_at >= ? AND reminders.step NOT LIKE 'snooze:%'
         AND (reminders.send_at IS NOT excluded.send_at OR reminders.audience IS NOT excluded.audience OR reminders.urgent IS NOT excluded.urgent)`,
    );
    const maxId = prepared(this.db, 'SELECT COALESCE(MAX(id), 0) AS id FROM reminders');
    const newSince = prepared(this.db, 'SELECT COUNT(*) AS n FROM reminders WHERE id > ?');
    const remove = prepared(this.db, "DELETE FROM reminders WHERE id = ? AND status = 'planned'");
    const counts = { inserted: 0, updated: 0, removed: 0 };
    const removeRange = (from: number, to: number): void => {
      for (let i = from; i < to; i += 1) counts.removed += remove.run(removals[i]!).changes;
    };
    // Staged items [first, last] by rowid, each with all its steps.
    const upsertRange = (first: number, last: number): void => {
      const before = (maxId.get() as { id: number }).id;
      const changes = upsert.run(first, last, fromInstant).changes;
      const inserted = (newSince.get(before) as { n: number }).n;
      counts.inserted += inserted;
      counts.updated += changes - inserted;
    };
    if (batch === undefined) {
      removeRange(0, removals.length);
      if (hi >= lo) upsertRange(lo, hi);
    } else {
      const removeSlice = this.db.transaction(removeRange);
      for (let i = 0; i < removals.length; i += batch) removeSlice.immediate(i, Math.min(removals.length, i + batch));
      // About `batch` rows a slice: as many items as their steps allow.
      const items = Math.max(1, Math.floor(batch / most));
      const upsertSlice = this.db.transaction(upsertRange);
      for (let first = lo; first <= hi; first += items) upsertSlice.immediate(first, Math.min(hi, first + items - 1));
    }
    return counts;
  }

  /** Adds one reminder (a snooze's reminder); ignored if that key exists. */
  addOne(row: DesiredReminder): void {
    prepared(this.db, 
        `INSERT OR IGNORE INTO reminders (item_kind, item_id, agency_id, due_date, step, audience, urgent, send_day, send_at)
         VALUES (@itemKind, @itemId, @agencyId, @dueDate, @step, @audience, @urgent, @sendDay, @sendAt)`,
      )
      .run({ ...row, urgent: row.urgent ? 1 : 0 });
  }

  /** Planned rows due at or before an instant (of some agencies only, given them), oldest first (call inside the claiming transaction). */
  due(atOrBefore: string, agencyIds?: readonly number[]): ReminderRow[] {
    const rows = agencyIds
      ? prepared(this.db, `${SELECT} WHERE status = 'planned' AND send_at <= ? AND agency_id IN (SELECT value FROM json_each(?)) ORDER BY send_at, id`).all(atOrBefore, JSON.stringify(agencyIds))
      : prepared(this.db, `${SELECT} WHERE status = 'planned' AND send_at <= ? ORDER BY send_at, id`).all(atOrBefore);
    return (rows as Row[]).map(toRow);
  }

  /** The agencies with planned rows due at or before an instant. */
  dueAgencies(atOrBefore: string): number[] {
    return prepared(this.db, "SELECT DISTINCT agency_id AS id FROM reminders WHERE status = 'planned' AND send_at <= ? ORDER BY agency_id").pluck().all(atOrBefore) as number[];
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
