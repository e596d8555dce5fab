import type { Clock } from '../clock.js';
import { taskTitle } from '../domain/task-title.js';
import { addDays, civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { err, ok, type Result } from '../domain/result.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import { coveredByDone } from '../domain/item-state.js';
import type { Member } from '../store/member-repo.js';
import type { Task } from '../store/plan-repo.js';
import type { Store } from '../store/store.js';
import type { ReminderPlanner } from './reminder-planner.js';

/** A task or report a member names in a reminder reply ("t12", "r3", a task code, a report code). */
export interface ItemRef {
  kind: 'task' | 'report';
  id: number;
  label: string;
  title: string;
}

/** One line of an agency's calendar. */
export interface CalendarEntry {
  due: CivilDate;
  label: string;
  title: string;
  /** The agency's part: it leads the task, coordinates it, or owes the report. */
  role: 'lead' | 'coord' | 'report';
  /** Already done for this date (a done whose cover reaches it; a report submitted). */
  done: boolean;
}

/**
 * What members do with reminders: finding the item a reply names, checking it is theirs, snoozing
 * it, muting reminders, an agency's coming deadlines, and Sở Nội vụ's ad-hoc report requests.
 */
export class ReminderService {
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
   * The item a reply names: "t12" / "r3" (buttons), a task code (an exact code, else a code's tail;
   * the member's agency's tasks win), or a report code of this year. A code that still names
   * several tasks is `many`: the command lists them and nothing is written.
   */
  findItem(member: Member, ref: string): { kind: 'one'; item: ItemRef } | { kind: 'many'; tasks: Task[] } | { kind: 'none' } {
    const { plans, reports } = this.store;
    const taskItem = (task: Task): ItemRef => ({ kind: 'task', id: task.id, label: task.code, title: taskTitle(task) });
    const byId = /^([tr])(\d+)$/i.exec(ref);
    if (byId) {
      const id = Number(byId[2]);
      if (byId[1]!.toLowerCase() === 't') {
        const task = plans.taskById(id);
        return task ? { kind: 'one', item: taskItem(task) } : { kind: 'none' };
      }
      const report = reports.byId(id);
      return report ? { kind: 'one', item: { kind: 'report', id, label: report.code, title: report.title } } : { kind: 'none' };
    }
    const tasks = plans.tasksByRef(ref);
    const mine = tasks.filter((t) => plans.assignments(t.id).some((a) => a.agencyId === member.agencyId));
    const pool = mine.length > 0 ? mine : tasks;
    if (pool.length === 1) return { kind: 'one', item: taskItem(pool[0]!) };
    if (pool.length > 1) return { kind: 'many', tasks: pool };
    const report = reports.byCode(ref, Number(this.today().slice(0, 4)));
    return report ? { kind: 'one', item: { kind: 'report', id: report.id, label: report.code, title: report.title } } : { kind: 'none' };
  }

  /** May this member's agency answer for the item (lead of the task, or owing the report)? */
  answersFor(member: Member, item: ItemRef): boolean {
    if (item.kind === 'report') return this.store.reports.owes(item.id, member.agencyId);
    return this.store.plans.assignments(item.id).some((a) => a.agencyId === member.agencyId && a.role === 'lead');
  }

  /** Snoozes the item's reminders for the member's agency by `days` working days; returns the day they resume. */
  snooze(member: Member, item: ItemRef, days: number): CivilDate {
    const today = this.today();
    const until = this.calendar.addWorkingDays(this.calendar.onOrBefore(today), days);
    const dates = item.kind === 'task' ? this.store.plans.dueDates(item.id) : [this.store.reports.byId(item.id)!.dueDate];
    // The due date a reminder would be about now: the first on or after today, else the last.
    const dueDate = dates.find((d) => d >= today) ?? dates.at(-1) ?? today;
    this.store.transaction(() => {
      this.store.statuses.snooze(item.kind, item.id, member.agencyId, until, member.id, this.clock.now());
      this.planner.snoozeReminder({ itemKind: item.kind, itemId: item.id, agencyId: member.agencyId, dueDate }, until);
    });
    return until;
  }

  /** The agency's task and report deadlines between two days (its dates in force: extensions included), by date. */
  calendarOf(agencyId: number, from: CivilDate, to: CivilDate): CalendarEntry[] {
    const { plans, reports, statuses } = this.store;
    const entries: CalendarEntry[] = [];
    for (const task of plans.tasksForAgency(agencyId)) {
      const doneDay = task.doneAt ? civilDateOf(new Date(task.doneAt), this.timeZone) : null;
      for (const due of task.dates) {
        if (due >= from && due <= to) entries.push({ due, label: task.code, title: taskTitle(task, 80), role: task.role, done: doneDay !== null && coveredByDone(task.dates, due, doneDay) });
      }
    }
    for (const report of reports.forAgency(agencyId, addDays(from, -366), to)) {
      const state = statuses.state('report', report.id, agencyId);
      const due = state?.dueOverride ?? report.dueDate;
      if (due >= from && due <= to) entries.push({ due, label: report.code, title: report.title, role: 'report', done: state?.status === 'done' });
    }
    entries.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    return entries;
  }

  setMuted(member: Member, muted: boolean): void {
    this.store.members.setMuted(member.id, muted);
  }

  /**
   * An ad-hoc report request ("DX<n>") to every non-standing agency ("tatca"), an agency kind, or
   * agencies by code; due on the working day on or after `nominal`. Returns the due date and how
   * many agencies owe it.
   */
  requestReport(admin: Member, nominal: CivilDate, audience: string, title: string, via: string): Result<{ due: CivilDate; agencies: number }, 'bad_audience'> {
    const { store } = this;
    const agencies = store.agencies.list().filter((a) => !a.isStanding);
    const kinds = new Set(store.agencies.kinds().map((k) => k.code));
    let targets: number[];
    if (audience.toLowerCase() === 'tatca') targets = agencies.map((a) => a.id);
    else if (kinds.has(audience)) targets = agencies.filter((a) => a.kind === audience).map((a) => a.id);
    else {
      const found = audience.split(',').map((c) => store.agencies.byCode(c.trim()));
      if (found.some((a) => !a)) return err('bad_audience');
      targets = found.map((a) => a!.id);
    }
    if (targets.length === 0) return err('bad_audience');
    const year = Number(nominal.slice(0, 4));
    const due = this.calendar.onOrAfter(nominal);
    store.transaction(() => {
      const number = store.reports.nextAdhocNumber(year);
      const now = this.clock.now();
      store.reports.ensure({ code: `DX${number}`, year, kind: 'adhoc', title, cutoffDate: null, nominalDueDate: nominal, dueDate: due }, targets, admin.id, now);
      store.audit.append({ actorMemberId: admin.id, via, action: 'report_request', target: `report:DX${number}/${year}`, detail: { title, due, audience, agencies: targets.length } }, now);
    });
    this.planner.replan();
    return ok({ due, agencies: targets.length });
  }
}
