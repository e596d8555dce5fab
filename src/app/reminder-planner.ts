import type { Clock } from '../clock.js';
import { addDays, civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { coveredByDone, itemKey } from '../domain/item-state.js';
import { policyFor, quarterEnds, stepsFor, type Occurrence, type PlannedStep, type ReminderPolicy } from '../domain/reminder-policy.js';
import { dayjs } from '../domain/time.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { DesiredReminder } from '../store/reminder-repo.js';
import type { Store } from '../store/store.js';

/** How far back report obligations are still chased when overdue. */
export const REPORT_LOOKBACK_DAYS = 120;

/** Turns tasks, reports and the policy into the durable reminder schedule. */
export class ReminderPlanner {
  private readonly instants = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly calendar: WorkCalendar,
    private readonly policy: ReminderPolicy,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  /** The UTC instant of a civil day at "HH:MM" in the province's zone (cached: few distinct days). */
  instant(day: CivilDate, hhmm: string): string {
    const key = `${day} ${hhmm}`;
    let value = this.instants.get(key);
    if (!value) {
      value = dayjs.tz(key, 'YYYY-MM-DD HH:mm', this.timeZone).toDate().toISOString();
      this.instants.set(key, value);
    }
    return value;
  }

  /**
   * Every open occurrence (task dates, ongoing check-ins, report obligations) relevant from `today`
   * to `horizon`; pass `sources` when the caller already read them (they are the expensive part).
   */
  occurrences(
    today: CivilDate,
    horizon: CivilDate,
    sources: ReturnType<Store['plans']['reminderSources']> = this.store.plans.reminderSources(this.policy.remindCoordinating),
  ): (Occurrence & { planName: string | null })[] {
    const done = this.store.statuses.doneSince();
    const extended = this.store.statuses.dueOverrides();
    const doneDay = (key: string) => {
      const at = done.get(key);
      return at ? civilDateOf(new Date(at), this.timeZone) : undefined;
    };
    const out: (Occurrence & { planName: string | null })[] = [];
    const byItem = new Map<string, { taskId: number; agencyId: number; planName: string; kind: string; dates: CivilDate[] }>();
    for (const row of sources) {
      const key = itemKey('task', row.taskId, row.agencyId);
      const entry = byItem.get(key) ?? { taskId: row.taskId, agencyId: row.agencyId, planName: row.planName, kind: row.kind, dates: [] };
      if (row.dueDate) entry.dates.push(row.dueDate);
      byItem.set(key, entry);
    }
    const checkins = quarterEnds(today, addDays(horizon, 21));
    for (const [key, item] of byItem) {
      const finished = doneDay(key);
      const extension = extended.get(key);
      if (extension) item.dates = [extension];
      if (item.kind === 'ongoing' && item.dates.length === 0) {
        if (finished) continue;
        for (const end of checkins) {
          out.push({ itemKind: 'task', itemId: item.taskId, agencyId: item.agencyId, dueDate: end, kind: 'checkin', planName: item.planName });
        }
        continue;
      }
      for (const date of item.dates) {
        if (finished && coveredByDone(item.dates, date, finished)) continue;
        out.push({ itemKind: 'task', itemId: item.taskId, agencyId: item.agencyId, dueDate: date, kind: 'deadline', planName: item.planName });
      }
    }
    for (const o of this.store.reports.obligationsFrom(addDays(today, -REPORT_LOOKBACK_DAYS))) {
      const key = itemKey('report', o.reportId, o.agencyId);
      if (doneDay(key)) continue;
      out.push({ itemKind: 'report', itemId: o.reportId, agencyId: o.agencyId, dueDate: extended.get(key) ?? o.dueDate, kind: 'deadline', planName: null });
    }
    return out;
  }

  /** The reminder rows wanted for [from, to]. */
  desired(from: CivilDate, to: CivilDate): DesiredReminder[] {
    const rows: DesiredReminder[] = [];
    // The steps depend only on (plan's policy, kind, due date), and a province has few distinct ones:
    // computed once each, not once per agency (100,000 assignments share a handful of dates).
    const steps = new Map<string, (PlannedStep & { sendAt: string })[]>();
    for (const occurrence of this.occurrences(from, to)) {
      const key = `${occurrence.planName ?? ''}\u0000${occurrence.kind}\u0000${occurrence.dueDate}`;
      let planned = steps.get(key);
      if (!planned) {
        const policy = policyFor(this.policy, occurrence.planName);
        planned = stepsFor(occurrence, policy, this.calendar, { from, to }).map((step) => ({ ...step, sendAt: this.instant(step.sendDay, policy.slot) }));
        steps.set(key, planned);
      }
      for (const step of planned) {
        rows.push({
          itemKind: occurrence.itemKind,
          itemId: occurrence.itemId,
          agencyId: occurrence.agencyId,
          dueDate: occurrence.dueDate,
          step: step.step,
          audience: step.audience,
          urgent: step.urgent,
          sendDay: step.sendDay,
          sendAt: step.sendAt,
        });
      }
    }
    return rows;
  }

  /** Re-plans from today to the horizon in one transaction; safe to run any time (idempotent). */
  /** The plan-change counter (`plan_changes`, bumped by triggers) the last re-plan started from. */
  plannedVersion: number | undefined;
  /** What the last re-plan was computed from: the day, the plan-change counter, the latest status event. */
  private plannedFrom: string | undefined;
  private plannedCount = 0;

  /**
   * Brings the reminder rows in line with plans, dates, agencies, reports and replies, from today to
   * the horizon. When none of those changed since the last re-plan on the same day (the counter of
   * changes and the latest status event say so), nothing is recomputed.
   */
  replan(): { inserted: number; updated: number; removed: number; planned: number } {
    const today = civilDateOf(this.clock.now(), this.timeZone);
    this.plannedVersion = this.store.plans.changeVersion();
    const from = `${today}|${this.plannedVersion}|${this.store.statuses.latestEventId()}`;
    if (from === this.plannedFrom) return { inserted: 0, updated: 0, removed: 0, planned: this.plannedCount };
    const horizon = addDays(today, this.policy.horizonDays);
    const desired = this.desired(today, horizon);
    const result = this.store.transaction(() => this.store.reminders.sync(desired, this.instant(today, '00:00')));
    this.plannedFrom = from;
    this.plannedCount = desired.length;
    return { ...result, planned: desired.length };
  }

  /** Plans the reminder at the end of a snooze ("Nhắc lại sau"): that day, at the morning slot. */
  snoozeReminder(item: { itemKind: 'task' | 'report'; itemId: number; agencyId: number; dueDate: CivilDate }, until: CivilDate): void {
    this.store.reminders.addOne({
      ...item,
      step: `snooze:${until}`,
      audience: 'focal',
      urgent: true,
      sendDay: until,
      sendAt: this.instant(until, this.policy.slot),
    });
  }
}
