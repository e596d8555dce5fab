import type { Clock } from '../clock.js';
import { addDays, civilDateOf, endOfQuarter, type CivilDate } from '../domain/civil-date.js';
import { taskTitle } from '../domain/task-title.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Store } from '../store/store.js';
import { coveredByDone, type ReminderPlanner } from './reminder-planner.js';

export interface ItemLine {
  kind: 'task' | 'report';
  agencyId: number;
  label: string;
  title: string;
  dueDate: CivilDate;
  lateDays: number;
}

export interface ProvinceSummary {
  quarter: { from: CivilDate; to: CivilDate; label: string };
  tasksDue: number;
  tasksDone: number;
  tasksOverdue: number;
  byArea: { area: string; due: number; done: number }[];
  byKind: { kind: string; due: number; done: number }[];
  /** Per agency this quarter: done, overdue and still open (for the completion chart). */
  perAgency: { agencyId: number; done: number; overdue: number; open: number }[];
  report: { code: string; title: string; owed: number; submitted: number } | null;
  behind: { agencyId: number; overdue: number; oldest: number }[];
  lastWeek: { done: number; blocked: number; extensions: number; progress: number };
}

/** Numbers for leaders: the province (or one agency) this quarter, overdue work, report submissions. */
export class SummaryService {
  constructor(
    private readonly store: Store,
    private readonly planner: ReminderPlanner,
    private readonly calendar: WorkCalendar,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  today(): CivilDate {
    return civilDateOf(this.clock.now(), this.timeZone);
  }

  /** Every overdue item (task deadlines the lead has not finished, unsubmitted reports), oldest first. */
  overdue(agencyId?: number, sources = this.store.plans.reminderSources(false)): ItemLine[] {
    const today = this.today();
    const tasks = this.store.plans.tasksById([]);
    const lines: ItemLine[] = [];
    for (const o of this.planner.occurrences(today, today, sources)) {
      if (o.kind !== 'deadline' || o.dueDate >= today) continue;
      if (agencyId !== undefined && o.agencyId !== agencyId) continue;
      let label: string;
      let title: string;
      if (o.itemKind === 'task') {
        const task = tasks.get(o.itemId) ?? this.store.plans.taskById(o.itemId);
        if (!task) continue;
        tasks.set(o.itemId, task);
        label = task.code;
        title = taskTitle(task);
      } else {
        const report = this.store.reports.byId(o.itemId);
        if (!report) continue;
        label = report.code;
        title = report.title;
      }
      lines.push({ kind: o.itemKind, agencyId: o.agencyId, label, title, dueDate: o.dueDate, lateDays: this.calendar.workingDaysBetween(o.dueDate, today) });
    }
    return lines.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.agencyId - b.agencyId));
  }

  /** The province (or one agency) this quarter. */
  province(agencyId?: number): ProvinceSummary {
    const { store } = this;
    const today = this.today();
    const year = Number(today.slice(0, 4));
    const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
    const quarterEnd = endOfQuarter(year, q);
    const done = store.statuses.doneSince();
    const agencies = new Map(store.agencies.list().map((a) => [a.id, a]));
    const kinds = new Map(store.agencies.kinds().map((k) => [k.code, k.label]));
    const dates = new Map<number, CivilDate[]>();
    const due: { taskId: number; agencyId: number; dueDate: CivilDate }[] = [];
    const sources = store.plans.reminderSources(false);
    for (const s of sources) {
      if (!s.dueDate) continue;
      dates.set(s.taskId, [...(dates.get(s.taskId) ?? []), s.dueDate]);
      if (s.dueDate >= from && s.dueDate <= quarterEnd && (agencyId === undefined || s.agencyId === agencyId)) due.push({ taskId: s.taskId, agencyId: s.agencyId, dueDate: s.dueDate });
    }
    const isDone = (d: (typeof due)[number]) => {
      const at = done.get(`task:${d.taskId}:${d.agencyId}`);
      return at !== undefined && coveredByDone(dates.get(d.taskId) ?? [], d.dueDate, civilDateOf(new Date(at), this.timeZone));
    };
    const tasks = store.plans.tasksById(due.map((d) => d.taskId));
    const byArea = new Map<string, { due: number; done: number }>();
    const byKind = new Map<string, { due: number; done: number }>();
    let doneCount = 0;
    let overdue = 0;
    const perAgency = new Map<number, { done: number; overdue: number; open: number }>();
    for (const d of due) {
      const finished = isDone(d);
      const counts = perAgency.get(d.agencyId) ?? { done: 0, overdue: 0, open: 0 };
      if (finished) {
        doneCount += 1;
        counts.done += 1;
      } else if (d.dueDate < today) {
        overdue += 1;
        counts.overdue += 1;
      } else counts.open += 1;
      perAgency.set(d.agencyId, counts);
      const area = tasks.get(d.taskId)?.areaTitle || 'Khác';
      const kind = kinds.get(agencies.get(d.agencyId)?.kind ?? '') ?? 'Khác';
      for (const [map, key] of [[byArea, area], [byKind, kind]] as const) {
        const entry = map.get(key) ?? { due: 0, done: 0 };
        entry.due += 1;
        if (finished) entry.done += 1;
        map.set(key, entry);
      }
    }
    const periodic = store.reports.dueBetween(`${year - 1}-12-20`, addDays(today, 30)).filter((r) => r.kind === 'periodic');
    const current = periodic.filter((r) => r.dueDate <= addDays(today, 30)).at(-1) ?? null;
    let report: ProvinceSummary['report'] = null;
    if (current) {
      const owing = store.reports.obligationsOf(current.id).filter((a) => agencyId === undefined || a === agencyId);
      report = { code: current.code, title: current.title, owed: owing.length, submitted: owing.filter((a) => store.statuses.state('report', current.id, a)?.status === 'done').length };
    }
    const lateness = new Map<number, { overdue: number; oldest: number }>();
    for (const line of this.overdue(agencyId, sources)) {
      const e = lateness.get(line.agencyId) ?? { overdue: 0, oldest: 0 };
      e.overdue += 1;
      e.oldest = Math.max(e.oldest, line.lateDays);
      lateness.set(line.agencyId, e);
    }
    const weekAgo = new Date(this.clock.now().getTime() - 7 * 86_400_000).toISOString();
    const recent = store.statuses.all().filter((e) => e.createdAt >= weekAgo && (agencyId === undefined || e.agencyId === agencyId));
    return {
      quarter: { from, to: quarterEnd, label: `quý ${['I', 'II', 'III', 'IV'][q - 1]}/${year}` },
      tasksDue: due.length,
      tasksDone: doneCount,
      tasksOverdue: overdue,
      byArea: [...byArea.entries()].map(([area, v]) => ({ area, ...v })).sort((a, b) => b.due - a.due),
      byKind: [...byKind.entries()].map(([kind, v]) => ({ kind, ...v })).sort((a, b) => b.due - a.due),
      perAgency: [...perAgency.entries()].map(([agencyId, v]) => ({ agencyId, ...v })),
      report,
      behind: [...lateness.entries()].map(([id, v]) => ({ agencyId: id, ...v })).sort((a, b) => b.overdue - a.overdue || b.oldest - a.oldest).slice(0, 5),
      lastWeek: {
        done: recent.filter((e) => e.status === 'done').length,
        blocked: recent.filter((e) => e.status === 'blocked').length,
        extensions: recent.filter((e) => e.status === 'extension_requested').length,
        progress: recent.filter((e) => e.status === 'in_progress' || e.status === 'contribution').length,
      },
    };
  }
}
