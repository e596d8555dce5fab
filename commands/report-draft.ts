import { z } from 'zod';
import { formatCivil } from '../src/domain/civil-date.js';
import { leadingPeriod } from '../src/domain/report-period.js';
import { textReply } from '../src/app/reply.js';
import type { DraftFacts, DraftFilesError } from '../src/reports/draft-files.js';
import { COMMON } from './common.texts.js';
import { periodPhrase } from '../src/reports/outline.js';
import { defineCommand } from './command.js';
import { leadsProvince } from './summaries.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The words of /soanbaocao, in one place. */
const T = {
  badPeriod: (text: string, codes: string) => `Kỳ “${text}” không có. Dùng một trong ${codes}, có thể kèm năm, ví dụ /soanbaocao Q3 2026.`,
  agencyOnlyAdmins: 'Chỉ quản trị (Sở Nội vụ) và lãnh đạo UBND tỉnh, Sở Nội vụ soạn được báo cáo cho cơ quan khác; đầu mối và lãnh đạo các cơ quan nhận dự thảo của cơ quan mình. Gõ /soanbaocao <kỳ> [năm].',
  line1: (d: DraftFacts, who: string) =>
    `Dự thảo báo cáo CCHC ${periodPhrase(d.period.label, d.period.year)} — ${who} (số liệu ${formatCivil(d.period.window.from)}–${formatCivil(d.period.window.to)}, tình hình đến ${formatCivil(d.asOf)}).`,
  line2: (d: DraftFacts) =>
    `Nhiệm vụ đến hạn trong kỳ: ${d.counts.due}; hoàn thành đúng hạn ${d.counts.doneOnTime}, chậm hạn ${d.counts.doneLate}; đang thực hiện, chưa đến hạn ${d.counts.inProgress}; đến hạn mà chưa hoàn thành ${d.overdueInWindow}; được gia hạn ${d.counts.extended}.`,
  line3: (d: DraftFacts) =>
    `Việc quá hạn: ${d.counts.overdue} (như /quahan); chưa gửi báo cáo: ${d.missingReports.length}. Phần đánh giá và kiến nghị để đơn vị bổ sung trước khi ký; số liệu các phụ lục kèm tệp Excel.`,
  /** The document would be too long to edit: no .docx, the .xlsx with every agency's rows instead. */
  tooLarge: (d: DraftFacts, lines: number, limit: number) =>
    `Bản Word của dự thảo này sẽ quá dài (${lines.toLocaleString('vi-VN')} dòng, giới hạn ${limit.toLocaleString('vi-VN')} dòng) nên dondoc không soạn tệp Word. Gửi kèm tệp Excel số liệu các phụ lục, đủ từng cơ quan. Muốn bản Word, hãy soạn cho từng cơ quan: /soanbaocao ${d.period.code} ${d.period.year} <mã cơ quan>.`,
  failed: (e: Exclude<DraftFilesError, { code: 'draft' }>, period: string, year: number) =>
    `${e.code === 'too_slow' ? `Soạn dự thảo quá ${e.seconds} giây` : `Soạn dự thảo cần quá ${e.megabytes} MB bộ nhớ`} nên dondoc đã dừng; không có tệp nào được gửi. Hãy soạn cho từng cơ quan: /soanbaocao ${period} ${year} <mã cơ quan>, hoặc thử lại lúc ít người dùng.`,
};

/** The draft's file name: "bao-cao-cchc-2026-Q3-STP.docx" (the figures: the same name, ".xlsx"). */
export const draftFileName = (d: Pick<DraftFacts, 'period' | 'scope'>, ext: 'docx' | 'xlsx' = 'docx'): string => `bao-cao-cchc-${d.period.year}-${d.period.code}-${d.scope.kind === 'agency' ? d.scope.code : 'tinh'}.${ext}`;

export const draftReportCommand = defineCommand({
  name: 'soanbaocao',
  slow: true,
  aliases: ['draftreport'],
  summary: 'Soạn dự thảo báo cáo CCHC định kỳ (tệp Word) từ số liệu dondoc đang theo dõi',
  usage: '/soanbaocao <Q1|6T|Q3|9T|NAM> [năm] [mã cơ quan]',
  roles: ['focal', 'leader', 'admin'],
  args: z.array(z.string()).min(1, 'thiếu kỳ báo cáo, ví dụ /soanbaocao Q3'),
  async run(ctx, words) {
    const { drafts, summaries, directory } = ctx.services;
    const member = ctx.member!;
    const today = summaries.today();
    // "Q3", "Q3 2026", "quý 3 năm 2026"?, "6 tháng đầu năm 2026 STP": the period first, an agency after.
    const read = leadingPeriod(words, drafts.definitions, Number(today.slice(0, 4)));
    if (!read) return textReply(T.badPeriod(words.join(' '), drafts.definitions.map((d) => d.code).join(', ')));
    const { period } = read;
    const args = { agency: read.rest.length > 0 ? read.rest.join(' ') : null };
    // Admins and the province's leaders (UBND tỉnh, Sở Nội vụ) draft the province's report, or one agency's;
    // focal points and other leaders, their own agency's.
    const wholeProvince = member.role === 'admin' || leadsProvince(ctx.services, member);
    let agencyId: number | undefined = wholeProvince ? undefined : member.agencyId;
    if (args.agency !== null) {
      if (!wholeProvince) return textReply(T.agencyOnlyAdmins);
      const agency = directory.findAgency(args.agency);
      if (!agency) return textReply(COMMON.unknownAgency(args.agency));
      agencyId = agency.id;
    }
    await ctx.typing();
    // Built in a worker thread by the running bot (the chat's event loop stays free), within limits.
    const built = await ctx.services.draftFiles.build({ period, ...(agencyId === undefined ? {} : { agencyId }) });
    if (!built.ok) return textReply(built.error.code === 'draft' ? built.error.message : T.failed(built.error, period.code, period.year));
    const { facts, docx, xlsx, tooLarge } = built.value;
    const who = facts.scope.kind === 'agency' ? facts.scope.name : ctx.services.settings.provinceName;
    // The appendix figures as a workbook, for Bộ Nội vụ's reporting software.
    const figures = { kind: 'document' as const, filename: draftFileName(facts, 'xlsx'), mimeType: XLSX_MIME, data: Buffer.from(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength) };
    if (!docx) return { text: [T.line1(facts, who), '\n', T.line2(facts), '\n', T.tooLarge(facts, tooLarge!.lines, tooLarge!.limit)], attachments: [figures] };
    return {
      text: [T.line1(facts, who), '\n', T.line2(facts), '\n', T.line3(facts)],
      attachments: [{ kind: 'document', filename: draftFileName(facts), mimeType: DOCX_MIME, data: Buffer.from(docx.buffer, docx.byteOffset, docx.byteLength) }, figures],
    };
  },
});
