import { z } from 'zod';
import { bold, code, lines, textReply, type RichText } from '../src/app/reply.js';
import { addDays, civilDateOf, formatCivil, weekdayName, type CivilDate, parseTypedDay } from '../src/domain/civil-date.js';
import { noArgs } from './args.js';
import { defineCommand, type CommandContext } from './command.js';
import { chooseTask } from './choose-task.js';
import { exampleDate } from './common.texts.js';
import type { CalendarEntry } from '../src/app/reminder-service.js';

/** Reminder and status words, in one place. */
const T = {
  badRef: (ref: string) => `Không tìm thấy việc “${ref}”. Gõ /viec để xem mã các nhiệm vụ, /lich để xem các hạn sắp tới.`,
  whichTask: (ref: string, n: number, action: string) => `Mã “${ref}” khớp với ${n} nhiệm vụ; dondoc chưa ${action} nhiệm vụ nào. Chọn đúng một nhiệm vụ:`,
  notYours: (label: string) => `Việc ${label} không do cơ quan bạn chủ trì nên bạn không thể báo hoàn thành. Cơ quan phối hợp báo phần việc của mình cho cơ quan chủ trì.`,
  doneRecorded: (label: string) => `✅ Đã ghi nhận: ${label} hoàn thành. dondoc sẽ không nhắc việc này nữa.`,
  alreadyDone: (label: string) => `${label} đã được báo hoàn thành trước đó.`,
  snoozeAsk: (label: string) => `Nhắc lại ${label} sau bao lâu?`,
  snoozeDays: (n: number) => `${n} ngày làm việc`,
  snoozed: (label: string, day: CivilDate) => `⏰ Sẽ nhắc lại ${label} vào sáng ${weekdayName(day)}, ${formatCivil(day)}.`,
  snoozeBad: (allowed: number[]) => `Chỉ hoãn được ${allowed.join(' hoặc ')} ngày làm việc.`,
  calendarTitle: (agency: string) => `Các hạn trong 30 ngày tới — ${agency}`,
  calendarEmpty: (agency: string) => `${agency} không có hạn nào trong 30 ngày tới.`,
  calendarLine: (e: CalendarEntry) => [bold(formatCivil(e.due)), ` ${e.label} — ${e.title}${e.role === 'coord' ? ' (phối hợp)' : ''}${e.done ? ' — ✅ đã xong' : ''}`] as RichText,
  overdueNote: (tasks: number, reports: number) =>
    `Còn ${tasks + reports} việc đã quá hạn: ${[tasks > 0 ? `${tasks} nhiệm vụ (gõ /viec)` : '', reports > 0 ? `${reports} báo cáo (gõ /nopbaocao)` : ''].filter(Boolean).join(', ')}.`,
  policyTitle: 'Chính sách nhắc việc đang áp dụng',
  muted: 'Đã tắt các lời nhắc chưa gấp. Bạn vẫn nhận nhắc việc đến hạn trong 1 ngày, quá hạn và cảnh báo. Gõ /batnhac để bật lại.',
  unmuted: 'Đã bật lại mọi lời nhắc.',
  reportCreated: (title: string, due: CivilDate, count: number) =>
    `Đã tạo yêu cầu báo cáo “${title}”, hạn ${formatCivil(due)}, gửi ${count} cơ quan. dondoc sẽ nhắc các cơ quan theo lịch nhắc việc.`,
  badAudience: (text: string) => `Không rõ đối tượng “${text}”. Dùng tatca, một loại cơ quan (so_ban_nganh, ubnd_xa…) hoặc các mã cơ quan cách nhau bởi dấu phẩy (STP,STC).`,
  badDate: (text: string, today: CivilDate) => `Ngày “${text}” không hợp lệ. Hãy gõ dạng ngày/tháng/năm, ví dụ ${exampleDate(today)}.`,
  pastDate: 'Hạn nộp phải từ hôm nay trở đi.',
};

function today(ctx: CommandContext): CivilDate {
  return civilDateOf(ctx.services.clock.now(), ctx.services.settings.timeZone);
}

const refArg = z.array(z.string()).min(1, 'thiếu mã việc, ví dụ /xong I.3.17');

export const doneCommand = defineCommand({
  name: 'xong',
  aliases: ['hoanthanh', 'done'],
  summary: 'Báo một việc của cơ quan bạn đã hoàn thành (dừng nhắc)',
  usage: '/xong <mã việc>',
  roles: ['focal', 'leader'],
  args: refArg.transform((w) => w[0]!),
  run(ctx, ref) {
    const member = ctx.member!;
    const { reminders, statuses } = ctx.services;
    const found = reminders.findItem(member, ref);
    if (found.kind === 'none') return textReply(T.badRef(ref));
    if (found.kind === 'many') return chooseTask(T.whichTask(ref, found.tasks.length, 'báo hoàn thành'), found.tasks, (r) => `/xong ${r}`);
    const item = found.item;
    if (!reminders.answersFor(member, item)) return textReply(T.notYours(item.label));
    if (item.kind === 'report') {
      const submitted = ctx.commit(() => statuses.submitReport(member, ctx.platform, item.id, null));
      return textReply(submitted.ok ? T.doneRecorded(item.label) : T.alreadyDone(item.label));
    }
    const task = statuses.task(item.id)!;
    const recorded = ctx.commit(() => statuses.recordTask(member, ctx.platform, task, { code: task.code, status: 'done', progress: 100, reason: null, evidence: null, requestedDate: null }));
    return textReply(recorded.ok ? T.doneRecorded(item.label) : T.alreadyDone(item.label));
  },
});

export const snoozeCommand = defineCommand({
  name: 'nhacsau',
  aliases: ['snooze'],
  summary: 'Nhắc lại một việc sau 1 hoặc 3 ngày làm việc',
  usage: '/nhacsau <mã việc> [số ngày]',
  roles: ['focal', 'leader'],
  args: refArg.transform((w) => ({ ref: w[0]!, days: w[1] === undefined ? null : Number(w[1]) })),
  run(ctx, args) {
    const member = ctx.member!;
    const { reminders } = ctx.services;
    const found = reminders.findItem(member, args.ref);
    if (found.kind === 'none') return textReply(T.badRef(args.ref));
    const days = args.days === null ? '' : ` ${args.days}`;
    if (found.kind === 'many') return chooseTask(T.whichTask(args.ref, found.tasks.length, 'hoãn nhắc'), found.tasks, (r) => `/nhacsau ${r}${days}`);
    const item = found.item;
    if (!reminders.answersFor(member, item)) return textReply(T.notYours(item.label));
    const allowed = ctx.services.policy.snoozeDays;
    if (args.days === null) {
      return {
        text: [T.snoozeAsk(item.label)],
        choices: [allowed.map((n) => ({ label: T.snoozeDays(n), command: `/nhacsau ${item.kind === 'task' ? 't' : 'r'}${item.id} ${n}` }))],
      };
    }
    if (!allowed.includes(args.days)) return textReply(T.snoozeBad(allowed));
    return textReply(T.snoozed(item.label, reminders.snooze(member, item, args.days)));
  },
});

export const calendarCommand = defineCommand({
  name: 'lich',
  aliases: ['calendar'],
  summary: 'Các hạn nhiệm vụ và báo cáo của cơ quan bạn trong 30 ngày tới',
  usage: '/lich',
  roles: ['focal', 'leader', 'admin'],
  args: noArgs,
  run(ctx) {
    const member = ctx.member!;
    const from = today(ctx);
    const to = addDays(from, 30);
    const entries = ctx.services.reminders.calendarOf(member.agencyId, from, to);
    // The same overdue items as /quahan for this agency (one shared definition).
    const overdue = ctx.services.summaries.overdue(member.agencyId);
    const tasks = overdue.filter((i) => i.kind === 'task').length;
    const note = overdue.length > 0 ? [T.overdueNote(tasks, overdue.length - tasks)] : [];
    if (entries.length === 0) return textReply(T.calendarEmpty(member.agencyName), ...note);
    return { text: lines([bold(T.calendarTitle(member.agencyName))], ...entries.map((e) => T.calendarLine(e)), ...note) };
  },
});

export const policyCommand = defineCommand({
  name: 'chinhsach',
  aliases: ['policy'],
  summary: 'Xem chính sách nhắc việc đang áp dụng',
  usage: '/chinhsach',
  roles: ['admin'],
  args: noArgs,
  run(ctx) {
    const p = ctx.services.policy;
    const overrides = Object.keys(p.planOverrides);
    return textReply(
      [bold(T.policyTitle)],
      `• Nhắc trước hạn: ${p.leadDays.filter((d) => d > 0).join(', ')} ngày làm việc${p.leadDays.includes(0) ? ' và đúng ngày hạn' : ''}.`,
      `• Giờ gửi: ${p.slot}, chỉ trong giờ làm việc ${p.officeHours.start}–${p.officeHours.end}, ngày làm việc (không gửi thứ Bảy, Chủ nhật, ngày lễ).`,
      `• Quá hạn: nhắc lại mỗi ${p.overdueEveryDays} ngày làm việc; sau ${p.escalateLeadersAfter} ngày báo lãnh đạo cơ quan; sau ${p.escalateStandingAfter} ngày nêu tên trong bản tin hằng ngày của Sở Nội vụ.`,
      `• Nhiệm vụ thường xuyên: nhắc cập nhật tiến độ ${p.ongoingCheckinDays} ngày làm việc trước cuối mỗi quý.`,
      `• Hoãn nhắc: ${p.snoozeDays.join(' hoặc ')} ngày làm việc. Nhắc khẩn (còn ≤ ${p.urgentWithinDays} ngày, quá hạn, cảnh báo) không tắt được.`,
      `• Sau khi dondoc ngừng chạy: gửi bù lời nhắc trễ trong ${p.graceWorkingDays} ngày làm việc; cũ hơn thì báo Sở Nội vụ.`,
      `• Cơ quan phối hợp ${p.remindCoordinating ? 'cũng được nhắc' : 'không nhận nhắc việc (chỉ cơ quan chủ trì)'}.`,
      ...(overrides.length > 0 ? [`• Kế hoạch có chính sách riêng: ${overrides.join('; ')}.`] : []),
      'Sửa tệp data/reminder-policy.json rồi khởi động lại để thay đổi.',
    );
  },
});

export const muteCommand = defineCommand({
  name: 'tatnhac',
  aliases: ['mute'],
  summary: 'Tắt các lời nhắc chưa gấp (nhắc quá hạn vẫn gửi)',
  usage: '/tatnhac',
  roles: ['focal', 'leader', 'admin'],
  args: noArgs,
  run(ctx) {
    ctx.services.reminders.setMuted(ctx.member!, true);
    return textReply(T.muted);
  },
});

export const unmuteCommand = defineCommand({
  name: 'batnhac',
  aliases: ['unmute'],
  summary: 'Bật lại mọi lời nhắc',
  usage: '/batnhac',
  roles: ['focal', 'leader', 'admin'],
  args: noArgs,
  run(ctx) {
    ctx.services.reminders.setMuted(ctx.member!, false);
    return textReply(T.unmuted);
  },
});

export const requestReportCommand = defineCommand({
  name: 'yeucaubaocao',
  aliases: ['baocaodotxuat'],
  summary: 'Yêu cầu các cơ quan nộp một báo cáo đột xuất',
  usage: '/yeucaubaocao <hạn ngày/tháng/năm> <tatca | loại cơ quan | mã,mã,…> <tiêu đề>',
  roles: ['admin'],
  args: z
    .array(z.string())
    .min(3, 'cần hạn nộp, đối tượng và tiêu đề, ví dụ /yeucaubaocao 30/09/2024 tatca Báo cáo kết quả số hóa hồ sơ')
    .transform((w) => ({ date: w[0]!, audience: w[1]!, title: w.slice(2).join(' ') })),
  run(ctx, args) {
    const nominal = parseTypedDay(args.date);
    if (!nominal) return textReply(T.badDate(args.date, today(ctx)));
    if (nominal < today(ctx)) return textReply(T.pastDate);
    const requested = ctx.services.reminders.requestReport(ctx.member!, nominal, args.audience, args.title, ctx.platform);
    if (!requested.ok) return textReply(T.badAudience(args.audience));
    const { due, agencies: targets } = requested.value;
    return { text: lines(T.reportCreated(args.title, due, targets), [code('/lich'), ' để xem các hạn sắp tới.']) };
  },
});
