import ExcelJS from 'exceljs';
import { civilDateOf } from '../domain/civil-date.js';
import type { Store } from '../store/store.js';
import type { ScoringService } from './scoring-service.js';

const STATUS_WORDS: Record<string, string> = {
  done: 'Hoàn thành',
  in_progress: 'Đang thực hiện',
  blocked: 'Vướng mắc',
  contributing: 'Đang phối hợp',
  not_started: 'Chưa cập nhật',
};

/** A civil date as an Excel date (midnight UTC, so Excel shows the same day everywhere). */
const asDate = (day: string | null | undefined): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);

function styleSheet(sheet: ExcelJS.Worksheet, widths: number[], dateColumns: number[]): void {
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B63C5' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
    sheet.getColumn(i + 1).alignment = { vertical: 'top', wrapText: true };
  });
  for (const c of dateColumns) sheet.getColumn(c).numFmt = 'dd/mm/yyyy';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: widths.length } };
}

/**
 * The report desk's workbook: sheet 1 every task with its lead agency, deadline (raw and computed),
 * status, progress, evidence, last update; sheet 2 periodic reports by agency; sheet 3 scores.
 */
export async function exportWorkbook(
  store: Store,
  scoring: ScoringService,
  period: { from: string; to: string; label: string },
  asOf: string,
  timeZone: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dondoc';
  const agencies = new Map(store.agencies.list().map((a) => [a.id, a]));

  const tasks = workbook.addWorksheet('Nhiệm vụ');
  tasks.addRow(['Kế hoạch', 'Mã', 'Lĩnh vực', 'Nhiệm vụ / hoạt động', 'Cơ quan chủ trì', 'Thời gian (theo kế hoạch)', 'Hạn tính được', 'Tình trạng', 'Tiến độ (%)', 'Minh chứng', 'Cập nhật lần cuối']);
  const seen = new Set<string>();
  const sources = store.plans.reminderSources(false);
  const taskById = store.plans.tasksById(sources.map((s) => s.taskId));
  const dueDates = store.plans.allDueDates();
  const states = new Map(store.statuses.states().map((s) => [`${s.itemKind}:${s.itemId}:${s.agencyId}`, s]));
  const latest = store.statuses.latestAll();
  for (const source of sources) {
    const key = `${source.taskId}:${source.agencyId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const task = taskById.get(source.taskId);
    if (!task) continue;
    const dates = dueDates.get(task.id) ?? [];
    const state = states.get(`task:${key}`);
    const last = latest.get(`task:${key}`);
    tasks.addRow([
      task.planName,
      task.code,
      task.areaTitle,
      task.activity || task.task,
      agencies.get(source.agencyId)?.name ?? '',
      task.deadlineText,
      asDate(state?.dueOverride ?? dates.find((d) => d >= period.from) ?? dates.at(-1)),
      STATUS_WORDS[state?.status ?? 'not_started'],
      state?.progress ?? null,
      last?.evidence ?? '',
      last ? asDate(civilDateOf(new Date(last.createdAt), timeZone)) : null,
    ]);
  }
  styleSheet(tasks, [26, 10, 28, 60, 30, 24, 14, 16, 11, 22, 16], [7, 11]);

  const reports = workbook.addWorksheet('Báo cáo');
  reports.addRow(['Báo cáo', 'Năm', 'Hạn nộp', 'Cơ quan', 'Nộp lúc', 'Kết quả']);
  for (const report of store.reports.dueBetween(period.from, period.to)) {
    for (const agencyId of store.reports.obligationsOf(report.id)) {
      const state = store.statuses.state('report', report.id, agencyId);
      const submitted = state?.status === 'done' && state.doneAt ? civilDateOf(new Date(state.doneAt), timeZone) : null;
      const result = submitted ? (submitted <= report.dueDate ? 'Đúng hạn' : 'Muộn') : report.dueDate < asOf ? 'Chưa nộp (quá hạn)' : 'Chưa nộp';
      reports.addRow([report.title, report.year, asDate(report.dueDate), agencies.get(agencyId)?.name ?? '', asDate(submitted), result]);
    }
  }
  styleSheet(reports, [40, 8, 14, 36, 14, 20], [3, 5]);

  const scores = workbook.addWorksheet('Điểm');
  const scored = scoring.scoreAll(period, asOf);
  const criteria = scored[0]?.criteria ?? [];
  scores.addRow(['Cơ quan', 'Loại', ...criteria.map((c) => `${c.title} (tối đa ${c.maxPoints})`), 'Tổng', 'Giải thích']);
  for (const s of scored) {
    scores.addRow([s.name, store.agencies.kinds().find((k) => k.code === s.kind)?.label ?? s.kind, ...s.criteria.map((c) => c.points), s.total, s.criteria.map((c) => `${c.title}: ${c.why}`).join('\n')]);
  }
  styleSheet(scores, [34, 22, ...criteria.map(() => 16), 10, 80], []);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
