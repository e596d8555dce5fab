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
}

/** The current state of one item for one agency, derived from its events alone. */
export interface ItemState {
  status: 'not_started' | 'in_progress' | 'blocked' | 'done' | 'contributing';
  progress: number | null;
  doneAt: string | null;
  dueOverride: string | null;
  lastEvent: number;
  updatedAt: string;
}

/**
 * Folds one event into the state (pure). Work statuses move the state; an extension request
 * changes nothing until Sở Nội vụ decides, and an approval sets the new due date.
 */
export function applyEvent(state: ItemState | undefined, event: StateEvent, requested?: (eventId: number) => string | null): ItemState {
  const base: ItemState = state ?? { status: 'not_started', progress: null, doneAt: null, dueOverride: null, lastEvent: event.id, updatedAt: event.createdAt };
  const next: ItemState = { ...base, lastEvent: event.id, updatedAt: event.createdAt };
  switch (event.status) {
    case 'done':
      return { ...next, status: 'done', progress: 100, doneAt: event.createdAt };
    case 'in_progress':
      return { ...next, status: 'in_progress', progress: event.progress ?? base.progress, doneAt: null };
    case 'blocked':
      return { ...next, status: 'blocked', doneAt: null };
    case 'reopened':
      return { ...next, status: 'in_progress', doneAt: null };
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
