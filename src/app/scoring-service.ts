import { join } from 'node:path';
import { civilDateOf, formatCivil } from '../domain/civil-date.js';
import { rubricSchema, scoreAgency, type AgencyScore, type Obligation, type Rubric, type ScoringEvent } from '../domain/scoring.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Store } from '../store/store.js';
import { readDataFile } from './data-file.js';
import { exportWorkbook } from './excel-export.js';
import { VersionedCache } from './versioned-cache.js';

/** Reads and validates data/rubric.json; throws one Vietnamese line naming the bad field. */
export function loadRubric(dataDir: string): Rubric {
  return readDataFile(join(dataDir, 'rubric.json'), rubricSchema, 'Bộ tiêu chí chấm điểm');
}

export interface ScoredAgency extends AgencyScore {
  code: string;
  name: string;
  kind: string;
}

/** A period to export: its first and last day and its words ("quý III/2024"). */
export interface ExportPeriod {
  from: string;
  to: string;
  label: string;
}

/** UBND tỉnh issues the plan and is not scored against it; every other active agency is. */
export const notScored = (kind: string): boolean => kind === 'ubnd_tinh';

/** Points as Vietnamese writes them ("1,5"; at most two decimals), the same in chat and on the web. */
export const formatPoints = (n: number): string => POINTS.format(n);
// One formatter (toLocaleString with options builds a new one per call: 2,000 calls for a ranking of 500 communes).
const POINTS = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/**
 * Competition ranking: agencies with the same share of their points share a rank (1, 2, 2, 4);
 * within a rank, by name (Vietnamese order). The share, not the raw total, so that agencies with
 * fewer applicable criteria are compared fairly. Used by /xephang and the web page Điểm.
 */
export function rankWithTies(scores: ScoredAgency[]): { rank: number; score: ScoredAgency }[] {
  const share = (s: ScoredAgency) => (s.maxTotal > 0 ? Math.round((s.total / s.maxTotal) * 1e6) : 0);
  const sorted = scores.map((score) => ({ score, share: share(score) })).sort((a, b) => b.share - a.share || a.score.name.localeCompare(b.score.name, 'vi'));
  // Equal shares stand together: each takes the place of the first of them (one pass, not a search per agency).
  let rank = 0;
  return sorted.map((s, i) => {
    if (i === 0 || s.share !== sorted[i - 1]!.share) rank = i + 1;
    return { rank, score: s.score };
  });
}

/** The criterion that cost the most points (the first in the rubric's order on a tie), or none: /xephang's and the web's "mất điểm chủ yếu". */
export function mainLossOf(s: ScoredAgency): ScoredAgency['criteria'][number] | null {
  return s.criteria.filter((c) => c.points < c.maxPoints).sort((a, b) => b.maxPoints - b.points - (a.maxPoints - a.points))[0] ?? null;
}

/** Gathers what each agency owed in a period and its events, and scores it by the rubric. */
export class ScoringService {
  constructor(
    private readonly store: Store,
    private readonly rubric: Rubric,
    private readonly calendar: WorkCalendar,
    private readonly timeZone: string,
  ) {}

  /** scoreAll's results, once per data version, period and day (the page of the ranking and /xephang ask the same). */
  private readonly cache = new VersionedCache(() => this.store.progress.dataVersion(), 16);

  /**
   * Set by the running bot: builds the workbook off the chat's event loop (a worker thread running
   * this same service on its own connection), since 50,000 task rows take seconds.
   */
  offThread: ((period: ExportPeriod, asOf: string) => Promise<Buffer>) | undefined;

  /** The Excel workbook of a period: tasks, reports and these scores (the same numbers as /diem and /xephang). */
  exportWorkbook(period: ExportPeriod, asOf: string): Promise<Buffer> {
    if (this.offThread) return this.offThread(period, asOf);
    return exportWorkbook(this.store, this, period, asOf, this.timeZone);
  }

  /**
   * Scores every active agency for [from, to] as of a day, best first: Sở Nội vụ too (it leads tasks
   * of its own); UBND tỉnh, which issues the plan, is not scored (`notScored` says so).
   */
  scoreAll(period: { from: string; to: string }, asOf: string): ScoredAgency[] {
    // A copy of the list each time: callers filter and sort it.
    return [...this.cache.get(`${period.from} ${period.to} ${asOf}`, () => this.scoreAllNow(period, asOf))];
  }

  private scoreAllNow(period: { from: string; to: string }, asOf: string): ScoredAgency[] {
    const { store } = this;
    const obligations = new Map<number, Obligation[]>();
    const add = (agencyId: number, o: Obligation) => {
      const list = obligations.get(agencyId);
      if (list) list.push(o);
      else obligations.set(agencyId, [o]);
    };
    // Every date of a task its lead owed, each in the period of its plan date ("Quý II" is Q2 even
    // when 30/6 moves to 1/7, or an extension moves it to Q3): a "Quý I-IV" task owes four dates, and
    // the year counts all of them, overdue ones included.
    // A task's dates are the same for each of its lead agencies (an extension is the agency's own
    // event, read by the scoring): worked out once per task, then owed by each lead.
    const { dates: rows, leads } = store.plans.leadDateSources();
    const dates = new Map<number, { all: string[]; inPeriod: string[] }>();
    for (const r of rows) {
      const entry = dates.get(r.taskId) ?? { all: [], inPeriod: [] };
      if (!entry.all.includes(r.dueDate)) entry.all.push(r.dueDate);
      if (r.periodDate >= period.from && r.periodDate <= period.to && !entry.inPeriod.includes(r.dueDate)) entry.inPeriod.push(r.dueDate);
      dates.set(r.taskId, entry);
    }
    const tasks = store.plans.tasksById([...dates].filter(([, d]) => d.inPeriod.length > 0).map(([id]) => id));
    const owed = new Map<number, { dueDate: string; dates: string[]; label: string }[]>();
    for (const [taskId, d] of dates) {
      const all = [...d.all].sort();
      const code = tasks.get(taskId)?.code ?? String(taskId);
      owed.set(taskId, d.inPeriod.map((due) => ({ dueDate: due, dates: all, label: all.length > 1 ? `${code} (hạn ${formatCivil(due)})` : code })));
    }
    for (const [taskId, agencyId] of leads) {
      for (const o of owed.get(taskId) ?? []) add(agencyId, { itemKind: 'task', itemId: taskId, ...o });
    }
    for (const report of store.reports.dueBetween(period.from, period.to)) {
      for (const o of store.reports.obligationsOf(report.id)) {
        add(o, { itemKind: 'report', itemId: report.id, dueDate: report.dueDate, reportKind: report.kind, label: `${report.code}/${report.year}` });
      }
    }
    const events = new Map<number, ScoringEvent[]>();
    for (const e of store.statuses.all()) {
      const list = events.get(e.agencyId) ?? [];
      list.push({
        itemKind: e.itemKind,
        itemId: e.itemId,
        agencyId: e.agencyId,
        status: e.status,
        progress: e.progress,
        requestedDate: e.requestedDate,
        day: civilDateOf(new Date(e.createdAt), this.timeZone),
        createdAt: e.createdAt,
        keepsDone: e.keepsDone,
      });
      events.set(e.agencyId, list);
    }
    const responsiveness = this.rubric.criteria.find((c) => c.type === 'responsiveness' && c.enabled);
    const within = responsiveness && responsiveness.type === 'responsiveness' ? responsiveness.withinWorkingDays : 0;
    const reminders = new Map<number, { itemKind: 'task' | 'report'; itemId: number; agencyId: number; sentDay: string; answerBy: string }[]>();
    for (const r of within > 0 ? store.reminders.sentBetween(period.from, period.to) : []) {
      const list = reminders.get(r.agencyId) ?? [];
      list.push({ ...r, answerBy: this.calendar.addWorkingDays(r.sentDay, within) });
      reminders.set(r.agencyId, list);
    }
    return store.agencies
      .list()
      .filter((a) => !notScored(a.kind))
      .map((a) => {
        const score = scoreAgency(
          a.id,
          this.rubric,
          obligations.get(a.id) ?? [],
          events.get(a.id) ?? [],
          asOf,
          reminders.get(a.id) ?? [],
        );
        return { ...score, code: a.code, name: a.name, kind: a.kind };
      })
      .sort((x, y) => y.total - x.total || x.name.localeCompare(y.name, 'vi'));
  }
}
