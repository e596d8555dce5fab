import { z } from 'zod';
import { bold, textReply, type Reply } from '../src/app/reply.js';
import type { AuditEntry } from '../src/store/people-repo.js';
import type { PruneKind } from '../src/app/retention.js';
import { ROLE_LABELS } from '../src/domain/roles.js';
import { formatDateTime } from '../src/domain/time.js';
import { defineCommand, type CommandContext, type CommandResult } from './command.js';
import { memberNumber, noArgs } from './args.js';
import { REDEEM_ERRORS, redeemInvite } from './onboarding.js';
import { STATUS_TEXTS } from './status.js';
import { personalDataWorkbook } from '../src/app/personal-data-workbook.js';

/** Words of the privacy notice, consent, /dulieu, member removal and /nhatky, in one place. */
const T = {
  acceptQuestion: 'Bạn có đồng ý để dondoc xử lý dữ liệu cá nhân như trên không?',
  noticeChanged: 'Thông báo xử lý dữ liệu cá nhân của dondoc đã được cập nhật. Hãy đọc và chọn đồng ý để tiếp tục dùng dondoc.',
  accept: '✅ Đồng ý',
  refuse: '✖️ Không đồng ý',
  acceptedAgain: 'Cảm ơn bạn. dondoc đã ghi nhận bạn đồng ý với thông báo xử lý dữ liệu cá nhân mới. Bạn có thể tiếp tục dùng dondoc như trước.',
  consentWaiting: 'Mã mời của bạn đang chờ bạn trả lời thông báo xử lý dữ liệu cá nhân ở trên: chọn “Đồng ý” để liên kết tài khoản, hoặc “Không đồng ý” để dừng lại. Chưa có gì được lưu.',
  noPendingCode: 'Không còn mã mời nào đang chờ bạn đồng ý (đã quá 30 phút hoặc dondoc vừa khởi động lại). Hãy gửi lại mã mời.',
  refusedStranger:
    'Bạn đã chọn không đồng ý. dondoc không liên kết tài khoản của bạn và không lưu thông tin nào về bạn. Mã mời vẫn dùng được tới khi hết hạn nếu bạn đổi ý: gửi lại mã.',
  refusedMember:
    'Bạn chưa đồng ý với thông báo mới, nên dondoc sẽ không xử lý tin nhắn của bạn cho tới khi bạn đồng ý. Muốn rút lại sự đồng ý và đề nghị xoá dữ liệu của mình: gõ /dulieu xoa.',
  consentInPrivate: 'Thông báo xử lý dữ liệu cá nhân của dondoc đã được cập nhật. Hãy nhắn riêng cho bot để đọc và đồng ý trước khi báo tình trạng.',
  myData: (name: string, accounts: number, updates: number, files: number, format: string) => [
    [bold('Dữ liệu dondoc đang giữ về bạn')],
    `Họ tên: ${name}; ${accounts} tài khoản chat đã liên kết; ${updates} lần báo tình trạng; ${files} tệp minh chứng.`,
    `Toàn bộ có trong tệp ${format} kèm theo${format === 'JSON' ? ' (muốn tệp Excel: /dulieu xlsx)' : ''}. Muốn sửa họ tên: gõ /tenminh <họ và tên>; sửa cơ quan hoặc vai trò: liên hệ Sở Nội vụ. Muốn được xoá: gõ /dulieu xoa.`,
  ],
  removalAsked:
    'Đã gửi đề nghị xoá dữ liệu của bạn tới quản trị Sở Nội vụ. Khi được xoá, họ tên và tài khoản chat của bạn bị xoá khỏi dondoc; lịch sử công việc của cơ quan vẫn giữ, ghi là “thành viên đã xoá”.',
  // Without the person's name: the admins' chats keep this message after the person is erased.
  removalToAdmins: (id: number, agency: string, role: string) => [
    `🗑 Thành viên số ${id} (${role}, ${agency}) đề nghị xoá dữ liệu cá nhân khỏi dondoc. Gõ /thanhvien để xem.`,
    `Để xoá: /xoathanhvien ${id}. Nhớ mời người thay thế cho cơ quan nếu cần.`,
  ],
  removeAsk: (name: string, agency: string, role: string) => [
    `Xoá ${name} (${role}, ${agency}) khỏi dondoc?`,
    'Tài khoản chat bị gỡ liên kết, họ tên bị xoá; các cập nhật công việc đã ghi vẫn tính cho cơ quan (ghi là “thành viên đã xoá”), nên điểm và báo cáo không đổi. Không hoàn tác được.',
  ],
  removeConfirm: '🗑 Xoá',
  removed: (agency: string, role: string) => `Đã xoá dữ liệu cá nhân của ${role} ${agency}. Lịch sử công việc của cơ quan được giữ nguyên.`,
  removeErrors: {
    not_found: 'Không có thành viên số này. Gõ /thanhvien để xem danh sách.',
    already_removed: 'Thành viên này đã được xoá trước đó.',
    self: 'Bạn không thể tự xoá mình bằng lệnh này; hãy nhờ một quản trị khác.',
  },
  renamed: (name: string) => `Đã sửa họ tên của bạn thành “${name}”. Từ nay dondoc và Sở Nội vụ thấy tên này.`,
  nameErrors: {
    empty: () => 'Hãy gõ họ và tên sau lệnh, ví dụ /tenminh Nguyễn Thị Hoa.',
    one_word: () => 'Cần đủ họ và tên (ít nhất hai chữ), ví dụ /tenminh Nguyễn Thị Hoa.',
    too_long: (e: { max: number }) => `Họ tên dài quá ${e.max} ký tự. Hãy gõ đúng họ và tên của bạn, ví dụ /tenminh Nguyễn Thị Hoa.`,
    bad_characters: (e: { chars: string[] }) =>
      `Họ tên chỉ gồm chữ cái (có dấu), dấu cách, dấu nháy (như H’Hen Niê) và gạch nối; hãy bỏ ${e.chars.map((c) => `“${c}”`).join(', ')} rồi gửi lại, ví dụ /tenminh Nguyễn Thị Hoa.`,
    same_name: (e: { name: string }) => `Họ tên của bạn đã là “${e.name}”; không có gì để sửa.`,
  },
  auditEmpty: 'Nhật ký quản trị chưa có mục nào.',
  auditTitle: (n: number) => `Nhật ký quản trị — ${n} mục gần nhất:`,
};

/** How the audit log names each action, in Vietnamese. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  invite: 'tạo mã mời',
  invite_list: 'tạo mã mời theo danh sách',
  plan_import: 'nhập kế hoạch',
  broadcast: 'gửi thông báo',
  extension_decision: 'quyết định gia hạn',
  role_change: 'đổi vai trò',
  name_correction: 'tự sửa họ tên',
  restore: 'khôi phục cơ sở dữ liệu',
  data_export: 'xuất dữ liệu cá nhân',
  removal_request: 'đề nghị xoá dữ liệu',
  member_removed: 'xoá thành viên',
  prune: 'xoá dữ liệu quá thời gian lưu',
  plan_document: 'sửa số, ngày, cơ quan ban hành của kế hoạch',
  report_settings: 'đặt người ký, nơi nhận báo cáo',
  agency_change: 'sửa danh bạ cơ quan',
  date_set: 'đặt hạn nhiệm vụ',
  report_request: 'yêu cầu báo cáo đột xuất',
  group_link: 'liên kết / bỏ liên kết nhóm chat',
};

/** How each kind of passing personal data is named when a prune reports it (data/retention.json's keys). */
export const PRUNE_KIND_LABELS: Record<PruneKind, string> = {
  outbox: 'tin đã gửi (làm trống mã chat và nội dung)',
  incomingUpdates: 'tin nhận từ Telegram/Zalo',
  heldEvidence: 'tệp minh chứng chờ trả lời',
  webSessions: 'phiên đăng nhập web đã kết thúc',
  numberedChoices: 'danh sách lựa chọn đánh số đã hết hiệu lực',
};

/** One audit entry as one line: when, who, through what, what, on what. */
export function auditLine(entry: AuditEntry, timeZone: string): string {
  const who = entry.actorMemberId !== null ? `${entry.actorName ?? '?'} (#${entry.actorMemberId})` : entry.via === 'scheduler' ? 'dondoc (tự động)' : 'dòng lệnh';
  const detail = entry.detail ? ` ${JSON.stringify(entry.detail)}` : '';
  return `${formatDateTime(new Date(entry.at), timeZone)} · ${who} · ${entry.via} · ${AUDIT_ACTION_LABELS[entry.action] ?? entry.action}${entry.target ? ` · ${entry.target}` : ''}${detail}`;
}

/** The notice with its two choices; `changed`: a member who accepted an older version is asked again. */
export function consentReply(ctx: CommandContext, changed: boolean): Reply {
  return {
    ...textReply(...(changed ? [T.noticeChanged, ''] : []), ...ctx.services.privacy.notice(), '', T.acceptQuestion),
    choices: [[{ label: T.accept, command: '/dongy' }, { label: T.refuse, command: '/tuchoi' }]],
  };
}

/** Said to a person whose invite code waits for the notice's answer and who wrote something else: the two choices again. */
export function consentWaitingReply(): Reply {
  return { ...textReply(T.consentWaiting), choices: [[{ label: T.accept, command: '/dongy' }, { label: T.refuse, command: '/tuchoi' }]] };
}

/** "đồng ý", "Đồng ý ạ", "dong y", "tôi đồng ý!": a typed yes to the notice (nothing else is read as one). */
export const TYPED_CONSENT = /^(?:(?:tôi|toi|em|e)\s+)?(?:đồng ý|dong y)(?:\s+(?:ạ|a))?[.!]*$/iu;

/** The reply to a member who has not accepted the current notice, in a private chat or a group. */
export function consentGate(ctx: CommandContext): CommandResult {
  if (ctx.chatType === 'group') return { replies: [textReply(T.consentInPrivate)] };
  return { replies: [consentReply(ctx, true)] };
}

/** Command names a member who has not accepted the current notice may still run. */
export const CONSENT_FREE_COMMANDS: ReadonlySet<string> = new Set(['dongy', 'tuchoi', 'dulieu', 'start', 'batdau']);

/** Shows the notice before an invite code links anything; the code waits (in memory) for "Đồng ý". */
export function offerConsent(ctx: CommandContext, code: string): { result: CommandResult; valid: boolean } {
  const checked = ctx.services.onboarding.check({ code, platform: ctx.platform, platformUserId: ctx.platformUserId });
  if (!checked.ok) return { result: { replies: [textReply(REDEEM_ERRORS[checked.error])] }, valid: false };
  // A /lienket code adds an account to a member who already accepted this notice: nothing new to accept.
  const existing = checked.value.memberId === null ? undefined : ctx.services.directory.member(checked.value.memberId);
  if (existing && !ctx.services.privacy.needsConsent(existing)) return { result: redeemInvite(ctx, code, ctx.services.privacy.noticeVersion), valid: true };
  ctx.pendingInputs.expect(ctx.platform, ctx.chatId, { kind: 'consent', code }, ctx.services.clock.now());
  return { result: { replies: [consentReply(ctx, false)] }, valid: true };
}

export const acceptCommand = defineCommand({
  name: 'dongy',
  summary: 'Đồng ý với thông báo xử lý dữ liệu cá nhân',
  usage: '/dongy',
  hidden: true,
  roles: 'everyone',
  args: noArgs,
  run(ctx): CommandResult | Reply {
    if (ctx.member) {
      ctx.services.privacy.accept(ctx.member, ctx.platform);
      return textReply(T.acceptedAgain);
    }
    const pending = ctx.pendingInputs.take(ctx.platform, ctx.chatId, ctx.services.clock.now(), ['consent']);
    if (!pending) return textReply(T.noPendingCode);
    return redeemInvite(ctx, pending.code, ctx.services.privacy.noticeVersion);
  },
});

export const refuseCommand = defineCommand({
  name: 'tuchoi',
  summary: 'Không đồng ý với thông báo xử lý dữ liệu cá nhân',
  usage: '/tuchoi',
  hidden: true,
  roles: 'everyone',
  args: noArgs,
  run(ctx) {
    if (ctx.member) return textReply(T.refusedMember);
    ctx.pendingInputs.take(ctx.platform, ctx.chatId, ctx.services.clock.now(), ['consent']);
    return textReply(T.refusedStranger);
  },
});

const MY_DATA_WORDS = 'chỉ nhận /dulieu (tệp JSON), /dulieu xlsx (tệp Excel) hoặc /dulieu xoa (đề nghị xoá)';
/** What the word after /dulieu asks for. */
const DATA_WORDS: Record<string, 'json' | 'xlsx' | 'remove' | undefined> = { json: 'json', xlsx: 'xlsx', excel: 'xlsx', xoa: 'remove', 'xoá': 'remove' };
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const myDataCommand = defineCommand({
  name: 'dulieu',
  aliases: ['mydata'],
  summary: 'Xem và nhận dữ liệu cá nhân dondoc giữ về bạn (tệp JSON, hoặc Excel: /dulieu xlsx); /dulieu xoa để đề nghị xoá',
  usage: '/dulieu [xlsx | xoa]',
  roles: ['focal', 'leader', 'admin'],
  args: z
    .array(z.string())
    .max(1, MY_DATA_WORDS)
    .transform((w) => DATA_WORDS[w[0]?.toLowerCase() ?? 'json'])
    .refine((w) => w !== undefined, MY_DATA_WORDS),
  async run(ctx, word) {
    const member = ctx.member!;
    if (word === 'remove') {
      ctx.services.privacy.requestRemoval(member, ctx.platform);
      ctx.services.notifyAdmins(`removal:${member.id}:${ctx.services.clock.now().toISOString().slice(0, 10)}`, textReply(...T.removalToAdmins(member.id, member.agencyName, ROLE_LABELS[member.role])));
      ctx.services.kickOutbox();
      return textReply(T.removalAsked);
    }
    const data = ctx.services.privacy.exportData(member, ctx.platform, word!);
    const text = textReply(...T.myData(member.displayName, data.taiKhoan.length, data.capNhat.length, data.tepDaGui.length, word === 'xlsx' ? 'Excel' : 'JSON'));
    if (word === 'xlsx') {
      const workbook = await personalDataWorkbook(data, { timeZone: ctx.services.settings.timeZone, statusWord: STATUS_TEXTS.statusWord });
      return { ...text, attachments: [{ kind: 'document', filename: `dulieu-dondoc-${member.id}.xlsx`, mimeType: XLSX_MIME, data: workbook }] };
    }
    return { ...text, attachments: [{ kind: 'document', filename: `dulieu-dondoc-${member.id}.json`, mimeType: 'application/json', data: Buffer.from(`${JSON.stringify(data, null, 2)}\n`) }] };
  },
});

export const correctNameCommand = defineCommand({
  name: 'tenminh',
  aliases: ['myname'],
  summary: 'Sửa họ tên của bạn trong dondoc',
  usage: '/tenminh <họ và tên>',
  roles: ['focal', 'leader', 'admin'],
  args: z.array(z.string()).transform((words) => words.join(' ')),
  run(ctx, typed) {
    const result = ctx.services.privacy.correctName(ctx.member!, typed, ctx.platform);
    if (result.ok) return textReply(T.renamed(result.value.name));
    const e = result.error;
    switch (e.code) {
      case 'too_long':
        return textReply(T.nameErrors.too_long(e));
      case 'bad_characters':
        return textReply(T.nameErrors.bad_characters(e));
      case 'same_name':
        return textReply(T.nameErrors.same_name(e));
      default:
        return textReply(T.nameErrors[e.code]());
    }
  },
});

export const removeMemberCommand = defineCommand({
  name: 'xoathanhvien',
  summary: 'Xoá dữ liệu cá nhân của một thành viên (giữ lịch sử công việc của cơ quan)',
  usage: '/xoathanhvien <số thành viên>',
  roles: ['admin'],
  args: z
    .tuple([memberNumber], { error: 'thiếu số thành viên, ví dụ /xoathanhvien 12 (gõ /thanhvien để xem)' })
    .rest(z.string())
    .refine(([, ...rest]) => rest.length === 0 || (rest.length === 1 && rest[0] === 'chac'), 'chỉ cần số thành viên, ví dụ /xoathanhvien 12 (gõ /thanhvien để xem)')
    .transform(([id, confirm]) => ({ id, confirmed: confirm === 'chac' })),
  run(ctx, args) {
    if (!args.confirmed) {
      const member = ctx.services.directory.member(args.id);
      if (!member) return textReply(T.removeErrors.not_found);
      if (member.removed) return textReply(T.removeErrors.already_removed);
      return { ...textReply(...T.removeAsk(member.displayName, member.agencyName, ROLE_LABELS[member.role])), choices: [[{ label: T.removeConfirm, command: `/xoathanhvien ${args.id} chac` }]] };
    }
    const result = ctx.services.privacy.remove({ memberId: ctx.member!.id, via: ctx.platform }, args.id);
    if (!result.ok) return textReply(T.removeErrors[result.error]);
    ctx.log.info({ removed: args.id }, 'member removed');
    return textReply(T.removed(result.value.agencyName, ROLE_LABELS[result.value.role]));
  },
});

export const auditCommand = defineCommand({
  name: 'nhatky',
  aliases: ['audit'],
  summary: 'Xem nhật ký các thao tác quản trị gần nhất',
  usage: '/nhatky [số mục, tối đa 100]',
  roles: ['admin'],
  args: z
    .array(z.string())
    .transform((w) => (w[0] === undefined ? 20 : Number(w[0])))
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 100, 'số mục phải từ 1 đến 100'),
  run(ctx, limit) {
    const entries = ctx.services.privacy.audit({ limit });
    if (entries.length === 0) return textReply(T.auditEmpty);
    return textReply(T.auditTitle(entries.length), ...entries.map((e) => auditLine(e, ctx.services.settings.timeZone)));
  },
});
