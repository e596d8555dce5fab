import { z } from 'zod';
import { bold, code, lines, textReply, type RichText } from '../src/app/reply.js';
import { ROLE_LABELS } from '../src/domain/roles.js';
import { formatDateTime } from '../src/domain/time.js';
import type { Agency } from '../src/store/agency-repo.js';
import { noArgs, optionalAgencyWords, resolveAgencyWords } from './args.js';
import { defineCommand } from './command.js';
import { COMMON } from './common.texts.js';

/** Directory words, in one place. */
const T = {
  me: 'Thông tin của bạn',
  name: 'Họ tên',
  agency: 'Cơ quan',
  role: 'Vai trò',
  accounts: 'Tài khoản đã liên kết',
  linkedAt: (when: string) => `liên kết ${when}`,
  agenciesTitle: (province: string, count: number) => `Danh bạ cơ quan — ${province} (${count} cơ quan)`,
  agenciesHint: 'Dùng mã ở đầu dòng trong các lệnh, ví dụ /moi STP dau_moi.',
  pickKind: 'Chọn loại cơ quan muốn xem:',
  allKinds: 'Tất cả cơ quan',
  unknownKind: (kind: string, kinds: string) => `Không có loại cơ quan “${kind}”. Các loại: ${kinds}.`,
  membersTitle: (count: number) => `Thành viên đã liên kết (${count} người)`,
  noMembers: 'Chưa có thành viên nào. Dùng /moi để tạo mã mời.',
  channelNow: (platform: string) => `Nhắc việc đang gửi qua: ${platform}.`,
  channelNone: 'chưa có tài khoản nhận được',
  channelOnlyOne: 'Bạn mới liên kết một nền tảng. Gõ /lienket để lấy mã, rồi liên kết thêm Telegram hoặc Zalo.',
  channelPick: 'Chọn nơi nhận nhắc việc (mỗi lời nhắc chỉ gửi một nơi):',
  channelNotLinked: (platform: string) => `Bạn chưa liên kết tài khoản ${platform}. Gõ /lienket để lấy mã liên kết.`,
  channelSet: (platform: string) => `Từ nay nhắc việc sẽ gửi qua ${platform}.`,
};

export const whoAmICommand = defineCommand({
  name: 'toi',
  aliases: ['whoami'],
  summary: 'Xem thông tin của bạn: cơ quan, vai trò, tài khoản đã liên kết',
  usage: '/toi',
  roles: ['focal', 'leader', 'admin'],
  args: noArgs,
  run(ctx) {
    const member = ctx.member!;
    const tz = ctx.services.settings.timeZone;
    const accounts = ctx.services.store.members.accounts(member.id);
    return textReply(
      [bold(T.me)],
      `${T.name}: ${member.displayName}`,
      `${T.agency}: ${member.agencyName} (${member.agencyCode})`,
      `${T.role}: ${ROLE_LABELS[member.role]}`,
      `${T.accounts}:`,
      ...accounts.map(
        (a) => `• ${COMMON.platformLabel(a.platform)} — ${T.linkedAt(formatDateTime(new Date(a.linkedAt), tz))}`,
      ),
    );
  },
});

const ALL = 'tatca';

export const channelCommand = defineCommand({
  name: 'kenh',
  aliases: ['channel'],
  summary: 'Chọn nền tảng nhận nhắc việc (khi đã liên kết cả Telegram và Zalo)',
  usage: '/kenh [telegram | zalo]',
  roles: ['focal', 'leader', 'admin'],
  args: z.array(z.string()).transform((w) => w[0]?.toLowerCase() ?? null),
  run(ctx, platform) {
    const member = ctx.member!;
    const { members } = ctx.services.store;
    const accounts = members.accounts(member.id);
    const current = members.deliveryAccount(member)?.platform ?? null;
    if (platform === null) {
      return {
        text: lines(
          T.channelNow(current ? COMMON.platformLabel(current) : T.channelNone),
          ...(accounts.length < 2 ? [T.channelOnlyOne] : [T.channelPick]),
        ),
        ...(accounts.length >= 2 ? { choices: [accounts.map((a) => ({ label: COMMON.platformLabel(a.platform), command: `/kenh ${a.platform}` }))] } : {}),
      };
    }
    if (!accounts.some((a) => a.platform === platform)) return textReply(T.channelNotLinked(platform));
    members.setPreferredPlatform(member.id, platform);
    return textReply(T.channelSet(COMMON.platformLabel(platform)));
  },
});

export const agenciesCommand = defineCommand({
  name: 'coquan',
  aliases: ['agencies'],
  summary: 'Danh bạ cơ quan, đơn vị trong tỉnh (có thể lọc theo loại)',
  usage: '/coquan [loại cơ quan | tatca]',
  roles: ['leader', 'admin'],
  args: z.array(z.string()).transform((words) => words[0] ?? null),
  run(ctx, kind) {
    const { agencies } = ctx.services.store;
    const kinds = agencies.kinds();
    if (kind === null) {
      return {
        text: [T.pickKind],
        choices: [
          ...kinds.map((k) => [{ label: k.label, command: `/coquan ${k.code}` }]),
          [{ label: T.allKinds, command: '/coquan tatca' }],
        ],
      };
    }
    if (kind !== ALL && !kinds.some((k) => k.code === kind)) {
      return textReply(T.unknownKind(kind, kinds.map((k) => `${k.code} (${k.label})`).join(', ')));
    }
    const list = agencies.list(kind === ALL ? {} : { kind });
    const rows: RichText[] = [];
    for (const group of kinds) {
      const inGroup = list.filter((a) => a.kind === group.code);
      if (inGroup.length === 0) continue;
      rows.push([bold(`${group.label} (${inGroup.length})`)]);
      for (const agency of inGroup) rows.push(agencyLine(agency));
    }
    return textReply(
      [bold(T.agenciesTitle(ctx.services.settings.provinceName, list.length))],
      ...rows,
      T.agenciesHint,
    );
  },
});

function agencyLine(agency: Agency): RichText {
  return [code(agency.code), ` — ${agency.name}${agency.shortName ? ` (${agency.shortName})` : ''}`];
}

export const membersCommand = defineCommand({
  name: 'thanhvien',
  aliases: ['members'],
  summary: 'Danh sách thành viên đã liên kết (có thể lọc theo cơ quan)',
  usage: '/thanhvien [mã cơ quan]',
  roles: ['admin'],
  args: optionalAgencyWords,
  run(ctx, agencyText) {
    const { store } = ctx.services;
    const target = resolveAgencyWords(ctx.services, agencyText);
    if ('text' in target) return target;
    const { agencyId } = target;
    const members = store.members.list(agencyId !== undefined ? { agencyId } : {});
    if (members.length === 0) return textReply(T.noMembers);
    return {
      text: lines(
        [bold(T.membersTitle(members.length))],
        ...members.map((m) => {
          const platforms = store.members
            .accounts(m.id)
            .map((a) => COMMON.platformLabel(a.platform))
            .join(', ');
          return `• ${m.displayName} — ${m.agencyName} — ${ROLE_LABELS[m.role]}${platforms ? ` — ${platforms}` : ''}`;
        }),
      ),
    };
  },
});
