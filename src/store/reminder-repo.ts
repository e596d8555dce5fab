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

/** The columns that make a reminder's key, compared between the wanted rows (w) and the stored ones (r). */
const SAME_KEY = 'w.item_kind = r.item_kind AND w.item_id = r.item_id AND w.agency_id = r.agency_id AND w.due_date = r.due_date AND w.step = r.step';
/**
 * Planned rows from an instant on that a re-plan may change (a snooze's reminder is the member's
 * own). Scoped to some items, the unary plus keeps SQLite on the (item_kind, item_id, …) index
 * rather than scanning every planned row by time.
 */
const replannable = (scoped: boolean) => (scoped ? "+r.status = 'planned' AND +r.send_at >= ?" : "r.status = 'planned' AND r.send_at >= ?") + " AND r.step NOT LIKE 'snooze:%'";

const SELECT = `SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, due_date AS dueDate, step, audience,
  urgent, send_day AS sendDay, send_at AS sendAt, status, outbox_id AS outboxId, note FROM reminders`;

type Row = Omit<ReminderRow, 'urgent'> & { urgent: number };
const toRow = (row: Row): ReminderRow => ({ ...row, urgent: row.urgent === 1 });

/** SQL for the durable reminder schedule: one row per (item, agency, due date, step). */
export class ReminderRepo {
  constructor(private readonly db: Db) {}

  /**
   * Stages the wanted rows in this connection's temporary table (made anew): rows are expanded from each group's JSON in SQL, not built one by one in JavaScript.
   * Writes nothing to the database itself. Returns how many rows are wanted.
   */
  stage(groups: readonly WantedGroup[]): number {
    // Filled first, indexed after: one sort instead of an index kept up row by row.
    this.db.exec(`DROP TABLE IF EXISTS temp.wanted_reminders;
      CREATE TEMP TABLE wanted_reminders (
        item_kind TEXT NOT NULL, item_id INTEGER NOT NULL, agency_id INTEGER NOT NULL, due_date TEXT NOT NULL, step TEXT NOT NULL,
        audience TEXT NOT NULL, urgent INTEGER NOT NULL, send_day TEXT NOT NULL, send_at TEXT NOT NULL)`);
    const insert = this.db.prepare(`INSERT INTO temp.wanted_reminders SELECT ?, value ->> 0, value ->> 1, ?, ?, ?, ?, ?, ? FROM json_each(?)`);
    for (const group of groups) {
      const items = JSON.stringify(group.items);
      for (const s of group.steps) insert.run(group.itemKind, group.dueDate, s.step, s.audience, s.urgent ? 1 : 0, s.sendDay, s.sendAt, items);
    }
    this.db.exec('CREATE INDEX temp.wanted_reminders_key ON wanted_reminders (item_kind, item_id, agency_id, due_date, step)');
    return (this.db.prepare('SELECT COUNT(*) AS n FROM temp.wanted_reminders').get() as { n: number }).n;
  }

  /**
   * Makes the planned rows from `fromInstant` on (of the scope's items only, given a scope) equal to
   * the staged ones: inserts the missing, moves planned ones whose time changed, deletes planned
   * ones no longer wanted. Rows already sent, skipped or missed are history and are never touched;
   * a snooze's reminder is a member's own request and stays. All in the caller's transaction, or,
   * given `batch`, in short transactions of that many rows each, so another connection waiting to
   * write (the chat process, while a worker thread plans) waits milliseconds, not seconds; every
   * write is guarded (an insert never duplicates a key, a move or removal touches only a row still
   * planned). Returns the counts.
   */
  applyStaged(fromInstant: string, scope?: PlanScope, batch?: number): { inserted: number; updated: number; removed: number } {
    // The planned rows no longer wanted, read first (few on most days).
    const removals = allInScope<{ id: number }>(this.db,
      `SELECT r.id FROM reminders r WHERE ${replannable(scope !== undefined)} AND NOT EXISTS (SELECT 1 FROM temp.wanted_reminders w WHERE ${SAME_KEY})`,
      [fromInstant], scope, 'r',
    ).map((row) => row.id);
    const { lo, hi } = this.db.prepare('SELECT COALESCE(MIN(rowid), 1) AS lo, COALESCE(MAX(rowid), 0) AS hi FROM temp.wanted_reminders').get() as { lo: number; hi: number };
    // One statement inserts the missing rows and moves the planned ones whose time changed; the
    // rows it inserted are the ones with an id past the largest before it.
    const upsert = this.db.prepare(
      `INSERT INTO reminders (item_kind, item_id, agency_id, due_date, step, audience, urgent, send_day, send_at)
       SELECT item_kind, item_id, agency_id, due_date, step, audience, urgent, send_day, send_at FROM temp.wanted_reminders WHERE rowid BETWEEN ? AND ?
       ON CONFLICT (item_kind, item_id, agency_id, due_date, step) DO UPDATE SET
         audience = excluded.audience, urgent = excluded.urgent, send_day = excluded.send_day, send_at = excluded.send_at
       WHERE reminders.status = 'planned' AND reminders.send_at >= ? AND reminders.step NOT LIKE 'snooze:%'
         AND (reminders.send_at IS NOT excluded.send_at OR reminders.audience IS NOT excluded.audience OR reminders.urgent IS NOT excluded.urgent)`,
    );
    const maxId = prepared(this.db, 'SELECT COALESCE(MAX(id), 0) AS id FROM reminders');
    const newSince = prepared(this.db, 'SELECT COUNT(*) AS n FROM reminders WHERE id > ?');
    const remove = prepared(this.db, "DELETE FROM reminders WHERE id = ? AND status = 'planned'");
    const counts = { inserted: 0, updated: 0, removed: 0 };
    // The i-th write of the whole list: removals, then upserts (a range of staged rows).
    const writeRange = (from: number, to: number): void => {
      for (let i = from; i < Math.min(to, removals.length); i += 1) counts.removed += remove.run(removals[i]!).changes;
      const first = Math.max(from, removals.length) - removals.length;
      const last = to - removals.length;
      if (last <= first) return;
      const before = (maxId.get() as { id: number }).id;
      const changes = upsert.run(lo + first, lo + last - 1, fromInstant).changes;
      const inserted = (newSince.get(before) as { n: number }).n;
      counts.inserted += inserted;
      counts.updated += changes - inserted;
    };
    const total = removals.length + Math.max(0, hi - lo + 1);
    if (batch === undefined) writeRange(0, total);
    else {
      const slice = this.db.transaction(writeRange);
      for (let i = 0; i < total; i += batch) slice.immediate(i, Math.min(total, i + batch));
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
