import { prepared, pruneRows, type Db } from './database.js';
import { applyEvent, eventOrder, itemKey, type ItemState, type Status } from '../domain/item-state.js';
import { allInScope, type PlanScope } from './plan-scope.js';

export type ItemKind = 'task' | 'report';
export type { Status };

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
  requestedDate: string | null;
  refersTo: number | null;
  createdAt: string;
  /** "Đang làm" or a problem about the next date, leaving the done of the earlier dates standing. */
  keepsDone: boolean;
}

export type NewStatusEvent = Omit<StatusEvent, 'id' | 'requestedDate' | 'refersTo' | 'keepsDone'> & { requestedDate?: string | null; refersTo?: number | null; keepsDone?: boolean };

const EVENT_SELECT = `SELECT id, item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, member_id AS memberId,
  platform, status, progress, reason, evidence, requested_date AS requestedDate, refers_to AS refersTo, created_at AS createdAt,
  keeps_done = 1 AS keepsDone FROM status_events`;

const STATE_SELECT = `SELECT item_kind AS itemKind, item_id AS itemId, agency_id AS agencyId, status, progress, done_at AS doneAt,
  dones, due_override AS dueOverride, last_event AS lastEvent, updated_at AS updatedAt FROM item_states`;

/** A state row as read: `dones` is stored as a JSON array. */
const stateOf = <T extends { dones: string }>(row: T): Omit<T, 'dones'> & { dones: string[] } => ({ ...row, dones: JSON.parse(row.dones) as string[] });

export type StoredState = ItemState & { itemKind: ItemKind; itemId: number; agencyId: number };

/**
 * SQL for status events (append-only: a reply never updates or deletes one) and the item states
 * derived from them, kept in step in the same transaction.
 */
export class StatusRepo {
  constructor(private readonly db: Db) {}

  /** Appends an event and folds it into the item's state, atomically (a savepoint inside a transaction). */
  append(input: NewStatusEvent): StatusEvent {
    return this.db.transaction(() => this.appendNow(input))();
  }

  private appendNow(input: NewStatusEvent): StatusEvent {
    const event: Omit<StatusEvent, 'id'> = { requestedDate: null, refersTo: null, keepsDone: false, ...input };
    const result = prepared(this.db, 
        `INSERT INTO status_events (item_kind, item_id, agency_id, member_id, platform, status, progress, reason, evidence,
           requested_date, refers_to, created_at, keeps_done)
         VALUES (@itemKind, @itemId, @agencyId, @memberId, @platform, @status, @progress, @reason, @evidence,
           @requestedDate, @refersTo, @createdAt, @keeps)`,
      )
      .run({ ...event, keeps: event.keepsDone ? 1 : 0 });
    const stored = { ...event, id: Number(result.lastInsertRowid) };
    const current = this.state(stored.itemKind, stored.itemId, stored.agencyId);
    if (current && stored.createdAt < current.updatedAt) {
      // An event older than the state (a late arrival): fold the item's events again in time order.
      const events = this.history(stored.itemKind, stored.itemId).filter((e) => e.agencyId === stored.agencyId).sort(eventOrder);
      let state: ItemState | undefined;
      for (const e of events) state = applyEvent(state, e, (id) => this.byId(id)?.requestedDate ?? null);
      this.writeState(stored.itemKind, stored.itemId, stored.agencyId, state!);
    } else {
      this.writeState(stored.itemKind, stored.itemId, stored.agencyId, applyEvent(current, stored, (id) => this.byId(id)?.requestedDate ?? null));
    }
    return stored;
  }

  byId(id: number): StatusEvent | undefined {
    return prepared(this.db, `${EVENT_SELECT} WHERE id = ?`).get(id) as StatusEvent | undefined;
  }

  private writeState(itemKind: ItemKind, itemId: number, agencyId: number, state: ItemState): void {
    prepared(this.db, 
        `INSERT INTO item_states (item_kind, item_id, agency_id, status, progress, done_at, dones, due_override, last_event, updated_at)
         VALUES (@itemKind, @itemId, @agencyId, @status, @progress, @doneAt, @dones, @dueOverride, @lastEvent, @updatedAt)
         ON CONFLICT (item_kind, item_id, agency_id) DO UPDATE SET status = excluded.status, progress = excluded.progress,
           done_at = excluded.done_at, dones = excluded.dones, due_override = excluded.due_override, last_event = excluded.last_event,
           updated_at = excluded.updated_at`,
      )
      .run({ itemKind, itemId, agencyId, ...state, dones: JSON.stringify(state.dones) });
  }

  state(itemKind: ItemKind, itemId: number, agencyId: number): ItemState | undefined {
    const row = prepared(this.db, `${STATE_SELECT} WHERE item_kind = ? AND item_id = ? AND agency_id = ?`).get(itemKind, itemId, agencyId) as (Omit<ItemState, 'dones'> & { dones: string }) | undefined;
    return row && stateOf(row);
  }

  /** The latest event of an item for an agency. */
  latest(itemKind: ItemKind, itemId: number, agencyId: number): StatusEvent | undefined {
    return prepared(this.db, `${EVENT_SELECT} WHERE item_kind = ? AND item_id = ? AND agency_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`)
      .get(itemKind, itemId, agencyId) as StatusEvent | undefined;
  }

  /** For every (item, agency) with a done whose cover holds (`ItemState.doneAt`): when (ISO instant). Key "kind:item:agency". */
  doneSince(scope?: PlanScope): Map<string, string> {
    return this.keyed('SELECT item_kind AS kind, item_id AS itemId, agency_id AS agencyId, done_at AS value FROM item_states WHERE done_at IS NOT NULL', [], scope);
  }

  /** Approved extensions: key "kind:item:agency" → new due date. */
  dueOverrides(scope?: PlanScope): Map<string, string> {
    return this.keyed('SELECT item_kind AS kind, item_id AS itemId, agency_id AS agencyId, due_override AS value FROM item_states WHERE due_override IS NOT NULL', [], scope);
  }

  /** Rows of (kind, itemId, agencyId, value) as a map keyed "kind:item:agency". */
  private keyed(sql: string, params: readonly unknown[] = [], scope?: PlanScope): Map<string, string> {
    const rows = allInScope<{ kind: string; itemId: number; agencyId: number; value: string }>(this.db, sql, params, scope);
    return new Map(rows.map((r) => [itemKey(r.kind, r.itemId, r.agencyId), r.value]));
  }

  history(itemKind: ItemKind, itemId: number): StatusEvent[] {
    return prepared(this.db, `${EVENT_SELECT} WHERE item_kind = ? AND item_id = ? ORDER BY created_at, id`).all(itemKind, itemId) as StatusEvent[];
  }

  /**
   * Extension requests no decision refers to yet, nor a newer request that replaced them (the ones
   * /duyetgiahan and /tuchoigiahan can still decide), oldest first; `agencyId`: that agency's only.
   */
  undecidedExtensions(agencyId?: number): StatusEvent[] {
    return prepared(
      this.db,
      `${EVENT_SELECT} e WHERE e.status = 'extension_requested' AND (@agencyId IS NULL OR e.agency_id = @agencyId)
         AND NOT EXISTS (SELECT 1 FROM status_events d WHERE d.refers_to = e.id AND d.status IN ('extension_approved', 'extension_rejected', 'extension_requested'))
       ORDER BY e.created_at, e.id`,
    ).all({ agencyId: agencyId ?? null }) as StatusEvent[];
  }

  /** Every event, for scoring and replay. */
  all(): StatusEvent[] {
    return prepared(this.db, `${EVENT_SELECT} ORDER BY created_at, id`).all() as StatusEvent[];
  }

  /** The latest event of every (item, agency), keyed "kind:item:agency", in one query. */
  latestAll(): Map<string, StatusEvent> {
    const rows = prepared(
      this.db,
      `${EVENT_SELECT} WHERE id IN (SELECT MAX(id) FROM status_events GROUP BY item_kind, item_id, agency_id)`,
    ).all() as StatusEvent[];
    return new Map(rows.map((e) => [itemKey(e.itemKind, e.itemId, e.agencyId), e]));
  }

  /** Every stored state, for replay. */
  states(): StoredState[] {
    return (prepared(this.db, `${STATE_SELECT} ORDER BY item_kind, item_id, agency_id`).all() as (Omit<StoredState, 'dones'> & { dones: string })[]).map(stateOf);
  }

  /** Every (item, agency)'s state folded from its events in timestamp order, with its latest event. */
  private derive(): Map<string, { e: StatusEvent; state: ItemState }> {
    const events = this.all().sort(eventOrder);
    const byId = new Map(events.map((e) => [e.id, e]));
    const derived = new Map<string, { e: StatusEvent; state: ItemState }>();
    for (const e of events) {
      const key = itemKey(e.itemKind, e.itemId, e.agencyId);
      derived.set(key, { e, state: applyEvent(derived.get(key)?.state, e, (id) => byId.get(id)?.requestedDate ?? null) });
    }
    return derived;
  }

  /** Recomputes every state from the events (in timestamp order); returns the keys that differed. */
  replay(): { checked: number; differences: { key: string; stored: ItemState | undefined; derived: ItemState }[] } {
    const derived = this.derive();
    const stored = new Map(this.states().map((s) => [itemKey(s.itemKind, s.itemId, s.agencyId), s]));
    const differences: { key: string; stored: ItemState | undefined; derived: ItemState }[] = [];
    for (const [key, { state }] of derived) {
      const s = stored.get(key);
      const same = s && s.status === state.status && s.progress === state.progress && s.doneAt === state.doneAt && s.dones.join() === state.dones.join() && s.dueOverride === state.dueOverride;
      if (!same) differences.push({ key, stored: s, derived: state });
    }
    for (const key of stored.keys()) if (!derived.has(key)) differences.push({ key, stored: stored.get(key), derived: { status: 'not_started', progress: null, doneAt: null, dones: [], dueOverride: null, lastEvent: 0, updatedAt: '' } });
    return { checked: derived.size, differences };
  }

  /** Rewrites the derived states from the events (after replay found differences). */
  rebuildStates(): void {
    const derived = this.derive();
    prepared(this.db, 'DELETE FROM item_states').run();
    for (const { e, state } of derived.values()) this.writeState(e.itemKind, e.itemId, e.agencyId, state);
  }

  /** Attaches a file reference to an event (append-only). */
  attachEvidence(file: { eventId: number; platform: string; fileRef: string; fileName: string; mimeType: string | null; size: number; memberId: number | null; createdAt: string }): void {
    prepared(
      this.db,
      `INSERT INTO evidence_files (event_id, platform, file_ref, file_name, mime_type, size, member_id, created_at)
       VALUES (@eventId, @platform, @fileRef, @fileName, @mimeType, @size, @memberId, @createdAt)`,
    ).run(file);
  }

  /** Holds a file whose caption was asked back (no event yet); see migration 0028. */
  holdEvidence(file: { memberId: number; platform: string; fileRef: string; fileName: string; mimeType: string | null; size: number; createdAt: string }): void {
    prepared(
      this.db,
      `INSERT INTO held_evidence (member_id, platform, file_ref, file_name, mime_type, size, created_at)
       VALUES (@memberId, @platform, @fileRef, @fileName, @mimeType, @size, @createdAt)`,
    ).run(file);
  }

  /**
   * Attaches the member's files held since `since` to the event and removes every held file of the
   * member (older ones have expired); returns the names attached. Call inside a transaction.
   */
  attachHeld(memberId: number, eventId: number, since: string, now: string): string[] {
    const held = prepared(this.db, 'SELECT platform, file_ref AS fileRef, file_name AS fileName, mime_type AS mimeType, size FROM held_evidence WHERE member_id = ? AND created_at >= ? ORDER BY id')
      .all(memberId, since) as { platform: string; fileRef: string; fileName: string; mimeType: string | null; size: number }[];
    for (const f of held) this.attachEvidence({ ...f, eventId, memberId, createdAt: now });
    prepared(this.db, 'DELETE FROM held_evidence WHERE member_id = ?').run(memberId);
    return held.map((f) => f.fileName);
  }

  /** Forgets files held since before `before` (never attached: a held file waits 30 minutes); returns how many. `dryRun`: counts only. */
  pruneHeld(before: Date, dryRun: boolean): number {
    return pruneRows(this.db, { table: 'held_evidence', where: 'created_at < ?' }, [before.toISOString()], dryRun);
  }

  /** Every file attached to an item's events, with the agency whose event it belongs to, oldest first (the report's evidence index). */
  evidenceFilesOfItem(itemKind: ItemKind, itemId: number): { agencyId: number; fileName: string; createdAt: string }[] {
    return prepared(
      this.db,
      `SELECT e.agency_id AS agencyId, f.file_name AS fileName, f.created_at AS createdAt FROM evidence_files f JOIN status_events e ON e.id = f.event_id
       WHERE e.item_kind = ? AND e.item_id = ? ORDER BY f.created_at, f.id`,
    ).all(itemKind, itemId) as { agencyId: number; fileName: string; createdAt: string }[];
  }

  evidenceOf(eventId: number): { fileName: string; size: number; platform: string }[] {
    return prepared(this.db, 'SELECT file_name AS fileName, size, platform FROM evidence_files WHERE event_id = ? ORDER BY id').all(eventId) as {
      fileName: string;
      size: number;
      platform: string;
    }[];
  }

  /** The member's latest event since an instant (a file sent just after a reply belongs to it). */
  latestByMemberSince(memberId: number, since: string): StatusEvent | undefined {
    return prepared(this.db, `${EVENT_SELECT} WHERE member_id = ? AND created_at >= ? ORDER BY created_at DESC, id DESC LIMIT 1`).get(memberId, since) as
      | StatusEvent
      | undefined;
  }

  snooze(itemKind: ItemKind, itemId: number, agencyId: number, untilDate: string, memberId: number | null, now: Date): void {
    prepared(this.db, 
        `INSERT INTO snoozes (item_kind, item_id, agency_id, until_date, member_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (item_kind, item_id, agency_id) DO UPDATE SET until_date = excluded.until_date,
           member_id = excluded.member_id, created_at = excluded.created_at`,
      )
      .run(itemKind, itemId, agencyId, untilDate, memberId, now.toISOString());
  }

  /** Snoozes still running on `today`: key "kind:item:agency" → until date. */
  snoozedOn(today: string): Map<string, string> {
    return this.keyed('SELECT item_kind AS kind, item_id AS itemId, agency_id AS agencyId, until_date AS value FROM snoozes WHERE until_date > ?', [today]);
  }
}
