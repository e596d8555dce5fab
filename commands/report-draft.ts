import { z } from 'zod';
import { formatCivil } from '../src/domain/civil-date.js';
import { parseReportPeriod } from '../src/domain/report-period.js';
import { textReply } from '../src/app/reply.js';
import { ReportDraftError, type ReportDraft } from '../src/reports/draft.js';
import { renderDraft } from '../src/reports/docx.js';
import { renderDraftWorkbook } from '../src/reports/xlsx.js';
import { COMMON } from './common.texts.js';
import { periodPhrase } from '../src/reports/outline.js';
import { defineCommand } from './command.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The words of /soanbaocao, in one place. */
const T = {
  badPeriod: (text: string, codes: string) => `Kỳ “${text}” không có. Dùng một trong ${codes}, có thể kèm năm, ví dụ /soanbaocao Q3 2026.`,
  agencyOnlyAdmins: 'Chỉ quản trị (Sở Nội vụ) soạn được báo cáo cho cơ quan khác; đầu mối và lãnh đạo nhận dự thảo của cơ quan mình. Gõ /soanbaocao <kỳ> [năm].',
  line1: (d: ReportDraft, who: string) =>
    `Dự thảo báo cáo CCHC ${periodPhrase(d.period.label, d.period.year)} — ${who} (số liệu ${formatCivil(d.period.window.from)}–${formatCivil(d.period.window.to)}, tình hình đến ${formatCivil(d.asOf)}).`,
  line2: (d: ReportDraft) =>
    `Nhiệm vụ đến hạn trong kỳ: ${d.counts.due}; hoàn thành đúng hạn ${d.counts.doneOnTime}, chậm hạn ${d.counts.doneLate}; đang thực hiện ${d.counts.inProgress}; được gia hạn ${d.counts.extended}.`,
  line3: (d: ReportDraft) =>
    `Việc quá hạn: ${d.counts.overdue} (như /quahan); chưa gửi báo cáo: ${d.missingReports.length}. Phần đánh giá và kiến nghị để đơn vị bổ sung trước khi ký; số liệu các phụ lục kèm tệp Excel.`,
};

/** The draft's file name: "bao-cao-cchc-2026-Q3-STP.docx" (the figures: the same name, ".xlsx"). */
export const draftFileName = (d: ReportDraft, ext: 'docx' | 'xlsx' = 'docx'): string => `bao-cao-cchc-${d.period.year}-${d.period.code}-${d.scope.kind === 'agency' ? d.scope.code : 'tinh'}.${ext}`;

export const draftReportCommand = defineCommand({
  name: 'soanbaocao',
  slow: true,
  aliases: ['draftreport'],
  summary: 'Soạn dự thảo báo cáo CCHC định kỳ (tệp Word) từ số liệu dondoc đang theo dõi',
  usage: '/soanbaocao <Q1|6T|Q3|9T|NAM> [năm] [mã cơ quan]',
  roles: ['focal', 'leader', 'admin'],
  args: z
    .array(z.string())
    .min(1, 'thiếu kỳ báo cáo, ví dụ /soanbaocao Q3')
    .transform((w) => {
      const year = w[1] && /^\d{4}$/.test(w[1]) ? w[1] : null;
      const rest = w.slice(year ? 2 : 1).join(' ');
      return { period: w[0]!, year, agency: rest || null };
    }),
  async run(ctx, args) {
    const { drafts, summaries, directory } = ctx.services;
    const member = ctx.member!;
    const today = summaries.today();
    const period = parseReportPeriod(`${args.period} ${args.year ?? ''}`, drafts.definitions, Number(today.slice(0, 4)));
    if (!period) return textReply(T.badPeriod(args.period, drafts.definitions.map((d) => d.code).join(', ')));
    let agencyId: number | undefined = member.role === 'admin' ? undefined : member.agencyId;
    if (args.agency !== null) {
      if (member.role !== 'admin') return textReply(T.agencyOnlyAdmins);
      const agency = directory.findAgency(args.agency);
      if (!agency) return textReply(COMMON.unknownAgency(args.agency));
      agencyId = agency.id;
    }
    await ctx.typing();
    let draft: ReportDraft;
    try {
      draft = drafts.draft(period, agencyId === undefined ? {} : { agencyId });
    } catch (error) {
      if (error instanceof ReportDraftError) return textReply(error.message);
      throw error;
    }
    const [data, figures] = await Promise.all([renderDraft(draft), renderDraftWorkbook(draft)]);
    const who = draft.scope.kind === 'agency' ? draft.scope.name : ctx.services.settings.provinceName;
    return {
      text: [T.line1(draft, who), '\n', T.line2(draft), '\n', T.line3(draft)],
      attachments: [
        { kind: 'document', filename: draftFileName(draft), mimeType: DOCX_MIME, data },
        // The appendix figures as a workbook, for Bộ Nội vụ's reporting software.
        { kind: 'document', filename: draftFileName(draft, 'xlsx'), mimeType: XLSX_MIME, data: figures },
      ],
    };
  },
});
