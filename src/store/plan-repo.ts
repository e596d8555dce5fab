import { taskCodeKey, taskIdOf } from '../domain/task-code.js';
import { prepared, type Db } from './database.js';
import type { CivilDate } from '../domain/civil-date.js';
import { datesInForce } from '../domain/item-state.js';
import type { DeadlineKind } from '../domain/deadline-grammar.js';
import type { PlanScope } from './plan-scope.js';

export interface Plan {
  id: number;
  name: string;
  documentNo: string | null;
  year: number;
  periodFrom: number | null;
  periodTo: number | null;
  sourceFile: string | null;
  /** The publishing document as printed (null: not known): kind ("Kế hoạch", "Quyết định"), date, issuer, title. */
  docKind: string | null;
  docDate: CivilDate | null;
  docIssuer: string | null;
  docTitle: string | null;
  /** Where the document was signed, as printed before its date ("Hà Tĩnh"). */
  docPlace: string | null;
  /** When the plan was first imported: dates before this day were already past then. */
  createdAt: string;
  updatedAt: string;
}

/** The document that published a plan, as printed on it; each part null when not known. */
export interface PlanDocument {
  docKind: string | null;
  docDate: CivilDate | null;
  docIssuer: string | null;
  docTitle: string | null;
  docPlace: string | null;
}

export interface TaskFields {
  code: string;
  areaCode: string;
  areaTitle: string;
  objective: string;
  task: string;
  activity: string;
  product: string;
  budget: string;
  leadText: string;
  coordText: string;
  deadlineText: string;
  deadlineKind: DeadlineKind;
  deadlineNote: string;
  sourceRow: number;
  /** When the work starts, as written ("Bắt đầu", "Từ"); '' when the plan does not say. */
  startText?: string;
  /** The first day of the period the start names; null when none or not readable without a guess. */
  startDate?: CivilDate | null;
}

export interface Task extends TaskFields {
  startText: string;
  startDate: CivilDate | null;
  id: number;
  planId: number;
  planName: string;
  active: boolean;
}

export interface TaskDeadline {
  nominalDate: CivilDate;
  dueDate: CivilDate;
}

/** A task as an agency sees it: its role and its next due date (or an admin-set date). */
export interface AgencyTask extends Task {
  role: 'lead' | 'coord';
  /** The dates in force for this agency, sorted: an approved extension, else an admin-set date, else the plan's dates. */
  dates: CivilDate[];
  /** The plan's date an approved extension replaced for this agency (the last on or before the new one; null: not extended). */
  extendedFrom: CivilDate | null;
  /** The agency's state of the task (null: nothing reported yet). */
  status: 'in_progress' | 'blocked' | 'done' | 'contributing' | null;
  progress: number | null;
  doneAt: string | null;
  /** Every done whose cover holds, oldest first (`ItemState.dones`; the last is `doneAt`). */
  dones: readonly string[];
  /** An extension request of this agency waits for Sở Nội vụ's decision. */
  extensionPending: boolean;
  /** The task had dates that had all passed when its plan was imported. */
  pastAtImport: boolean;
}

const NO_DONES: readonly string[] = Object.freeze([]);
/** `item_states.dones` as stored (a JSON array; null: no state row), most often empty: one shared empty list. */
const donesOf = (json: string | null): readonly string[] => (json === null || json === '[]' ? NO_DONES : (JSON.parse(json) as string[]));

const PLAN_SELECT = `SELECT id, name, document_no AS documentNo, year, period_from AS periodFrom, period_to AS periodTo,
  source_file AS sourceFile, doc_kind AS docKind, doc_date AS docDate, doc_issuer AS docIssuer, doc_title AS docTitle,
  doc_place AS docPlace, created_at AS createdAt, updated_at AS updatedAt FROM plans`;

const TASK_COLUMNS = `t.id, t.plan_id AS planId, p.name AS planName, t.code, t.area_code AS areaCode, t.area_title AS areaTitle,
  t.objective, t.task, t.activity, t.product, t.budget, t.lead_text AS leadText, t.coord_text AS coordText,
  t.deadline_text AS deadlineText, t.deadline_kind AS deadlineKind, t.deadline_note AS deadlineNote,
  t.source_row AS sourceRow, t.start_text AS startText, t.start_date AS startDate, t.active`;

type TaskRow = Omit<Task, 'active'> & { active: number };
const toTask = <T extends TaskRow>(row: T): T & { active: boolean } => ({ ...row, active: row.active === 1 });

/** SQL for plans, tasks, their deadlines and their agency assignments. */
export class PlanRepo {
  constructor(private readonly db: Db) {}

  /** Creates the plan or updates it by name. */
  upsertPlan(
    plan: { name: string; documentNo: string | null; year: number; periodFrom: number | null; periodTo: number | null; sourceFile: string | null } &
      Partial<PlanDocument>,
    now: Date,
  ): Plan {
    const doc = { docKind: plan.docKind ?? null, docDate: plan.docDate ?? null, docIssuer: plan.docIssuer ?? null, docTitle: plan.docTitle ?? null, docPlace: plan.docPlace ?? null };
    prepared(this.db, 
        `INSERT INTO plans (name, document_no, year, period_from, period_to, source_file, doc_kind, doc_date, doc_issuer,
           doc_title, doc_place, created_at, updated_at)
         VALUES (@name, @documentNo, @year, @periodFrom, @periodTo, @sourceFile, @docKind, @docDate, @docIssuer, @docTitle, @docPlace, @now, @now)
         ON CONFLICT (name) DO UPDATE SET document_no = COALESCE(excluded.document_no, plans.document_no),
           doc_kind = COALESCE(excluded.doc_kind, plans.doc_kind), doc_date = COALESCE(excluded.doc_date, plans.doc_date),
           doc_issuer = COALESCE(excluded.doc_issuer, plans.doc_issuer), doc_title = COALESCE(excluded.doc_title, plans.doc_title),
           doc_place = COALESCE(excluded.doc_place, plans.doc_place),
           year = excluded.year, period_from = excluded.period_from, period_to = excluded.period_to,
           source_file = excluded.source_file, updated_at = excluded.updated_at`,
      )
      .run({ name: plan.name, documentNo: plan.documentNo, year: plan.year, periodFrom: plan.periodFrom, periodTo: plan.periodTo,
        sourceFile: plan.sourceFile, ...doc, now: now.toISOString() });
    return this.planByName(plan.name)!;
  }

  planByName(name: string): Plan | undefined {
    return prepared(this.db, `${PLAN_SELECT} WHERE name = ?`).get(name) as Plan | undefined;
  }

  planById(id: number): Plan | undefined {
    return prepared(this.db, `${PLAN_SELECT} WHERE id = ?`).get(id) as Plan | undefined;
  }

  /**
   * Sets or clears parts of the plan's document (an admin's correction of what the import read or
   * could not read): a key absent from `patch` is left as it is, null makes it unknown again.
   */
  updateDocument(id: number, patch: Partial<PlanDocument & { documentNo: string | null }>, now: Date): Plan | undefined {
    const columns: Record<string, string> = { documentNo: 'document_no', docKind: 'doc_kind', docDate: 'doc_date', docIssuer: 'doc_issuer', docTitle: 'doc_title' };
    const set = Object.keys(patch).filter((k) => k in columns);
    if (set.length > 0) {
      const values = Object.fromEntries(set.map((k) => [k, patch[k as keyof typeof patch] ?? null]));
      prepared(this.db, `UPDATE plans SET ${set.map((k) => `${columns[k]} = @${k}`).join(', ')}, updated_at = @now WHERE id = @id`).run({ ...values, id, now: now.toISOString() });
    }
    return this.planById(id);
  }

  /**
   * The objectives ("Mục tiêu/Chỉ tiêu") of the plans' active tasks with each task's code and lead
   * agency, in plan order; only tasks `agencyId` leads when given. The report's Phụ lục II reads
   * the plan's indicators from them.
   */
  objectives(planIds: readonly number[], agencyId?: number): { objective: string; code: string; lead: string | null }[] {
    if (planIds.length === 0) return [];
    return prepared(
      this.db,
      `SELECT t.objective, t.code, a.name AS lead FROM tasks t
         LEFT JOIN assignments s ON s.task_id = t.id AND s.role = 'lead' LEFT JOIN agencies a ON a.id = s.agency_id
        WHERE t.plan_id IN (${planIds.map(() => '?').join(',')}) AND t.active = 1 AND t.objective != ''
          ${agencyId === undefined ? '' : 'AND t.id IN (SELECT task_id FROM assignments WHERE role = \'lead\' AND agency_id = ?)'}
        ORDER BY t.plan_id, t.source_row, t.id, a.name`,
    ).all(...planIds, ...(agencyId === undefined ? [] : [agencyId])) as { objective: string; code: string; lead: string | null }[];
  }

  plans(): Plan[] {
    return prepared(this.db, `${PLAN_SELECT} ORDER BY year DESC, name`).all() as Plan[];
  }

  /** Inserts or updates a task by (plan, code), keeping its id; returns the id and whether it was new. */
  upsertTask(planId: number, fields: TaskFields, now: Date): { id: number; created: boolean } {
    const existing = prepared(this.db, 'SELECT id FROM tasks WHERE plan_id = ? AND code = ?').get(planId, fields.code) as
      | { id: number }
      | undefined;
    const params = { ...fields, startText: fields.startText ?? '', startDate: fields.startDate ?? null, planId, now: now.toISOString() };
    if (existing) {
      prepared(this.db, 
          `UPDATE tasks SET area_code = @areaCode, area_title = @areaTitle, objective = @objective, task = @task,
             activity = @activity, product = @product, budget = @budget, lead_text = @leadText, coord_text = @coordText,
             deadline_text = @deadlineText, deadline_kind = @deadlineKind, deadline_note = @deadlineNote,
             source_row = @sourceRow, start_text = @startText, start_date = @startDate, active = 1, updated_at = @now WHERE id = @id`,
        )
        .run({ ...params, id: existing.id });
      return { id: existing.id, created: false };
    }
    const result = prepared(this.db, 
        `INSERT INTO tasks (plan_id, code, area_code, area_title, objective, task, activity, product, budget, lead_text,
           coord_text, deadline_text, deadline_kind, deadline_note, source_row, start_text, start_date, created_at, updated_at)
         VALUES (@planId, @code, @areaCode, @areaTitle, @objective, @task, @activity, @product, @budget, @leadText,
           @coordText, @deadlineText, @deadlineKind, @deadlineNote, @sourceRow, @startText, @startDate, @now, @now)`,
      )
      .run(params);
    return { id: Number(result.lastInsertRowid), created: true };
  }

  /** Codes of the plan's active tasks. */
  tasksForPlanCodes(planId: number): string[] {
    return (prepared(this.db, 'SELECT code FROM tasks WHERE plan_id = ? AND active = 1').all(planId) as { code: string }[]).map((r) => r.code);
  }

  /** Retires the plan's tasks whose codes are not in `keep` (a re-import dropped them); returns how many. */
  retireMissing(planId: number, keep: string[], now: Date): number {
    const keepSet = new Set(keep);
    const rows = prepared(this.db, 'SELECT id, code FROM tasks WHERE plan_id = ? AND active = 1').all(planId) as { id: number; code: string }[];
    const retire = prepared(this.db, 'UPDATE tasks SET active = 0, updated_at = ? WHERE id = ?');
    let count = 0;
    for (const row of rows) {
      if (keepSet.has(row.code)) continue;
      retire.run(now.toISOString(), row.id);
      count += 1;
    }
    return count;
  }

  /** Replaces a task's dates: those still owed, and those that had passed when the plan was first imported. */
  replaceDeadlines(taskId: number, deadlines: TaskDeadline[], past: TaskDeadline[] = []): void {
    prepared(this.db, 'DELETE FROM task_deadlines WHERE task_id = ?').run(taskId);
    prepared(this.db, 'DELETE FROM task_past_deadlines WHERE task_id = ?').run(taskId);
    const insert = prepared(this.db, 'INSERT INTO task_deadlines (task_id, seq, nominal_date, due_date) VALUES (?, ?, ?, ?)');
    deadlines.forEach((d, seq) => insert.run(taskId, seq, d.nominalDate, d.dueDate));
    const insertPast = prepared(this.db, 'INSERT INTO task_past_deadlines (task_id, seq, nominal_date, due_date) VALUES (?, ?, ?, ?)');
    past.forEach((d, seq) => insertPast.run(taskId, seq, d.nominalDate, d.dueDate));
  }

  /** The dates that had passed when the plan was first imported ("đã qua khi nhập"): shown, never chased or scored. */
  pastDeadlines(taskId: number): TaskDeadline[] {
    return prepared(this.db, 'SELECT nominal_date AS nominalDate, due_date AS dueDate FROM task_past_deadlines WHERE task_id = ? ORDER BY seq').all(taskId) as TaskDeadline[];
  }

  /** Distinct reform-area titles already stored, so that a new plan reuses their spelling. */
  areaTitles(): string[] {
    return (prepared(this.db, "SELECT DISTINCT area_title AS t FROM tasks WHERE area_title <> '' ORDER BY id").all() as { t: string }[]).map((r) => r.t);
  }

  replaceAssignments(taskId: number, assignments: { agencyId: number; role: 'lead' | 'coord' }[]): void {
    prepared(this.db, 'DELETE FROM assignments WHERE task_id = ?').run(taskId);
    const insert = prepared(this.db, 'INSERT OR IGNORE INTO assignments (task_id, agency_id, role) VALUES (?, ?, ?)');
    for (const a of assignments) insert.run(taskId, a.agencyId, a.role);
  }

  deadlines(taskId: number): TaskDeadline[] {
    return prepared(this.db, 'SELECT nominal_date AS nominalDate, due_date AS dueDate FROM task_deadlines WHERE task_id = ? ORDER BY seq')
      .all(taskId) as TaskDeadline[];
  }

  override(taskId: number): { dueDate: CivilDate; setAt: string; reason: string | null } | undefined {
    return prepared(this.db, 'SELECT due_date AS dueDate, set_at AS setAt, reason FROM task_deadline_overrides WHERE task_id = ?')
      .get(taskId) as { dueDate: CivilDate; setAt: string; reason: string | null } | undefined;
  }

  /** Records a date set by Sở Nội vụ for a task that waits for an event or was not understood. */
  setOverride(taskId: number, dueDate: CivilDate, setBy: number | null, reason: string | null, now: Date): void {
    prepared(this.db, 
        `INSERT INTO task_deadline_overrides (task_id, due_date, set_by, set_at, reason) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (task_id) DO UPDATE SET due_date = excluded.due_date, set_by = excluded.set_by,
           set_at = excluded.set_at, reason = excluded.reason`,
      )
      .run(taskId, dueDate, setBy, now.toISOString(), reason);
  }

  assignments(taskId: number): { agencyId: number; agencyName: string; agencyCode: string; role: 'lead' | 'coord' }[] {
    return prepared(this.db, 
        `SELECT a.id AS agencyId, a.name AS agencyName, a.code AS agencyCode, s.role FROM assignments s
         JOIN agencies a ON a.id = s.agency_id WHERE s.task_id = ? ORDER BY s.role DESC, a.name`,
      )
      .all(taskId) as { agencyId: number; agencyName: string; agencyCode: string; role: 'lead' | 'coord' }[];
  }

  /** Active tasks with this code (case-insensitive) across plans, newest plan first. */
  /**
   * The active tasks a typed reference names: a button's "t<id>", else a code as typed (spaces,
   * "NV" and a trailing dot ignored), else a code's tail ("3.17" finds "I.3.17").
   */
  tasksByRef(typed: string): Task[] {
    const id = taskIdOf(typed);
    if (id !== null) {
      const task = this.taskById(id);
      return task && task.active ? [task] : [];
    }
    const code = taskCodeKey(typed);
    if (code === '') return [];
    const exact = this.tasksByCode(code);
    return exact.length > 0 ? exact : this.tasksByCodeSuffix(code);
  }

  tasksByCode(code: string): Task[] {
    const rows = prepared(this.db, 
        `SELECT ${TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id
         WHERE t.code = ? COLLATE NOCASE AND t.active = 1 ORDER BY p.year DESC, p.name`,
      )
      .all(code) as TaskRow[];
    return rows.map(toTask);
  }

  /** Active tasks whose code ends in ".<suffix>" ("3.17" finds "I.3.17"). */
  tasksByCodeSuffix(suffix: string): Task[] {
    const rows = prepared(this.db, 
        `SELECT ${TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id
         WHERE t.active = 1 AND (t.code LIKE '%.' || @suffix) COLLATE NOCASE ORDER BY p.year DESC, p.name, t.code`,
      )
      .all({ suffix }) as TaskRow[];
    return rows.map(toTask);
  }

  /**
   * An agency's active tasks with its role and next due date on or after `today` (an admin-set date
   * counts), lead tasks first, then by next due date (tasks without one last).
   */
  tasksForAgency(agencyId: number, taskId?: number): AgencyTask[] {
    const rows = prepared(
      this.db,
      `SELECT ${TASK_COLUMNS}, s.role, st.status, st.progress, st.done_at AS doneAt, st.dones, st.due_override AS dueOverride,
         EXISTS (SELECT 1 FROM task_past_deadlines pd WHERE pd.task_id = t.id) AS pastAtImport,
         EXISTS (SELECT 1 FROM status_events e WHERE e.item_kind = 'task' AND e.item_id = t.id AND e.agency_id = s.agency_id
           AND e.status = 'extension_requested' AND NOT EXISTS (SELECT 1 FROM status_events r WHERE r.refers_to = e.id)) AS extensionPending
       FROM assignments s
       JOIN tasks t ON t.id = s.task_id AND t.active = 1
       JOIN plans p ON p.id = t.plan_id
       LEFT JOIN item_states st ON st.item_kind = 'task' AND st.item_id = t.id AND st.agency_id = s.agency_id
       WHERE s.agency_id = @agencyId AND (@taskId IS NULL OR t.id = @taskId)
       ORDER BY p.name, t.id`,
    ).all({ agencyId, taskId: taskId ?? null }) as (TaskRow & { role: 'lead' | 'coord'; status: string | null; progress: number | null; doneAt: string | null; dones: string | null; dueOverride: CivilDate | null; pastAtImport: number; extensionPending: number })[];
    const planned = this.dueDatesOf(rows.map((r) => r.id));
    return rows.map(({ dueOverride, status, pastAtImport, extensionPending, dones, ...row }) => {
      const dates = [...(planned.get(row.id) ?? [])].sort();
      return {
        ...row,
        dones: donesOf(dones),
        active: row.active === 1,
        ...datesInForce(dates, dueOverride),
        // "not_started" is what a state row says before any reply: shown as nothing reported.
        status: status === null || status === 'not_started' ? null : (status as AgencyTask['status']),
        extensionPending: extensionPending === 1,
        pastAtImport: pastAtImport === 1,
      };
    });
  }

  /**
   * Every agency's active tasks, as `tasksForAgency` gives each (the same fields; in no set order:
   * TaskService sorts), read in a few flat queries for the whole province and joined here, instead
   * of one query per agency: the dashboard's matrix over 100,000 assignments. The task's own fields
   * are one object per task, spread into its agencies' rows.
   */
  tasksForAllAgencies(): Map<number, AgencyTask[]> {
    const tasks = new Map<number, Task>(
      (prepared(this.db, `SELECT ${TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.active = 1`).all() as TaskRow[]).map((row) => [row.id, toTask(row)] as const),
    );
    // Rows as arrays (no object per row): 100,000 assignments and their states, joined below by (task, agency).
    const assignments = prepared(this.db, 'SELECT agency_id, task_id, role FROM assignments').raw(true).all() as [number, number, 'lead' | 'coord'][];
    const states = new Map<string, [string, number | null, string | null, readonly string[], CivilDate | null]>();
    for (const [taskId, agencyId, status, progress, doneAt, dones, dueOverride] of prepared(
      this.db,
      "SELECT item_id, agency_id, status, progress, done_at, dones, due_override FROM item_states WHERE item_kind = 'task'",
    )
      .raw(true)
      .all() as [number, number, string, number | null, string | null, string, CivilDate | null][]) {
      states.set(`${taskId}:${agencyId}`, [status, progress, doneAt, donesOf(dones), dueOverride]);
    }
    const past = new Set((prepared(this.db, 'SELECT DISTINCT task_id AS id FROM task_past_deadlines').all() as { id: number }[]).map((r) => r.id));
    // An extension request not yet answered (no decision refers to it), as tasksForAgency's EXISTS.
    const pending = new Set(
      (
        prepared(
          this.db,
          `SELECT DISTINCT e.item_id AS taskId, e.agency_id AS agencyId FROM status_events e
           WHERE e.item_kind = 'task' AND e.status = 'extension_requested' AND NOT EXISTS (SELECT 1 FROM status_events r WHERE r.refers_to = e.id)`,
        ).all() as { taskId: number; agencyId: number }[]
      ).map((r) => `${r.taskId}:${r.agencyId}`),
    );
    const planned = this.dueDatesOf([...tasks.keys()]);
    const out = new Map<number, AgencyTask[]>();
    for (const [agencyId, taskId, role] of assignments) {
      const task = tasks.get(taskId);
      if (!task) continue;
      const key = `${taskId}:${agencyId}`;
      const [status, progress, doneAt, dones, dueOverride] = states.get(key) ?? [null, null, null, NO_DONES, null];
      const list = out.get(agencyId) ?? [];
      list.push({
        ...task,
        role,
        progress,
        doneAt,
        dones,
        ...datesInForce(planned.get(taskId) ?? [], dueOverride),
        // "not_started" is what a state row says before any reply: shown as nothing reported.
        status: status === null || status === 'not_started' ? null : (status as AgencyTask['status']),
        extensionPending: pending.has(key),
        pastAtImport: past.has(taskId),
      });
      out.set(agencyId, list);
    }
    return out;
  }

  /**
   * The change counter: the sequence of the log of items that moved (`plan_dirty`, written by
   * triggers on every write that moves reminders, by any process; migration 0017). It never goes back.
   */
  changeVersion(): number {
    const row = prepared(this.db, "SELECT seq FROM sqlite_sequence WHERE name = 'plan_dirty'").get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /**
   * The items that moved after change `after` up to `upTo`, or 'all' when a full re-plan is needed:
   * the log says so (an agency switched on or off, a plan removed), or part of the log is gone (a
   * full re-plan pruned it), or the items that moved have more than `limit` (item, agency) pairs
   * (an import, a request to every commune: planned as a whole, off the chat's event loop).
   */
  changedSince(after: number, upTo: number, limit: number): PlanScope | 'all' {
    const rows = prepared(this.db, 'SELECT seq, item_kind AS kind, item_id AS id FROM plan_dirty WHERE seq > ? AND seq <= ? ORDER BY seq')
      .all(after, upTo) as { seq: number; kind: 'task' | 'report' | 'plan' | 'all'; id: number | null }[];
    if (rows.length !== upTo - after) return 'all';
    const tasks = new Set<number>();
    const reports = new Set<number>();
    const plans = new Set<number>();
    for (const row of rows) {
      if (row.kind === 'all') return 'all';
      (row.kind === 'task' ? tasks : row.kind === 'report' ? reports : plans).add(row.id!);
    }
    if (plans.size > 0) {
      const ids = prepared(this.db, 'SELECT id FROM tasks WHERE plan_id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...plans])) as { id: number }[];
      for (const { id } of ids) tasks.add(id);
    }
    const scope = { tasks: [...tasks], reports: [...reports] };
    const { rows: pairs } = prepared(this.db,
      `SELECT (SELECT COUNT(*) FROM assignments WHERE task_id IN (SELECT value FROM json_each(?)))
         + (SELECT COUNT(*) FROM report_obligations WHERE report_id IN (SELECT value FROM json_each(?))) AS rows`,
    ).get(JSON.stringify(scope.tasks), JSON.stringify(scope.reports)) as { rows: number };
    return pairs > limit ? 'all' : scope;
  }

  /** Forgets the log up to a change a full re-plan has covered. */
  pruneChanges(upTo: number): void {
    prepared(this.db, 'DELETE FROM plan_dirty WHERE seq <= ?').run(upTo);
  }

  /** Per plan: active tasks by deadline kind, and event/unknown tasks still without a date set. */
  planSummaries(): { plan: Plan; total: number; byKind: Record<DeadlineKind, number>; needsDate: number; unassigned: number }[] {
    return this.plans().map((plan) => {
      const kinds = prepared(this.db, 'SELECT deadline_kind AS kind, COUNT(*) AS n FROM tasks WHERE plan_id = ? AND active = 1 GROUP BY deadline_kind')
        .all(plan.id) as { kind: DeadlineKind; n: number }[];
      const byKind = { due: 0, recurring: 0, ongoing: 0, event: 0, unknown: 0 } as Record<DeadlineKind, number>;
      for (const row of kinds) byKind[row.kind] = row.n;
      const needsDate = (
        prepared(this.db, 
            `SELECT COUNT(*) AS n FROM tasks t LEFT JOIN task_deadline_overrides o ON o.task_id = t.id
             WHERE t.plan_id = ? AND t.active = 1 AND t.deadline_kind IN ('event', 'unknown') AND o.task_id IS NULL`,
          )
          .get(plan.id) as { n: number }
      ).n;
      const unassigned = (
        prepared(this.db, 
            `SELECT COUNT(*) AS n FROM tasks t WHERE t.plan_id = ? AND t.active = 1
             AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.task_id = t.id AND s.role = 'lead')`,
          )
          .get(plan.id) as { n: number }
      ).n;
      return { plan, total: kinds.reduce((sum, row) => sum + row.n, 0), byKind, needsDate, unassigned };
    });
  }

  /**
   * Every dated (or ongoing) active task assignment the reminder planner looks at: one row per
   * (task, agency, due date); an admin-set date replaces the task's computed dates. A task without
   * dates (an event, an unknown deadline) is included for an agency granted an extension: that date is chased.
   * Agencies no longer active (ceased, like the districts after 1/7/2025, or retired) are never chased.
   */
  /**
   * Every (task, agency, date) to chase: `dueDate` is the working day it is due; `periodDate` the
   * day that decides which period it belongs to (the plan's nominal date; an admin-set date is both).
   */
  reminderSources(includeCoordinating: boolean, taskIds?: readonly number[]): { taskId: number; planName: string; agencyId: number; kind: DeadlineKind; dueDate: CivilDate | null; periodDate: CivilDate | null }[] {
    return prepared(this.db, 
        `SELECT t.id AS taskId, p.name AS planName, s.agency_id AS agencyId, t.deadline_kind AS kind,
           COALESCE(o.due_date, d.due_date) AS dueDate, COALESCE(o.due_date, d.nominal_date) AS periodDate
         FROM tasks t
         JOIN plans p ON p.id = t.plan_id
         JOIN assignments s ON s.task_id = t.id AND (s.role = 'lead' OR @coord = 1)
         JOIN agencies ag ON ag.id = s.agency_id AND ag.active = 1
         LEFT JOIN task_deadline_overrides o ON o.task_id = t.id
         LEFT JOIN task_deadlines d ON d.task_id = t.id AND o.task_id IS NULL
         WHERE t.active = 1${taskIds ? ' AND t.id IN (SELECT value FROM json_each(@tasks))' : ''} AND (o.task_id IS NOT NULL OR d.due_date IS NOT NULL OR t.deadline_kind = 'ongoing'
           OR EXISTS (SELECT 1 FROM item_states st WHERE st.item_kind = 'task' AND st.item_id = t.id AND st.agency_id = s.agency_id AND st.due_override IS NOT NULL))`,
      )
      .all({ coord: includeCoordinating ? 1 : 0, ...(taskIds ? { tasks: JSON.stringify(taskIds) } : {}) }) as { taskId: number; planName: string; agencyId: number; kind: DeadlineKind; dueDate: CivilDate | null; periodDate: CivilDate | null }[];
  }

  /**
   * What the scores owe, as `reminderSources(false)` gives it without the product of the two: each
   * active task's dates in force (an admin-set date, else the computed dates) with the plan date
   * that sets their period, and the active lead agencies of each active task (as raw pairs). Tasks
   * with no date are left out (nothing is owed by a date).
   */
  leadDateSources(): { dates: { taskId: number; dueDate: CivilDate; periodDate: CivilDate }[]; leads: [taskId: number, agencyId: number][] } {
    const dates = prepared(
      this.db,
      `SELECT t.id AS taskId, COALESCE(o.due_date, d.due_date) AS dueDate, COALESCE(o.due_date, d.nominal_date) AS periodDate
       FROM tasks t
       LEFT JOIN task_deadline_overrides o ON o.task_id = t.id
       LEFT JOIN task_deadlines d ON d.task_id = t.id AND o.task_id IS NULL
       WHERE t.active = 1 AND COALESCE(o.due_date, d.due_date) IS NOT NULL AND COALESCE(o.due_date, d.nominal_date) IS NOT NULL`,
    ).all() as { taskId: number; dueDate: CivilDate; periodDate: CivilDate }[];
    const leads = prepared(
      this.db,
      `SELECT s.task_id, s.agency_id FROM assignments s
       JOIN tasks t ON t.id = s.task_id AND t.active = 1
       JOIN agencies ag ON ag.id = s.agency_id AND ag.active = 1
       WHERE s.role = 'lead'`,
    )
      .raw(true)
      .all() as [number, number][];
    return { dates, leads };
  }

  /** The due dates of a task in force (an admin-set date, else its computed dates). */
  dueDates(taskId: number): CivilDate[] {
    const override = this.override(taskId);
    if (override) return [override.dueDate];
    return this.deadlines(taskId).map((d) => d.dueDate);
  }

  /**
   * The due dates in force of some tasks (all tasks without `taskIds`), in the plan's order without
   * repeats: an admin-set date replaces the computed ones. Two queries, whatever the number of tasks.
   */
  dueDatesOf(taskIds?: readonly number[]): Map<number, CivilDate[]> {
    const ids = taskIds ? JSON.stringify([...new Set(taskIds)]) : null;
    const out = new Map<number, CivilDate[]>();
    const rows = prepared(
      this.db,
      `SELECT task_id AS taskId, due_date AS due FROM task_deadlines
       WHERE @ids IS NULL OR task_id IN (SELECT value FROM json_each(@ids)) ORDER BY task_id, seq`,
    ).all({ ids }) as { taskId: number; due: CivilDate }[];
    for (const r of rows) {
      const list = out.get(r.taskId) ?? [];
      if (!list.includes(r.due)) list.push(r.due);
      out.set(r.taskId, list);
    }
    const overrides = prepared(
      this.db,
      'SELECT task_id AS taskId, due_date AS due FROM task_deadline_overrides WHERE @ids IS NULL OR task_id IN (SELECT value FROM json_each(@ids))',
    ).all({ ids }) as { taskId: number; due: CivilDate }[];
    for (const o of overrides) out.set(o.taskId, [o.due]);
    return out;
  }

  /** Tasks by id, for building messages. */
  tasksById(ids: number[]): Map<number, Task> {
    const out = new Map<number, Task>();
    const get = prepared(this.db, `SELECT ${TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?`);
    for (const id of new Set(ids)) {
      const row = get.get(id) as TaskRow | undefined;
      if (row) out.set(id, toTask(row));
    }
    return out;
  }

  taskById(id: number): Task | undefined {
    return this.tasksById([id]).get(id);
  }

  /** Event or unknown-deadline tasks that still wait for Sở Nội vụ to set a date. */
  tasksNeedingDate(limit = 50): Task[] {
    const rows = prepared(this.db, 
        `SELECT ${TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id
         LEFT JOIN task_deadline_overrides o ON o.task_id = t.id
         WHERE t.active = 1 AND t.deadline_kind IN ('event', 'unknown') AND o.task_id IS NULL
         ORDER BY p.year DESC, p.name, t.id LIMIT ?`,
      )
      .all(limit) as TaskRow[];
    return rows.map(toTask);
  }
}
