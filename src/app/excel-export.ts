import type ExcelJS from 'exceljs';
import { loadExcelJS } from './table-file.js';
import { PassThrough } from 'node:stream';
import { civilDateOf } from '../domain/civil-date.js';
import { datesInForce, itemKey } from '../domain/item-state.js';
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

type Sheet = ExcelJS.Worksheet;
type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/** A workbook written by `fill` through ExcelJS's streaming writer (creator "dondoc"), as the bytes of an .xlsx file. */
export async function writeWorkbook(fill: (workbook: WorkbookWriter) => void | Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'dondoc';
  await fill(workbook);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * A sheet written row by row (ExcelJS's streaming writer: a 50,000-row sheet is never held as one
 * XML string): frozen, filterable header row in dondoc blue, column widths, dates as dd/mm/yyyy.
 */
export function addSheet(workbook: WorkbookWriter, name: string, header: string[], widths: number[], dateColumns: number[]): Sheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  sheet.columns = widths.map((width, i) => ({
    width,
    style: { alignment: { vertical: 'top', wrapText: true }, ...(dateColumns.includes(i + 1) ? { numFmt: 'dd/mm/yyyy' } : {}) },
  }));
  const row = sheet.addRow(header);
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B63C5' } };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.commit();
  return sheet;
}

/** Adds a data row and writes it out at once. */
export const put = (sheet: Sheet, values: unknown[]) => sheet.addRow(values).commit();

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
  return writeWorkbook((workbook) => fillWorkbook(workbook, store, scoring, period, asOf, timeZone));
}

function fillWorkbook(
  workbook: WorkbookWriter,
  store: Store,
  scoring: ScoringService,
  period: { from: string; to: string; label: string },
  asOf: string,
  timeZone: string,
): void {
  const agencies = new Map(store.agencies.list().map((a) => [a.id, a]));

  const tasks = addSheet(
    workbook,
    'Nhiệm vụ',
    // "Ngày bắt đầu" last: the columns before it keep their places for whoever reads the file by position.
    ['Kế hoạch', 'Mã', 'Lĩnh vực', 'Nhiệm vụ / hoạt động', 'Cơ quan chủ trì', 'Thời gian (theo kế hoạch)', 'Hạn tính được', 'Tình trạng', 'Tiến độ (%)', 'Minh chứng', 'Cập nhật lần cuối', 'Ngày bắt đầu'],
    [26, 10, 28, 60, 30, 24, 14, 16, 11, 22, 16, 14],
    [7, 11, 12],
  );
  const seen = new Set<string>();
  const sources = store.plans.reminderSources(false);
  const taskById = store.plans.tasksById(sources.map((s) => s.taskId));
  const dueDates = store.plans.dueDatesOf();
  const states = new Map(store.statuses.states().map((s) => [itemKey(s.itemKind, s.itemId, s.agencyId), s]));
  const latest = store.statuses.latestAll();
  for (const source of sources) {
    const key = itemKey('task', source.taskId, source.agencyId);
    if (seen.has(key)) continue;
    seen.add(key);
    const task = taskById.get(source.taskId);
    if (!task) continue;
    const dates = dueDates.get(task.id) ?? [];
    const state = states.get(key);
    const inForce = datesInForce(dates, state?.dueOverride ?? null).dates;
    const last = latest.get(key);
    put(tasks, [
      task.planName,
      task.code,
      task.areaTitle,
      task.activity || task.task,
      agencies.get(source.agencyId)?.name ?? '',
      task.deadlineText,
      asDate(inForce.find((d) => d >= period.from) ?? inForce.at(-1)),
      STATUS_WORDS[state?.status ?? 'not_started'],
      state?.progress ?? null,
      last?.evidence ?? '',
      last ? asDate(civilDateOf(new Date(last.createdAt), timeZone)) : null,
      // The plan's start when it printed one that reads as a day ("Tháng 3/2026" → 01/03/2026); blank otherwise.
      task.startDate ? asDate(task.startDate) : null,
    ]);
  }
  tasks.commit();

  const reports = addSheet(workbook, 'Báo cáo', ['Báo cáo', 'Năm', 'Hạn nộp', 'Cơ quan', 'Nộp lúc', 'Kết quả'], [40, 8, 14, 36, 14, 20], [3, 5]);
  for (const report of store.reports.dueBetween(period.from, period.to)) {
    for (const agencyId of store.reports.obligationsOf(report.id)) {
      const state = store.statuses.state('report', report.id, agencyId);
      const submitted = state?.status === 'done' && state.doneAt ? civilDateOf(new Date(state.doneAt), timeZone) : null;
      const result = submitted ? (submitted <= report.dueDate ? 'Đúng hạn' : 'Muộn') : report.dueDate < asOf ? 'Chưa nộp (quá hạn)' : 'Chưa nộp';
      put(reports, [report.title, report.year, asDate(report.dueDate), agencies.get(agencyId)?.name ?? '', asDate(submitted), result]);
    }
  }
  reports.commit();

  const scored = scoring.scoreAll(period, asOf);
  const criteria = scored[0]?.criteria ?? [];
  const scores = addSheet(
    workbook,
    'Điểm',
    ['Cơ quan', 'Loại', ...criteria.map((c) => `${c.title} (tối đa ${c.maxPoints})`), 'Tổng', 'Giải thích'],
    [34, 22, ...criteria.map(() => 16), 10, 80],
    [],
  );
  for (const s of scored) {
    put(scores, [s.name, store.agencies.kinds().find((k) => k.code === s.kind)?.label ?? s.kind, ...s.criteria.map((c) => c.points), s.total, s.criteria.map((c) => `${c.title}: ${c.why}`).join('\n')]);
  }
  scores.commit();
}
