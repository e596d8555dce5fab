import { z } from 'zod';
import { join } from 'node:path';
import { addDays, type CivilDate } from '../domain/civil-date.js';
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
    const tasks = this.describe(rows);
    const overdue = summaries.overdue(options.agencyId);
    const nextFrom = addDays(period.window.to, 1);
    const next = this.describe(summaries.deadlines(nextFrom, addDays(nextFrom, 91), options.agencyId).filter((r) => r.state !== 'done'));
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
    return {
      scope: agency ? { kind: 'agency', agencyId: agency.id, code: agency.code, name: agency.name } : { kind: 'province' },
      provinceName: this.provinceName,
      issuer: { parent, name: issuerAgency?.name ?? 'Sở Nội vụ', code: issuerAgency?.code ?? 'SNV', kind: issuerAgency?.kind ?? 'so_ban_nganh' },
      signature: issuerAgency ? store.reportSettings.get(issuerAgency.id) : NO_REPORT_SETTINGS,
      period,
      asOf,
      plans,
      citations: plans.map((p) => citationOf(p, (printed) => store.agencies.find(printed)?.name ?? null)),
      counts: {
        due: tasks.length,
        doneOnTime: tasks.filter((t) => t.onTime === true).length,
        doneLate: tasks.filter((t) => t.onTime === false).length,
        inProgress: tasks.filter((t) => t.state === 'open').length,
        overdue: overdue.length,
        extended: tasks.filter((t) => t.extended).length,
      },
      overdueInWindow: tasks.filter((t) => t.state === 'overdue').length,
      tasks,
      overdueItems: overdue.map((o) => ({ label: o.label, title: o.title, agency: agencies.get(o.agencyId)?.name ?? '', dueDate: o.dueDate })),
      next,
      reportTitle: status?.report.title ?? null,
      submissions,
      missingReports,
    };
  }

  /** The tasks of deadline rows, with what their lead agency last replied. */
  private describe(rows: ReturnType<SummaryService['deadlines']>): DraftTask[] {
    const { store } = this;
    const tasks = store.plans.tasksById([...new Set(rows.map((r) => r.taskId))]);
    const names = new Map(store.agencies.list().map((a) => [a.id, a.name]));
    const histories = new Map<number, ReturnType<Store['statuses']['history']>>();
    const out: DraftTask[] = [];
    for (const row of rows) {
      const task = tasks.get(row.taskId);
      if (!task) continue;
      if (!histories.has(row.taskId)) histories.set(row.taskId, store.statuses.history('task', row.taskId));
      const events = histories.get(row.taskId)!.filter((e) => e.agencyId === row.agencyId);
      const lastDone = [...events].reverse().find((e) => e.status === 'done');
      const last = events.filter((e) => e.status !== 'contribution').at(-1);
      const decided = new Set(events.filter((e) => e.refersTo !== null).map((e) => e.refersTo));
      const pending = [...events].reverse().find((e) => e.status === 'extension_requested' && !decided.has(e.id));
      const progress = [...events].reverse().find((e) => e.progress !== null)?.progress ?? null;
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
      });
    }
    return out;
  }
}
