import { z } from 'zod';
import { bold, code, lines, textReply, type Reply } from '../src/app/reply.js';
import type { IssuedInvite, RedeemError } from '../src/app/onboarding-service.js';
import { ROLE_INPUT, ROLE_LABELS } from '../src/domain/roles.js';
import { formatDateTime } from '../src/domain/time.js';
import { agencyWord, noArgs, roleWord } from './args.js';
import { defineCommand, type CommandContext, type CommandResult } from './command.js';
import { COMMON } from './common.texts.js';
import { offerConsent } from './privacy.js';

/** Why a code does not link an account. */
export const REDEEM_ERRORS: Record<RedeemError, string> = {
  invalid: 'Mã mời không đúng. Hãy kiểm tra lại mã (10 ký tự, dạng ABCD-EFGH-JK) hoặc xin mã mới từ Sở Nội vụ.',
  used: 'Mã mời này đã được dùng. Mỗi mã chỉ dùng được một lần — hãy xin mã mới từ Sở Nội vụ.',
  expired: 'Mã mời này đã hết hạn. Hãy xin mã mới từ Sở Nội vụ.',
  already_linked: 'Tài khoản này đã được liên kết rồi. Gõ /toi để xem thông tin của bạn.',
  platform_taken: 'Thành viên này đã liên kết một tài khoản khác trên nền tảng này. Hãy nhờ Sở Nội vụ gỡ liên kết cũ trước.',
};

/** Onboarding words, in one place. */
const T = {
  welcome: (name: string, agency: string, role: string) => [
    [`Chào mừng `, bold(name), `!`],
    [`Bạn đã được liên kết với `, bold(agency), ` với vai trò ${role}.`],
    'Từ nay dondoc sẽ nhắc bạn trước các hạn nhiệm vụ và báo cáo CCHC. Gõ /trogiup để xem các lệnh.',
  ],
  linkedSecond: (platform: string) =>
    `Đã liên kết thêm tài khoản ${platform}. Bạn có thể dùng dondoc trên cả hai nền tảng.`,
  alreadyHere: (name: string, agency: string) =>
    `Chào ${name}! Bạn đang là thành viên của ${agency}. Gõ /trogiup để xem các lệnh, /toi để xem thông tin của bạn.`,
  inviteIssued: (invite: IssuedInvite, timeZone: string, forWhom: string | null, link: string | null) =>
    lines(
      [`Mã mời ${ROLE_LABELS[invite.role]} của `, bold(invite.agency.name), forWhom ? ` cho ${forWhom}` : '', ':'],
      [code(invite.code)],
      `Hết hạn lúc ${formatDateTime(invite.expiresAt, timeZone)}; chỉ dùng được một lần.`,
      [`Người được mời gửi cho dondoc: `, code(`/start ${invite.code}`), ` (trên Zalo: chỉ cần gửi mã).`],
      ...(link ? [`Hoặc mở liên kết: ${link}`] : []),
    ),
  linkCode: (invite: IssuedInvite, timeZone: string) =>
    lines(
      'Mã để liên kết thêm một tài khoản (ví dụ Zalo bên cạnh Telegram):',
      [code(invite.code)],
      `Mở dondoc trên nền tảng kia và gửi /start ${invite.code}. Mã hết hạn lúc ${formatDateTime(invite.expiresAt, timeZone)}.`,
    ),
};

/** Redeems an invite code for the sender once they accepted the privacy notice (version `consentVersion`). */
export function redeemInvite(ctx: CommandContext, rawCode: string, consentVersion: string): CommandResult {
  const result = ctx.services.onboarding.redeem({
    consentVersion,
    code: rawCode,
    platform: ctx.platform,
    platformUserId: ctx.platformUserId,
    chatId: ctx.chatId,
    displayName: ctx.senderName,
  });
  if (!result.ok) return { replies: [textReply(REDEEM_ERRORS[result.error])] };
  const { member, agency, newMember } = result.value;
  const reply: Reply = newMember
    ? textReply(...T.welcome(member.displayName, agency.name, ROLE_LABELS[member.role]))
    : textReply(T.linkedSecond(COMMON.platformLabel(ctx.platform)));
  return { replies: [reply], linked: { memberId: member.id, role: member.role } };
}

export const startCommand = defineCommand({
  name: 'start',
  aliases: ['batdau'],
  summary: 'Bắt đầu, hoặc tham gia bằng mã mời',
  usage: '/start <mã mời>',
  roles: 'everyone',
  args: z.array(z.string()).transform((words) => words.join('')),
  run(ctx, inviteCode) {
    if (inviteCode !== '') return offerConsent(ctx, inviteCode).result;
    if (ctx.member) return textReply(T.alreadyHere(ctx.member.displayName, ctx.member.agencyName));
    return textReply(...COMMON.strangerIntro);
  },
});

export const inviteCommand = defineCommand({
  name: 'moi',
  aliases: ['invite'],
  summary: 'Tạo mã mời cho đầu mối, lãnh đạo hoặc quản trị của một cơ quan',
  usage: `/moi <mã cơ quan> <vai trò: ${Object.values(ROLE_INPUT).join(' | ')}> [họ tên]`,
  roles: ['admin'],
  args: z
    .tuple([agencyWord, roleWord], { error: 'cần mã cơ quan và vai trò' })
    .rest(z.string())
    .transform(([agency, role, ...name]) => ({ agency, role, name: name.join(' ').trim() || null })),
  run(ctx, args) {
    const issued = ctx.services.onboarding.issueInvite({
      agencyCode: args.agency,
      role: args.role,
      createdBy: ctx.member?.id ?? null,
      displayHint: args.name,
      via: ctx.platform,
    });
    if (!issued.ok) return textReply(COMMON.unknownAgency(args.agency));
    const tz = ctx.services.settings.timeZone;
    return { text: T.inviteIssued(issued.value, tz, args.name, ctx.links.startLink(issued.value.code)) };
  },
});

export const linkCommand = defineCommand({
  name: 'lienket',
  aliases: ['link'],
  summary: 'Tạo mã để dùng dondoc trên một nền tảng khác (Telegram, Zalo)',
  usage: '/lienket',
  roles: ['focal', 'leader', 'admin'],
  args: noArgs,
  run(ctx) {
    const invite = ctx.services.onboarding.issueLinkCode(ctx.member!);
    return { text: T.linkCode(invite, ctx.services.settings.timeZone) };
  },
});
