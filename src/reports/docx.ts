import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { formatCivil } from '../domain/civil-date.js';
import { checkLayout, mmToTwips, REPORT_LAYOUT, type ReportLayout } from './layout.js';
import { OUTLINE, percentVi, periodPhrase, WORDS } from './outline.js';
import type { DraftTask, ReportDraft } from './draft.js';
import type { PlanCitation } from './plan-citation.js';
import { evidenceIndex, evidenceIndexByTask, fraction, indicatorRows } from './appendices.js';
import { agenciesOf, datesOf, groupByTask, groupOverdue, groupResult, nameList, type TaskGroup } from './task-groups.js';

export { percentVi };

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
/**
 * Relative column widths of the report's tables: the number column narrow, the task's words widest (without a
 * grid, Word and LibreOffice split the width evenly: "TT" as wide as "Nhiệm vụ").
 */
const COLUMNS = {
  reports: [1, 5, 3, 2.5, 2],
  appendix: [1, 7, 3.5, 2.2, 4, 3.3],
  indicators: [1, 6, 3, 3, 3.5],
  evidence: [1, 3, 5, 3, 4, 4],
} as const;
/** Column widths in twips that share `widthMm` by `weights`. */
function grid(weights: readonly number[], widthMm: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((mmToTwips(widthMm) * w) / total));
}
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

/**
 * A plan cited in full (Nghị định 30/2020, Phụ lục I, II.6.b): "Kế hoạch số 45/KH-UBND ngày
 * 08/01/2026 của UBND tỉnh Hà Tĩnh về cải cách hành chính năm 2026"; each unknown part "[bổ sung]".
 */
export function citationText(c: PlanCitation): string {
  const b = WORDS.blank;
  const subject = c.subject === null ? `về ${b}` : /^(về|ban hành)\s/i.test(c.subject) ? c.subject : `về ${c.subject}`;
  return `${c.kind ?? b} số ${c.number ?? b} ngày ${c.date ? formatCivil(c.date) : b} của ${c.issuer ?? b} ${subject}`;
}

/** What the state of a task date says in the report. */
function resultOf(t: DraftTask): string {
  if (t.state === 'done') return `Hoàn thành ngày ${formatCivil(t.doneDay!)}${t.onTime ? '' : ' (chậm so với hạn)'}`;
  const parts = [t.state === 'overdue' ? 'Quá hạn, chưa hoàn thành' : 'Đang thực hiện'];
  if (t.progress !== null) parts.push(`đạt ${t.progress}%`);
  if (t.problem !== null) parts.push(`vướng mắc: ${t.problem || WORDS.blank}`);
  if (t.pendingExtension) parts.push(`đã xin gia hạn đến ${formatCivil(t.pendingExtension)}, chờ Sở Nội vụ quyết định`);
  if (t.extended) parts.push('đã được gia hạn');
  return parts.join('; ');
}

/** The problems and pending extensions of a task's agencies, named: "vướng mắc: A (lý do), B (…); đề nghị gia hạn chờ Sở Nội vụ quyết định: C (đến 30/10/2026)". */
function openOf(g: TaskGroup): string {
  const parts: string[] = [];
  const problems = g.rows.filter((r) => r.problem !== null);
  if (problems.length > 0) parts.push(`vướng mắc: ${nameList(problems.map((r) => `${r.agency} (${r.problem || WORDS.blank})`))}`);
  const pending = g.rows.filter((r) => r.pendingExtension !== null);
  if (pending.length > 0) parts.push(`đề nghị gia hạn chờ Sở Nội vụ quyết định: ${nameList(pending.map((r) => `${r.agency} (đến ${formatCivil(r.pendingExtension!)})`))}`);
  return parts.join('; ');
}

/** Renders a draft as a .docx laid out by Nghị định 30/2020/NĐ-CP; same draft → same document.xml. */
export async function renderDraft(draft: ReportDraft, layout: ReportLayout = REPORT_LAYOUT): Promise<Buffer> {
  const problems = checkLayout(layout);
  if (problems.length > 0) throw new Error(`Thể thức báo cáo không đúng Nghị định 30/2020/NĐ-CP: ${problems.join('; ')}`);
  const s = layout.sizes;
  const pt = (size: { value: number }) => size.value * 2;
  const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text: text.normalize('NFC'), size: pt(s.body), ...options });
  const center = (children: TextRun[], extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children, ...extra });
  const body = (text: string, options: Omit<IRunOptions, 'text'> = {}) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: mmToTwips(layout.firstLineIndent.value) },
      spacing: { before: layout.paragraphSpacingPt.value * 20, line: Math.round(layout.lineSpacing.value * 240) },
      children: [run(text, options)],
    });
  const heading = (text: string) => body(text, { bold: true });
  const small = layout.sizes.body.min * 2;
  // The text width of an A4 page upright and turned, inside the margins.
  const portraitWidth = 210 - layout.margins.left.value - layout.margins.right.value;
  const landscapeWidth = 297 - layout.margins.left.value - layout.margins.right.value;
  const tableCell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [run(text, { size: small, bold })] })] });
  const { period, counts } = draft;
  const done = counts.doneOnTime + counts.doneLate;
  const place = draft.provinceName.replace(/^(Tỉnh|Thành phố)\s+/i, '');
  const isProvince = draft.scope.kind === 'province';

  // Header: issuer (with its parent body) and number on the left; Quốc hiệu, Tiêu ngữ, place and date on the right.
  const left = [
    ...(draft.issuer.parent ? [center([run(draft.issuer.parent.toUpperCase(), { size: pt(s.agency) })])] : []),
    center([run(draft.issuer.name.toUpperCase(), { size: pt(s.agency), bold: true })], { border: { bottom: LINE }, indent: { left: mmToTwips(8), right: mmToTwips(8) } }),
    center([run(`Số: …/BC-${draft.issuer.code}`, { size: pt(s.number) })], { spacing: { before: 120 } }),
  ];
  const right = [
    center([run(WORDS.nationalTitle, { size: pt(s.nationalTitle), bold: true })]),
    center([run(WORDS.motto, { size: pt(s.motto), bold: true })], { border: { bottom: LINE }, indent: { left: mmToTwips(16), right: mmToTwips(16) } }),
    center([run(`${place}, ngày …… tháng …… năm ${period.year}`, { size: pt(s.placeDate), italics: true })], { spacing: { before: 120 } }),
  ];
  const headerTable = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [mmToTwips(60), mmToTwips(105)],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [new TableCell({ borders: NO_BORDERS, width: { size: 36, type: WidthType.PERCENTAGE }, children: left }), new TableCell({ borders: NO_BORDERS, width: { size: 64, type: WidthType.PERCENTAGE }, children: right })] })],
  });

  const children: (Paragraph | Table)[] = [headerTable];
  children.push(center([run(WORDS.typeName, { size: pt(s.title), bold: true })], { spacing: { before: 360 } }));
  children.push(center([run(WORDS.subject(period.label, period.year), { size: pt(s.title), bold: true })], { border: { bottom: LINE }, indent: { left: mmToTwips(30), right: mmToTwips(30) } }));
  const to = isProvince ? ['Ủy ban nhân dân ' + draft.provinceName.replace(/^Tỉnh/, 'tỉnh'), 'Bộ Nội vụ'] : [`Sở Nội vụ ${draft.provinceName.replace(/^Tỉnh/, 'tỉnh')}`];
  children.push(center([run(`Kính gửi: ${to.join('; ')}.`)], { spacing: { before: 240, after: 120 } }));
  const count = (n: number) => `${n} (${percentVi(n, counts.due)})`;
  const who = draft.scope.kind === 'agency' ? draft.scope.name : draft.issuer.name;
  children.push(
    body(
      `Thực hiện chế độ báo cáo định kỳ về cải cách hành chính, ${who} báo cáo kết quả thực hiện công tác cải cách hành chính ${periodPhrase(period.label, period.year)} (số liệu từ ngày ${formatCivil(period.window.from)} đến ngày ${formatCivil(period.window.to)}; tình hình đến ngày ${formatCivil(draft.asOf)}) như sau:`,
    ),
  );

  for (const section of OUTLINE) {
    if (section.provinceOnly && !isProvince) continue;
    if (section.key === 'basis') {
      if (draft.plans.length === 0) children.push(body(`Căn cứ: ${WORDS.blank} (chưa có kế hoạch CCHC năm ${period.year} trong dondoc).`));
      // Each plan cited in full once (type, number, date, issuer, title); what dondoc does not hold is a blank.
      for (const c of draft.citations) children.push(body(`Căn cứ ${citationText(c)};`));
      continue;
    }
    children.push(heading(section.heading));
    if (section.placeholder) children.push(body(section.placeholder, { italics: true, highlight: 'yellow' }));
    switch (section.key) {
      case 'direction':
        children.push(body(`Trong kỳ có ${counts.due} nhiệm vụ đến hạn theo kế hoạch; đã hoàn thành ${done} (${percentVi(done, counts.due)}), trong đó đúng hạn ${count(counts.doneOnTime)}, chậm hạn ${count(counts.doneLate)}; đang thực hiện, chưa đến hạn ${count(counts.inProgress)}; đến hạn trong kỳ mà chưa hoàn thành ${count(draft.overdueInWindow)}; được gia hạn ${count(counts.extended)}.`));
        children.push(body(`Tổng số việc còn quá hạn đến ngày ${formatCivil(draft.asOf)} (kể cả các kỳ trước và báo cáo chưa nộp): ${counts.overdue}.`));
        break;
      case 'results': {
        const areas = [...new Set(draft.tasks.map((t) => t.area))];
        if (areas.length === 0) children.push(body('Không có nhiệm vụ nào đến hạn trong kỳ.'));
        areas.forEach((area, i) => {
          const list = draft.tasks.filter((t) => t.area === area);
          const areaDone = list.filter((t) => t.state === 'done').length;
          children.push(body(`${i + 1}. ${area}: ${areaDone}/${list.length} nhiệm vụ hoàn thành (${percentVi(areaDone, list.length)}).`, { bold: true, italics: true }));
          for (const g of groupByTask(list, isProvince)) {
            const t = g.rows[0]!;
            if (g.rows.length === 1) children.push(body(`- ${t.code} ${t.title} (${t.agency}; hạn ${formatCivil(t.dueDate)}): ${resultOf(t)}${t.state === 'done' ? `; tài liệu kiểm chứng: ${t.evidence ?? WORDS.blank}` : ''}.`));
            else children.push(body(`- ${g.code} ${g.title} (${agenciesOf(g)}; hạn ${datesOf(g)}): ${groupResult(g)}.`));
          }
        });
        break;
      }
      case 'reports':
        children.push(body(`${draft.reportTitle ?? WORDS.blank}: đã nhận ${draft.submissions.length} báo cáo (đúng hạn ${draft.submissions.filter((x) => !x.late).length}, muộn ${draft.submissions.filter((x) => x.late).length}); chưa gửi ${draft.missingReports.length}.`));
        // One row per agency that owes the report: received (number, date, on time or not) or not yet.
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            columnWidths: grid(COLUMNS.reports, portraitWidth),
            rows: [
              new TableRow({ tableHeader: true, children: WORDS.reportsHeader.map((h) => tableCell(h, true)) }),
              ...draft.submissions.map((x, i) => new TableRow({ cantSplit: true, children: [tableCell(String(i + 1)), tableCell(x.agency), tableCell(x.documentNo ?? WORDS.blank), tableCell(formatCivil(x.day)), tableCell(x.late ? 'Muộn' : 'Đúng hạn')] })),
              ...draft.missingReports.map((m, i) => new TableRow({ cantSplit: true, children: [tableCell(String(draft.submissions.length + i + 1)), tableCell(m.name), tableCell(''), tableCell(''), tableCell('Chưa gửi')] })),
            ],
          }),
        );
        break;
      case 'assessment': {
        children.push(body(`Tỷ lệ hoàn thành nhiệm vụ đến hạn trong kỳ: ${percentVi(done, counts.due)}; tỷ lệ hoàn thành đúng hạn: ${percentVi(counts.doneOnTime, counts.due)}.`));
        if (draft.overdueItems.length === 0) children.push(body('Không có việc quá hạn tại ngày lập báo cáo.'));
        else {
          children.push(body(`Các việc quá hạn (${draft.overdueItems.length}):`));
          // The province: each task or report once, its overdue agencies named.
          for (const o of groupOverdue(draft.overdueItems, isProvince)) {
            if (o.agencies.length === 1) children.push(body(`- ${o.label} ${o.title} — ${o.agencies[0]}, hạn ${formatCivil(o.dueDate)}.`));
            else children.push(body(`- ${o.label} ${o.title} — ${o.agencies.length} cơ quan, hạn từ ${formatCivil(o.dueDate)}: ${nameList(o.agencies)}.`));
          }
        }
        break;
      }
      case 'next':
        if (draft.next.length === 0) children.push(body('Không có nhiệm vụ nào đến hạn trong kỳ tới theo kế hoạch.'));
        for (const g of groupByTask(draft.next, isProvince)) {
          const t = g.rows[0]!;
          children.push(body(g.rows.length === 1 ? `- ${t.code} ${t.title} (${t.agency}; hạn ${formatCivil(t.dueDate)}).` : `- ${g.code} ${g.title} (${agenciesOf(g)}; hạn ${datesOf(g)}).`));
        }
        break;
      case 'proposals': {
        const open = [...draft.tasks, ...draft.next].filter((t) => t.problem !== null || t.pendingExtension !== null);
        if (open.length === 0) children.push(body('Không có vướng mắc hoặc đề nghị gia hạn đang chờ xử lý.'));
        for (const g of groupByTask(open, isProvince)) {
          const t = g.rows[0]!;
          children.push(body(g.rows.length === 1 ? `- ${t.code} ${t.title} (${t.agency}): ${resultOf(t)}.` : `- ${g.code} ${g.title} (${agenciesOf(g)}): ${openOf(g)}.`));
        }
        break;
      }
    }
  }
  children.push(body(`Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính ${periodPhrase(period.label, period.year)} của ${who}${WORDS.closing}`));

  // Nơi nhận and the signature block.
  // From the issuer's settings (/caidatbaocao); not set: a blank to fill, never a title or a list guessed.
  const signer = draft.signature.signerTitle ?? [WORDS.signerBlank];
  const listed = draft.signature.recipients ?? ['Như trên', WORDS.blank, 'Lưu: VT'];
  const recipients = listed.map((x, i) => `- ${x}${i === listed.length - 1 ? '.' : ';'}`);
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [mmToTwips(80), mmToTwips(85)],
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              borders: NO_BORDERS,
              children: [
                new Paragraph({ spacing: { before: 240 }, children: [run(WORDS.recipientsLabel, { size: pt(s.recipientsLabel), bold: true, italics: true })] }),
                ...recipients.map((x) => new Paragraph({ children: [run(x, { size: pt(s.recipients) })] })),
              ],
            }),
            new TableCell({
              borders: NO_BORDERS,
              children: [
                ...signer.map((x, i) => center([run(x, { size: pt(s.signer), bold: true })], i === 0 ? { spacing: { before: 240 } } : {})),
                center([run(draft.signature.signerName ?? WORDS.blank, { size: pt(s.signer), bold: true })], { spacing: { before: 1440 } }),
              ],
            }),
          ],
        }),
      ],
    }),
  );

  // Phụ lục I: the task table, landscape, its header row repeated on every page.
  const cell = tableCell;
  const appendix = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: grid(COLUMNS.appendix, landscapeWidth),
    rows: [
      new TableRow({ tableHeader: true, children: WORDS.appendixHeader.map((h) => cell(h, true)) }),
      // The province: each task once, its agencies summarised (the per-agency rows are in the .xlsx).
      ...groupByTask(draft.tasks, isProvince).map((g, i) => {
        const t = g.rows[0]!;
        const cells =
          g.rows.length === 1
            ? [`${t.code} ${t.title}`, t.agency, formatCivil(t.dueDate), resultOf(t), t.state === 'done' ? (t.evidence ?? WORDS.blank) : '']
            : [`${g.code} ${g.title}`, agenciesOf(g), datesOf(g), groupResult(g), `${g.rows.filter((r) => r.state === 'done' && r.evidence !== null).length}/${g.done} lượt hoàn thành nêu văn bản (xem Phụ lục III)`];
        return new TableRow({ cantSplit: true, children: [cell(String(i + 1)), ...cells.map((c) => cell(c))] });
      }),
    ],
  });

  const cover = (title: string, subtitle: string) => [
    center([run(title, { bold: true })], { pageBreakBefore: true }),
    center([run(subtitle, { bold: true })]),
    center([run(`(Kèm theo Báo cáo số …/BC-${draft.issuer.code} ngày …… tháng …… năm ${period.year} của ${draft.issuer.name})`, { italics: true })], { spacing: { after: 120 } }),
  ];
  const headerRow = (header: readonly string[]) => new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) });
  // Phụ lục II: indicators, the result blank where dondoc has no figure, the source named.
  const appendixII = () => {
    const rows = indicatorRows(draft);
    return [
      ...cover(WORDS.indicatorsTitle, WORDS.indicatorsSubtitle(period.label, period.year)),
      rows.length === 0
        ? body(WORDS.indicatorsNone)
        : new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            columnWidths: grid(COLUMNS.indicators, landscapeWidth),
            rows: [headerRow(WORDS.indicatorsHeader), ...rows.map((r, i) => new TableRow({ cantSplit: true, children: [cell(String(i + 1)), cell(r.text), cell(r.target), cell(r.result), cell(r.source)] }))],
          }),
    ];
  };
  // Phụ lục III: criterion → task → reply → document, each criterion with its rates.
  const appendixIII = () => {
    const index = isProvince ? evidenceIndexByTask(draft) : evidenceIndex(draft);
    const wide = (text: string) => new TableRow({ cantSplit: true, children: [new TableCell({ columnSpan: WORDS.evidenceHeader.length, children: [new Paragraph({ children: [run(text, { size: small, bold: true })] })] })] });
    let n = 0;
    return [
      ...cover(WORDS.evidenceTitle, WORDS.evidenceSubtitle(period.year)),
      body(WORDS.evidenceTotal(fraction(index.total.done, index.total.due), fraction(index.total.onTime, index.total.due))),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        columnWidths: grid(COLUMNS.evidence, landscapeWidth),
        rows: [
          headerRow(WORDS.evidenceHeader),
          ...index.groups.flatMap((g, gi) => [
            wide(WORDS.evidenceGroup(gi + 1, g.criterion, fraction(g.done, g.due), fraction(g.onTime, g.due))),
            ...g.rows.map((r) => new TableRow({ cantSplit: true, children: [cell(String((n += 1))), cell(g.criterion), cell(`${r.code} ${r.task}`), cell(r.agency), cell(r.reply), cell(r.document)] })),
          ]),
        ],
      }),
    ];
  };

  const margin = { top: mmToTwips(layout.margins.top.value), bottom: mmToTwips(layout.margins.bottom.value), left: mmToTwips(layout.margins.left.value), right: mmToTwips(layout.margins.right.value) };
  const pageHeader = () =>
    new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(s.pageNumber) })] })] });
  const doc = new Document({
    creator: 'dondoc',
    title: WORDS.subject(period.label, period.year),
    styles: { default: { document: { run: { font: layout.font, size: pt(s.body), language: { value: layout.language } } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: mmToTwips(210), height: mmToTwips(297) }, margin } },
        headers: { default: pageHeader(), first: new Header({ children: [] }) },
        children,
      },
      {
        properties: { page: { size: { width: mmToTwips(210), height: mmToTwips(297), orientation: PageOrientation.LANDSCAPE }, margin } },
        headers: { default: pageHeader() },
        children: [
          center([run(WORDS.appendixTitle, { bold: true })]),
          center([run(WORDS.appendixSubtitle(period.label, period.year), { bold: true })]),
          center([run(`(Kèm theo Báo cáo số …/BC-${draft.issuer.code} ngày …… tháng …… năm ${period.year} của ${draft.issuer.name})`, { italics: true })], { spacing: { after: 120 } }),
          appendix,
          ...appendixII(),
          ...appendixIII(),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
