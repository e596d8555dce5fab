import type { Db } from './database.js';

export type ItemKind = 'task' | 'report';
export type Status = 'done' | 'in_progress' | 'blocked' | 'extension_requested' | 'reopened';

export interface StatusEvent {
  id: number;
  itemKind: ItemKind;
  itemId: number;
  agencyId: number;
  memberId: number | null;
  platform: string | null;
  status: Status;
  progress: number | null;
  reason: string | null;
  evidence: string | null;
  createdAt: string;
}

const EVENT_SELECT = `SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, member_id AS memberId,
  platform, status, progress, reason, evidence, created_at AS createdAt FROM status_events`;

/** SQL for status events: append-only; the current state of an item is its latest event. */
export class StatusRepo {
  constructor(private readonly db: Db) {}

  append(event: Omit<StatusEvent, 'id'>): StatusEvent {
    const result = this.db
      .prepare(
        `INSERT INTO status_events (item_kind, item_id, agency_id, member_id, platform, status, progress, reason, evidence, created_at)
         VALUES (@itemKind, @itemId, @agencyId, @memberId, @platform, @status, @progress, @reason, @evidence, @createdAt)`,
      )
      .run(event);
    return { ...event, id: Number(result.lastInsertRowid) };
  }

  /** The latest event of an item for an agency. */
  latest(itemKind: ItemKind, itemId: number, agencyId: number): StatusEvent | undefined {
    return this.db
      .prepare(`${EVENT_SELECT} WHERE item_kind = ? AND item_id = ? AND agency_id = ? ORDER BY id DESC LIMIT 1`)
      .get(itemKind, itemId, agencyId) as StatusEvent | undefined;
  }

  /** For every (item, agency) whose latest event is "done": when it was marked done (ISO instant). */
  doneSince(): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT e.item_kind AS kind, e.item_id AS itemId, e.agency_id AS agencyId, e.created_at AS at FROM status_events e
         JOIN (SELECT MAX(id) AS id FROM status_events GROUP BY item_kind, item_id, agency_id) last ON last.id = e.id
         WHERE e.status = 'done'`,
      )
      .all() as { kind: string; itemId: number; agencyId: number; at: string }[];
    return new Map(rows.map((r) => [`${r.kind}:${r.itemId}:${r.agencyId}`, r.at]));
  }

  history(itemKind: ItemKind, itemId: number): StatusEvent[] {
    return this.db.prepare(`${EVENT_SELECT} WHERE item_kind = ? AND item_id = ? ORDER BY id`).all(itemKind, itemId) as StatusEvent[];
  }

  snooze(itemKind: ItemKind, itemId: number, agencyId: number, untilDate: string, memberId: number | null, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO snoozes (item_kind, item_id, agency_id, until_date, member_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (item_kind, item_id, agency_id) DO UPDATE SET until_date = excluded.until_date,
           member_id = excluded.member_id, created_at = excluded.created_at`,
      )
      .run(itemKind, itemId, agencyId, untilDate, memberId, now.toISOString());
  }

  /** Snoozes still running on `today`: key "kind:item:agency" → until date. */
  snoozedOn(today: string): Map<string, string> {
    const rows = this.db.prepare('SELECT item_kind AS kind, item_id AS itemId, agency_id AS agencyId, until_date AS until FROM snoozes WHERE until_date > ?').all(today) as {
      kind: string;
      itemId: number;
      agencyId: number;
      until: string;
    }[];
    return new Map(rows.map((r) => [`${r.kind}:${r.itemId}:${r.agencyId}`, r.until]));
  }
}
