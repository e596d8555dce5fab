import { z } from 'zod';
import { bold, lines, textReply } from '../src/app/reply.js';
import { prepareInviteList, sheetPeople } from '../src/app/invite-list.js';
import { MAX_PLAN_FILE_BYTES } from '../src/app/table-file.js';
import { civilDateOf } from '../src/domain/civil-date.js';
import { ROLE_LABELS } from '../src/domain/roles.js';
import type { Member } from '../src/store/member-repo.js';
import { renderInviteSheet } from '../src/reports/invite-sheet.js';
import { noArgs } from './args.js';
import { defineCommand, type CommandContext, type CommandResult } from './command.js';
import { COMMON } from './common.texts.js';

/** How many problem rows, agencies or departed members a chat message lists before "… và N khác". */
const SHOWN = 25;

/** Inviting from a list, in one place. */
const T = {
  howTo: lines(
    [bold('Mời cả danh sách')],
    'Gửi vào đây tệp danh sách đầu mối, lãnh đạo (.xlsx hoặc .csv) có cột “Họ tên”, “Cơ quan” và (không bắt buộc) “Vai trò”; để trống vai trò là đầu mối.',
    'dondoc đọc thử và cho xem trước (chưa tạo gì); bấm “Tạo mã mời” thì mỗi người có một mã và bạn nhận phiếu mời để in, mỗi cơ quan một trang.',
    'Có thể gửi tệp kèm chú thích /moi_danhsach bất cứ lúc nào.',
  ),
  zaloNoFiles:
    'Zalo chưa chuyển tệp .xlsx hoặc .csv cho bot, nên không gửi danh sách qua Zalo được. Hãy gửi tệp kèm chú thích /moi_danhsach qua Telegram (hoặc trang trò chuyện web của dondoc), hoặc nhờ quản trị máy chủ chạy: npm run cli -- invite --file <danh-sách> --out phieu-moi.pdf',
  tooLarge: (mb: number) => `Tệp lớn hơn ${mb} MB. Hãy gửi danh sách .xlsx hoặc .csv nhỏ hơn.`,
  unreadable: (problem: string) => `Không đọc được danh sách: ${problem}. Hãy gửi tệp .xlsx hoặc .csv có dòng tiêu đề với cột “Họ tên” và cột “Cơ quan”.`,
  problemsTitle: (n: number) => `Không tạo mã nào: ${n} dòng cần sửa trong danh sách.`,
  problemLine: (row: number, problem: string) => `• dòng ${row}: ${problem}`,
  fixAndResend: 'Sửa các dòng trên (tên cơ quan viết như trong /coquan) rồi gửi lại tệp.',
  more: (n: number) => `… và ${n} dòng khác.`,
  moreAgencies: (n: number) => `… và ${n} cơ quan khác.`,
  moreMembers: (n: number) => `… và ${n} người khác.`,
  previewTitle: (file: string) => `Danh sách “${file}” — đọc thử, chưa tạo gì:`,
  previewCounts: (people: number, agencies: number) => `${people} người, ${agencies} cơ quan:`,
  agencyLine: (name: string, n: number) => `• ${name}: ${n} người`,
  willMake: (n: number) => `Sẽ tạo ${n} mã mời mới.`,
  willRenew: (n: number) => `${n} người còn mã chưa dùng: sẽ có mã mới, mã cũ hết hiệu lực.`,
  alreadyMembers: (n: number) => `${n} người đã tham gia dondoc: không cần mã.`,
  leftTitle: (n: number) => `${n} thành viên có trong dondoc nhưng không còn trong danh sách (không xoá; nếu họ đã nghỉ, xoá bằng /xoathanhvien):`,
  memberLine: (m: Member) => `• ${m.displayName} — ${m.agencyName} (${ROLE_LABELS[m.role]})`,
  ask: 'Bấm “Tạo mã mời” để tạo mã và nhận phiếu mời để in. Gửi lại cùng danh sách sau này không nhân đôi ai.',
  confirm: '✅ Tạo mã mời',
  cancel: 'Hủy',
  expired: 'Danh sách chờ xác nhận đã hết hạn hoặc dondoc vừa khởi động lại. Hãy gửi lại tệp danh sách.',
  cancelled: 'Đã hủy, không tạo mã nào.',
  done: (made: number, renewed: number, members: number) =>
    `Đã tạo ${made} mã mời${renewed > 0 ? ` (trong đó ${renewed} mã thay mã cũ chưa dùng)` : ''}; ${members} người đã tham gia, không cần mã.`,
  sheetCaption: 'Phiếu mời để in: mỗi cơ quan một trang, có mã QR mở bot trên Telegram và cách gửi mã trên Zalo.',
  sheetName: 'phieu-moi.docx',
};

/** Lines, capped at SHOWN, with "… và N khác" after. */
function capped(items: string[], more: (n: number) => string): string[] {
  return items.length > SHOWN ? [...items.slice(0, SHOWN), more(items.length - SHOWN)] : items;
}

/** Reads a list file and resolves its agencies as plan cells are; nothing is written. */
async function readList(ctx: CommandContext, fileName: string, data: Buffer) {
  const today = civilDateOf(ctx.services.clock.now(), ctx.services.settings.timeZone);
  const resolver = ctx.services.plans.resolver();
  return prepareInviteList(fileName, data, (cell) => resolver.resolve(cell, { today }));
}

/** The rows to fix, when a list cannot be used as it is. */
function problemsReply(problems: { row: number; problem: string }[]): CommandResult {
  return { replies: [textReply(T.problemsTitle(problems.length), ...capped(problems.map((p) => T.problemLine(p.row, p.problem)), T.more), T.fixAndResend)] };
}

/**
 * A list of people an admin sent in chat (with the caption /moi_danhsach, or after typing it):
 * read, agencies resolved, and shown as a preview with a confirm button; nothing is made yet.
 */
export async function handleInviteListFile(ctx: CommandContext, file: { name: string; size: number; download(): Promise<Buffer> }): Promise<CommandResult> {
  if (file.size > MAX_PLAN_FILE_BYTES) return { replies: [textReply(T.tooLarge(Math.floor(MAX_PLAN_FILE_BYTES / 1024 / 1024)))] };
  let data: Buffer;
  try {
    data = await file.download();
  } catch {
    return { replies: [textReply(COMMON.fileUnreadable)] };
  }
  const read = await readList(ctx, file.name, data);
  if (!read.ok) return { replies: [textReply(T.unreadable(read.problem))] };
  if (read.problems.length > 0) return problemsReply(read.problems);
  const preview = ctx.services.onboarding.previewList(read.people);
  const agencies = new Map<string, number>();
  for (const p of preview.people) agencies.set(p.agency.name, (agencies.get(p.agency.name) ?? 0) + 1);
  const count = (status: string) => preview.people.filter((p) => p.status === status).length;
  const token = ctx.services.pendingInviteLists.add({ memberId: ctx.member!.id, fileName: file.name, data, meta: null }, ctx.services.clock.now());
  ctx.log.info({ people: preview.people.length, agencies: agencies.size }, 'invite list previewed');
  return {
    replies: [
      {
        text: lines(
          [bold(T.previewTitle(file.name))],
          T.previewCounts(preview.people.length, agencies.size),
          ...capped([...agencies].map(([name, n]) => T.agencyLine(name, n)), T.moreAgencies),
          T.willMake(count('new') + count('renewed')),
          ...(count('renewed') > 0 ? [T.willRenew(count('renewed'))] : []),
          ...(count('member') > 0 ? [T.alreadyMembers(count('member'))] : []),
          ...(preview.notInList.length > 0 ? [T.leftTitle(preview.notInList.length), ...capped(preview.notInList.map(T.memberLine), T.moreMembers)] : []),
          T.ask,
        ),
        choices: [[{ label: T.confirm, command: `/taomamoi ${token}` }, { label: T.cancel, command: `/huymoi ${token}` }]],
      },
    ],
  };
}

/** True when a file's caption asks for inviting from a list ("/moi_danhsach", "/moids"). */
export function isInviteListCaption(caption: string): boolean {
  return /^\/(moi_danhsach|moids)(@\w+)?(\s|$)/i.test(caption.trim());
}

export const inviteListCommand = defineCommand({
  name: 'moi_danhsach',
  aliases: ['moids'],
  summary: 'Mời cả danh sách đầu mối, lãnh đạo từ tệp .xlsx/.csv và nhận phiếu mời để in',
  usage: '/moi_danhsach (rồi gửi tệp danh sách, hoặc gửi tệp kèm chú thích /moi_danhsach)',
  roles: ['admin'],
  args: noArgs,
  run(ctx) {
    if (ctx.platform === 'zalo') return textReply(T.zaloNoFiles);
    ctx.pendingInputs.expect(ctx.platform, ctx.chatId, { kind: 'invite_list_file' }, ctx.services.clock.now());
    return textReply(T.howTo);
  },
});

export const confirmInviteListCommand = defineCommand({
  name: 'taomamoi',
  summary: 'Xác nhận tạo mã mời cho danh sách vừa gửi',
  hidden: true,
  usage: '/taomamoi <mã xác nhận>',
  roles: ['admin'],
  slow: true,
  args: z.array(z.string()).min(1, 'thiếu mã xác nhận; hãy bấm nút dưới bản xem trước').transform((w) => w[0]!),
  async run(ctx, token) {
    const pending = ctx.services.pendingInviteLists.take(token, ctx.member!.id, ctx.services.clock.now());
    if (!pending) return textReply(T.expired);
    // Read again: the registry or the members may have changed since the preview; a list that no longer fits makes nothing.
    const read = await readList(ctx, pending.fileName, pending.data);
    if (!read.ok) return textReply(T.unreadable(read.problem));
    if (read.problems.length > 0) return problemsReply(read.problems);
    const result = ctx.services.onboarding.issueList(read.people, { memberId: ctx.member!.id, via: ctx.platform });
    const made = result.people.filter((p) => p.code !== null);
    const renewed = result.people.filter((p) => p.status === 'renewed').length;
    const sheet = await renderInviteSheet({ provinceName: ctx.services.settings.provinceName, timeZone: ctx.services.settings.timeZone, people: sheetPeople(result.people, (code) => ctx.links.startLink(code)) });
    ctx.log.info({ people: result.people.length, made: made.length, renewed, notInList: result.notInList.length }, 'invite list issued from chat');
    return {
      replies: [
        {
          text: lines(
            T.done(made.length, renewed, result.people.length - made.length),
            ...(result.notInList.length > 0 ? [T.leftTitle(result.notInList.length), ...capped(result.notInList.map(T.memberLine), T.moreMembers)] : []),
          ),
          attachments: [{ kind: 'document', filename: T.sheetName, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: sheet, caption: T.sheetCaption }],
        },
      ],
    };
  },
});

export const cancelInviteListCommand = defineCommand({
  name: 'huymoi',
  summary: 'Hủy danh sách mời đang chờ xác nhận',
  hidden: true,
  usage: '/huymoi <mã xác nhận>',
  roles: ['admin'],
  args: z.array(z.string()).transform((w) => w[0] ?? ''),
  run(ctx, token) {
    ctx.services.pendingInviteLists.drop(token);
    return textReply(T.cancelled);
  },
});
