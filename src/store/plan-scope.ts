import { prepared, type Db } from './database.js';

/** Some tasks and reports, by id: what a re-plan covers when only they changed. */
export interface PlanScope {
  tasks: readonly number[];
  reports: readonly number[];
}

/**
 * Runs a query whose SQL ends in a WHERE clause: for every row, or, given a scope, once per kind
 * of item with `item_kind = ? AND item_id IN (…)` added, so that each run finds its rows through
 * the (item_kind, item_id, …) indexes instead of scanning the table. `alias` names the table when
 * the query joins others.
 */
export function allInScope<T>(db: Db, sql: string, params: readonly unknown[], scope: PlanScope | undefined, alias = ''): T[] {
  if (!scope) return prepared(db, sql).all(...params) as T[];
  const column = alias ? `${alias}.` : '';
  const statement = prepared(db, `${sql} AND ${column}item_kind = ? AND ${column}item_id IN (SELECT value FROM json_each(?))`);
  const out: T[] = [];
  for (const [kind, ids] of [['task', scope.tasks], ['report', scope.reports]] as const) {
    if (ids.length > 0) out.push(...(statement.all(...params, kind, JSON.stringify(ids)) as T[]));
  }
  return out;
}
