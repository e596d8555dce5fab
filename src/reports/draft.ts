import { z } from 'zod';
import { join } from 'node:path';
import { addDays, civilDateOf, type CivilDate } from '../domain/civil-date.js';
import type { Rubric } from '../domain/scoring.js';
import { indicatorTargets } from './indicators.js';
import { percentVi } from './outline.js';
import { periodOfYear, type ReportPeriod, type ReportPeriodDef } from '../domain/report-period.js';
import { taskTitle } from '../domain/task-title.js';
import { readDataFile } from '../app/data-file.js';
import type { SummaryService } from '../app/summary-service.js';
import type { Store } from '../store/store.js';
import type { Plan } from '../store/plan-repo.js';
import { NO_REPORT_SETTINGS, type ReportSettings } from '../store/report-settings-repo.js';
import { citationOf, type PlanCitation } from './plan-citation.js';

const periodsSchema = z.object({
  periods: z
    .array(
      z.object({
        code: z.string().min(1),
        label: z.string().min(1),
        from: z.string().regex(/^\d{2}-\d{2}$/),
        fromPreviousYear: z.boolean(),
        to: z.string().regex(/^\d{2}-\d{2}$/),
        agencyDue: z.string().regex(/^\d{2}-\d{2}$/),
        provinceDue: z.string().regex(/^\d{2}-\d{2}$/),
        reportCode: z.string().min(1),
      }),
    )
    .min(1),
});

/** The report periods of the province (data/report-periods.json), validated on load. */
export function loadReportPeriods(dataDir: string): ReportPeriodDef[] {
  const defs = readDataFile(join(dataDir, 'report-periods.json'), periodsSchema, 'Kỳ báo cáo CCHC').periods;
  for (const def of defs) periodOfYear(def, 2026);
  return defs;
}

/** One lead-agency task date of the window, as the report states it. */
export interface DraftTask {
  taskId: number;
  code: string;
  title: string;
  area: string;
  agency: string;
  dueDate: CivilDate;
  state: 'done' | 'overdue' | 'open';
  doneDay: CivilDate | null;
  /** Done on or before its date (null: not done). */
  onTime: boolean | null;
  extended: boolean;
  progress: number | null;
  /** The document or file the done reply named (null: none given, shown as a blank). */
  evidence: string | null;
  /** The latest problem's reason, if the lead's last word is "vướng mắc". */
  problem: string | null;
  /** An extension asked and not yet decided: the date asked for. */
  pendingExtension: CivilDate | null;
  /** The lead agency's last word on the task (not a coordinator's contribution): its day and status; null: none. */
  lastReply: { day: CivilDate; status: string } | null;
  /** Files the lead agency attached to its replies on the task up to the draft's date: name and the day sent, oldest first. */
  files: { name: string; day: CivilDate }[];
}

/**
 * A row of Phụ lục II: an indicator, its target as the plan or the rubric states it (null: none
 * stated), the figure dondoc counts (null: dondoc has none, the result is a blank) and where the
 * figure comes from.
 */
export interface DraftIndicator {
  text: string;
  target: string | null;
  figure: { part: number; whole: number } | null;
  source: string;
}

export interface DraftCounts {
  due: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  /** Items overdue on the draft's date: the /quahan count (all periods, reports included). */
  overdue: number;
  extended: number;
}

export interface ReportDraft {
  scope: { kind: 'agency'; agencyId: number; code: string; name: string } | { kind: 'province' };
  provinceName: string;
  issuer: { parent: string; name: string; code: string; kind: string };
  /** The issuer's signer and "Nơi nhận" as set by an admin (each null: not set, a blank in the document). */
  signature: ReportSettings;
  period: ReportPeriod;
  asOf: CivilDate;
  plans: Plan[];
  /** How each plan in force is cited in "Căn cứ" (same order as `plans`), from the plan's own document. */
  citations: PlanCitation[];
  counts: DraftCounts;
  /** Dates of the window not done and already past on the draft's date. */
  overdueInWindow: number;
  tasks: DraftTask[];
  /** The /quahan list on the draft's date, with agency names. */
  overdueItems: { label: string; title: string; agency: string; dueDate: CivilDate }[];
  next: DraftTask[];
  /** The agencies' report for the period (province draft: every agency; agency draft: its own). */
  reportTitle: string | null;
  /** Reports received: when, on time or not, and the document number the submission named (null: none). */
  submissions: { agency: string; day: CivilDate; late: boolean; documentNo: string | null }[];
  missingReports: { code: string; name: string }[];
  /** Phụ lục II: the rubric's rates dondoc counts, then the plan's own indicators. */
  indicators: DraftIndicator[];
}

export class ReportDraftError extends Error {}

/**
 * Builds the periodic CCHC report's content from what dondoc tracks. Every figure comes from
 * SummaryService (the queries of /tonghop, /quahan and /baocao) for the draft's date.
 */
export class ReportDrafter {
  constructor(
    private readonly store: Store,
    private readonly summaries: SummaryService,
    private readonly periods: readonly ReportPeriodDef[],
    private readonly provinceName: string,
    private readonly timeZone: string,
    private readonly rubric: Rubric | null = null,
  ) {}

  get definitions(): readonly ReportPeriodDef[] {
    return this.periods;
  }

  draft(period: ReportPeriod, options: { agencyId?: number; asOf?: CivilDate } = {}): ReportDraft {
    const { store } = this;
    const asOf = options.asOf ?? this.summaries.today();
    if (asOf < period.window.from) throw new ReportDraftError(`Ngày lập ${asOf} trước kỳ báo cáo (bắt đầu ${period.window.from}).`);
    const summaries = this.summaries.asOf(asOf);
    const agencies = new Map(store.agencies.list().map((a) => [a.id, a]));
    const agency = options.agencyId === undefined ? undefined : agencies.get(options.agencyId);
    if (options.agencyId !== undefined && !agency) throw new ReportDraftError('Không có cơ quan này.');
    const standing = [...agencies.values()].find((a) => a.isStanding);
    const issuerAgency = agency ?? standing;
    const parent = issuerAgency?.kind === 'so_ban_nganh' || issuerAgency?.kind === 'ubnd_tinh' || !issuerAgency ? `UBND ${this.provinceName.toUpperCase()}` : '';
    const rows = summaries.deadlines(period.window.from, period.window.to, options.agencyId);
    const tasks = this.describe(rows, asOf);
    const overdue = summaries.overdue(options.agencyId);
    const nextFrom = addDays(period.window.to, 1);
    const next = this.describe(summaries.deadlines(nextFrom, addDays(nextFrom, 91), options.agencyId).filter((r) => r.state !== 'done'), asOf);
    const status = summaries.reportStatus(period.reportCode, period.year);
    let submissions: ReportDraft['submissions'] = [];
    let missingReports: ReportDraft['missingReports'] = [];
    if (status) {
      const byName = new Map([...agencies.values()].map((a) => [a.name, a]));
      const mine = (name: string) => !agency || name === agency.name;
      const numberOf = (name: string) => {
        const id = byName.get(name)?.id;
        return id === undefined ? null : (store.statuses.latest('report', status.report.id, id)?.evidence ?? null);
      };
      submissions = status.submitted.filter((s) => mine(s.name)).map((s) => ({ agency: s.name, day: s.day, late: s.late, documentNo: numberOf(s.name) }));
      missingReports = status.missing.filter(mine).map((name) => ({ code: byName.get(name)?.code ?? '', name }));
    }
    const year = period.year;
    const plans = store.plans.plans().filter((p) => (p.periodFrom !== null && p.periodTo !== null ? p.periodFrom <= year && year <= p.periodTo : p.year === year));
    const counts: DraftCounts = {
      due: tasks.length,
      doneOnTime: tasks.filter((t) => t.onTime === true).length,
      doneLate: tasks.filter((t) => t.onTime === false).length,
      inProgress: tasks.filter((t) => t.state === 'open').length,
      overdue: overdue.length,
      extended: tasks.filter((t) => t.extended).length,
    };
    const owed = status ? submissions.length + missingReports.length : 0;
    const indicators = [
      ...this.rubricIndicators(counts, status ? { onTime: submissions.filter((x) => !x.late).length, owed, title: status.report.title } : null),
      ...this.planIndicators(plans, options.agencyId),
    ];
    return {
      scope: agency ? { kind: 'agency', agencyId: agency.id, code: agency.code, name: agency.name } : { kind: 'province' },
      provinceName: this.provinceName,
      issuer: { parent, name: issuerAgency?.name ?? 'Sở Nội vụ', code: issuerAgency?.code ?? 'SNV', kind: issuerAgency?.kind ?? 'so_ban_nganh' },
      signature: issuerAgency ? store.reportSettings.get(issuerAgency.id) : NO_REPORT_SETTINGS,
      period,
      asOf,
      plans,
      citations: plans.map((p) => citationOf(p, (printed) => store.agencies.find(printed)?.name ?? null)),
      counts,
      overdueInWindow: tasks.filter((t) => t.state === 'overdue').length,
      tasks,
      overdueItems: overdue.map((o) => ({ label: o.label, title: o.title, agency: agencies.get(o.agencyId)?.name ?? '', dueDate: o.dueDate })),
      next,
      reportTitle: status?.report.title ?? null,
      submissions,
      missingReports,
      indicators,
    };
  }

  /** The rubric's rates dondoc counts itself (data/rubric.json): its target is the band that gives full points. */
  private rubricIndicators(counts: DraftCounts, reports: { onTime: number; owed: number; title: string } | null): DraftIndicator[] {
    const out: DraftIndicator[] = [];
    const done = counts.doneOnTime + counts.doneLate;
    for (const c of this.rubric?.criteria ?? []) {
      if (!c.enabled) continue;
      const band = 'bands' in c ? c.bands[0]! : null;
      const target = band ? `${band.strict ? 'trên' : 'từ'} ${percentVi(band.min, 1).replace(',00', '')} (${c.maxPoints} điểm)` : `100% (${c.maxPoints} điểm)`;
      if (c.type === 'completion_rate') out.push({ text: `${c.title}: nhiệm vụ đến hạn trong kỳ đã hoàn thành`, target, figure: { part: done, whole: counts.due }, source: 'dondoc — nhiệm vụ đến hạn trong kỳ và báo cáo của cơ quan chủ trì (như /tonghop)' });
      if (c.type === 'on_time_rate') out.push({ text: `${c.title}: hoàn thành đúng hạn trên số nhiệm vụ đến hạn trong kỳ`, target, figure: { part: counts.doneOnTime, whole: counts.due }, source: 'dondoc — ngày báo hoàn thành so với thời hạn (như /tonghop)' });
      if (c.type === 'reports_on_time' && reports) out.push({ text: `${c.title}: ${reports.title} gửi đúng hạn`, target, figure: { part: reports.onTime, whole: reports.owed }, source: 'dondoc — báo cáo đã nộp (như /baocao)' });
    }
    return out;
  }

  /**
   * The plans' indicators: each objective that states a figure ("85% cán bộ…", "ít nhất 02 đơn vị"),
   * once, with that figure as its target. dondoc does not count these: the result is left blank and
   * the source names the lead agencies whose reports hold it.
   */
  private planIndicators(plans: Plan[], agencyId: number | undefined): DraftIndicator[] {
    const byObjective = new Map<string, { codes: string[]; leads: Set<string> }>();
    for (const row of this.store.plans.objectives(plans.map((p) => p.id), agencyId)) {
      if (indicatorTargets(row.objective).length === 0) continue;
      const entry = byObjective.get(row.objective) ?? { codes: [], leads: new Set<string>() };
      if (!entry.codes.includes(row.code)) entry.codes.push(row.code);
      if (row.lead) entry.leads.add(row.lead);
      byObjective.set(row.objective, entry);
    }
    return [...byObjective].map(([text, e]) => ({
      text,
      target: indicatorTargets(text).join('; '),
      figure: null,
      source: `Báo cáo của ${e.leads.size > 0 ? [...e.leads].join(', ') : 'cơ quan chủ trì'} (nhiệm vụ ${e.codes.join(', ')}); dondoc không có số liệu này`,
    }));
  }

  /**
   * The tasks of deadline rows, with what their lead agency last replied and the files it attached
   * (up to `asOf`). A task's replies are read once and split by agency: a commune-wide task has
   * thousands of rows, and scanning its whole history for each was the draft's slowest part.
   */
  private describe(rows: ReturnType<SummaryService['deadlines']>, asOf: CivilDate): DraftTask[] {
    const { store } = this;
    const tasks = store.plans.tasksById([...new Set(rows.map((r) => r.taskId))]);
    const names = new Map(store.agencies.list().map((a) => [a.id, a.name]));
    type Events = ReturnType<Store['statuses']['history']>;
    const histories = new Map<number, { events: Map<number, Events>; files: Map<number, { name: string; day: CivilDate }[]> }>();
    const historyOf = (taskId: number) => {
      let entry = histories.get(taskId);
      if (!entry) {
        const events = new Map<number, Events>();
        for (const e of store.statuses.history('task', taskId)) {
          const list = events.get(e.agencyId);
          if (list) list.push(e);
          else events.set(e.agencyId, [e]);
        }
        const files = new Map<number, { name: string; day: CivilDate }[]>();
        for (const f of store.statuses.evidenceFilesOfItem('task', taskId)) {
          const day = civilDateOf(new Date(f.createdAt), this.timeZone);
          if (day > asOf) continue;
          const list = files.get(f.agencyId);
          if (list) list.push({ name: f.fileName, day });
          else files.set(f.agencyId, [{ name: f.fileName, day }]);
        }
        histories.set(taskId, (entry = { events, files }));
      }
      return entry;
    };
    const out: DraftTask[] = [];
    for (const row of rows) {
      const task = tasks.get(row.taskId);
      if (!task) continue;
      const history = historyOf(row.taskId);
      const events = history.events.get(row.agencyId) ?? [];
      const lastDone = events.findLast((e) => e.status === 'done');
      const last = events.findLast((e) => e.status !== 'contribution');
      const decided = new Set(events.filter((e) => e.refersTo !== null).map((e) => e.refersTo));
      const pending = events.findLast((e) => e.status === 'extension_requested' && !decided.has(e.id));
      const progress = events.findLast((e) => e.progress !== null)?.progress ?? null;
      out.push({
        taskId: row.taskId,
        code: task.code,
        title: taskTitle(task),
        area: task.areaTitle || 'Nhiệm vụ khác',
        agency: names.get(row.agencyId) ?? '',
        dueDate: row.dueDate,
        state: row.state,
        doneDay: row.doneDay,
        onTime: row.state === 'done' && row.doneDay ? row.doneDay <= row.dueDate : null,
        extended: row.extended,
        progress: row.state === 'done' ? 100 : progress,
        evidence: row.state === 'done' ? (lastDone?.evidence ?? null) : null,
        problem: row.state !== 'done' && last?.status === 'blocked' ? (last.reason ?? '') : null,
        pendingExtension: row.state !== 'done' && pending?.requestedDate ? pending.requestedDate : null,
        lastReply: last ? { day: civilDateOf(new Date(last.createdAt), this.timeZone), status: last.status } : null,
        files: history.files.get(row.agencyId) ?? [],
      });
    }
    return out;
  }
}
