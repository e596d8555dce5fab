import type { Clock } from '../clock.js';
import { civilDate } from '../domain/civil-date.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Store } from '../store/store.js';
import type { ReportConfig } from './province-data.js';

/**
 * A report title with its year, said once: "Báo cáo kết quả CCHC năm" → "… năm 2026", "Kế hoạch
 * CCHC năm gửi Sở Nội vụ" → "Kế hoạch CCHC năm 2026 gửi Sở Nội vụ", "Báo cáo CCHC quý I" → "… quý I
 * năm 2026"; a title that already names a year is left as it is.
 */
export function titleForYear(title: string, year: number): string {
  if (/\b(19|20)\d{2}\b/.test(title)) return title;
  const words = title.split(' ');
  const at = words.findIndex((w) => w.toLowerCase() === 'năm');
  if (at >= 0) return [...words.slice(0, at + 1), String(year), ...words.slice(at + 1)].join(' ');
  return `${title} năm ${year}`;
}

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
        { code: r.code, year, kind: 'periodic', title: titleForYear(r.title, year), cutoffDate: day(r.cutoff), nominalDueDate: nominal, dueDate: calendar.onOrAfter(nominal) },
        owing(r.kinds),
        null,
        clock.now(),
      );
      if (result.created) created += 1;
    }
    for (const r of config.planSubmissions) {
      const nominal = day(r.due);
      const result = store.reports.ensure(
        { code: r.code, year, kind: 'plan', title: titleForYear(r.title, year), cutoffDate: null, nominalDueDate: nominal, dueDate: calendar.onOrAfter(nominal) },
        owing(r.kinds),
        null,
        clock.now(),
      );
      if (result.created) created += 1;
    }
  });
  return created;
}
