import type { Clock } from '../clock.js';
import { addDays, civilDateOf, endOfQuarter, type CivilDate } from '../domain/civil-date.js';
import { taskTitle } from '../domain/task-title.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import { dayjs } from '../domain/time.js';
import type { DeadlineRow, OverdueRow, ProgressQuery } from '../store/progress-repo.js';
import type { Store } from '../store/store.js';
import type { Report } from '../store/report-repo.js';
import { REPORT_LOOKBACK_DAYS } from './reminder-planner.js';
import { VersionedCache } from './versioned-cache.js';

export interface ItemLine {
  kind: 'task' | 'report';
  itemId: number;
  agencyId: number;
  label: string;
  title: string;
  /** The oldest date missed. */
  dueDate: CivilDate;
  /** How many of the item's dates were missed (1 for a report). */
  missed: number;
  /** Working days since `dueDate`. */
  lateDays: number;
}

export interface ProvinceSummary {
  quarter: { from: CivilDate; to: CivilDate; label: string };
  tasksDue: number;
  tasksDone: number;
  tasksOverdue: number;
  byArea: { area: string; due: number; done: number }[];
  byKind: { kind: string; due: number; done: number }[];
  /**
   * The completion chart: per agency, the dates of its window (this quarter; the year up to the
   * quarter's end while no date of the quarter has come yet) done, overdue and still open, sorted
   * as `behind` is (every overdue item, most first, then the longest late, then by name), so the
   * chart's first bars are the text's slowest agencies, in the same order.
   */
  chart: { yearToDate: boolean; from: CivilDate; to: CivilDate; rows: { agencyId: number; done: number; overdue: number; open: number; overdueAll: number }[] };
  report: { code: string; title: string; owed: number; submitted: number } | null;
  behind: { agencyId: number; overdue: number; oldest: number }[];
  lastWeek: { done: number; blocked: number; extensions: number; progress: number };
}

/** One week of replies (Monday to Sunday): what agencies reported. */
export interface WeekActivity {
  week: CivilDate;
  done: number;
  progress: number;
  problems: number;
}

/** Numbers for leaders: the province (or one agency) this quarter, overdue work, report submissions. */
export class SummaryService {
  constructor(
    private readonly store: Store,
    private readonly calendar: WorkCalendar,
    private readonly clock: Clock,
    private readonly timeZone: string,
    /** Kept per data version, shared with the `asOf` copies (their day is part of every key). */
    private readonly cache = new VersionedCache(() => store.progress.dataVersion()),
  ) {}

  /** `progress.deadlineCounts`, once per data version and question. */
  private deadlineCounts(from: CivilDate, to: CivilDate, q: ProgressQuery): ReturnType<Store['progress']['deadlineCounts']> {
    return this.cache.get(`deadlineCounts ${from} ${to} ${q.today} ${q.shift} ${q.agencyId ?? ''}`, () => this.store.progress.deadlineCounts(from, to, q));
  }

  /** `progress.overdue` (reports chased from REPORT_LOOKBACK_DAYS back), once per data version and question. */
  private overdueRows(q: ProgressQuery): OverdueRow[] {
    return this.cache.get(`overdueRows ${q.today} ${q.shift} ${q.agencyId ?? ''}`, () => this.store.progress.overdue(addDays(q.today, -REPORT_LOOKBACK_DAYS), q));
  }

  /**
   * Per agency: how many items are overdue and the oldest date among them — what
   * `progress.overdueByAgency` counts, grouped here from the same rows as the list (one query, not two).
   */
  private overdueByAgency(q: ProgressQuery): { agencyId: number; n: number; oldest: CivilDate }[] {
    return this.cache.get(`overdueByAgency ${q.today} ${q.shift} ${q.agencyId ?? ''}`, () => {
      const out = new Map<number, { agencyId: number; n: number; oldest: CivilDate }>();
      for (const row of this.overdueRows(q)) {
        const entry = out.get(row.agencyId);
        if (!entry) out.set(row.agencyId, { agencyId: row.agencyId, n: 1, oldest: row.dueDate });
        else {
          entry.n += 1;
          if (row.dueDate < entry.oldest) entry.oldest = row.dueDate;
        }
      }
      return [...out.values()].sort((a, b) => a.agencyId - b.agencyId);
    });
  }

  /**
   * Who submitted a report and when (late or not), and who has not, by agency name; undefined for
   * an unknown report code of that year.
   */
  reportStatus(code: string, year: number): { report: Report; submitted: { name: string; day: CivilDate; late: boolean }[]; missing: string[]; owing: number } | undefined {
    const { reports, statuses, agencies } = this.store;
    const report = reports.byCode(code, year);
    if (!report) return undefined;
    const owing = reports.obligationsOf(report.id);
    const names = new Map(agencies.list().map((a) => [a.id, a.name]));
    const submitted: { name: string; day: CivilDate; late: boolean }[] = [];
    const missing: string[] = [];
    for (const agencyId of owing) {
      const state = statuses.state('report', report.id, agencyId);
      if (state?.status === 'done' && state.doneAt) {
        const day = civilDateOf(new Date(state.doneAt), this.timeZone);
        submitted.push({ name: names.get(agencyId) ?? '', day, late: day > report.dueDate });
      } else missing.push(names.get(agencyId) ?? '');
    }
    return { report, submitted, missing, owing: owing.length };
  }

  today(): CivilDate {
    return civilDateOf(this.clock.now(), this.timeZone);
  }

  /** The SQLite modifier from a stored UTC instant to the province's civil time (no DST in Việt Nam, but read it anyway). */
  private query(agencyId?: number): ProgressQuery {
    const minutes = dayjs(this.clock.now()).tz(this.timeZone).utcOffset();
    return { today: this.today(), shift: `${minutes >= 0 ? '+' : ''}${minutes} minutes`, agencyId };
  }

  /**
   * Every lead-agency task date in [from, to] with its state today: the rows `province()` counts
   * for /tonghop (the same query), for the periodic report's figures and task list.
   */
  deadlines(from: CivilDate, to: CivilDate, agencyId?: number): DeadlineRow[] {
    return this.store.progress.deadlineRows(from, to, this.query(agencyId));
  }

  /** The same summaries as of another day (the report drafted "as of" a date): its "today" is that day. */
  asOf(day: CivilDate): SummaryService {
    const noon = dayjs.tz(`${day} 12:00`, 'YYYY-MM-DD HH:mm', this.timeZone).toDate();
    return new SummaryService(this.store, this.calendar, { now: () => noon, sleep: (ms) => this.clock.sleep(ms) }, this.timeZone, this.cache);
  }

  /** Every overdue item (task deadlines the lead has not finished, unsubmitted reports), oldest first. */
  overdue(agencyId?: number): ItemLine[] {
    const q = this.query(agencyId);
    // Computed once per data version and day (a copy of the list each time: callers may sort it).
    return [...this.cache.get(`overdue ${q.today} ${q.shift} ${agencyId ?? ''}`, () => this.overdueLines(q))];
  }

  private overdueLines(q: ProgressQuery): ItemLine[] {
    const rows = this.overdueRows(q);
    const tasks = this.store.plans.tasksById(rows.filter((r) => r.kind === 'task').map((r) => r.itemId));
    const reports = new Map<number, { code: string; title: string } | undefined>();
    // One title per task, not per (task, agency) row: 500 communes share each task.
    const titles = new Map<number, string>();
    const lines: ItemLine[] = [];
    for (const row of rows) {
      let label: string;
      let title: string;
      if (row.kind === 'task') {
        const task = tasks.get(row.itemId);
        if (!task) continue;
        label = task.code;
        title = titles.get(task.id) ?? taskTitle(task);
        titles.set(task.id, title);
      } else {
        if (!reports.has(row.itemId)) reports.set(row.itemId, this.store.reports.byId(row.itemId));
        const report = reports.get(row.itemId);
        if (!report) continue;
        label = report.code;
        title = report.title;
      }
      lines.push({ kind: row.kind, itemId: row.itemId, agencyId: row.agencyId, label, title, dueDate: row.dueDate, missed: row.missed, lateDays: this.calendar.workingDaysBetween(row.dueDate, q.today) });
    }
    return lines;
  }

  /** The agencies with at least one overdue item (the "có việc quá hạn" broadcast audience). */
  overdueAgencies(): Set<number> {
    return new Set(this.overdueCounts().keys());
  }

  /** How many overdue items each agency has (as `overdue` lists them), counted in SQL. */
  overdueCounts(): Map<number, number> {
    const q = this.query();
    return new Map(this.overdueByAgency(q).map((r) => [r.agencyId, r.n]));
  }

  /** The province (or one agency) this quarter. */
  province(agencyId?: number): ProvinceSummary {
    const { store } = this;
    const q = this.query(agencyId);
    const today = q.today;
    const year = Number(today.slice(0, 4));
    const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const from = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
    const quarterEnd = endOfQuarter(year, quarter);
    const agencies = new Map(store.agencies.list().map((a) => [a.id, a]));
    const kinds = new Map(store.agencies.kinds().map((k) => [k.code, k.label]));
    const byArea = new Map<string, { due: number; done: number }>();
    const byKind = new Map<string, { due: number; done: number }>();
    const totals = { due: 0, done: 0, overdue: 0, open: 0 };
    const quarterRows = this.deadlineCounts(from, quarterEnd, q);
    for (const row of quarterRows) {
      totals.due += row.n;
      totals[row.state] += row.n;
      const kind = kinds.get(agencies.get(row.agencyId)?.kind ?? '') ?? 'Khác';
      for (const [map, key] of [[byArea, row.areaTitle || 'Khác'], [byKind, kind]] as const) {
        const entry = map.get(key) ?? { due: 0, done: 0 };
        entry.due += row.n;
        if (row.state === 'done') entry.done += row.n;
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
    // One order for the text's slowest agencies and the chart: every overdue item (reports and
    // earlier periods included), then the longest late, then the smaller share done, then the name.
    const name = (id: number) => agencies.get(id)?.name ?? '';
    const overdueAll = new Map(
      this.overdueByAgency(q).map((r) => [r.agencyId, { overdue: r.n, oldest: this.calendar.workingDaysBetween(r.oldest, today) }]),
    );
    // Early in a quarter no date of it has come: 88 bars at 0% say nothing, the year so far does.
    const yearToDate = this.deadlineCounts(from, today, q).length === 0;
    const chartFrom = yearToDate ? `${year}-01-01` : from;
    const perAgency = new Map<number, { done: number; overdue: number; open: number }>();
    for (const row of yearToDate ? this.deadlineCounts(chartFrom, quarterEnd, q) : quarterRows) {
      const counts = perAgency.get(row.agencyId) ?? { done: 0, overdue: 0, open: 0 };
      counts[row.state] += row.n;
      perAgency.set(row.agencyId, counts);
    }
    for (const id of overdueAll.keys()) if (!perAgency.has(id)) perAgency.set(id, { done: 0, overdue: 0, open: 0 });
    const share = (id: number) => {
      const c = perAgency.get(id)!;
      return c.done / Math.max(1, c.done + c.overdue + c.open);
    };
    const slower = (a: number, b: number) => {
      const x = overdueAll.get(a) ?? { overdue: 0, oldest: 0 };
      const y = overdueAll.get(b) ?? { overdue: 0, oldest: 0 };
      return y.overdue - x.overdue || y.oldest - x.oldest || share(a) - share(b) || name(a).localeCompare(name(b), 'vi') || a - b;
    };
    const order = [...perAgency.keys()].sort(slower);
    const chartRows = order.map((id) => ({ agencyId: id, ...perAgency.get(id)!, overdueAll: overdueAll.get(id)?.overdue ?? 0 }));
    const behind = order.filter((id) => overdueAll.has(id)).slice(0, 5).map((id) => ({ agencyId: id, ...overdueAll.get(id)! }));
    const weekAgo = new Date(this.clock.now().getTime() - 7 * 86_400_000).toISOString();
    const recent = store.progress.eventCountsSince(weekAgo, agencyId);
    const count = (...statuses: string[]) => statuses.reduce((sum, status) => sum + (recent.get(status) ?? 0), 0);
    return {
      quarter: { from, to: quarterEnd, label: `quý ${['I', 'II', 'III', 'IV'][quarter - 1]}/${year}` },
      tasksDue: totals.due,
      tasksDone: totals.done,
      tasksOverdue: totals.overdue,
      byArea: [...byArea.entries()].map(([area, v]) => ({ area, ...v })).sort((a, b) => b.due - a.due),
      byKind: [...byKind.entries()].map(([kind, v]) => ({ kind, ...v })).sort((a, b) => b.due - a.due),
      chart: { yearToDate, from: chartFrom, to: quarterEnd, rows: chartRows },
      report,
      behind,
      lastWeek: { done: count('done'), blocked: count('blocked'), extensions: count('extension_requested'), progress: count('in_progress', 'contribution') },
    };
  }

  /** Replies per week for the last `weeks` weeks (this one included, zero-filled): the trend chart. */
  trend(agencyId?: number, weeks = 12): WeekActivity[] {
    const q = this.query(agencyId);
    const monday = dayjs(q.today).day() === 0 ? addDays(q.today, -6) : addDays(q.today, 1 - dayjs(q.today).day());
    const first = addDays(monday, -7 * (weeks - 1));
    const since = dayjs.tz(`${first} 00:00`, 'YYYY-MM-DD HH:mm', this.timeZone).toDate().toISOString();
    const out = Array.from({ length: weeks }, (_, i) => ({ week: addDays(first, 7 * i), done: 0, progress: 0, problems: 0 }));
    const byWeek = new Map(out.map((w) => [w.week, w]));
    for (const row of this.store.progress.weeklyEvents(since, q.shift, agencyId)) {
      const week = byWeek.get(row.week);
      if (!week) continue;
      if (row.status === 'done') week.done += row.n;
      else if (row.status === 'in_progress' || row.status === 'contribution') week.progress += row.n;
      else if (row.status === 'blocked' || row.status === 'extension_requested') week.problems += row.n;
    }
    return out;
  }
}
