import { addDays, type CivilDate } from '../domain/civil-date.js';
import { prepared, type Db } from './database.js';

/** The plan date an approved extension `ext` replaces for a task: the latest on or before it, else the first (`datesInForce`). */
const extendedFrom = (task: string, ext: string) => `COALESCE(
        (SELECT d3.due_date FROM task_deadlines d3 WHERE d3.task_id = ${task} AND d3.due_date <= ${ext} ORDER BY d3.due_date DESC LIMIT 1),
        (SELECT MIN(d3.due_date) FROM task_deadlines d3 WHERE d3.task_id = ${task}))`;

/**
 * Does a done on civil day `day` cover the row's date `occ.due` (`coveredByDone`): no other date in
 * force of the task lies in [day, due). A date the admin set alone (`multi` 0) is covered by any done.
 */
const covers = (day: string) => `(occ.multi = 0 OR (NOT EXISTS (
        SELECT 1 FROM task_deadlines d2
        WHERE d2.task_id = occ.task_id AND d2.due_date >= ${day} AND d2.due_date < occ.due
          AND NOT EXISTS (SELECT 1 FROM task_deadline_overrides o2 WHERE o2.task_id = d2.task_id)
          AND (occ.ext IS NULL OR d2.due_date <> ${extendedFrom('occ.task_id', 'occ.ext')})
      ) AND NOT (occ.ext IS NOT NULL AND occ.ext >= ${day} AND occ.ext < occ.due)))`;

/**
 * Every open-or-done task deadline of a lead agency inside [@from, @to], as SQL rows: the task's
 * dates in force (an admin-set date replaces the computed ones; an approved extension replaces, for
 * that agency, the one date it extends and leaves the others: `datesInForce`), with the agency's current state and whether a "done" covers that date. A
 * computed date belongs to the period of its nominal date ("Quý II" ends 30/6 even when that Sunday
 * moves the due date to Monday 1/7); the moved date decides only lateness. An approved extension
 * stays in the period of the plan date it extends (the latest on or before it, else its own):
 * a "Quý II" task extended to August still counts in quý II, due in August.
 *
 * A done on day D covers the dates up to the first date on or after D (finishing in May covers
 * "Quý II", not "Quý III"): a date is covered unless another date of the task lies in [D, date).
 * A covered date was done on the first of the item's dones that covers it (`firstCover`): quý I
 * done in March stays done in March when quý II and III are done in July.
 * This is the rule of the reminder planner (`coveredByDone`), evaluated inside SQLite so that the
 * summaries aggregate 50,000 assignments without reading them into JavaScript. Inactive agencies
 * (ceased or retired) are left out, as the planner leaves them out.
 */
const LEAD_DEADLINES = `
  WITH occ AS (
    SELECT o.task_id, t.area_title, s.agency_id, o.due_date AS due, 0 AS multi, st.status, st.done_at, st.dones, 0 AS extended, NULL AS ext
    FROM task_deadline_overrides o
    CROSS JOIN tasks t ON t.id = o.task_id AND t.active = 1
    CROSS JOIN assignments s ON s.task_id = o.task_id AND s.role = 'lead'
    CROSS JOIN agencies ag ON ag.id = s.agency_id AND ag.active = 1
    LEFT JOIN item_states st ON st.item_kind = 'task' AND st.item_id = o.task_id AND st.agency_id = s.agency_id
    WHERE o.due_date BETWEEN @from AND @to AND st.due_override IS NULL AND (@agency IS NULL OR s.agency_id = @agency)
    UNION ALL
    SELECT d.task_id, t.area_title, s.agency_id, d.due_date, 1, st.status, st.done_at, st.dones, 0, st.due_override
    FROM task_deadlines d
    CROSS JOIN tasks t ON t.id = d.task_id AND t.active = 1
    CROSS JOIN assignments s ON s.task_id = d.task_id AND s.role = 'lead'
    CROSS JOIN agencies ag ON ag.id = s.agency_id AND ag.active = 1
    LEFT JOIN item_states st ON st.item_kind = 'task' AND st.item_id = d.task_id AND st.agency_id = s.agency_id
    WHERE d.nominal_date BETWEEN @from AND @to AND (@agency IS NULL OR s.agency_id = @agency)
      AND NOT EXISTS (SELECT 1 FROM task_deadline_overrides o WHERE o.task_id = d.task_id)
      AND (st.due_override IS NULL OR d.due_date <> ${extendedFrom('d.task_id', 'st.due_override')})
    UNION ALL
    SELECT st.item_id, t.area_title, st.agency_id, st.due_override, 1, st.status, st.done_at, st.dones, 1, st.due_override
    FROM item_states st
    CROSS JOIN tasks t ON t.id = st.item_id AND t.active = 1
    CROSS JOIN assignments s ON s.task_id = st.item_id AND s.agency_id = st.agency_id AND s.role = 'lead'
    CROSS JOIN agencies ag ON ag.id = s.agency_id AND ag.active = 1
    WHERE st.due_override IS NOT NULL AND +st.item_kind = 'task'
      AND COALESCE(
        (SELECT o.due_date FROM task_deadline_overrides o WHERE o.task_id = st.item_id AND o.due_date <= st.due_override),
        (SELECT d.nominal_date FROM task_deadlines d WHERE d.task_id = st.item_id AND d.due_date <= st.due_override
           AND NOT EXISTS (SELECT 1 FROM task_deadline_overrides o WHERE o.task_id = d.task_id) ORDER BY d.due_date DESC LIMIT 1),
        st.due_override) BETWEEN @from AND @to
      AND (@agency IS NULL OR st.agency_id = @agency)
  ),
  judged AS (
    SELECT occ.task_id, occ.area_title, occ.agency_id, occ.due, occ.extended,
      CASE WHEN occ.dones IS NULL OR json_array_length(occ.dones) <= 1 THEN date(occ.done_at, @shift)
        ELSE (SELECT MIN(date(j.value, @shift)) FROM json_each(occ.dones) j WHERE ${covers('date(j.value, @shift)')}) END AS done_day,
      CASE WHEN occ.done_at IS NOT NULL AND ${covers('date(occ.done_at, @shift)')} THEN 1 ELSE 0 END AS done
    FROM occ
  )`;

/** Unsubmitted report obligations (chased from @reportsFrom), with an approved extension as the due date. */
const OPEN_REPORTS = `
  SELECT 'report' AS kind, o.report_id AS itemId, o.agency_id AS agencyId, COALESCE(st.due_override, r.due_date) AS dueDate
  FROM report_obligations o
  JOIN reports r ON r.id = o.report_id
  LEFT JOIN item_states st ON st.item_kind = 'report' AND st.item_id = o.report_id AND st.agency_id = o.agency_id
  WHERE r.due_date >= @reportsFrom AND (st.status IS NULL OR st.status <> 'done')
    AND COALESCE(st.due_override, r.due_date) < @today AND (@agency IS NULL OR o.agency_id = @agency)`;

export interface QuarterCount {
  areaTitle: string;
  agencyId: number;
  state: 'done' | 'overdue' | 'open';
  n: number;
}

export interface DeadlineRow {
  taskId: number;
  areaTitle: string;
  agencyId: number;
  dueDate: CivilDate;
  state: 'done' | 'overdue' | 'open';
  /** The civil day the lead reported it done (null unless `state` is done). */
  doneDay: CivilDate | null;
  /** The date is an approved extension for this agency. */
  extended: boolean;
}

export interface OverdueRow {
  kind: 'task' | 'report';
  itemId: number;
  agencyId: number;
  /** The oldest date in force that passed without a done covering it. */
  dueDate: CivilDate;
  /** How many of the item's dates passed uncovered (a "Quý I, II, III" task can have missed three). */
  missed: number;
}

export interface ProgressQuery {
  today: CivilDate;
  /** SQLite modifier turning a stored UTC instant into the province's civil time ("+420 minutes"). */
  shift: string;
  agencyId?: number | undefined;
}

/** Aggregates over tasks, reports and states for leaders' summaries; read-only. */
export class ProgressRepo {
  constructor(private readonly db: Db) {}

  /**
   * The data version (migration 0039): moves on every write a summary, the matrix or a score reads,
   * by any process; what the summaries' and the dashboard's caches are keyed on. Never goes back.
   */
  dataVersion(): number {
    const row = prepared(this.db, 'SELECT n FROM data_version WHERE id = 1').get() as { n: number } | undefined;
    return row?.n ?? 0;
  }

  /** Lead-agency task deadlines in [from, to], counted by area, agency and state (done / overdue / open). */
  deadlineCounts(from: CivilDate, to: CivilDate, q: ProgressQuery): QuarterCount[] {
    return prepared(
      this.db,
      `${LEAD_DEADLINES}
       SELECT area_title AS areaTitle, agency_id AS agencyId,
         CASE WHEN done = 1 THEN 'done' WHEN due < @today THEN 'overdue' ELSE 'open' END AS state, COUNT(*) AS n
       FROM judged
       GROUP BY 1, 2, 3`,
    ).all({ from, to, today: q.today, shift: q.shift, agency: q.agencyId ?? null }) as QuarterCount[];
  }

  /**
   * The rows `deadlineCounts` counts, one per lead-agency date in [from, to]: the same query, not
   * grouped, for the periodic report's task list (done on which day, extended or not).
   */
  deadlineRows(from: CivilDate, to: CivilDate, q: ProgressQuery): DeadlineRow[] {
    return (
      prepared(
        this.db,
        `${LEAD_DEADLINES}
       SELECT task_id AS taskId, area_title AS areaTitle, agency_id AS agencyId, due AS dueDate,
         CASE WHEN done = 1 THEN 'done' WHEN due < @today THEN 'overdue' ELSE 'open' END AS state,
         CASE WHEN done = 1 THEN done_day END AS doneDay, extended
       FROM judged
       ORDER BY due, task_id, agency_id`,
      ).all({ from, to, today: q.today, shift: q.shift, agency: q.agencyId ?? null }) as (Omit<DeadlineRow, 'extended'> & { extended: number })[]
    ).map((r) => ({ ...r, extended: r.extended === 1 }));
  }

  /**
   * Every overdue item, one row per (item, agency): a lead's task with a date before today not
   * covered by a done (`dueDate` is the oldest such date, `missed` how many), an unsubmitted report
   * past its date; oldest first. Dates are selected by period (nominal date) up to yesterday, then
   * kept only if due before today (a "Quý II" date moved to Monday 1/7 is not overdue on 1/7).
   * The rule is `itemView`'s (src/domain/item-state.ts); a property test holds the two together.
   */
  overdue(reportsFrom: CivilDate, q: ProgressQuery): OverdueRow[] {
    return prepared(
      this.db,
      `${LEAD_DEADLINES}
       SELECT 'task' AS kind, task_id AS itemId, agency_id AS agencyId, MIN(due) AS dueDate, COUNT(*) AS missed
       FROM judged WHERE done = 0 AND due < @today GROUP BY task_id, agency_id
       UNION ALL SELECT kind, itemId, agencyId, dueDate, 1 FROM (${OPEN_REPORTS})
       ORDER BY dueDate, agencyId, kind DESC, itemId`,
    ).all({ from: '0000-00-00', to: addDays(q.today, -1), today: q.today, shift: q.shift, agency: q.agencyId ?? null, reportsFrom }) as OverdueRow[];
  }

  /** Status events since an instant, counted by status (the "last 7 days" line). */
  eventCountsSince(since: string, agencyId?: number): Map<string, number> {
    const rows = prepared(
      this.db,
      'SELECT status, COUNT(*) AS n FROM status_events WHERE created_at >= @since AND (@agency IS NULL OR agency_id = @agency) GROUP BY status',
    ).all({ since, agency: agencyId ?? null }) as { status: string; n: number }[];
    return new Map(rows.map((r) => [r.status, r.n]));
  }

  /** Status events since an instant per week (Monday of the week, civil time) and status: the trend chart. */
  weeklyEvents(since: string, shift: string, agencyId?: number): { week: CivilDate; status: string; n: number }[] {
    return prepared(
      this.db,
      `SELECT date(created_at, @shift, '-6 days', 'weekday 1') AS week, status, COUNT(*) AS n
       FROM status_events
       WHERE created_at >= @since AND (@agency IS NULL OR agency_id = @agency)
       GROUP BY 1, 2 ORDER BY 1`,
    ).all({ shift, since, agency: agencyId ?? null }) as { week: CivilDate; status: string; n: number }[];
  }
}
