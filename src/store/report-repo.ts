import { prepared, type Db } from './database.js';
import type { CivilDate } from '../domain/civil-date.js';

export interface Report {
  id: number;
  code: string;
  year: number;
  kind: 'periodic' | 'plan' | 'adhoc';
  title: string;
  cutoffDate: CivilDate | null;
  nominalDueDate: CivilDate;
  dueDate: CivilDate;
}

const REPORT_SELECT = `SELECT id, code, year, kind, title, cutoff_date AS cutoffDate, nominal_due_date AS nominalDueDate,
  due_date AS dueDate FROM reports`;

/** SQL for the reports agencies owe (periodic, plan submissions, ad hoc) and who owes each. */
export class ReportRepo {
  constructor(private readonly db: Db) {}

  /** Creates a report once per (code, year); returns it and whether it was new. */
  ensure(report: Omit<Report, 'id'>, agencyIds: number[], createdBy: number | null, now: Date): { report: Report; created: boolean } {
    const existing = this.byCode(report.code, report.year);
    if (existing) return { report: existing, created: false };
    const result = prepared(this.db, 
        `INSERT INTO reports (code, year, kind, title, cutoff_date, nominal_due_date, due_date, created_by, created_at)
         VALUES (@code, @year, @kind, @title, @cutoffDate, @nominalDueDate, @dueDate, @createdBy, @now)`,
      )
      .run({ ...report, createdBy, now: now.toISOString() });
    const id = Number(result.lastInsertRowid);
    const insert = prepared(this.db, 'INSERT OR IGNORE INTO report_obligations (report_id, agency_id) VALUES (?, ?)');
    for (const agencyId of agencyIds) insert.run(id, agencyId);
    return { report: this.byId(id)!, created: true };
  }

  byId(id: number): Report | undefined {
    return prepared(this.db, `${REPORT_SELECT} WHERE id = ?`).get(id) as Report | undefined;
  }

  byCode(code: string, year: number): Report | undefined {
    return prepared(this.db, `${REPORT_SELECT} WHERE code = ? COLLATE NOCASE AND year = ?`).get(code, year) as Report | undefined;
  }

  /** Reports due in [from, to], oldest first. */
  dueBetween(from: CivilDate, to: CivilDate): Report[] {
    return prepared(this.db, `${REPORT_SELECT} WHERE due_date BETWEEN ? AND ? ORDER BY due_date, id`).all(from, to) as Report[];
  }

  /** Every (report, agency) obligation of reports due on or after `from` (of some reports only, given `reportIds`). */
  obligationsFrom(from: CivilDate, reportIds?: readonly number[]): { reportId: number; agencyId: number; dueDate: CivilDate }[] {
    return prepared(this.db, 
        `SELECT o.report_id AS reportId, o.agency_id AS agencyId, r.due_date AS dueDate
         FROM report_obligations o JOIN reports r ON r.id = o.report_id
         WHERE r.due_date >= ?${reportIds ? ' AND r.id IN (SELECT value FROM json_each(?))' : ''}`,
      )
      .all(from, ...(reportIds ? [JSON.stringify(reportIds)] : [])) as { reportId: number; agencyId: number; dueDate: CivilDate }[];
  }

  /** The agencies that owe a report. */
  obligationsOf(reportId: number): number[] {
    return (prepared(this.db, 'SELECT agency_id AS id FROM report_obligations WHERE report_id = ? ORDER BY agency_id').all(reportId) as { id: number }[]).map((r) => r.id);
  }

  owes(reportId: number, agencyId: number): boolean {
    return prepared(this.db, 'SELECT 1 FROM report_obligations WHERE report_id = ? AND agency_id = ?').get(reportId, agencyId) !== undefined;
  }

  /** Reports an agency owes with due dates in [from, to]. */
  forAgency(agencyId: number, from: CivilDate, to: CivilDate): Report[] {
    return prepared(this.db, 
        `${REPORT_SELECT} WHERE id IN (SELECT report_id FROM report_obligations WHERE agency_id = ?)
         AND due_date BETWEEN ? AND ? ORDER BY due_date`,
      )
      .all(agencyId, from, to) as Report[];
  }

  nextAdhocNumber(year: number): number {
    return (prepared(this.db, "SELECT COUNT(*) AS n FROM reports WHERE kind = 'adhoc' AND year = ?").get(year) as { n: number }).n + 1;
  }
}
