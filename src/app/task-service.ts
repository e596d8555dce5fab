import type { Clock } from '../clock.js';
import { civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { err, ok, type Result } from '../domain/result.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Member } from '../store/member-repo.js';
import type { AgencyTask, Task, TaskDeadline } from '../store/plan-repo.js';
import { itemView, type ItemView } from '../domain/item-state.js';
import { taskCodeKey, taskIdOf } from '../domain/task-code.js';
import type { Store } from '../store/store.js';
import type { ReminderPlanner } from './reminder-planner.js';
import { VersionedCache } from './versioned-cache.js';

/** A task as /nhiemvu shows it: who leads and coordinates, its dates, an admin-set date. */
export interface TaskDetails {
  leads: string[];
  coordinators: number;
  deadlines: TaskDeadline[];
  past: TaskDeadline[];
  override: { dueDate: CivilDate; reason: string | null } | undefined;
}

/** One of an agency's tasks with its view on today. */
export type AgencyTaskView = AgencyTask & { view: ItemView };

/** Dates first to last, no date at the end. */
const byDate = (a: CivilDate | null, b: CivilDate | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** The plans' tasks as commands read and adjust them. */
export class TaskService {
  constructor(
    private readonly store: Store,
    private readonly calendar: WorkCalendar,
    private readonly planner: ReminderPlanner,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  private today(): CivilDate {
    return civilDateOf(this.clock.now(), this.timeZone);
  }

  /**
   * An agency's active tasks with its role and its view on today (`itemView`: condition, date in
   * force with the date an extension replaced, working days late), lead tasks first, then by date.
   * With `taskId`: that task only.
   */
  forAgency(agencyId: number, taskId?: number): AgencyTaskView[] {
    return this.viewed(this.store.plans.tasksForAgency(agencyId, taskId), this.today());
  }

  /**
   * Whether an agency's task is still work to do although its plan's period is over (a 2024 plan beside
   * 2026's): only a date in force for the agency, not done and not already past when the plan was imported.
   * A past plan's "Thường xuyên" duty, undated task or finished task is history, not an open item: listed
   * among open work and matched by its code, it made every code shared with this year's plan ambiguous.
   */
  stillOpen(task: Pick<AgencyTask, 'planId' | 'dates' | 'status' | 'pastAtImport'>): boolean {
    return !planEnded(this.store.plans.planById(task.planId), this.today()) || stillOwed(task);
  }

  /**
   * Every agency's tasks, by agency id, as `forAgency` reads them but without the view on today
   * (`withViews` adds it): read in one go for the province and kept until the data version changes
   * (a reply, a plan change, an extension decided read them again). The dashboard's matrix filters
   * and pages all 100,000 of them, and views only the page it shows.
   * The lists are shared between calls: read them, never change them.
   */
  forAllAgencies(): ReadonlyMap<number, readonly AgencyTask[]> {
    return this.cache.get('forAllAgencies', () => this.store.plans.tasksForAllAgencies());
  }

  /** Some of an agency's tasks (from `forAllAgencies`) with their view on today, in `forAgency`'s order. */
  withViews(tasks: readonly AgencyTask[]): AgencyTaskView[] {
    return this.viewed([...tasks], this.today());
  }

  private readonly cache = new VersionedCache(() => this.store.progress.dataVersion(), 2);

  /** Tasks with their view on `today`, lead tasks first, then by date in force, plan, id. */
  private viewed(tasks: AgencyTask[], today: CivilDate): AgencyTaskView[] {
    const days = (from: CivilDate, to: CivilDate) => this.calendar.workingDaysBetween(from, to);
    return tasks
      .map((t) => {
        const doneDay = t.doneAt ? civilDateOf(new Date(t.doneAt), this.timeZone) : null;
        const doneDays = t.dones.length > 1 ? t.dones.map((at) => civilDateOf(new Date(at), this.timeZone)) : undefined;
        const view = itemView({ answerable: t.role === 'lead', dates: t.dates, extendedFrom: t.extendedFrom, status: t.status, progress: t.progress, doneDay, doneDays, extensionPending: t.extensionPending, pastAtImport: t.pastAtImport }, today, days);
        return { ...t, view };
      })
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1) || byDate(a.view.dueDate, b.view.dueDate) || (a.planName === b.planName ? 0 : a.planName.localeCompare(b.planName)) || a.id - b.id);
  }

  /** The agency's last reply about a task: when, by whom, what (null: none yet). */
  lastReply(task: Task, agencyId: number): { at: string; memberName: string | null; status: string; progress: number | null } | null {
    const { statuses, members } = this.store;
    // Sở Nội vụ's decisions on the agency's extension requests are not the agency's replies.
    const last = statuses.history('task', task.id).filter((e) => e.agencyId === agencyId && e.memberId !== null && e.status !== 'extension_approved' && e.status !== 'extension_rejected').at(-1);
    if (!last) return null;
    return { at: last.createdAt, memberName: last.memberId ? (members.byId(last.memberId)?.displayName ?? null) : null, status: last.status, progress: last.progress };
  }

  /** Active tasks a typed reference names ("t12", a code as typed, a code's tail). */
  byRef(typed: string): Task[] {
    return this.store.plans.tasksByRef(typed);
  }

  /**
   * The one task a command that writes may change: a button's "t<id>", or a code typed in full that
   * names one active task. A tail ("7" for "II.7", "I.3.7", …) or a code in several plans is never
   * taken as one of them: `choose` lists every candidate (full code, plan), and nothing is written.
   */
  forWrite(typed: string): { kind: 'one'; task: Task } | { kind: 'choose'; tasks: Task[] } | { kind: 'none' } {
    const { plans } = this.store;
    const found = plans.tasksByRef(typed);
    if (found.length === 0) return { kind: 'none' };
    const exact = found.length === 1 && (taskIdOf(typed) !== null || taskCodeKey(found[0]!.code).toLowerCase() === taskCodeKey(typed).toLowerCase());
    return exact ? { kind: 'one', task: found[0]! } : { kind: 'choose', tasks: found };
  }

  details(task: Task): TaskDetails {
    const { plans } = this.store;
    const assignments = plans.assignments(task.id);
    return {
      leads: assignments.filter((a) => a.role === 'lead').map((a) => a.agencyName),
      coordinators: assignments.filter((a) => a.role === 'coord').length,
      deadlines: plans.deadlines(task.id),
      past: plans.pastDeadlines(task.id),
      override: plans.override(task.id),
    };
  }

  planSummaries(): ReturnType<Store['plans']['planSummaries']> {
    return this.store.plans.planSummaries();
  }

  needingDate(limit: number): Task[] {
    return this.store.plans.tasksNeedingDate(limit);
  }

  /**
   * An admin sets the due date of tasks (all plans' tasks with that code): moved to the next
   * working day, then reminders re-planned. A date outside 2000 … (the plans' year + 10) is a typo
   * ("01/01/0001", "9999"), not a deadline: refused with the latest year accepted.
   */
  setDate(tasks: Task[], date: CivilDate, admin: Member, reason: string | null, via: string): Result<CivilDate, { code: 'out_of_range'; latest: number }> {
    const { plans } = this.store;
    const latest = Math.max(...tasks.map((t) => plans.planById(t.planId)?.year ?? 0), Number(this.today().slice(0, 4))) + 10;
    const year = Number(date.slice(0, 4));
    if (year < 2000 || year > latest) return err({ code: 'out_of_range', latest });
    const due = this.calendar.onOrAfter(date);
    const now = this.clock.now();
    this.store.transaction(() => {
      for (const task of tasks) {
        plans.setOverride(task.id, due, admin.id, reason, now);
        // The audit log: who set which task's date, as typed and as set (moved to a working day).
        this.store.audit.append({ actorMemberId: admin.id, via, action: 'date_set', target: `task:${task.id}`, detail: { code: task.code, typed: date, due, reason } }, now);
      }
    });
    this.planner.replan();
    return ok(due);
  }
}

/** A plan whose period (or year) ended before this year: its tasks are history unless still owed. */
export function planEnded(plan: { year: number; periodTo: number | null } | undefined, today: CivilDate): boolean {
  return plan !== undefined && (plan.periodTo ?? plan.year) < Number(today.slice(0, 4));
}

/** A task the agency still owes: a date in force, not done, not already past when its plan was imported. */
export function stillOwed(task: Pick<AgencyTask, 'dates' | 'status' | 'pastAtImport'>): boolean {
  return task.dates.length > 0 && task.status !== 'done' && !task.pastAtImport;
}
