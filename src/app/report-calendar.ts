import type { Clock } from '../clock.js';
import { civilDate } from '../domain/civil-date.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Store } from '../store/store.js';
import type { ReportConfig } from './province-data.js';

/** Creates a year's periodic reports and plan-submission deadlines, with who owes each (idempotent). */
export function ensureReportYear(store: Store, config: ReportConfig, calendar: WorkCalendar, clock: Clock, year: number): number {
  const agencies = store.agencies.list();
  const owing = (kinds: string[]) => agencies.filter((a) => kinds.includes(a.kind) && !a.isStanding).map((a) => a.id);
  const day = (md: string) => civilDate(year, Number(md.slice(0, 2)), Number(md.slice(3)))!;
  let created = 0;
  store.transaction(() => {
    for (const r of config.periodic) {
      const nominal = day(r.due);
      const result = store.reports.ensure(
        { code: r.code, year, kind: 'periodic', title: /\bnăm$/.test(r.title) ? `${r.title} ${year}` : `${r.title} năm ${year}`, cutoffDate: day(r.cutoff), nominalDueDate: nominal, dueDate: calendar.onOrAfter(nominal) },
        owing(r.kinds),
        null,
        clock.now(),
      );
      if (result.created) created += 1;
    }
    for (const r of config.planSubmissions) {
      const nominal = day(r.due);
      const result = store.reports.ensure(
        { code: r.code, year, kind: 'plan', title: `${r.title} ${year}`, cutoffDate: null, nominalDueDate: nominal, dueDate: calendar.onOrAfter(nominal) },
        owing(r.kinds),
        null,
        clock.now(),
      );
      if (result.created) created += 1;
    }
  });
  return created;
}
