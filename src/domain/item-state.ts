import type { CivilDate } from './civil-date.js';

/** The statuses a reply can record (append-only events). */
export const STATUSES = ['done', 'in_progress', 'blocked', 'extension_requested', 'extension_approved', 'extension_rejected', 'contribution', 'reopened'] as const;
export type Status = (typeof STATUSES)[number];

/** The key of one item for one agency in maps across dondoc: "task:12:3", "report:4:3". */
export const itemKey = (itemKind: string, itemId: number, agencyId: number): string => `${itemKind}:${itemId}:${agencyId}`;

/** What the state derivation needs from an event. */
export interface StateEvent {
  id: number;
  status: Status;
  progress: number | null;
  requestedDate: string | null;
  createdAt: string;
  /** "Đang làm" or a problem about the next date: the earlier done keeps covering its dates (see `doneStillCurrent`). */
  keepsDone?: boolean;
}

/** The current state of one item for one agency, derived from its events alone. */
export interface ItemState {
  status: 'not_started' | 'in_progress' | 'blocked' | 'done' | 'contributing';
  progress: number | null;
  /**
   * The done whose cover holds (`coveredByDone`): with status done, that done; otherwise a done for
   * earlier dates that a later "đang làm" or problem about the next date left standing (null: none).
   */
  doneAt: string | null;
  /**
   * Every done whose cover holds, oldest first (ISO instants; the last is `doneAt`): a quarterly task
   * done for quý I in March and for quý II, III in July has both, and quý I stays done in March, on
   * time (`firstCover`). Emptied when a reply undoes the done; kept by one about the next date.
   */
  dones: string[];
  dueOverride: string | null;
  lastEvent: number;
  updatedAt: string;
}

/**
 * Folds one event into the state (pure). Work statuses move the state; an extension request
 * changes nothing until Sở Nội vụ decides, and an approval sets the new due date.
 */
export function applyEvent(state: ItemState | undefined, event: StateEvent, requested?: (eventId: number) => string | null): ItemState {
  const base: ItemState = state ?? { status: 'not_started', progress: null, doneAt: null, dones: [], dueOverride: null, lastEvent: event.id, updatedAt: event.createdAt };
  const next: ItemState = { ...base, lastEvent: event.id, updatedAt: event.createdAt };
  const kept = (keeps: boolean | undefined) => (keeps ? { doneAt: base.doneAt, dones: base.dones } : { doneAt: null, dones: [] });
  switch (event.status) {
    case 'done':
      return { ...next, status: 'done', progress: 100, doneAt: event.createdAt, dones: [...base.dones, event.createdAt] };
    case 'in_progress':
      return { ...next, status: 'in_progress', progress: event.progress ?? base.progress, ...kept(event.keepsDone) };
    case 'blocked':
      return { ...next, status: 'blocked', ...kept(event.keepsDone) };
    case 'reopened':
      return { ...next, status: 'in_progress', ...kept(false) };
    case 'contribution':
      return { ...next, status: base.status === 'done' ? 'done' : 'contributing', progress: event.progress ?? base.progress };
    case 'extension_approved':
      return { ...next, dueOverride: event.requestedDate ?? requested?.(event.id) ?? base.dueOverride };
    case 'extension_requested':
    case 'extension_rejected':
      return next;
  }
}

/**
 * Orders events for derivation and scoring: by timestamp, then by a key made of the event's own
 * content, so the result never depends on the order the events arrived in beyond their timestamps.
 */
export function eventOrder<T extends { createdAt: string; status: string; progress: number | null; requestedDate: string | null }>(a: T, b: T): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  const ka = `${STATUSES.indexOf(a.status as Status)}|${a.progress ?? ''}|${a.requestedDate ?? ''}`;
  const kb = `${STATUSES.indexOf(b.status as Status)}|${b.progress ?? ''}|${b.requestedDate ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Is a date covered by a "done" event? A done on day D covers the item's dates up to and including
 * its first date on or after D: finishing in May covers "Quý II", not "Quý III"; finishing late
 * covers every earlier date. The one rule of the planner, the views and the summaries' SQL.
 */
export function coveredByDone(dates: readonly CivilDate[], dueDate: CivilDate, doneDay: CivilDate): boolean {
  const sorted = [...dates].sort();
  const cutoff = sorted.find((d) => d >= doneDay) ?? sorted[sorted.length - 1] ?? doneDay;
  return dueDate <= cutoff;
}

/**
 * The day one date was done: the first of the dones whose cover holds that covers it (a done on or
 * after the date before it); null when none does. Quý I done on 20/3 and quý II, III on 15/7: quý I
 * was done on 20/3, quý II and III on 15/7. The rule of the views, the scores and the summaries' SQL.
 */
export function firstCover(dates: readonly CivilDate[], dueDate: CivilDate, doneDays: readonly CivilDate[]): CivilDate | null {
  return doneDays.find((d) => coveredByDone(dates, dueDate, d)) ?? null;
}

/**
 * An item's dates in force for one agency: an approved extension replaces the one plan date it
 * extends — the latest on or before the new date (a quarterly task's quý II date extended to
 * August), else the first — and leaves the others: quý III and IV stay due on their own dates.
 * The rule of the views, the planner, the scores and the summaries' SQL.
 */
export function datesInForce(planDates: readonly CivilDate[], extension: CivilDate | null): { dates: CivilDate[]; extendedFrom: CivilDate | null } {
  const sorted = [...planDates].sort();
  if (extension === null) return { dates: sorted, extendedFrom: null };
  const extendedFrom = sorted.filter((d) => d <= extension).at(-1) ?? sorted[0] ?? null;
  const rest = extendedFrom === null ? sorted : sorted.filter((d) => d !== extendedFrom);
  return { dates: [...new Set([...rest, extension])].sort(), extendedFrom };
}

/**
 * Does a recorded done still answer for the item on `today`? A done covers the dates up to its
 * first date on or after the done's day (`coveredByDone`). Once that date has passed and a later
 * date is left (a quarterly task done for quý I, now in quý II), the done is history: a new reply
 * is about the next date — a new done is recorded, an extension or "đang làm" is no contradiction.
 * Before that date, or when no later date is left, a reply saying otherwise contradicts the done.
 */
export function doneStillCurrent(dates: readonly CivilDate[], doneDay: CivilDate, today: CivilDate): boolean {
  const sorted = [...dates].sort();
  const cutoff = sorted.find((d) => d >= doneDay) ?? sorted.at(-1);
  if (cutoff === undefined) return true;
  return !(today > cutoff && sorted.some((d) => d > cutoff));
}

/** What one agency's part in one item looks like on a day: the words every view shows. */
export type ItemCondition =
  | 'open' // nothing reported, nothing missed
  | 'in_progress'
  | 'problem' // "vướng mắc"
  | 'extension_asked' // an extension request waits for Sở Nội vụ
  | 'overdue' // a date in force passed, not covered by a done
  | 'done_on_time'
  | 'done_late'
  | 'not_chased'; // every date passed before the plan was imported: neither chased nor scored

/** The facts about one agency's part in one task or report that decide its condition. */
export interface ItemFacts {
  /** Is the agency answerable for it (the lead of a task, an agency owing a report)? Coordinators are never overdue. */
  answerable: boolean;
  /** The dates in force, sorted: an approved extension for this agency, else an admin-set date, else the plan's dates. */
  dates: readonly CivilDate[];
  /** The date an approved extension replaced (null: not extended). */
  extendedFrom: CivilDate | null;
  /** The agency's recorded state (null: nothing reported). */
  status: ItemState['status'] | null;
  progress: number | null;
  /** The civil day of the done whose cover holds (`ItemState.doneAt`; null: none). */
  doneDay: CivilDate | null;
  /** The civil days of every done whose cover holds, oldest first (`ItemState.dones`; the last is `doneDay`). Absent: `doneDay` alone. */
  doneDays?: readonly CivilDate[];
  extensionPending: boolean;
  /** The task had dates, all past when its plan was imported (nothing left to chase). */
  pastAtImport: boolean;
}

export interface ItemView {
  condition: ItemCondition;
  /** The date shown: the first date not covered by a done that is on or after today, else the last date (null: no date). */
  dueDate: CivilDate | null;
  extendedFrom: CivilDate | null;
  /** The oldest date in force that passed without a done covering it (null: none). */
  lateSince: CivilDate | null;
  /** Working days from `lateSince` to today (0 if not overdue). */
  lateDays: number;
  /** Finished: done, and no date in force is left uncovered. */
  finished: boolean;
  /** Working days a finished item was done after the date it covered (0: on time). */
  doneLateDays: number;
  /** A finished item done late: the date in force it missed, which `doneLateDays` counts from (null: on time or not finished). */
  lateAgainst: CivilDate | null;
  extensionPending: boolean;
  status: ItemState['status'] | null;
  progress: number | null;
  doneDay: CivilDate | null;
}

/**
 * The one definition of an item's condition on a day, read by every view (/viec, /nhiemvu, /lich,
 * /quahan, /tonghop, digests): an answerable item is overdue when a date in force before today is
 * not covered by a done, by the working days since the oldest such date; a done that leaves no
 * date uncovered finishes it, on time only when it came by the first of the dates it covered.
 */
export function itemView(f: ItemFacts, today: CivilDate, workingDaysBetween: (from: CivilDate, to: CivilDate) => number): ItemView {
  const uncovered = f.doneDay ? f.dates.filter((d) => !coveredByDone(f.dates, d, f.doneDay!)) : [...f.dates];
  const lateSince = f.answerable ? (uncovered.find((d) => d < today) ?? null) : null;
  const dueDate = uncovered.find((d) => d >= today) ?? f.dates.at(-1) ?? null;
  const finished = f.status === 'done' && uncovered.length === 0;
  // On time only if each date was done by its day: done in June covers "Quý I, II", and March was
  // missed; but quý I done in March and quý II in July missed June only, counted from 30/6.
  const doneDays = f.doneDays && f.doneDays.length > 0 ? f.doneDays : f.doneDay ? [f.doneDay] : [];
  const missed = finished ? f.dates.map((d) => ({ d, day: firstCover(f.dates, d, doneDays) })).find(({ d, day }) => day !== null && day > d) : undefined;
  const coveredDate = missed?.d ?? null;
  const doneLateDays = missed ? workingDaysBetween(missed.d, missed.day!) : 0;
  const condition: ItemCondition = finished
    ? doneLateDays > 0 ? 'done_late' : 'done_on_time'
    : lateSince ? 'overdue'
    : f.extensionPending ? 'extension_asked'
    : f.status === 'blocked' ? 'problem'
    : f.status === 'in_progress' || f.status === 'contributing' ? 'in_progress'
    : f.dates.length === 0 && f.pastAtImport ? 'not_chased'
    : 'open';
  return {
    condition,
    dueDate,
    extendedFrom: f.extendedFrom,
    lateSince,
    lateDays: lateSince ? workingDaysBetween(lateSince, today) : 0,
    finished,
    doneLateDays,
    lateAgainst: doneLateDays > 0 ? coveredDate : null,
    extensionPending: f.extensionPending,
    status: f.status,
    progress: f.progress,
    doneDay: f.doneDay,
  };
}
