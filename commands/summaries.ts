import { shorten } from '../src/domain/task-title.js';
import { z } from 'zod';
import { bold, lines, textReply, type Reply, type RichText } from '../src/app/reply.js';
import type { CommandServices } from '../src/app/services.js';
import type { Member } from '../src/store/member-repo.js';
import { addDays, civilDateOf, formatCivil } from '../src/domain/civil-date.js';
import type { WeekActivity } from '../src/app/summary-service.js';
import { completionChart, trendChart } from '../src/app/charts.js';
import { defaultAsOf, parsePeriod } from '../src/domain/scoring.js';
import { optionalAgencyWords, resolveAgencyWords } from './args.js';
import { defineCommand } from './command.js';
import { leadingPeriod } from '../src/domain/report-period.js';

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/** Summary words, in one place. */
const T = {
  title: (who: string, quarter: string) => `Tổng hợp CCHC — ${who}, ${quarter}`,
  tasks: (due: number, done: number, overdue: number) =>
    `Nhiệm vụ đến hạn trong quý: ${due}; đã hoàn thành ${done} (${pct(done, due)}); hạn trong quý đã qua mà chưa xong ${overdue}.`,
  allOverdue: (n: number) => `Tổng số việc còn quá hạn (kể cả từ các quý trước, gồm báo cáo): ${n} — gõ /quahan để xem.`,
  byArea: 'Theo lĩnh vực:',
  byKind: 'Theo loại cơ quan:',
  line: (name: string, done: number, due: number) => `• ${name}: ${done}/${due} (${pct(done, due)})`,
  report: (title: string, submitted: number, owed: number) => `${title}: đã nộp ${submitted}/${owed} cơ quan.`,
  behind: 'Năm cơ quan chậm nhất (mọi việc còn quá hạn):',
  behindLine: (i: number, name: string, n: number, oldest: number) => `${i}. ${name}: ${n} việc quá hạn (lâu nhất ${oldest} ngày làm việc)`,
  week: (w: { done: number; blocked: number; extensions: number; progress: number }) =>
    `7 ngày qua: ${w.done} việc báo hoàn thành, ${w.progress} cập nhật tiến độ, ${w.blocked} báo vướng mắc, ${w.extensions} xin gia hạn.`,
  nothing: 'Chưa có nhiệm vụ nào đến hạn trong quý này.',
  overdueTitle: (n: number) => `Việc quá hạn (${n}), cũ nhất trước`,
  noOverdue: 'Không có việc nào quá hạn.',
  overdueMore: (n: number) => `  … và ${n} việc khác`,
  overdueMoreAgencies: (n: number) => `… và ${n} cơ quan khác có việc quá hạn.`,
  overdueHint: 'Gõ /quahan <mã cơ quan> để xem đủ danh sách của một cơ quan.',
  overdueLine: (label: string, title: string, due: string, late: number, missed: number) =>
    `  – ${label} ${shorten(title, 70)} — hạn ${due}${missed > 1 ? ` (và ${missed - 1} hạn sau đó)` : ''}, quá ${late} ngày làm việc`,
  reportUnknown: (code: string) => `Không có báo cáo “${code}” năm nay. Dùng Q1, 6T, Q3, NAM hoặc mã báo cáo đột xuất (DX1…).`,
  reportTitle: (title: string, due: string) => `${title} — hạn ${due}`,
  submitted: (n: number, owed: number) => `Đã nộp (${n}/${owed}):`,
  missing: (n: number) => `Chưa nộp (${n}):`,
  late: 'muộn',
  draftButton: '📝 Soạn dự thảo báo cáo',
  trendTitle: (who: string, weeks: number) => `Cập nhật của các cơ quan ${weeks} tuần gần đây — ${who}`,
  trendRecent: (weeks: number, total: number) => `${weeks} tuần gần nhất (biểu đồ: cả ${total} tuần):`,
  trendSubtitle: 'Số tin báo tình hình mỗi tuần: hoàn thành, tiến độ, vướng mắc / xin gia hạn',
  trendLine: (from: string, to: string, w: { done: number; progress: number; problems: number }) =>
    `• ${from}–${to}: ${w.done} hoàn thành, ${w.progress} cập nhật tiến độ, ${w.problems} vướng mắc/xin gia hạn`,
  trendChange: (done: number, before: number) =>
    `Tuần này ${done} việc báo hoàn thành${before === done ? ', bằng tuần trước' : done > before ? `, nhiều hơn tuần trước ${done - before}` : `, ít hơn tuần trước ${before - done}`}.`,
  chartTitle: (who: string, quarter: string) => `Tiến độ nhiệm vụ ${quarter} — ${who}`,
  chartYearToDate: (year: string, quarter: string) => `năm ${year} (từ đầu năm đến hết ${quarter}; chưa đến hạn nào của quý)`,
  chartSubtitle: (n: number) => `${n} cơ quan, xếp từ nhiều việc quá hạn nhất (mọi việc còn quá hạn, như danh sách chậm nhất)`,
};

export const summaryCommand = defineCommand({
  name: 'tonghop',
  slow: true,
  inGroups: true,
  aliases: ['summary'],
  summary: 'Tình hình CCHC của tỉnh (hoặc một cơ quan) trong quý, trong một tin',
  usage: '/tonghop [mã cơ quan]',
  roles: ['leader', 'admin'],
  args: optionalAgencyWords,
  run(ctx, agencyText) {
    const target = resolveAgencyWords(ctx.services, agencyText);
    return 'text' in target ? target : summaryReply(ctx.services, target.agencyId);
  },
});

/** The /tonghop message (and chart) for the province, or one agency; also the leaders' weekly digest. */
export async function summaryReply(services: CommandServices, agencyId?: number): Promise<Reply> {
  const { directory, summaries, settings } = services;
  const who = agencyId === undefined ? settings.provinceName : (directory.agency(agencyId)?.name ?? '');
  const s = summaries.province(agencyId);
  const names = directory.agencyNames();
  const rows: (RichText | string)[] = [[bold(T.title(who, s.quarter.label))]];
  rows.push(s.tasksDue === 0 ? T.nothing : T.tasks(s.tasksDue, s.tasksDone, s.tasksOverdue));
  // The quarter's headline counts only this quarter's dates; say how much is overdue in all, so the
  // headline and the list of agencies below never seem to disagree.
  const overdueAll = summaries.overdue(agencyId).length;
  if (overdueAll > 0) rows.push(T.allOverdue(overdueAll));
  if (s.byArea.length > 1) rows.push(T.byArea, ...s.byArea.slice(0, 8).map((a) => T.line(a.area, a.done, a.due)));
  if (agencyId === undefined && s.byKind.length > 0) rows.push(T.byKind, ...s.byKind.map((k) => T.line(k.kind, k.done, k.due)));
  // An agency that does not owe the report (Sở Nội vụ collects it) gets no "đã nộp 0/0" line.
  if (s.report && s.report.owed > 0) rows.push(T.report(s.report.title, s.report.submitted, s.report.owed));
  if (agencyId === undefined && s.behind.length > 0) rows.push([bold(T.behind)], ...s.behind.map((b, i) => T.behindLine(i + 1, names.get(b.agencyId) ?? '', b.overdue, b.oldest)));
  rows.push(T.week(s.lastWeek));
  // The chart's rows come sorted as the slowest agencies above are (the service's one order).
  const chartRows = s.chart.rows.map((a) => ({ name: names.get(a.agencyId) ?? '', ...a }));
  if (chartRows.length === 0) return { text: lines(...rows) };
  const window = s.chart.yearToDate ? T.chartYearToDate(s.chart.from.slice(0, 4), s.quarter.label) : s.quarter.label;
  const title = T.chartTitle(who, window);
  const png = await completionChart(title, T.chartSubtitle(chartRows.length), chartRows);
  return { text: lines(...rows), attachments: [{ kind: 'photo', filename: 'tien-do.png', mimeType: 'image/png', data: png, caption: title }] };
}

/** The trend message and chart: replies per week for 12 weeks; also part of the leaders' weekly digest. */
export async function trendReply(services: CommandServices, agencyId?: number): Promise<Reply> {
  const { directory, summaries, settings } = services;
  const who = agencyId === undefined ? settings.provinceName : (directory.agency(agencyId)?.name ?? '');
  const weeks = summaries.trend(agencyId);
  const short = (day: string) => formatCivil(day).slice(0, 5);
  const [before, current] = weeks.slice(-2) as [WeekActivity, WeekActivity];
  const rows: (RichText | string)[] = [[bold(T.trendTitle(who, weeks.length))]];
  const recent = weeks.slice(-4);
  rows.push(T.trendRecent(recent.length, weeks.length), ...recent.map((w) => T.trendLine(short(w.week), short(addDays(w.week, 6)), w)), T.trendChange(current.done, before.done));
  const png = await trendChart(T.trendTitle(who, weeks.length), T.trendSubtitle, weeks.map((w) => ({ label: short(w.week), ...w })));
  return { text: lines(...rows), attachments: [{ kind: 'photo', filename: 'xu-huong.png', mimeType: 'image/png', data: png, caption: T.trendTitle(who, weeks.length) }] };
}

export const trendCommand = defineCommand({
  name: 'xuhuong',
  slow: true,
  inGroups: true,
  aliases: ['trend'],
  summary: 'Xu hướng 12 tuần: số tin báo hoàn thành, tiến độ, vướng mắc mỗi tuần (kèm biểu đồ)',
  usage: '/xuhuong [mã cơ quan]',
  roles: ['leader', 'admin'],
  args: optionalAgencyWords,
  run(ctx, agencyText) {
    const target = resolveAgencyWords(ctx.services, agencyText);
    return 'text' in target ? target : trendReply(ctx.services, target.agencyId);
  },
});

/** How much of the overdue list one message shows: the province view names the oldest items of each agency. */
const OVERDUE_LIMITS = { agencies: 15, perAgency: 3, oneAgency: 60 };

export const overdueCommand = defineCommand({
  name: 'quahan',
  inGroups: true,
  aliases: ['overdue'],
  summary: 'Các việc quá hạn, theo cơ quan, cũ nhất trước (hoặc đủ danh sách của một cơ quan)',
  usage: '/quahan [mã cơ quan]',
  roles: ['leader', 'admin'],
  args: optionalAgencyWords,
  run(ctx, agencyText) {
    const { directory, summaries } = ctx.services;
    const target = resolveAgencyWords(ctx.services, agencyText);
    if ('text' in target) return target;
    const { agencyId } = target;
    const items = summaries.overdue(agencyId);
    if (items.length === 0) return textReply(T.noOverdue);
    const names = directory.agencyNames();
    const byAgency = new Map<number, typeof items>();
    for (const item of items) byAgency.set(item.agencyId, [...(byAgency.get(item.agencyId) ?? []), item]);
    const perAgency = agencyId === undefined ? OVERDUE_LIMITS.perAgency : OVERDUE_LIMITS.oneAgency;
    const shown = [...byAgency].slice(0, OVERDUE_LIMITS.agencies);
    const rows: (RichText | string)[] = [[bold(T.overdueTitle(items.length))]];
    for (const [id, list] of shown) {
      rows.push([bold(`${names.get(id) ?? id} (${list.length})`)]);
      for (const item of list.slice(0, perAgency)) rows.push(T.overdueLine(item.label, item.title, formatCivil(item.dueDate), item.lateDays, item.missed));
      if (list.length > perAgency) rows.push(T.overdueMore(list.length - perAgency));
    }
    if (byAgency.size > shown.length) rows.push(T.overdueMoreAgencies(byAgency.size - shown.length));
    if (agencyId === undefined && (byAgency.size > shown.length || shown.some(([, list]) => list.length > perAgency))) rows.push(T.overdueHint);
    return { text: lines(...rows) };
  },
});

export const reportStatusCommand = defineCommand({
  name: 'baocao',
  inGroups: true,
  aliases: ['report'],
  summary: 'Ai đã nộp, ai chưa nộp một báo cáo (Q1, 6T, Q3, NAM hoặc báo cáo đột xuất)',
  usage: '/baocao <Q1|6T|Q3|NAM|mã> [năm]',
  roles: ['leader', 'admin'],
  args: z
    .array(z.string())
    .min(1, 'thiếu mã báo cáo, ví dụ /baocao 6T'),
  run(ctx, words) {
    const { summaries } = ctx.services;
    const thisYear = Number(summaries.today().slice(0, 4));
    // A period in everyday words ("quý 3", "6 tháng", "NĂM 2025") names its periodic report; otherwise a
    // report's own code (DX1 …) and a year.
    const named = leadingPeriod(words, ctx.services.drafts.definitions, thisYear);
    if (!named || named.rest.length > 0) {
      // A code and a year at most: a word it cannot place is not dropped.
      if (words.length > 2 || (words[1] !== undefined && !/^\d{4}$/.test(words[1]))) return textReply(T.reportUnknown(words.join(' ')));
    }
    const args =
      named && named.rest.length === 0
        ? { code: named.period.reportCode, year: named.period.year }
        : { code: words[0]!.toUpperCase(), year: words[1] ? Number(words[1]) : thisYear };
    const year = args.year;
    const status = summaries.reportStatus(args.code, year);
    if (!status) return textReply(T.reportUnknown(args.code));
    const { report, submitted, missing, owing } = status;
    const done = submitted.map((s) => `• ${s.name} — ${formatCivil(s.day)}${s.late ? ` (${T.late})` : ''}`);
    const reply = textReply([bold(T.reportTitle(report.title, formatCivil(report.dueDate)))], T.submitted(done.length, owing), ...done, T.missing(missing.length), ...missing.map((name) => `• ${name}`));
    // A periodic report's period can be drafted in one tap (/soanbaocao, the same figures).
    const period = ctx.services.drafts.definitions.find((d) => d.reportCode === report.code && d.code === report.code);
    return period ? { ...reply, choices: [[{ label: T.draftButton, command: `/soanbaocao ${period.code} ${year}` }]] } : reply;
  },
});

export const exportCommand = defineCommand({
  name: 'xuatexcel',
  slow: true,
  aliases: ['export'],
  summary: 'Xuất tệp Excel: nhiệm vụ, báo cáo và điểm của các cơ quan',
  usage: '/xuatexcel [năm hoặc năm-Qn]',
  roles: ['leader', 'admin'],
  args: z.array(z.string()).transform((w) => w[0] ?? null),
  async run(ctx, text) {
    const { summaries, scoring } = ctx.services;
    const today = summaries.today();
    const period = text ? parsePeriod(text) : parsePeriod(today.slice(0, 4));
    if (!period) return textReply(`Kỳ “${text}” không hợp lệ. Dùng năm (2024) hoặc quý (2024-Q2).`);
    const asOf = defaultAsOf(period, today, (d) => ctx.services.calendar.onOrAfter(d));
    const data = await scoring.exportWorkbook(period, asOf);
    return {
      text: [`Tệp Excel ${period.label} (số liệu đến ${formatCivil(asOf)}): nhiệm vụ, báo cáo, điểm.`],
      attachments: [{ kind: 'document', filename: `dondoc-${text ?? today.slice(0, 4)}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data }],
    };
  },
});

/**
 * The leaders' weekly digest: the summary and the trend chart, for the leader's own agency — or
 * the whole province for leaders of UBND tỉnh and of the standing agencies (Sở Nội vụ, Văn phòng).
 */
/**
 * The leaders' weekly digest (the summary and the trend, with their charts) for one leader: their
 * agency's, or the province's for UBND tỉnh and Sở Nội vụ. Made once per scope and day however many
 * leaders share it, so a Monday with a hundred leaders computes and draws a few, not a hundred.
 */
/** A leader of UBND tỉnh or of Sở Nội vụ (the standing body) looks after the whole province, not one agency's work. */
export function leadsProvince(services: Pick<CommandServices, 'directory'>, member: Member): boolean {
  if (member.role !== 'leader') return false;
  const agency = services.directory.agency(member.agencyId);
  return agency?.kind === 'ubnd_tinh' || agency?.isStanding === true;
}

export function weeklyDigests(services: CommandServices): (leader: Member) => Promise<Reply> {
  const made = new Map<string, Promise<Reply>>();
  let day = '';
  return (leader) => {
    const scope = leadsProvince(services, leader) ? undefined : leader.agencyId;
    const today = civilDateOf(services.clock.now(), services.settings.timeZone);
    if (today !== day) {
      made.clear();
      day = today;
    }
    const key = String(scope ?? 'tinh');
    let reply = made.get(key);
    if (!reply) {
      reply = Promise.all([summaryReply(services, scope), trendReply(services, scope)]).then(([summary, trend]) => ({
        ...summary,
        attachments: [...(summary.attachments ?? []), ...(trend.attachments ?? [])],
      }));
      made.set(key, reply);
      // A failure is not kept: the next leader's digest tries again.
      reply.catch(() => made.delete(key));
    }
    return reply;
  };
}
