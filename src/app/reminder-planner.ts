import type { Clock } from '../clock.js';
import { addDays, civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { coveredByDone, datesInForce, itemKey } from '../domain/item-state.js';
import { policyFor, quarterEnds, stepsFor, type Occurrence, type ReminderPolicy } from '../domain/reminder-policy.js';
import { dayjs } from '../domain/time.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { DesiredReminder, WantedGroup } from '../store/reminder-repo.js';
import type { PlanScope } from '../store/plan-scope.js';
import type { Store } from '../store/store.js';

/**
 * Changes to more (item, agency) pairs than this at once (an import, a request to every commune)
 * are planned in full, not item by item: an item re-plan runs where the change was made, on the
 * chat's event loop, and 2,000 pairs take tens of milliseconds.
 */
export const ITEM_PLAN_LIMIT = 2_000;

/** What a re-plan covered: the day, the change counter (plans.changeVersion) it read, the rows planned. */
export interface PlannedState {
  day: CivilDate;
  version: number;
  count: number;
}

/** What a re-plan did: rows inserted, moved and removed, rows planned, and what it covered. */
export interface PlanOutcome {
  inserted: number;
  updated: number;
  removed: number;
  planned: number;
  /** nothing changed, changed items only, everything, or a full plan left to the scheduler's worker. */
  scope: 'none' | 'items' | 'all' | 'deferred';
}

/** (task, agency) pairs as one number, task × PAIR + agency: agency ids stay far below it, the product below 2^53. */
const PAIR = 2 ** 26;

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
   * to `horizon` (of the scope's tasks and reports only, given a scope); pass `sources` when the
   * caller already read them (they are the expensive part).
   */
  occurrences(
    today: CivilDate,
    horizon: CivilDate,
    sources?: ReturnType<Store['plans']['reminderSources']>,
    scope?: PlanScope,
  ): (Occurrence & { planName: string | null })[] {
    const out: (Occurrence & { planName: string | null })[] = [];
    this.eachOccurrence(today, horizon, sources, scope, (itemKind, itemId, agencyId, dueDate, kind, planName) => {
      out.push({ itemKind, itemId, agencyId, dueDate, kind, planName });
    });
    return out;
  }

  /**
   * The occurrences of occurrences(), in the same order, handed to `visit` one by one: the full plan
   * walks 100,000 of them and keeps only their groups, so it builds no object per occurrence.
   */
  private eachOccurrence(
    today: CivilDate,
    horizon: CivilDate,
    sources: ReturnType<Store['plans']['reminderSources']> | undefined,
    scope: PlanScope | undefined,
    visit: (itemKind: 'task' | 'report', itemId: number, agencyId: number, dueDate: CivilDate, kind: Occurrence['kind'], planName: string | null) => void,
  ): void {
    sources ??= this.store.plans.reminderSources(this.policy.remindCoordinating, scope?.tasks);
    const done = this.store.statuses.doneSince(scope);
    const extended = this.store.statuses.dueOverrides(scope);
    const doneDay = (key: string) => {
      const at = done.get(key);
      return at ? civilDateOf(new Date(at), this.timeZone) : undefined;
    };
    // One entry per (task, agency), in the order first read; keyed by a number, not a string per row.
    const byItem = new Map<number, { taskId: number; agencyId: number; planName: string; kind: string; dates: CivilDate[] }>();
    for (const row of sources) {
      const key = row.taskId * PAIR + row.agencyId;
      let entry = byItem.get(key);
      if (!entry) {
        entry = { taskId: row.taskId, agencyId: row.agencyId, planName: row.planName, kind: row.kind, dates: [] };
        byItem.set(key, entry);
      }
      if (row.dueDate) entry.dates.push(row.dueDate);
    }
    const checkins = quarterEnds(today, addDays(horizon, 21));
    const anyState = done.size > 0 || extended.size > 0;
    for (const item of byItem.values()) {
      const key = anyState ? itemKey('task', item.taskId, item.agencyId) : '';
      const finished = anyState ? doneDay(key) : undefined;
      const extension = anyState ? extended.get(key) : undefined;
      if (extension) item.dates = datesInForce(item.dates, extension).dates;
      if (item.kind === 'ongoing' && item.dates.length === 0) {
        if (finished) continue;
        for (const end of checkins) visit('task', item.taskId, item.agencyId, end, 'checkin', item.planName);
        continue;
      }
      for (const date of item.dates) {
        if (finished && coveredByDone(item.dates, date, finished)) continue;
        visit('task', item.taskId, item.agencyId, date, 'deadline', item.planName);
      }
    }
    for (const o of this.store.reports.obligationsFrom(addDays(today, -REPORT_LOOKBACK_DAYS), scope?.reports)) {
      const key = itemKey('report', o.reportId, o.agencyId);
      if (doneDay(key)) continue;
      visit('report', o.reportId, o.agencyId, extended.get(key) ?? o.dueDate, 'deadline', null);
    }
  }

  /**
   * The reminder rows wanted for [from, to] (for the scope's items only, given a scope), in groups
   * of (item, agency) pairs sharing their steps: the steps depend only on (plan's policy, kind, due
   * date), and a province has few distinct ones, so they are computed once each, not once per
   * agency (100,000 assignments share a handful of dates).
   */
  wanted(from: CivilDate, to: CivilDate, scope?: PlanScope): WantedGroup[] {
    const groups = new Map<string, WantedGroup>();
    // Occurrences come task by task: most share the previous one's group, found without a key.
    let last: { planName: string | null; kind: string; dueDate: CivilDate; itemKind: string; group: WantedGroup } | undefined;
    this.eachOccurrence(from, to, undefined, scope, (itemKind, itemId, agencyId, dueDate, kind, planName) => {
      let group: WantedGroup | undefined;
      if (last && last.dueDate === dueDate && last.planName === planName && last.kind === kind && last.itemKind === itemKind) group = last.group;
      else {
        const key = `${planName ?? ''}\u0000${kind}\u0000${dueDate}\u0000${itemKind}`;
        group = groups.get(key);
        if (!group) {
          const policy = policyFor(this.policy, planName);
          const occurrence = { itemKind, itemId, agencyId, dueDate, kind };
          const steps = stepsFor(occurrence, policy, this.calendar, { from, to }).map((step) => ({
            step: step.step,
            audience: step.audience,
            urgent: step.urgent,
            sendDay: step.sendDay,
            sendAt: this.instant(step.sendDay, policy.slot),
          }));
          group = { itemKind, dueDate, steps, items: [] };
          groups.set(key, group);
        }
        last = { planName, kind, dueDate, itemKind, group };
      }
      if (group.steps.length > 0) group.items.push([itemId, agencyId]);
    });
    return [...groups.values()].filter((g) => g.items.length > 0);
  }

  /** The reminder rows wanted for [from, to], one by one (the CLI's schedule, tests). */
  desired(from: CivilDate, to: CivilDate, scope?: PlanScope): DesiredReminder[] {
    const rows: DesiredReminder[] = [];
    for (const group of this.wanted(from, to, scope)) {
      for (const [itemId, agencyId] of group.items) {
        for (const step of group.steps) rows.push({ itemKind: group.itemKind, itemId, agencyId, dueDate: group.dueDate, ...step });
      }
    }
    return rows;
  }

  /** What the last re-plan covered: the day, the change counter it read, how many rows it planned. */
  private planned: PlannedState | undefined;

  /**
   * Set by the running bot, whose scheduler plans in full off the event loop (a worker thread):
   * replan() then plans changed items only, and leaves a full re-plan to the scheduler's next tick
   * instead of holding every chat answer for seconds.
   */
  fullPlanElsewhere = false;

  /** The change counter the last re-plan read (undefined before the first). */
  get plannedVersion(): number | undefined {
    return this.planned?.version;
  }

  /** Does today's schedule need a full re-plan (none yet today, or changes too broad to plan item by item)? */
  needsFullPlan(): boolean {
    const today = civilDateOf(this.clock.now(), this.timeZone);
    if (this.planned?.day !== today) return true;
    const version = this.store.plans.changeVersion();
    return version !== this.planned.version && this.store.plans.changedSince(this.planned.version, version, ITEM_PLAN_LIMIT) === 'all';
  }

  /**
   * Brings the reminder rows in line with plans, dates, agencies, reports and replies, from today to
   * the horizon; safe to run any time (idempotent). Once planned in full on a day, it re-plans only
   * the tasks and reports that changed since (the change log says which, whoever wrote them), and
   * nothing when nothing changed. A new day, or changes too broad, plan everything again (or, with
   * fullPlanElsewhere, are left to the scheduler: 'deferred').
   */
  replan(): PlanOutcome {
    const today = civilDateOf(this.clock.now(), this.timeZone);
    const last = this.planned;
    if (last?.day === today) {
      const version = this.store.plans.changeVersion();
      if (version === last.version) return { inserted: 0, updated: 0, removed: 0, planned: last.count, scope: 'none' };
      const scope = this.store.plans.changedSince(last.version, version, ITEM_PLAN_LIMIT);
      if (scope !== 'all') {
        const wanted = this.wanted(today, addDays(today, this.policy.horizonDays), scope);
        const result = this.store.transaction(() => {
          this.store.reminders.stage(wanted);
          return this.store.reminders.applyStaged(this.instant(today, '00:00'), scope);
        });
        this.planned = { day: today, version, count: last.count + result.inserted - result.removed };
        return { ...result, planned: this.planned.count, scope: 'items' };
      }
    }
    if (this.fullPlanElsewhere) return { inserted: 0, updated: 0, removed: 0, planned: last?.count ?? 0, scope: 'deferred' };
    return this.planAll();
  }

  /**
   * Plans everything from today to the horizon. In one transaction by default; with `batch` (a
   * worker thread beside the chat process), it reads one snapshot, then writes in short
   * transactions of that many rows, so the chat process never waits long for the database. The
   * change log up to the snapshot is then forgotten.
   */
  planAll(options: { batch?: number } = {}): PlanOutcome & PlannedState {
    const today = civilDateOf(this.clock.now(), this.timeZone);
    const horizon = addDays(today, this.policy.horizonDays);
    const from = this.instant(today, '00:00');
    // The change counter and the wanted rows come from one snapshot: changes after it are the next re-plan's.
    const read = () => ({ version: this.store.plans.changeVersion(), count: this.store.reminders.stage(this.wanted(today, horizon)) });
    let snapshot: ReturnType<typeof read>;
    let result: { inserted: number; updated: number; removed: number };
    if (options.batch === undefined) {
      [snapshot, result] = this.store.transaction(() => {
        const taken = read();
        return [taken, this.store.reminders.applyStaged(from)] as const;
      });
    } else {
      snapshot = this.store.db.transaction(read)();
      result = this.store.reminders.applyStaged(from, undefined, options.batch);
    }
    this.store.plans.pruneChanges(snapshot.version);
    this.planned = { day: today, version: snapshot.version, count: snapshot.count };
    return { ...result, ...this.planned, planned: snapshot.count, scope: 'all' };
  }

  /**
   * Takes a full plan made elsewhere (the worker thread, on its own connection) as this planner's
   * own: the next replan() goes on from its change counter.
   */
  adopt(state: PlannedState): void {
    this.planned = state;
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
