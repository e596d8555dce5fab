/**
 * The report's figures as an .xlsx (for Bộ Nội vụ's reporting software and the desk's own sums):
 * the counts, Phụ lục I's task dates, Phụ lục II's indicators and Phụ lục III's evidence index with
 * its rates, and for the province the agencies' reports — the same rows as the .docx
 * (./appendices.ts), written with /xuatexcel's streaming writer. Numbers are numbers, dates are
 * dates; a figure dondoc does not have is an empty cell beside a "[bổ sung]" text, never a 0.
 */
import type { Style } from 'exceljs';
import { addSheet, writeWorkbook } from '../app/excel-export.js';
import { documentOf, evidenceIndex, evidenceIndexByTask, indicatorRows, replyOf } from './appendices.js';
import type { ReportDraft } from './draft.js';
import { WORDS } from './outline.js';

/** A civil date as an Excel date (midnight UTC: the same day everywhere), as /xuatexcel writes them. */
const asDate = (day: string | null): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);
/** A share as a number for a 0.00% cell; nothing due: empty. */
const rate = (part: number | null, whole: number | null): number | null => (part === null || whole === null || whole === 0 ? null : part / whole);

type Sheet = ReturnType<typeof addSheet>;

const columnStyles = new WeakMap<Sheet, (Partial<Style> | undefined)[]>();

/**
 * Adds a data row and writes it out, each cell given its column's style object itself: ExcelJS
 * then finds the style's id by that object instead of rendering the style again for every cell
 * (the province's 50,000-row Phụ lục I: ~2.4 s → ~1.1 s, the same cells and formats).
 */
function put(sheet: Sheet, values: unknown[]): void {
  let styles = columnStyles.get(sheet);
  if (!styles) columnStyles.set(sheet, (styles = (sheet.columns ?? []).map((c) => c.style)));
  const row = sheet.addRow(values);
  styles.forEach((style, i) => {
    if (style) row.getCell(i + 1).style = style;
  });
  row.commit();
}

/** Adds a row whose cells at `percent` (1-based) show as 0.00%, and writes it out. */
function putRow(sheet: Sheet, values: unknown[], percent: number[] = []): void {
  const row = sheet.addRow(values);
  for (const column of percent) row.getCell(column).numFmt = '0.00%';
  row.commit();
}

/** The .xlsx of the draft's figures (sheet names in Vietnamese, ≤ 31 characters). */
export async function renderDraftWorkbook(draft: ReportDraft): Promise<Buffer> {
  const { counts } = draft;
  return writeWorkbook((workbook) => {
    const summary = addSheet(workbook, 'Tổng hợp', ['Chỉ số', 'Giá trị', 'Tỷ lệ'], [70, 12, 12], []);
    const done = counts.doneOnTime + counts.doneLate;
    const lines: [string, number, number | null][] = [
      ['Nhiệm vụ đến hạn trong kỳ', counts.due, null],
      ['Đã hoàn thành', done, rate(done, counts.due)],
      ['Hoàn thành đúng hạn', counts.doneOnTime, rate(counts.doneOnTime, counts.due)],
      ['Hoàn thành chậm hạn', counts.doneLate, rate(counts.doneLate, counts.due)],
      ['Đang thực hiện, chưa đến hạn', counts.inProgress, rate(counts.inProgress, counts.due)],
      ['Đến hạn trong kỳ mà chưa hoàn thành', draft.overdueInWindow, rate(draft.overdueInWindow, counts.due)],
      ['Được gia hạn', counts.extended, rate(counts.extended, counts.due)],
      [`Việc quá hạn đến ngày lập (như /quahan)`, counts.overdue, null],
      ['Cơ quan chưa gửi báo cáo kỳ này', draft.missingReports.length, null],
    ];
    for (const line of lines) putRow(summary, line, [3]);
    putRow(summary, [`Kỳ: ${draft.period.label} ${draft.period.year}; số liệu ${draft.period.window.from} – ${draft.period.window.to}; tình hình đến ${draft.asOf}`]);
    summary.commit();

    // One row per lead agency and date (the province's every commune too: this is where its
    // per-agency detail lives), with its reply and the files attached to it.
    const tasks = addSheet(workbook, 'Phụ lục I', ['TT', 'Mã', 'Nhiệm vụ', 'Lĩnh vực', 'Chủ trì', 'Thời hạn', 'Trạng thái', 'Ngày hoàn thành', 'Đúng hạn', 'Tiến độ (%)', 'Tài liệu kiểm chứng', 'Báo cáo của cơ quan'], [6, 8, 60, 30, 28, 12, 16, 14, 10, 10, 28, 40], [6, 8]);
    draft.tasks.forEach((t, i) =>
      put(tasks, [
        i + 1,
        t.code,
        t.title,
        t.area,
        t.agency,
        asDate(t.dueDate),
        t.state === 'done' ? 'Hoàn thành' : t.state === 'overdue' ? 'Quá hạn' : 'Đang thực hiện',
        asDate(t.doneDay),
        t.onTime === null ? null : t.onTime ? 'Có' : 'Không',
        t.progress,
        t.state === 'done' || t.files.length > 0 ? documentOf(t) : null,
        replyOf(t),
      ]),
    );
    tasks.commit();

    const indicators = addSheet(workbook, 'Phụ lục II', ['TT', 'Chỉ tiêu', 'Chỉ tiêu kế hoạch', 'Kết quả thực hiện', 'Đạt', 'Tổng', 'Tỷ lệ', 'Nguồn số liệu'], [6, 60, 20, 20, 8, 8, 10, 50], []);
    indicatorRows(draft).forEach((r, i) => putRow(indicators, [i + 1, r.text, r.target, r.result, r.part, r.whole, rate(r.part, r.whole), r.source], [7]));
    indicators.commit();

    // Phụ lục III as the .docx has it: the province's each task once (its agencies' rows are Phụ lục I's).
    const index = draft.scope.kind === 'province' ? evidenceIndexByTask(draft) : evidenceIndex(draft);
    const rates = addSheet(workbook, 'Phụ lục III - tỷ lệ', ['Tiêu chí (lĩnh vực)', 'Đến hạn', 'Hoàn thành', 'Đúng hạn', 'Tỷ lệ hoàn thành', 'Tỷ lệ đúng hạn'], [50, 10, 12, 10, 16, 16], []);
    for (const g of [...index.groups.map((g) => ({ ...g, name: g.criterion })), { ...index.total, name: 'Tổng cộng' }]) putRow(rates, [g.name, g.due, g.done, g.onTime, rate(g.done, g.due), rate(g.onTime, g.due)], [5, 6]);
    rates.commit();
    const evidence = addSheet(workbook, 'Phụ lục III', ['TT', 'Tiêu chí (lĩnh vực)', 'Mã', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn', 'Báo cáo của cơ quan', 'Tài liệu kiểm chứng'], [6, 30, 8, 50, 28, 12, 40, 28], [6]);
    let n = 0;
    for (const g of index.groups) for (const r of g.rows) put(evidence, [(n += 1), g.criterion, r.code, r.task, r.agency, asDate(r.dueDate), r.reply, r.document]);
    evidence.commit();

    if (draft.scope.kind === 'province') {
      const reports = addSheet(workbook, 'Báo cáo các cơ quan', ['TT', 'Cơ quan, đơn vị', 'Số văn bản', 'Ngày gửi', 'Thời hạn'], [6, 40, 20, 12, 12], [4]);
      draft.submissions.forEach((x, i) => put(reports, [i + 1, x.agency, x.documentNo ?? WORDS.blank, asDate(x.day), x.late ? 'Muộn' : 'Đúng hạn']));
      draft.missingReports.forEach((m, i) => put(reports, [draft.submissions.length + i + 1, m.name, null, null, 'Chưa gửi']));
      reports.commit();
    }
  });
}
