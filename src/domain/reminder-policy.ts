import { z } from 'zod';
import { endOfQuarter, type CivilDate } from './civil-date.js';
import type { WorkCalendar } from './work-calendar.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ dạng HH:MM, ví dụ 08:00');

const policyFields = {
  leadDays: z.array(z.number().int().min(0).max(60)).min(1, 'cần ít nhất một mốc nhắc'),
  slot: clock,
  officeHours: z.object({ start: clock, end: clock }),
  overdueEveryDays: z.number().int().min(1).max(30),
  escalateLeadersAfter: z.number().int().min(1).max(60),
  escalateStandingAfter: z.number().int().min(1).max(120),
  graceWorkingDays: z.number().int().min(0).max(10),
  urgentWithinDays: z.number().int().min(0).max(10),
  ongoingCheckinDays: z.number().int().min(0).max(30),
  horizonDays: z.number().int().min(7).max(400),
  snoozeDays: z.array(z.number().int().min(1).max(10)).min(1),
  remindCoordinating: z.boolean(),
  /** Day of the leaders' weekly digest (1 = Monday … 5 = Friday; 0 = none). */
  weeklyDigestWeekday: z.number().int().min(0).max(5).default(1),
};

/** The reminder policy file (data/reminder-policy.json), with per-plan overrides by plan name. */
export const policySchema = z
  .object({ ...policyFields, planOverrides: z.record(z.string(), z.object(policyFields).partial()).default({}) })
  .refine((p) => p.officeHours.start < p.officeHours.end, { message: 'giờ làm việc: giờ bắt đầu phải trước giờ kết thúc', path: ['officeHours'] })
  .refine((p) => p.slot >= p.officeHours.start && p.slot < p.officeHours.end, { message: 'giờ gửi phải nằm trong giờ làm việc', path: ['slot'] });

export type ReminderPolicy = z.infer<typeof policySchema>;
export type EffectivePolicy = Omit<ReminderPolicy, 'planOverrides'>;

/** The policy in force for a plan (its overrides on top of the province's policy). */
export function policyFor(policy: ReminderPolicy, planName: string | null): EffectivePolicy {
  const { planOverrides, ...base } = policy;
  const override = planName ? planOverrides[planName] : undefined;
  return override ? { ...base, ...override } : base;
}

/** One thing an agency owes on one date: a task deadline, a report, or an ongoing task's quarterly check-in. */
export interface Occurrence {
  itemKind: 'task' | 'report';
  itemId: number;
  agencyId: number;
  dueDate: CivilDate;
  kind: 'deadline' | 'checkin';
}

/** A reminder to send for an occurrence: which step, to whom, on which working day. */
export interface PlannedStep {
  step: string;
  audience: 'focal' | 'leader';
  urgent: boolean;
  sendDay: CivilDate;
}

/**
 * The reminders an occurrence needs whose send day falls in [from, to]: lead-time steps before the
 * due date (in working days; 0 = the day itself), overdue chases every N working days after it,
 * and one escalation to the agency's leaders. Every send day is a working day.
 */
export function stepsFor(
  occurrence: Occurrence,
  policy: EffectivePolicy,
  calendar: WorkCalendar,
  window: { from: CivilDate; to: CivilDate },
): PlannedStep[] {
  const inWindow = (day: CivilDate) => day >= window.from && day <= window.to;
  const due = calendar.onOrBefore(occurrence.dueDate);
  const steps: PlannedStep[] = [];
  if (occurrence.kind === 'checkin') {
    const day = calendar.addWorkingDays(due, -policy.ongoingCheckinDays);
    if (inWindow(day)) steps.push({ step: 'checkin', audience: 'focal', urgent: false, sendDay: day });
    return steps;
  }
  for (const n of [...new Set(policy.leadDays)].sort((a, b) => b - a)) {
    const day = calendar.addWorkingDays(due, -n);
    if (inWindow(day)) steps.push({ step: `before:${n}`, audience: 'focal', urgent: n <= policy.urgentWithinDays, sendDay: day });
  }
  if (window.to > due) {
    const every = policy.overdueEveryDays;
    const behind = calendar.workingDaysBetween(due, window.from);
    let k = Math.max(every, Math.ceil(behind / every) * every);
    for (;;) {
      const day = calendar.addWorkingDays(due, k);
      if (day > window.to) break;
      if (inWindow(day)) steps.push({ step: `overdue:${k}`, audience: 'focal', urgent: true, sendDay: day });
      k += every;
    }
    const escalation = calendar.addWorkingDays(due, policy.escalateLeadersAfter);
    if (inWindow(escalation)) {
      steps.push({ step: `leader:${policy.escalateLeadersAfter}`, audience: 'leader', urgent: true, sendDay: escalation });
    }
  }
  return steps.sort((a, b) => (a.sendDay < b.sendDay ? -1 : a.sendDay > b.sendDay ? 1 : 0));
}

/** Quarter ends in [from, to] (check-in dates for "Thường xuyên" tasks). */
export function quarterEnds(from: CivilDate, to: CivilDate): CivilDate[] {
  const out: CivilDate[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    for (let q = 1; q <= 4; q += 1) {
      const end = endOfQuarter(year, q);
      if (end >= from && end <= to) out.push(end);
    }
  }
  return out;
}
