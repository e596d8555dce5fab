import { bold, italic, lines, type Choice, type Reply, type RichText } from '../src/app/reply.js';
import { formatCivil, weekdayName, type CivilDate } from '../src/domain/civil-date.js';
import type { DigestItem, ReminderMessages } from '../src/app/scheduler.js';
import type { BackupMessages } from '../src/app/backup-schedule.js';

const platformName = (platform: string) => (platform === 'zalo' ? 'Zalo' : platform === 'telegram' ? 'Telegram' : platform);

/** Reminder words, in one place for proofreading. */
const T = {
  title: (day: CivilDate) => `🔔 Nhắc việc CCHC — ${weekdayName(day)}, ${formatCivil(day)}`,
  leaderTitle: (day: CivilDate) => `⚠️ Việc quá hạn cần lãnh đạo đôn đốc — ${formatCivil(day)}`,
  overdue: (n: number, total: number) => (total > n ? `Quá hạn (nhắc ${n} trong tổng số ${total} việc quá hạn — gõ /viec, /nopbaocao để xem đủ)` : `Quá hạn (${n})`),
  today: (n: number) => `Đến hạn hôm nay (${n})`,
  upcoming: (n: number) => `Sắp đến hạn (${n})`,
  overdueBy: (days: number, due: CivilDate) => `hạn ${formatCivil(due)}, quá ${days} ngày làm việc`,
  dueToday: (due: CivilDate) => `hạn hôm nay ${formatCivil(due)}`,
  left: (days: number, due: CivilDate) => `còn ${days} ngày làm việc (hạn ${formatCivil(due)})`,
  howToAnswer: 'Bấm ✅ khi đã hoàn thành, ⏰ để được nhắc lại sau; hoặc gõ /xong <mã>, /viec để xem tất cả.',
  more: (n: number) => `… và ${n} việc khác: gõ /viec để xem.`,
  done: (label: string) => `✅ ${label}`,
  later: (label: string) => `⏰ ${label}`,
  draft: (label: string) => `📝 Soạn ${label}`,
  missedTitle: '⚠️ dondoc đã ngừng chạy một thời gian',
  missedBody: (count: number, from: CivilDate, to: CivilDate, agencies: number) =>
    `${count} lời nhắc (dự kiến gửi từ ${formatCivil(from)} đến ${formatCivil(to)}) đã quá thời hạn gửi nên không được gửi bù, ảnh hưởng ${agencies} cơ quan. Các việc vẫn quá hạn sẽ tiếp tục được nhắc theo lịch.`,
  dailyTitle: (day: CivilDate) => `📋 Bản tin CCHC hằng ngày — ${weekdayName(day)}, ${formatCivil(day)}`,
  longOverdue: (days: number) => `Cơ quan có việc quá hạn từ ${days} ngày làm việc trở lên:`,
  agencyLine: (agency: string, count: number, oldest: number) => `• ${agency}: ${count} việc (lâu nhất quá ${oldest} ngày làm việc)`,
  needsDate: (n: number) => `${n} nhiệm vụ đang chờ Sở Nội vụ đặt hạn (gõ /kehoach).`,
  unreachable: (n: number) => `${n} thành viên không nhận được tin (đã chặn bot hoặc rời nền tảng):`,
  unreachableLine: (name: string, agency: string) => `• ${name} — ${agency}`,
  budgetTitle: (platform: string) => `⚠️ Hạn mức tin nhắn ${platform} tháng này`,
  budgetWarning: (platform: string, sent: number, quota: number) =>
    `dondoc đã gửi ${sent.toLocaleString('vi-VN')}/${quota.toLocaleString('vi-VN')} tin nhắn ${platform} tháng này (${Math.round((sent / quota) * 100)}%). Để tiết kiệm: lời nhắc của người đã liên kết cả Telegram được gửi qua Telegram, bản tin tuần của lãnh đạo không gửi qua ${platform}; việc quá hạn và thông báo vẫn gửi. Xem: /kenh.`,
  budgetOut: (platform: string, sent: number, quota: number, byPlatform: boolean) =>
    `${byPlatform ? `${platform} báo đã hết hạn mức tin nhắn của gói` : `Đã dùng hết hạn mức ${quota.toLocaleString('vi-VN')} tin nhắn`} (đã gửi ${sent.toLocaleString('vi-VN')} tin tháng này). dondoc tạm dừng gửi qua ${platform} đến đầu tháng sau; các tin chờ gửi được giữ lại. Quản trị có thể gửi tiếp ngay (khi đã nâng gói): /kenh zalo tieptuc.`,
  unreachableNotice: (name: string, agency: string, platform: string) =>
    `⚠️ Không gửi được tin cho ${name} (${agency}) trên ${platform}: người này đã chặn bot hoặc không còn dùng tài khoản. Hãy liên hệ trực tiếp hoặc gửi mã mời mới (/moi).`,
  backupTitle: (day: CivilDate) => `⚠️ Sao lưu tự động ngày ${formatCivil(day)} không thành công`,
  backupFailed: (reason: string, dir: string) =>
    `Lý do: ${reason}. Dữ liệu đang dùng không bị ảnh hưởng; dondoc sẽ thử lại sau 30 phút. Hãy kiểm tra thư mục sao lưu ${dir} (còn chỗ trống, dondoc ghi được), hoặc sao lưu tay: npm run cli -- backup <tệp.sqlite>.`,
};

const MAX_BUTTON_ITEMS = 8;
const MAX_LISTED = 40;

function describe(item: DigestItem, leader: boolean): RichText {
  const when =
    item.workingDaysLeft < 0
      ? T.overdueBy(-item.workingDaysLeft, item.dueDate)
      : item.workingDaysLeft === 0
        ? T.dueToday(item.dueDate)
        : T.left(item.workingDaysLeft, item.dueDate);
  return ['• ', bold(item.label), ` ${item.title} — ${when}`, ...(leader ? [` (${item.agencyName})`] : [])];
}

/**
 * One message with everything a member must hear about at this slot, grouped by urgency
 * (quá hạn / hôm nay / sắp đến hạn), with ✅ and ⏰ buttons for the first items. `overdueTotal`: the
 * agency's overdue items in all (as /quahan counts them), named when the digest chases fewer.
 */
export function digestReply(day: CivilDate, items: DigestItem[], options: { leader?: boolean; overdueTotal?: number } = {}): Reply {
  const overdue = items.filter((i) => i.workingDaysLeft < 0).sort((a, b) => a.workingDaysLeft - b.workingDaysLeft);
  const today = items.filter((i) => i.workingDaysLeft === 0);
  const upcoming = items.filter((i) => i.workingDaysLeft > 0).sort((a, b) => a.workingDaysLeft - b.workingDaysLeft);
  const rows: (RichText | string)[] = [[bold(options.leader ? T.leaderTitle(day) : T.title(day))]];
  let listed = 0;
  for (const [heading, group] of [
    [T.overdue(overdue.length, options.overdueTotal ?? 0), overdue],
    [T.today(today.length), today],
    [T.upcoming(upcoming.length), upcoming],
  ] as const) {
    if (group.length === 0) continue;
    rows.push([bold(heading)]);
    for (const item of group) {
      if (listed >= MAX_LISTED) break;
      rows.push(describe(item, options.leader ?? false));
      listed += 1;
    }
  }
  if (items.length > listed) rows.push(T.more(items.length - listed));
  rows.push([italic(T.howToAnswer)]);
  const ordered = [...overdue, ...today, ...upcoming];
  const choices: Choice[][] = options.leader
    ? []
    : ordered.slice(0, MAX_BUTTON_ITEMS).map((item) => [
        { label: T.done(item.label), command: `/xong ${item.ref}` },
        { label: T.later(item.label), command: `/nhacsau ${item.ref}` },
        // A periodic report due: its draft from what dondoc tracks, in one tap.
        ...(item.draftable ? [{ label: T.draft(item.label), command: `/soanbaocao ${item.draftable.code} ${item.draftable.year}` }] : []),
      ]);
  return choices.length > 0 ? { text: lines(...rows), choices } : { text: lines(...rows) };
}

/** The single summary Sở Nội vụ gets when reminders were missed during downtime. */
export function missedReply(count: number, from: CivilDate, to: CivilDate, agencies: number): Reply {
  return { text: lines([bold(T.missedTitle)], T.missedBody(count, from, to, agencies)) };
}

/** Sở Nội vụ's daily digest: long-overdue agencies, tasks waiting for a date, unreachable members. */
export function dailyDigestReply(
  day: CivilDate,
  longOverdue: { agencyName: string; count: number; oldest: number }[],
  threshold: number,
  needsDate: number,
  unreachable: { name: string; agencyName: string }[],
): Reply | null {
  if (longOverdue.length === 0 && needsDate === 0 && unreachable.length === 0) return null;
  const rows: (RichText | string)[] = [[bold(T.dailyTitle(day))]];
  if (longOverdue.length > 0) {
    rows.push([bold(T.longOverdue(threshold))]);
    for (const a of longOverdue.slice(0, 30)) rows.push(T.agencyLine(a.agencyName, a.count, a.oldest));
  }
  if (needsDate > 0) rows.push(T.needsDate(needsDate));
  if (unreachable.length > 0) {
    rows.push(T.unreachable(unreachable.length));
    for (const m of unreachable.slice(0, 20)) rows.push(T.unreachableLine(m.name, m.agencyName));
  }
  return { text: lines(...rows) };
}

/** Tells Sở Nội vụ that a member could not be reached. */
export function unreachableReply(name: string, agency: string, platform: string): Reply {
  return { text: [T.unreachableNotice(name, agency, platform)] };
}

/** The words of dondoc's own messages, handed to the scheduler and the notifier by the composition root. */
export const REMINDER_MESSAGES: ReminderMessages = {
  digest: digestReply,
  daily: dailyDigestReply,
  missed: missedReply,
  unreachable: unreachableReply,
  budgetWarning: (platform, sent, quota) => ({ text: lines([bold(T.budgetTitle(platformName(platform)))], T.budgetWarning(platformName(platform), sent, quota)) }),
  budgetExhausted: (platform, sent, quota, byPlatform) => ({ text: lines([bold(T.budgetTitle(platformName(platform)))], T.budgetOut(platformName(platform), sent, quota, byPlatform)) }),
};

/** What admins are told when the running bot's daily backup fails (src/app/backup-schedule.ts). */
export const BACKUP_MESSAGES: BackupMessages = {
  backupFailed: (day, reason, dir) => ({ text: lines([bold(T.backupTitle(day))], T.backupFailed(reason, dir)) }),
};
