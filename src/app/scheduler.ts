import { schedule, type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import { civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { coveredByDone, itemKey } from '../domain/item-state.js';
import type { ReminderPolicy } from '../domain/reminder-policy.js';
import { dayjs } from '../domain/time.js';
import { taskTitle } from '../domain/task-title.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Logger } from '../logger.js';
import type { Member } from '../store/member-repo.js';
import type { ReminderRow } from '../store/reminder-repo.js';
import type { Store } from '../store/store.js';
import type { ReportConfig } from './province-data.js';
import type { Notifier } from './notifier.js';
import type { Reply } from './reply.js';
import type { PlannedState, PlanOutcome, ReminderPlanner } from './reminder-planner.js';
import type { BudgetMessages } from './message-budget.js';
import { ensureReportYear } from './report-calendar.js';

/** Agencies whose due rows one slice of the running loop's tick claims (about 250 rows at the morning slot). */
const CLAIM_SLICE = 25;

/** A tick under way: its instant and day, what it did so far, the rows it found missed. */
interface OpenTick {
  now: Date;
  today: CivilDate;
  hhmm: string;
  weekday: number;
  result: TickResult;
  missed: ReminderRow[];
  /** Read at most once a tick, whatever the number of slices: each agency's overdue items in all, snoozes, agency names. */
  overdueTotals?: Map<number, number>;
  snoozed?: Map<string, string>;
  agencyNames?: Map<number, string>;
}

/** When the day's reminders are re-planned (province time), well before office hours. */
const NIGHT_PLAN_AT = '02:00';

/** One item in a reminder digest, already resolved to words. */
export interface DigestItem {
  ref: string;
  label: string;
  title: string;
  dueDate: CivilDate;
  /** Working days until the due date (negative when overdue). */
  workingDaysLeft: number;
  agencyName: string;
  /** A periodic report's code and year ("Q3", 2026): the reminder offers to draft it (/soanbaocao). */
  draftable?: { code: string; year: number };
}

/** The words of the messages the scheduler and the notifier send (the chat layer writes them). */
export interface ReminderMessages extends BudgetMessages {
  digest(day: CivilDate, items: DigestItem[], options: { leader?: boolean; overdueTotal?: number }): Reply;
  daily(day: CivilDate, longOverdue: { agencyName: string; count: number; oldest: number }[], threshold: number, needsDate: number, unreachable: { name: string; agencyName: string }[]): Reply | null;
  missed(count: number, from: CivilDate, to: CivilDate, agencies: number): Reply;
  unreachable(name: string, agency: string, platform: string): Reply;
}

/** The service mark a good scheduler tick writes (service_marks). */
export const SCHEDULER_TICK_MARK = 'scheduler.tick';

export interface SchedulerDeps {
  messages: ReminderMessages;
  store: Store;
  planner: ReminderPlanner;
  /** Queues digests and notices in the outbox and wakes the sender. */
  notifier: Notifier;
  calendar: WorkCalendar;
  policy: ReminderPolicy;
  reports: ReportConfig;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** The leaders' weekly digest for one leader (their agency, or the province for UBND tỉnh): its charts are drawn off the event loop. */
  weeklyDigest?: (leader: Member) => Promise<Reply>;
  /** Every overdue item, as /quahan lists it (the daily digest names agencies long overdue). */
  overdue: () => { agencyId: number; lateDays: number }[];
  /** Each agency's overdue items in all (what /quahan counts for it). */
  overdueCounts: () => Map<number, number>;
  /**
   * A full re-plan off the event loop (a worker thread on the same database file). The running
   * scheduler uses it whenever a full plan is due, so nobody's answer waits for it; without it (an
   * in-memory database), the tick plans in place.
   */
  planElsewhere?: () => Promise<PlanOutcome & PlannedState>;
  /**
   * The retention prune (data/retention.json): once a day, at the first tick at or after `at`
   * (province time, "HH:mm"); a failure is logged and the prune runs again the next day.
   */
  dailyPrune?: { at: string; run: () => { counts: Record<string, number>; total: number } };
  /** Housekeeping run once a day when the day is prepared (expired web sessions pruned); its failure is logged, never stops the tick. */
  dailyJobs?: () => void;
  /** Told, for every reminder a tick sends, how late it went out against its planned time (seconds; /metrics). */
  onReminderLag?: (seconds: number) => void;
}

export interface TickResult {
  open: boolean;
  claimed: number;
  sent: number;
  skipped: number;
  missed: number;
  digests: number;
}

/**
 * The reminder scheduler: node-cron only ticks; each tick, during office hours on a working day,
 * claims due reminder rows in one transaction and turns them into one digest per member in the
 * outbox. Rows older than the grace window are marked missed and summarised once to Sở Nội vụ.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private lastPrepared: CivilDate | undefined;
  private lastDaily: CivilDate | undefined;
  private lastWeekly: CivilDate | undefined;
  private lastPruned: CivilDate | undefined;
  private ticking = false;
  /** The weekly digest being made (its charts drawn off the event loop); settled() waits for it. */
  private weekly: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SchedulerDeps) {}

  /**
   * Starts ticking every minute (and once now). Only the process holding the "scheduler" lease
   * calls this (create-app's LeaseKeeper), so two processes never tick the same database.
   */
  start(): void {
    if (this.task) return;
    this.task = schedule('* * * * *', () => void this.safeTick(), { timezone: this.deps.timeZone });
    void this.safeTick();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = undefined;
    while (this.ticking) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async safeTick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.planInBackground();
      await this.tickInSlices();
      await this.settled();
      // The last good tick, for /healthz and `doctor` in any process (a busy database: next tick).
      try {
        this.deps.store.marks.set(SCHEDULER_TICK_MARK, this.deps.clock.now());
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'could not record the scheduler tick');
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'scheduler tick failed');
    } finally {
      this.ticking = false;
    }
  }

  /**
   * A full re-plan when one is due (a new day, changes too broad to plan item by item), in the
   * worker thread when there is one: chat answers go on meanwhile. Changes written while it ran
   * are planned item by item at the tick that follows.
   */
  private async planInBackground(): Promise<void> {
    const { planElsewhere, planner, logger } = this.deps;
    if (!planElsewhere || !planner.needsFullPlan()) return;
    this.prepareDay();
    const started = Date.now();
    let result: PlanOutcome & PlannedState;
    try {
      result = await planElsewhere();
      planner.adopt(result);
    } catch (error) {
      // Reminders must be planned all the same: in place, holding the event loop this once.
      logger.error({ err: error }, 'the worker thread could not plan: planning in place');
      result = planner.planAll();
    }
    logger.info({ day: result.day, inserted: result.inserted, updated: result.updated, removed: result.removed, planned: result.planned, ms: Date.now() - started }, 'reminders planned in full');
  }

  /** Once a day: the periodic reports of this year and next exist before anything is planned; then the daily jobs. */
  private prepareDay(): void {
    const today = civilDateOf(this.deps.clock.now(), this.deps.timeZone);
    if (this.lastPrepared === today) return;
    const year = Number(today.slice(0, 4));
    for (const y of [year, year + 1]) ensureReportYear(this.deps.store, this.deps.reports, this.deps.calendar, this.deps.clock, y);
    this.lastPrepared = today;
    try {
      this.deps.dailyJobs?.();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'daily jobs failed');
    }
  }

  /**
   * Brings the reminder schedule up to date: in full on a new day, item by item when tasks, dates,
   * agencies, reports or replies changed since — also when another process (the CLI's import, a
   * second dondoc) wrote them: the change log says so at the next tick. Nothing changed costs two
   * small queries.
   */
  planIfNewDay(): void {
    this.prepareDay();
    const result = this.deps.planner.replan();
    if (result.scope !== 'none') this.deps.logger.info({ day: civilDateOf(this.deps.clock.now(), this.deps.timeZone), ...result }, 'reminders planned');
  }

  /** Re-plans now (after an import, a date set by Sở Nội vụ, a new report). */
  replan(): void {
    this.planIfNewDay();
  }

  /** One tick; returns what it did. Safe to call at any time: outside office hours it does nothing. */
  tick(): TickResult {
    const tick = this.opening();
    if (tick.result.open) {
      this.claim(tick);
      this.closing(tick);
    }
    return tick.result;
  }

  /**
   * The running loop's tick: the same, but the due rows are claimed a slice of agencies at a time,
   * each slice in its own transaction, and chat answers go out between slices (the morning slot of
   * 1,000 communes claims 10,000 rows: most of a second in one piece). A member's rows are all of
   * their own agency's, so each member still gets one digest.
   */
  async tickInSlices(): Promise<TickResult> {
    const tick = this.opening();
    if (!tick.result.open) return tick.result;
    const agencies = this.deps.store.reminders.dueAgencies(tick.now.toISOString());
    for (let i = 0; i < agencies.length; i += CLAIM_SLICE) {
      this.claim(tick, agencies.slice(i, i + CLAIM_SLICE));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.closing(tick);
    return tick.result;
  }

  /** What a tick starts from: the instant, the day, whether it is office hours (the plan brought up to date then). */
  private opening(): OpenTick {
    const { calendar, policy, clock, timeZone } = this.deps;
    const now = clock.now();
    const local = dayjs(now).tz(timeZone);
    const today = local.format('YYYY-MM-DD');
    const hhmm = local.format('HH:mm');
    const result: TickResult = { open: false, claimed: 0, sent: 0, skipped: 0, missed: 0, digests: 0 };
    const tick: OpenTick = { now, today, hhmm, weekday: local.day(), result, missed: [] };
    // Planned in place, a full re-plan of 100,000 assignments holds the event loop for seconds: the
    // running scheduler makes it in a worker thread (planInBackground), and without one the day's
    // plan runs at night, which nobody notices at 02:00. A process started during the day plans at
    // its first tick instead.
    if (hhmm >= NIGHT_PLAN_AT && hhmm < policy.officeHours.start) this.planIfNewDay();
    this.pruneIfDue(today, hhmm);
    if (!calendar.isWorkingDay(today) || hhmm < policy.officeHours.start || hhmm >= policy.officeHours.end) return tick;
    result.open = true;
    this.planIfNewDay();
    return tick;
  }

  /** The day's retention prune, at the first tick at or after its time (a restart later that day prunes again: nothing is left to remove). */
  private pruneIfDue(today: CivilDate, hhmm: string): void {
    const prune = this.deps.dailyPrune;
    if (!prune || hhmm < prune.at || this.lastPruned === today) return;
    this.lastPruned = today;
    try {
      const { counts, total } = prune.run();
      this.deps.logger.info({ day: today, ...counts, total }, 'personal data past its retention period pruned');
    } catch (error) {
      this.deps.logger.error({ err: error }, 'retention prune failed; it runs again tomorrow');
    }
  }

  /**
   * Claims the due rows (of some agencies only, given them) in one transaction: rows past the grace
   * window are marked missed (summed up once by closing()), the rest become one digest per member.
   */
  private claim(tick: OpenTick, agencyIds?: number[]): void {
    const { store, calendar, policy } = this.deps;
    const { now, today, result } = tick;
    store.transaction(() => {
      const rows = store.reminders.due(now.toISOString(), agencyIds);
      result.claimed += rows.length;
      const missed = rows.filter((r) => calendar.workingDaysBetween(r.sendDay, today) > policy.graceWorkingDays);
      for (const row of missed) store.reminders.settle(row.id, 'missed', null, 'quá thời hạn gửi bù', now);
      result.missed += missed.length;
      tick.missed.push(...missed);
      const live = rows.filter((r) => !missed.includes(r));
      if (this.deps.onReminderLag) for (const r of live) this.deps.onReminderLag(Math.max(0, (now.getTime() - Date.parse(r.sendAt)) / 1_000));
      const { sent, skipped, digests } = this.enqueueDigests(live, today, now, tick);
      result.sent += sent;
      result.skipped += skipped;
      result.digests += digests;
    });
  }

  /** After the claims: the missed summary, Sở Nội vụ's daily digest, the leaders' weekly one; wakes the sender. */
  private closing(tick: OpenTick): void {
    const { policy } = this.deps;
    const { now, today, hhmm } = tick;
    if (tick.missed.length > 0) this.enqueueMissedSummary(tick.missed, now);
    if (hhmm >= policy.slot && this.lastDaily !== today) {
      this.enqueueDailyDigest(today, now);
      this.lastDaily = today;
    }
    const weeklyDigest = this.deps.weeklyDigest;
    if (hhmm >= policy.slot && this.lastWeekly !== today && tick.weekday === policy.weeklyDigestWeekday && weeklyDigest) {
      this.weekly = this.enqueueWeeklyDigest(today, now, weeklyDigest).catch((error: unknown) => this.deps.logger.error({ err: error }, 'weekly digest failed'));
      this.lastWeekly = today;
    }
    this.deps.notifier.signal.fire();
  }

  private enqueueDigests(rows: ReminderRow[], today: CivilDate, now: Date, tick: OpenTick): { sent: number; skipped: number; digests: number } {
    const { store, timeZone } = this.deps;
    // Only the claimed rows' items: the done states of a whole province are tens of thousands of rows.
    const taskIds = [...new Set(rows.filter((r) => r.itemKind === 'task').map((r) => r.itemId))];
    const done = store.statuses.doneSince({ tasks: taskIds, reports: [...new Set(rows.filter((r) => r.itemKind === 'report').map((r) => r.itemId))] });
    const snoozed = (tick.snoozed ??= store.statuses.snoozedOn(today));
    const tasks = store.plans.tasksById(taskIds);
    const agencyName = (tick.agencyNames ??= new Map(store.agencies.list().map((a) => [a.id, a.name])));
    const perMember = new Map<number, { member: Member; items: Map<string, DigestItem>; rows: number[]; leader: boolean }>();

    let skipped = 0;
    const settled = new Map<number, number[]>();
    // Who hears about an agency's items does not change within a tick: read it once per agency.
    const recipients = new Map<string, Member[]>();
    for (const row of rows) {
      const key = itemKey(row.itemKind, row.itemId, row.agencyId);
      const doneAt = done.get(key);
      if (doneAt) {
        const dates = row.itemKind === 'task' ? store.plans.dueDates(row.itemId) : [row.dueDate];
        if (coveredByDone(dates, row.dueDate, civilDateOf(new Date(doneAt), timeZone))) {
          store.reminders.settle(row.id, 'skipped', null, 'đã hoàn thành', now);
          skipped += 1;
          continue;
        }
      }
      const until = snoozed.get(key);
      if (until && !row.step.startsWith('snooze:')) {
        store.reminders.settle(row.id, 'skipped', null, `hoãn đến ${until}`, now);
        skipped += 1;
        continue;
      }
      const item = this.describe(row, today, tasks, agencyName);
      if (!item) {
        store.reminders.settle(row.id, 'skipped', null, 'không còn việc này', now);
        skipped += 1;
        continue;
      }
      const audienceKey = `${row.agencyId}:${row.audience}`;
      let members = recipients.get(audienceKey);
      if (!members) {
        members = store.members.ofAgency(row.agencyId, row.audience === 'leader' ? ['leader'] : ['focal']);
        recipients.set(audienceKey, members);
      }
      const listeners = members.filter((m) => row.urgent || !m.muted);
      if (listeners.length === 0) {
        store.reminders.settle(row.id, 'skipped', null, members.length === 0 ? 'cơ quan chưa có người nhận' : 'người nhận đã tắt nhắc', now);
        skipped += 1;
        continue;
      }
      for (const member of listeners) {
        const entry = perMember.get(member.id) ?? { member, items: new Map<string, DigestItem>(), rows: [] as number[], leader: row.audience === 'leader' };
        entry.items.set(item.ref + (row.audience === 'leader' ? `:${row.agencyId}` : ''), item);
        entry.rows.push(row.id);
        if (row.audience === 'focal') entry.leader = false;
        perMember.set(member.id, entry);
      }
      settled.set(row.id, [] as number[]);
    }
    let digests = 0;
    const minute = now.toISOString().slice(0, 16);
    // Each agency's overdue items in all, as /quahan counts them (read once a tick): a digest chasing fewer says so.
    const overdueTotal = (agencyId: number): number => (tick.overdueTotals ??= this.deps.overdueCounts()).get(agencyId) ?? 0;
    for (const { member, items, rows: rowIds, leader } of perMember.values()) {
      const account = this.deps.notifier.accountFor(member);
      if (!account) continue;
      const listed = [...items.values()];
      const reply = this.deps.messages.digest(today, listed, { leader, ...(listed.some((i) => i.workingDaysLeft < 0) ? { overdueTotal: overdueTotal(member.agencyId) } : {}) });
      const outboxId = this.enqueue(`digest:${member.id}:${minute}`, 'digest', member.id, account.platform, account.chatId, [reply], now);
      digests += 1;
      for (const id of rowIds) settled.get(id)?.push(outboxId);
    }
    let sent = 0;
    for (const [rowId, outboxIds] of settled) {
      if (outboxIds.length > 0) {
        store.reminders.settle(rowId, 'sent', outboxIds[0]!, outboxIds.length > 1 ? `${outboxIds.length} người nhận` : null, now);
        sent += 1;
      } else {
        store.reminders.settle(rowId, 'skipped', null, 'người nhận chưa có tài khoản liên lạc được', now);
        skipped += 1;
      }
    }
    return { sent, skipped, digests };
  }

  private describe(
    row: ReminderRow,
    today: CivilDate,
    tasks: Map<number, { code: string; activity: string; task: string; objective: string; active: boolean }>,
    agencyName: Map<number, string>,
  ): DigestItem | undefined {
    const { store, calendar } = this.deps;
    const left = row.dueDate >= today ? calendar.workingDaysBetween(today, row.dueDate) : -calendar.workingDaysBetween(row.dueDate, today);
    const agency = agencyName.get(row.agencyId) ?? '';
    if (row.itemKind === 'task') {
      const task = tasks.get(row.itemId);
      if (!task || !task.active) return undefined;
      return { ref: `t${row.itemId}`, label: task.code, title: taskTitle(task, 90), dueDate: row.dueDate, workingDaysLeft: row.step === 'checkin' ? Math.max(left, 1) : left, agencyName: agency };
    }
    const report = store.reports.byId(row.itemId);
    if (!report) return undefined;
    return {
      ref: `r${row.itemId}`,
      label: report.code,
      title: report.title,
      dueDate: row.dueDate,
      workingDaysLeft: left,
      agencyName: agency,
      ...(report.kind === 'periodic' ? { draftable: { code: report.code, year: report.year } } : {}),
    };
  }

  private enqueue(key: string, purpose: string, memberId: number | null, platform: string, chatId: string, replies: Reply[], now: Date): number {
    return this.deps.notifier.enqueue(key, purpose, memberId, platform, chatId, replies, now);
  }

  private toAdmins(key: string, purpose: string, reply: Reply, now: Date): void {
    this.deps.notifier.toAdmins(key, purpose, reply, now);
  }

  private enqueueMissedSummary(missed: ReminderRow[], now: Date): void {
    const days = missed.map((r) => r.sendDay).sort();
    const agencies = new Set(missed.map((r) => r.agencyId)).size;
    this.deps.logger.warn({ missed: missed.length, from: days[0], to: days.at(-1) }, 'reminders missed during downtime');
    this.toAdmins(`missed:${now.toISOString().slice(0, 16)}`, 'missed', this.deps.messages.missed(missed.length, days[0]!, days.at(-1)!, agencies), now);
  }

  private enqueueDailyDigest(today: CivilDate, now: Date): void {
    const { store, policy } = this.deps;
    const threshold = policy.escalateStandingAfter;
    const agencyName = new Map(store.agencies.list().map((a) => [a.id, a.name]));
    const perAgency = new Map<number, { count: number; oldest: number }>();
    for (const item of this.deps.overdue()) {
      if (item.lateDays < threshold) continue;
      const entry = perAgency.get(item.agencyId) ?? { count: 0, oldest: 0 };
      entry.count += 1;
      entry.oldest = Math.max(entry.oldest, item.lateDays);
      perAgency.set(item.agencyId, entry);
    }
    const longOverdue = [...perAgency.entries()]
      .map(([id, v]) => ({ agencyName: agencyName.get(id) ?? '', ...v }))
      .sort((a, b) => b.count - a.count || b.oldest - a.oldest);
    const needsDate = store.plans.planSummaries().reduce((n, s) => n + s.needsDate, 0);
    const unreachable = store.members.unreachable().map(({ member }) => ({ name: member.displayName, agencyName: member.agencyName }));
    const reply = this.deps.messages.daily(today, longOverdue, threshold, needsDate, unreachable);
    if (reply) this.toAdmins(`daily:${today}`, 'daily', reply, now);
  }

  /**
   * The leaders' weekly digest: each leader once per week (dedupe key per day, so a restart cannot
   * repeat it). Made after the tick returns, one leader after another, while charts are drawn off
   * the event loop; settled() waits for it.
   */
  private async enqueueWeeklyDigest(today: CivilDate, now: Date, weeklyDigest: (leader: Member) => Promise<Reply>): Promise<void> {
    for (const leader of this.deps.store.members.withRole('leader')) {
      const account = this.deps.notifier.accountFor(leader);
      // A tight monthly budget: the weekly digest (non-urgent; /tonghop answers any time) is not sent there.
      if (!account || this.deps.notifier.spares(account.platform)) continue;
      const reply = await weeklyDigest(leader);
      this.enqueue(`weekly:${today}:${leader.id}`, 'weekly', leader.id, account.platform, account.chatId, [reply], now);
      this.deps.notifier.signal.fire();
    }
  }

  /** Resolves once the work a tick started in the background (the weekly digest) is queued. */
  settled(): Promise<void> {
    return this.weekly;
  }
}
