import { z } from 'zod';
import { applyEvent, coveredByDone, datesInForce, eventOrder, firstCover, type ItemState, type Status } from './item-state.js';

const band = z.object({ min: z.number().min(0).max(1), strict: z.boolean().default(false), points: z.number().min(0) });
const common = {
  code: z.string().regex(/^[a-z_]+$/),
  title: z.string().min(3),
  maxPoints: z.number().positive(),
  enabled: z.boolean().default(true),
  /** Points when nothing fell due in the period, or "khong_ap_dung": the criterion is left out of the maximum. */
  whenNothingDue: z.union([z.number().min(0), z.literal('khong_ap_dung')]),
};

/** The scoring rubric (data/rubric.json): criteria modelled on the provincial PAR INDEX tables. */
export const rubricSchema = z
  .object({
    criteria: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ ...common, type: z.literal('completion_rate'), bands: z.array(band).min(1), otherwise: z.number().min(0) }),
          z.object({ ...common, type: z.literal('reports_on_time'), reportKinds: z.array(z.enum(['periodic', 'plan', 'adhoc'])).min(1) }),
          z.object({ ...common, type: z.literal('on_time_rate'), bands: z.array(band).min(1), otherwise: z.number().min(0), extensionCountsAsOnTime: z.boolean() }),
          z.object({ ...common, type: z.literal('responsiveness'), bands: z.array(band).min(1), otherwise: z.number().min(0), withinWorkingDays: z.number().int().min(1).max(20) }),
        ]),
      )
      .min(1),
  })
  .superRefine((rubric, ctx) => {
    rubric.criteria.forEach((c, i) => {
      if ('bands' in c) {
        for (const b of c.bands) if (b.points > c.maxPoints) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'bands'], message: `điểm của một mức vượt điểm tối đa ${c.maxPoints}` });
        const mins = c.bands.map((b) => b.min);
        if (mins.some((m, j) => j > 0 && m > mins[j - 1]!)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'bands'], message: 'các mức phải xếp từ cao xuống thấp' });
      }
      if (typeof c.whenNothingDue === 'number' && c.whenNothingDue > c.maxPoints) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'whenNothingDue'], message: 'vượt điểm tối đa' });
    });
  });

export type Rubric = z.infer<typeof rubricSchema>;
export type Criterion = Rubric['criteria'][number];

/** One event as scoring sees it. */
export interface ScoringEvent {
  itemKind: 'task' | 'report';
  itemId: number;
  agencyId: number;
  status: Status;
  progress: number | null;
  requestedDate: string | null;
  /** Civil day of the event in the province's zone. */
  day: string;
  createdAt: string;
  keepsDone?: boolean;
}

/**
 * Something an agency owed in the period: one date of a task it leads (a "Quý I-IV" task owes four,
 * each counted in the period of its plan date) or a report.
 */
export interface Obligation {
  itemKind: 'task' | 'report';
  itemId: number;
  /** The date as the plan (or Sở Nội vụ's /dathan) sets it, moved off days off. */
  dueDate: string;
  /** Every date of the task for this agency (what a "done" covers is decided among them); default: this one. */
  dates?: readonly string[];
  reportKind?: 'periodic' | 'plan' | 'adhoc';
  label: string;
}

export interface CriterionScore {
  code: string;
  title: string;
  points: number;
  maxPoints: number;
  /** Vietnamese: what was counted and why these points. */
  why: string;
  /** Nothing to measure in the period and the rubric says "không áp dụng": 0 of 0, out of the maximum. */
  notApplicable?: true;
}

/** The score of a criterion with nothing to measure: the rubric's points, or "không áp dụng" (0 of 0). */
function nothingDue(c: Criterion, base: { code: string; title: string; maxPoints: number }, why: string): CriterionScore {
  if (c.whenNothingDue === 'khong_ap_dung') return { ...base, maxPoints: 0, points: 0, notApplicable: true, why: `Không áp dụng: ${why.charAt(0).toLowerCase()}${why.slice(1)}` };
  return { ...base, points: c.whenNothingDue, why };
}

export interface AgencyScore {
  agencyId: number;
  total: number;
  maxTotal: number;
  criteria: CriterionScore[];
}

// One formatter for every reason (toLocaleString with options builds one per call; a province's scores call it thousands of times).
const PERCENT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const pct = (x: number) => `${PERCENT.format(x * 100)}%`;

function pointsFor(rate: number, bands: { min: number; strict: boolean; points: number }[], otherwise: number): { points: number; rule: string } {
  for (const b of bands) {
    if (b.strict ? rate > b.min : rate >= b.min) return { points: b.points, rule: `${b.strict ? 'trên' : 'từ'} ${pct(b.min)}` };
  }
  return { points: otherwise, rule: `dưới ${pct(bands[bands.length - 1]!.min)}` };
}

/**
 * Scores one agency for a period as of a day, from its obligations and its events alone: the same
 * events give the same scores, whatever order they arrived in (events are ordered by timestamp and
 * content, never by arrival).
 */
export function scoreAgency(
  agencyId: number,
  rubric: Rubric,
  obligations: Obligation[],
  events: ScoringEvent[],
  asOf: string,
  reminders: { itemKind: 'task' | 'report'; itemId: number; sentDay: string; answerBy: string }[] = [],
): AgencyScore {
  const mine = events.filter((e) => e.agencyId === agencyId && e.day <= asOf).sort(eventOrder);
  // Per item: the folded state, and the days of the dones since the item was last reopened (a
  // quarterly task done for quý I in March and for quý II in June has both).
  const states = new Map<string, ItemState & { doneDays: string[]; extendedOn: string | null }>();
  const dayOf = new Map(mine.map((e) => [e.createdAt, e.day]));
  for (const e of mine) {
    const key = `${e.itemKind}:${e.itemId}`;
    const prev = states.get(key);
    const next = applyEvent(prev, { id: 0, status: e.status, progress: e.progress, requestedDate: e.requestedDate, createdAt: e.createdAt, keepsDone: e.keepsDone ?? false });
    states.set(key, {
      ...next,
      // The dones whose cover holds (`ItemState.dones`), as civil days.
      doneDays: next.dones.map((at) => dayOf.get(at)!),
      extendedOn: e.status === 'extension_approved' ? e.day : (prev?.extendedOn ?? null),
    });
  }
  // An approved extension replaces the one plan date it extends (the latest on or before it, else
  // the first) and leaves the others (`datesInForce`, as every view shows it); the extended date
  // stays in the period of the plan date it replaces.
  const extension = (o: Obligation): string | null => states.get(`${o.itemKind}:${o.itemId}`)?.dueOverride ?? null;
  const inForceOf = (o: Obligation) => datesInForce(o.dates ?? [o.dueDate], o.itemKind === 'task' ? extension(o) : null);
  // The date in force: the extension's for the date it extends (and for a report), else the plan's.
  const inForce = (o: Obligation): string => {
    const ext = extension(o);
    if (ext === null) return o.dueDate;
    return o.itemKind === 'report' || inForceOf(o).extendedFrom === o.dueDate ? ext : o.dueDate;
  };
  // A date is done when the latest recorded "done" covers it (the views' rule: coveredByDone, on the dates in force).
  const isDone = (o: Obligation): boolean => {
    const s = states.get(`${o.itemKind}:${o.itemId}`);
    const last = s?.doneAt ? s.doneDays.at(-1) : undefined;
    if (last === undefined) return false;
    return o.itemKind === 'report' || coveredByDone(inForceOf(o).dates, inForce(o), last);
  };
  // The day a date was done: the first done that covers it (a done after the date before it).
  const doneDayOf = (o: Obligation): string | null => {
    const s = states.get(`${o.itemKind}:${o.itemId}`)!;
    if (o.itemKind === 'report') return s.doneDays[0] ?? null;
    const dates = inForceOf(o).dates;
    const date = inForce(o);
    return firstCover(dates, date, s.doneDays);
  };
  // On time: done by the date in force at the time (an extension approved after the done does not count).
  const onTimeBy = (o: Obligation, extensionCounts: boolean): boolean => {
    const s = states.get(`${o.itemKind}:${o.itemId}`)!;
    const day = doneDayOf(o);
    const extended = extensionCounts && s.extendedOn !== null && day !== null && s.extendedOn <= day;
    return day !== null && day <= (extended ? inForce(o) : o.dueDate);
  };
  const due = obligations
    .filter((o) => inForce(o) <= asOf)
    .sort((a, b) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.label.localeCompare(b.label)));
  const tasks = due.filter((o) => o.itemKind === 'task');
  const criteria: CriterionScore[] = [];
  for (const c of rubric.criteria) {
    if (!c.enabled) continue;
    const base = { code: c.code, title: c.title, maxPoints: c.maxPoints };
    switch (c.type) {
      case 'completion_rate': {
        if (tasks.length === 0) {
          criteria.push(nothingDue(c, base, 'Không có nhiệm vụ đến hạn trong kỳ.'));
          break;
        }
        const done = tasks.filter(isDone).length;
        const rate = done / tasks.length;
        const { points, rule } = pointsFor(rate, c.bands, c.otherwise);
        const missing = tasks.filter((o) => !isDone(o)).map((o) => o.label);
        criteria.push({
          ...base,
          points,
          why: `Hoàn thành ${done}/${tasks.length} nhiệm vụ đến hạn (${pct(rate)}, ${rule}).${missing.length > 0 ? ` Chưa xong: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}.` : ''}`,
        });
        break;
      }
      case 'reports_on_time': {
        const reports = due.filter((o) => o.itemKind === 'report' && o.reportKind && c.reportKinds.includes(o.reportKind));
        if (reports.length === 0) {
          criteria.push(nothingDue(c, base, 'Không có báo cáo đến hạn trong kỳ.'));
          break;
        }
        const late = reports.filter((o) => !(isDone(o) && onTimeBy(o, true)));
        criteria.push({
          ...base,
          points: late.length === 0 ? c.maxPoints : 0,
          why: late.length === 0 ? `Nộp đủ, đúng hạn ${reports.length}/${reports.length} báo cáo.` : `Thiếu hoặc nộp muộn: ${late.map((o) => o.label).join(', ')} (tiêu chí tính tất cả hoặc không).`,
        });
        break;
      }
      case 'on_time_rate': {
        // Of the dates due, those done by their date (PAR INDEX: "tỷ lệ nhiệm vụ hoàn thành đúng hạn"
        // over the tasks due). Over the tasks finished instead, an agency that leaves overdue work
        // undone would keep 100%, and finishing it late would lower its score.
        if (tasks.length === 0) {
          criteria.push(nothingDue(c, base, 'Không có nhiệm vụ đến hạn trong kỳ.'));
          break;
        }
        const onTime = tasks.filter((o) => isDone(o) && onTimeBy(o, c.extensionCountsAsOnTime)).length;
        const rate = onTime / tasks.length;
        const { points, rule } = pointsFor(rate, c.bands, c.otherwise);
        criteria.push({ ...base, points, why: `Đúng hạn ${onTime}/${tasks.length} nhiệm vụ đến hạn (${pct(rate)}, ${rule})${c.extensionCountsAsOnTime ? '' : '; tính theo hạn gốc'}.` });
        break;
      }
      case 'responsiveness': {
        const counted = reminders.filter((r) => r.sentDay <= asOf);
        if (counted.length === 0) {
          criteria.push(nothingDue(c, base, 'Không có lời nhắc nào trong kỳ.'));
          break;
        }
        const answered = counted.filter((r) => mine.some((e) => e.itemKind === r.itemKind && e.itemId === r.itemId && e.day >= r.sentDay && e.day <= r.answerBy)).length;
        const rate = answered / counted.length;
        const { points, rule } = pointsFor(rate, c.bands, c.otherwise);
        criteria.push({ ...base, points, why: `Phản hồi ${answered}/${counted.length} lời nhắc trong ${c.withinWorkingDays} ngày làm việc (${pct(rate)}, ${rule}).` });
        break;
      }
    }
  }
  const total = Math.round(criteria.reduce((n, c) => n + c.points, 0) * 100) / 100;
  return { agencyId, total, maxTotal: criteria.reduce((n, c) => n + c.maxPoints, 0), criteria };
}

/**
 * The day a period is scored as of, the same in chat and CLI: today while the period runs (or before
 * it starts), else the day its last date falls due — its last day, moved to the next working day
 * when that is a day off (`onOrAfter`; "Quý II" ending on Sunday 30/6 is due Monday 1/7). Work due
 * later in the period is not yet due.
 */
export function defaultAsOf(period: { to: string }, today: string, onOrAfter: (day: string) => string = (day) => day): string {
  const end = onOrAfter(period.to);
  return today < end ? today : end;
}

/** "2024" or "2024-Q3" → the period's first and last day; null if the text is not a period. */
export function parsePeriod(text: string): { from: string; to: string; label: string } | null {
  const year = /^(\d{4})$/.exec(text);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31`, label: `năm ${year[1]}` };
  const quarter = /^(\d{4})-?Q([1-4])$/i.exec(text);
  if (!quarter) return null;
  const q = Number(quarter[2]);
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  const starts = ['01-01', '04-01', '07-01', '10-01'];
  return { from: `${quarter[1]}-${starts[q - 1]}`, to: `${quarter[1]}-${ends[q - 1]}`, label: `quý ${['I', 'II', 'III', 'IV'][q - 1]}/${quarter[1]}` };
}
