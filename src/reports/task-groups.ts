/**
 * The province's draft lists each task once: a commune-wide task has one lead row per commune
 * (~3,000 in a large province), so the .docx states, per task, how many agencies finished on time,
 * late, are still working or are overdue, and names only the agencies the reader must act on
 * (overdue, late, a problem, an extension waiting). The per-agency rows stay in the .xlsx. An
 * agency's own draft keeps one line per task date (each group holds one row).
 */
import { formatCivil, type CivilDate } from '../domain/civil-date.js';
import type { DraftTask, ReportDraft } from './draft.js';

/** One task of the window with its lead agencies' rows (task dates), in the order the rows came. */
export interface TaskGroup {
  taskId: number;
  code: string;
  title: string;
  area: string;
  /** Its due dates in the window, earliest first (usually one). */
  dueDates: CivilDate[];
  rows: DraftTask[];
  /** Distinct lead agencies. */
  agencies: number;
  done: number;
  onTime: number;
  late: number;
  open: number;
  overdue: number;
  extended: number;
}

/** How many agency names a summary line writes before "và N cơ quan khác" (the rest are in the .xlsx). */
export const NAMES_SHOWN = 30;

/** Groups task dates by task (province draft) or keeps one group per row (an agency's draft), first appearance first. */
export function groupByTask(tasks: readonly DraftTask[], byTask: boolean): TaskGroup[] {
  const groups = new Map<string, DraftTask[]>();
  tasks.forEach((t, i) => {
    const key = byTask ? String(t.taskId) : `row${i}`;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  });
  return [...groups.values()].map((rows) => {
    const first = rows[0]!;
    return {
      taskId: first.taskId,
      code: first.code,
      title: first.title,
      area: first.area,
      dueDates: [...new Set(rows.map((r) => r.dueDate))].sort(),
      rows,
      agencies: new Set(rows.map((r) => r.agency)).size,
      done: rows.filter((r) => r.state === 'done').length,
      onTime: rows.filter((r) => r.onTime === true).length,
      late: rows.filter((r) => r.onTime === false).length,
      open: rows.filter((r) => r.state === 'open').length,
      overdue: rows.filter((r) => r.state === 'overdue').length,
      extended: rows.filter((r) => r.extended).length,
    };
  });
}

/** "A, B, C" — past NAMES_SHOWN: "A, …, và 12 cơ quan khác (xem tệp Excel kèm theo)". */
export function nameList(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= NAMES_SHOWN) return unique.join(', ');
  return `${unique.slice(0, NAMES_SHOWN).join(', ')} và ${unique.length - NAMES_SHOWN} cơ quan khác (xem tệp Excel kèm theo)`;
}

/** "31/07/2024" or "31/07/2024, 31/08/2024". */
export const datesOf = (g: TaskGroup): string => g.dueDates.map(formatCivil).join(', ');

/** A group's lead agencies in a phrase: "200 cơ quan" (or "200 cơ quan, 400 lượt hạn" when a task has several dates). */
export const agenciesOf = (g: TaskGroup): string => `${g.agencies} cơ quan${g.rows.length > g.agencies ? `, ${g.rows.length} lượt hạn` : ''}`;

/**
 * What a task's agencies did, summarised: "hoàn thành 120 (đúng hạn 100, chậm hạn 20: …); đang
 * thực hiện 30; quá hạn 50: UBND xã A, …; vướng mắc 2: UBND xã B (thiếu kinh phí); chờ quyết định
 * gia hạn 1: UBND xã C (đến 30/10/2024); được gia hạn 4". Counts are of task dates, as in section I.
 */
export function groupResult(g: TaskGroup): string {
  const parts = [`hoàn thành ${g.done} (đúng hạn ${g.onTime}, chậm hạn ${g.late}${g.late > 0 ? `: ${nameList(g.rows.filter((r) => r.onTime === false).map((r) => r.agency))}` : ''})`];
  parts.push(`đang thực hiện ${g.open}`);
  parts.push(`quá hạn ${g.overdue}${g.overdue > 0 ? `: ${nameList(g.rows.filter((r) => r.state === 'overdue').map((r) => r.agency))}` : ''}`);
  const problems = g.rows.filter((r) => r.problem !== null);
  if (problems.length > 0) parts.push(`vướng mắc ${problems.length}: ${nameList(problems.map((r) => `${r.agency} (${r.problem || '[bổ sung]'})`))}`);
  const pending = g.rows.filter((r) => r.pendingExtension !== null);
  if (pending.length > 0) parts.push(`chờ quyết định gia hạn ${pending.length}: ${nameList(pending.map((r) => `${r.agency} (đến ${formatCivil(r.pendingExtension!)})`))}`);
  if (g.extended > 0) parts.push(`được gia hạn ${g.extended}`);
  return parts.join('; ');
}

/** The /quahan list grouped by item (province): one line per task or report, its agencies named. */
export function groupOverdue(items: ReportDraft['overdueItems'], byItem: boolean): { label: string; title: string; agencies: string[]; dueDate: CivilDate }[] {
  const groups = new Map<string, { label: string; title: string; agencies: string[]; dueDate: CivilDate }>();
  items.forEach((o, i) => {
    const key = byItem ? `${o.label}\u0000${o.title}` : `row${i}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { label: o.label, title: o.title, agencies: [o.agency], dueDate: o.dueDate });
    else {
      g.agencies.push(o.agency);
      if (o.dueDate < g.dueDate) g.dueDate = o.dueDate;
    }
  });
  return [...groups.values()];
}

/**
 * How many lines (paragraphs and table rows) the .docx will list for a draft: the measure its size
 * limit is set in, counted before anything is built.
 */
export function documentLines(draft: ReportDraft): number {
  const byTask = draft.scope.kind === 'province';
  const window = groupByTask(draft.tasks, byTask).length;
  const next = groupByTask(draft.next, byTask).length;
  const overdue = groupOverdue(draft.overdueItems, byTask).length;
  const open = groupByTask([...draft.tasks, ...draft.next].filter((t) => t.problem !== null || t.pendingExtension !== null), byTask).length;
  // Section II, Phụ lục I and Phụ lục III each list the window's tasks; the reports table one row per agency.
  return 3 * window + next + overdue + open + draft.submissions.length + draft.missingReports.length + draft.indicators.length;
}
