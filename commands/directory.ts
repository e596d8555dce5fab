import { z } from 'zod';
import { bold, code, lines, textReply, type RichText } from '../src/app/reply.js';
import { ROLE_INPUT, ROLE_LABELS } from '../src/domain/roles.js';
import type { RoleChangeError } from '../src/app/directory-service.js';
import { formatDateTime } from '../src/domain/time.js';
import type { Agency } from '../src/store/agency-repo.js';
import type { BudgetUsage } from '../src/app/message-budget.js';
import { memberNumber, noArgs, optionalAgencyWords, resolveAgencyWords, kindFromWords, roleWord } from './args.js';
import { defineCommand, type CommandContext } from './command.js';
import type { Reply } from '../src/app/reply.js';
import type { RegistryEditError } from '../src/app/registry-editor.js';
import { formatCivil, parseTypedDay } from '../src/domain/civil-date.js';
import { COMMON } from './common.texts.js';

/** Directory words, in one place. */
const T = {
  me: 'Thông tin của bạn',
  name: 'Họ tên',
  agency: 'Cơ quan',
  role: 'Vai trò',
  accounts: 'Tài khoản đã liên kết',
  nameHint: 'Họ tên chưa đúng? Gõ /tenminh <họ và tên> để sửa.',
  linkedAt: (when: string) => `liên kết ${when}`,
  agenciesTitle: (province: string, count: number) => `Danh bạ cơ quan — ${province} (${count} cơ quan)`,
  agenciesHint: 'Dùng mã ở đầu dòng trong các lệnh, ví dụ /moi STP dau_moi.',
  pickKind: 'Chọn loại cơ quan muốn xem:',
  allKinds: 'Tất cả cơ quan',
  unknownKind: (kind: string, kinds: string) => `Không có loại cơ quan “${kind}”. Các loại: ${kinds}.`,
  editUsage:
    'Sửa danh bạ (quản trị): /coquan them <loại> <MÃ> <tên đầy đủ> · /coquan doiten <MÃ> <tên mới> · /coquan ngung <MÃ> [ngày/tháng/năm] [MÃ cơ quan kế nhiệm]. Ví dụ: /coquan them so_ban_nganh SNGV Sở Ngoại vụ.',
  adminOnly: 'Chỉ quản trị (Sở Nội vụ) mới sửa được danh bạ cơ quan.',
  added: (code: string, name: string) => `Đã thêm ${name} (mã ${code}) vào danh bạ. Mời đầu mối: /moi ${code} dau_moi.`,
  renamed: (code: string, name: string) => `Đã đổi tên ${code} thành “${name}”; tên cũ vẫn được nhận trong các kế hoạch.`,
  retired: (name: string, until: string, successor: string | null) =>
    `Đã ngừng theo dõi ${name} từ ${until}${successor ? `; việc của cơ quan này từ nay giao cho ${successor} khi nhập kế hoạch` : ''}. dondoc không nhắc cơ quan này nữa; lịch sử vẫn giữ.`,
  badDate: (text: string) => `Ngày “${text}” không hợp lệ. Gửi dạng ngày/tháng/năm, ví dụ 01/12/2026.`,
  editError: (e: RegistryEditError): string => {
    switch (e.code) {
      case 'unknown_kind':
        return `Không có loại cơ quan “${e.kind}”. Các loại: ${e.kinds.join(', ')}.`;
      case 'bad_code':
        return `Mã “${e.agencyCode}” không hợp lệ: mã gồm 2–20 chữ in hoa, số hoặc dấu _, ví dụ SNGV.`;
      case 'duplicate_code':
        return `Mã ${e.agencyCode} đã có trong danh bạ. Chọn mã khác, hoặc dùng /coquan doiten để đổi tên.`;
      case 'unknown_agency':
        return `Không có cơ quan mã “${e.agencyCode}”. Gõ /coquan tatca để xem mã.`;
      case 'standing':
        return `${e.agencyCode} là cơ quan thường trực CCHC, không thể ngừng theo dõi.`;
      case 'already_ceased':
        return `${e.agencyCode} đã ngừng từ ${e.until}.`;
      case 'bad_successor':
        return `Cơ quan kế nhiệm “${e.agencyCode}” không có hoặc đã ngừng hoạt động.`;
      case 'invalid':
        return `Danh bạ không hợp lệ sau khi sửa (${e.message}); dondoc chưa ghi gì.`;
    }
  },
  membersTitle: (count: number) => `Thành viên đã liên kết (${count} người)`,
  membersHint: 'Số sau dấu # là số thành viên, dùng cho /doivaitro và /xoathanhvien.',
  roleAsk: (name: string, agency: string, from: string, to: string) => [
    `Đổi vai trò của ${name} (${agency}) từ ${from} thành ${to}?`,
    'Từ tin nhắn tiếp theo, người này dùng các lệnh và nhận nhắc việc của vai trò mới; dondoc sẽ báo cho họ.',
  ],
  roleConfirm: '✅ Đổi vai trò',
  roleChanged: (name: string, from: string, to: string) => `Đã đổi vai trò của ${name} từ ${from} thành ${to}. dondoc đã báo cho người này.`,
  roleChangedSelf: (to: string) => `Đã đổi vai trò của bạn thành ${to}. Gõ /trogiup để xem các lệnh bạn dùng được.`,
  roleToMember: (from: string, to: string) => `Sở Nội vụ đã đổi vai trò của bạn trong dondoc từ ${from} thành ${to}. Gõ /trogiup để xem các lệnh bạn dùng được.`,
  roleErrors: {
    not_found: 'Không có thành viên số này. Gõ /thanhvien để xem danh sách (số sau dấu #).',
    removed: 'Thành viên này đã được xoá khỏi dondoc nên không đổi được vai trò.',
    same_role: (role: string) => `Thành viên này đã là ${role}; không có gì để đổi.`,
    last_admin: 'Đây là quản trị duy nhất của dondoc nên không đổi sang vai trò khác được (tỉnh sẽ không còn ai quản trị). Hãy có thêm một quản trị trước: /moi SNV quan_tri <họ tên>, hoặc /doivaitro <số thành viên> quan_tri.',
  },
  noMembers: 'Chưa có thành viên nào. Dùng /moi để tạo mã mời.',
  channelNow: (platform: string) => `Nhắc việc đang gửi qua: ${platform}.`,
  channelNone: 'chưa có tài khoản nhận được',
  channelOnlyOne: 'Bạn mới liên kết một nền tảng. Gõ /lienket để lấy mã, rồi liên kết thêm Telegram hoặc Zalo.',
  channelPick: 'Chọn nơi nhận nhắc việc (mỗi lời nhắc chỉ gửi một nơi):',
  channelNotLinked: (platform: string) => `Bạn chưa liên kết tài khoản ${platform}. Gõ /lienket để lấy mã liên kết.`,
  channelSet: (platform: string) => `Từ nay nhắc việc sẽ gửi qua ${platform}.`,
  budgetLine: (platform: string, u: BudgetUsage) =>
    `${platform}: đã gửi ${u.sent.toLocaleString('vi-VN')}/${u.quota > 0 ? u.quota.toLocaleString('vi-VN') : 'không giới hạn'} tin nhắn tháng này${u.stopped ? ' — đang tạm dừng gửi (hết hạn mức); gửi tiếp: /kenh zalo tieptuc' : u.resumed ? ' — quản trị đã cho gửi tiếp vượt hạn mức' : u.tight ? ' — sắp hết hạn mức: đang tiết kiệm tin không gấp' : ''}.`,
  budgetResumed: (platform: string) => `Đã cho gửi tiếp qua ${platform} đến hết tháng này, kể cả vượt hạn mức đã đặt. Nếu ${platform} vẫn báo hết hạn mức, dondoc sẽ dừng lại và báo quản trị.`,
  budgetNone: (platform: string) => `Nền tảng “${platform}” không có hạn mức tin nhắn tháng. Cách dùng: /kenh zalo tieptuc`,
  budgetAdminsOnly: 'Chỉ quản trị của Sở Nội vụ mới cho gửi tiếp khi hết hạn mức tin nhắn.',
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
    const accounts = ctx.services.directory.accounts(member);
    return textReply(
      [bold(T.me)],
      `${T.name}: ${member.displayName}`,
      `${T.agency}: ${member.agencyName} (${member.agencyCode})`,
      `${T.role}: ${ROLE_LABELS[member.role]}`,
      `${T.accounts}:`,
      ...accounts.map(
        (a) => `• ${COMMON.platformLabel(a.platform)} — ${T.linkedAt(formatDateTime(new Date(a.linkedAt), tz))}`,
      ),
      T.nameHint,
    );
  },
});

const ALL = 'tatca';

export const channelCommand = defineCommand({
  name: 'kenh',
  aliases: ['channel'],
  summary: 'Chọn nền tảng nhận nhắc việc (khi đã liên kết cả Telegram và Zalo)',
  usage: '/kenh [telegram | zalo] · quản trị: /kenh zalo tieptuc',
  roles: ['focal', 'leader', 'admin'],
  args: z.array(z.string()).transform((w) => ({ platform: w[0]?.toLowerCase() ?? null, resume: w[1] !== undefined && ['tieptuc', 'tiếp tục', 'tiep'].includes(w.slice(1).join(' ').toLowerCase()) })),
  run(ctx, { platform, resume }) {
    const member = ctx.member!;
    const { directory, budget } = ctx.services;
    // Admins see each limited platform's month and may resume sending past the configured budget.
    const usage = member.role === 'admin' ? budget.limited() : [];
    if (resume) {
      if (member.role !== 'admin') return textReply(T.budgetAdminsOnly);
      if (!usage.some((u) => u.platform === platform)) return textReply(T.budgetNone(platform ?? ''));
      budget.resume(platform!);
      ctx.log.info({ platform }, 'monthly budget resumed by an admin');
      return textReply(T.budgetResumed(COMMON.platformLabel(platform!)));
    }
    const budgetLines = usage.map((u) => T.budgetLine(COMMON.platformLabel(u.platform), u));
    const accounts = directory.accounts(member);
    const current = directory.deliveryPlatform(member);
    if (platform === null) {
      return {
        text: lines(
          T.channelNow(current ? COMMON.platformLabel(current) : T.channelNone),
          ...(accounts.length < 2 ? [T.channelOnlyOne] : [T.channelPick]),
          ...budgetLines,
        ),
        ...(accounts.length >= 2 ? { choices: [accounts.map((a) => ({ label: COMMON.platformLabel(a.platform), command: `/kenh ${a.platform}` }))] } : {}),
      };
    }
    if (!accounts.some((a) => a.platform === platform)) return textReply(T.channelNotLinked(platform));
    directory.setPreferredPlatform(member, platform);
    return textReply(T.channelSet(COMMON.platformLabel(platform)));
  },
});

/** Why a directory edit was refused, in words (also for "Thêm …" under a plan preview). */
export const directoryEditError = (e: RegistryEditError): string => T.editError(e);

export const agenciesCommand = defineCommand({
  name: 'coquan',
  aliases: ['agencies'],
  summary: 'Danh bạ cơ quan, đơn vị trong tỉnh (có thể lọc theo loại)',
  usage: '/coquan [loại cơ quan | tatca] · quản trị: /coquan them|doiten|ngung …',
  roles: ['leader', 'admin'],
  args: z.array(z.string()),
  run(ctx, words) {
    const typed = words[0] ?? null;
    if (typed !== null && EDITS.has(typed.toLowerCase())) return editDirectory(ctx, typed.toLowerCase(), words.slice(1));
    const { directory } = ctx.services;
    const kinds = directory.kinds();
    const kind = typed === null || typed.toLowerCase() === ALL ? typed?.toLowerCase() ?? null : (kindFromWords(kinds, words.join(' ')) ?? typed);
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
    const list = directory.agencies(kind === ALL ? {} : { kind });
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

const EDITS = new Set(['them', 'doiten', 'ngung']);

/** /coquan them | doiten | ngung: an admin changes the directory (written to data/agencies.json, applied at once). */
function editDirectory(ctx: CommandContext, action: string, words: string[]): Reply {
  if (ctx.member?.role !== 'admin') return textReply(T.adminOnly);
  const editor = ctx.services.registry;
  const actor = { memberId: ctx.member.id, via: ctx.platform };
  if (action === 'them') {
    const [kindWord, code, ...name] = words;
    if (!kindWord || !code || name.length === 0) return textReply(T.editUsage);
    const kind = kindFromWords(ctx.services.directory.kinds(), kindWord) ?? kindWord;
    const result = editor.add(kind, code, name.join(' '), actor);
    return textReply(result.ok ? T.added(code.toUpperCase(), name.join(' ')) : T.editError(result.error));
  }
  if (action === 'doiten') {
    const [code, ...name] = words;
    if (!code || name.length === 0) return textReply(T.editUsage);
    const result = editor.rename(code, name.join(' '), actor);
    return textReply(result.ok ? T.renamed(code.toUpperCase(), name.join(' ')) : T.editError(result.error));
  }
  const [code, ...rest] = words;
  if (!code) return textReply(T.editUsage);
  let until: string | null = null;
  let successor: string | null = null;
  for (const word of rest) {
    if (/^\d/.test(word)) {
      until = parseTypedDay(word);
      if (!until || until < '2000-01-01') return textReply(T.badDate(word));
    } else {
      successor = word;
    }
  }
  const result = editor.retire(code, until, successor, actor);
  if (!result.ok) return textReply(T.editError(result.error));
  const retired = result.value.agencies.find((a) => a.code === code.toUpperCase())!;
  const next = retired.successor ? result.value.agencies.find((a) => a.code === retired.successor)!.name : null;
  return textReply(T.retired(retired.name, formatCivil(retired.until!), next));
}

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
    const target = resolveAgencyWords(ctx.services, agencyText);
    if ('text' in target) return target;
    const { agencyId } = target;
    const members = ctx.services.directory.members(agencyId !== undefined ? { agencyId } : {});
    if (members.length === 0) return textReply(T.noMembers);
    return {
      text: lines(
        [bold(T.membersTitle(members.length))],
        ...members.map((m) => {
          const platforms = m.platforms.map((p) => COMMON.platformLabel(p)).join(', ');
          return `• #${m.id} ${m.displayName} — ${m.agencyName} — ${ROLE_LABELS[m.role]}${platforms ? ` — ${platforms}` : ''}`;
        }),
        T.membersHint,
      ),
    };
  },
});

export const changeRoleCommand = defineCommand({
  name: 'doivaitro',
  aliases: ['setrole'],
  summary: 'Đổi vai trò của một thành viên (đầu mối, lãnh đạo, quản trị)',
  usage: `/doivaitro <số thành viên> <vai trò mới: ${Object.values(ROLE_INPUT).join(' | ')}>`,
  roles: ['admin'],
  args: z
    .tuple([memberNumber, roleWord], { error: 'cần số thành viên và vai trò mới, ví dụ /doivaitro 12 lanh_dao' })
    .rest(z.string())
    .refine(([, , ...rest]) => rest.length === 0 || (rest.length === 1 && rest[0] === 'chac'), 'chỉ cần số thành viên và vai trò mới, ví dụ /doivaitro 12 lanh_dao')
    .transform(([id, role, confirm]) => ({ id, role, confirmed: confirm === 'chac' })),
  run(ctx, args) {
    const to = ROLE_LABELS[args.role];
    const refusal = (error: RoleChangeError) => textReply(error === 'same_role' ? T.roleErrors.same_role(to) : T.roleErrors[error]);
    if (!args.confirmed) {
      const refused = ctx.services.directory.roleChangeRefusal(args.id, args.role);
      if (refused) return refusal(refused);
      const member = ctx.services.directory.member(args.id)!;
      return {
        ...textReply(...T.roleAsk(member.displayName, member.agencyName, ROLE_LABELS[member.role], to)),
        choices: [[{ label: T.roleConfirm, command: `/doivaitro ${args.id} ${ROLE_INPUT[args.role]} chac` }]],
      };
    }
    const actor = ctx.member!;
    const changed = ctx.services.directory.changeRole({ memberId: actor.id, via: ctx.platform }, args.id, args.role);
    if (!changed.ok) return refusal(changed.error);
    const { member, from } = changed.value;
    ctx.log.info({ member: member.id, from, to: args.role }, 'role changed');
    if (member.id === actor.id) return textReply(T.roleChangedSelf(to));
    ctx.services.notifyMember(`role:${member.id}:${args.role}:${ctx.services.clock.now().toISOString()}`, member.id, textReply(T.roleToMember(ROLE_LABELS[from], to)));
    ctx.services.kickOutbox();
    return textReply(T.roleChanged(member.displayName, ROLE_LABELS[from], to));
  },
});

const G = {
  none: 'Nhóm này chưa liên kết với dondoc. Quản trị gõ /nhom tinh (nhóm của cả tỉnh) hoặc /nhom <mã cơ quan> (nhóm của một cơ quan) để thông báo của Sở Nội vụ được đăng vào đây.',
  linkedTo: (who: string) => `Nhóm này đang liên kết với: ${who}. Thông báo gửi tới ${who} được đăng một lần vào nhóm; mỗi người vẫn xác nhận trong tin nhắn riêng. Bỏ liên kết: /nhom huy`,
  province: (name: string) => `cả tỉnh (${name})`,
  linked: (who: string) => `Đã liên kết nhóm này với ${who}. Từ nay thông báo của Sở Nội vụ tới ${who} được đăng một lần vào nhóm (mỗi người vẫn xác nhận trong tin nhắn riêng).`,
  unlinked: 'Đã bỏ liên kết nhóm này: thông báo sẽ không đăng vào đây nữa.',
  notLinked: 'Nhóm này chưa liên kết nên không có gì để bỏ.',
  inGroupOnly: 'Gõ /nhom ngay trong nhóm cần liên kết (thêm bot vào nhóm trước).',
  listTitle: (n: number) => `Các nhóm đã liên kết (${n}):`,
  listLine: (platform: string, chatId: string, who: string) => `• ${platform} ${chatId} — ${who}`,
  listNone: 'Chưa có nhóm nào liên kết. Thêm bot vào nhóm rồi gõ /nhom tinh hoặc /nhom <mã cơ quan> trong nhóm đó.',
};

export const groupCommand = defineCommand({
  name: 'nhom',
  inGroups: true,
  aliases: ['group'],
  summary: 'Liên kết nhóm chat với cả tỉnh hoặc một cơ quan: thông báo được đăng vào nhóm',
  usage: '/nhom (trong nhóm: /nhom tinh · /nhom <mã cơ quan> · /nhom huy)',
  roles: ['admin'],
  args: z.array(z.string()).transform((w) => (w.length > 0 ? w.join(' ') : null)),
  run(ctx, typed) {
    const { directory, settings, clock } = ctx.services;
    const who = (agencyId: number | null) => (agencyId === null ? G.province(settings.provinceName) : (directory.agency(agencyId)?.name ?? String(agencyId)));
    if (ctx.chatType !== 'group') {
      if (typed !== null) return textReply(G.inGroupOnly);
      const groups = directory.groups();
      if (groups.length === 0) return textReply(G.listNone);
      return textReply(G.listTitle(groups.length), ...groups.map((g) => G.listLine(COMMON.platformLabel(g.platform), g.chatId, who(g.agencyId))));
    }
    const current = directory.group(ctx.platform, ctx.chatId);
    if (typed === null) return textReply(current ? G.linkedTo(who(current.agencyId)) : G.none);
    const word = typed.toLowerCase();
    if (['huy', 'hủy', 'bo', 'bỏ'].includes(word)) {
      if (!directory.unlinkGroup(ctx.platform, ctx.chatId, ctx.member!)) return textReply(G.notLinked);
      ctx.log.info({ group: ctx.chatId }, 'group unlinked');
      return textReply(G.unlinked);
    }
    let agencyId: number | null = null;
    if (!['tinh', 'tỉnh', 'ca tinh', 'cả tỉnh'].includes(word)) {
      const agency = directory.findAgency(typed);
      if (!agency) return textReply(COMMON.unknownAgency(typed));
      agencyId = agency.id;
    }
    directory.linkGroup(ctx.platform, ctx.chatId, agencyId, ctx.member!, clock.now());
    ctx.log.info({ group: ctx.chatId, agencyId }, 'group linked');
    return textReply(G.linked(who(agencyId)));
  },
});
