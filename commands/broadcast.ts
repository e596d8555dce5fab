import { z } from 'zod';
import type { IncomingFile } from './dispatcher.js';
import { bold, formatSize, lines, textReply, type Attachment, type Reply } from '../src/app/reply.js';
import { formatDateTime } from '../src/domain/time.js';
import type { Broadcast } from '../src/store/broadcast-repo.js';
import type { BroadcastService } from '../src/app/broadcast-service.js';
import { defineCommand, type CommandContext, type CommandResult } from './command.js';
import { COMMON } from './common.texts.js';

/** Files a broadcast can carry: documents, spreadsheets, scans and photos, up to 20 MB (what a Telegram bot can download). */
const FILE_TYPES: [RegExp, string][] = [
  [/\.pdf$/i, 'application/pdf'],
  [/\.docx$/i, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  [/\.doc$/i, 'application/msword'],
  [/\.xlsx$/i, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [/\.xls$/i, 'application/vnd.ms-excel'],
  [/\.odt$/i, 'application/vnd.oasis.opendocument.text'],
  [/\.ods$/i, 'application/vnd.oasis.opendocument.spreadsheet'],
  [/\.jpe?g$/i, 'image/jpeg'],
  [/\.png$/i, 'image/png'],
  [/\.zip$/i, 'application/zip'],
];
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_BODY = 3000;

/** Broadcast words, in one place. */
const T = {
  title: '📢 Thông báo của Sở Nội vụ',
  ack: '✅ Đã nhận',
  chooseAudience: (id: number) => `Thông báo #${id} đã soạn. Gửi tới ai? (Hoặc gõ /tb_doituong ${id} coquan STP,STC để chọn cơ quan.)`,
  attach: '📎 Đính kèm tệp',
  sendFile: (id: number) => `Hãy gửi tệp cần đính kèm thông báo #${id} (PDF, Word, Excel, ảnh JPG/PNG hoặc ZIP; tối đa 20 MB) trong 30 phút tới.`,
  attached: (id: number, name: string, size: string) => `📎 Đã đính kèm “${name}” (${size}) vào thông báo #${id}.`,
  fileLine: (name: string, size: string) => `📎 Tệp đính kèm: ${name} (${size})`,
  fileBadType: (name: string) => `Tệp “${name}” không gửi kèm thông báo được. Hãy gửi PDF, Word, Excel, ảnh JPG/PNG hoặc ZIP.`,
  fileTooBig: (size: string) => `Tệp quá lớn (${size}); tệp kèm thông báo tối đa 20 MB. Hãy nén nhỏ hoặc chia thành nhiều tệp.`,
  fileNoBody: 'Thiếu nội dung thông báo. Gửi lại tệp với chú thích, ví dụ: “/thongbao Đề nghị các cơ quan điền biểu mẫu đính kèm trước 15/12.”',
  bodyTooLong: 'Nội dung thông báo quá dài (tối đa 3.000 ký tự). Hãy rút gọn, phần chi tiết để trong tệp đính kèm.',
  zaloNoLinks: (n: number) => `Lưu ý: ${n} người nhận dùng Zalo sẽ chỉ thấy tên tệp vì dondoc chưa có địa chỉ công khai (DONDOC_PUBLIC_URL) để gửi liên kết tải tệp.`,
  preview: (id: number, label: string, people: number, agencies: number) => `Xem trước thông báo #${id} — gửi tới: ${label} — ${people} người của ${agencies} cơ quan.`,
  send: 'Gửi',
  cancel: 'Hủy',
  nobody: 'Không có ai trong nhóm này đã liên kết với dondoc. Hãy chọn nhóm khác.',
  nobodyLinked: (n: number) => `Không ai trong nhóm này nhận được: cả ${n} người chưa liên kết tài khoản với dondoc. Hãy chọn nhóm khác, hoặc mời họ liên kết trước (/moi).`,
  unlinked: (people: { name: string; agencyName: string }[]) =>
    `Chưa liên kết tài khoản (không nhận được, không tính ở trên): ${people.length} người — ${people.slice(0, 8).map((p) => `${p.name} (${p.agencyName})`).join(', ')}${people.length > 8 ? `, và ${people.length - 8} người khác` : ''}.`,
  groupNote: 'Mỗi người xác nhận đã nhận trong tin nhắn riêng của dondoc.',
  groups: (n: number) => `Cũng đăng một lần vào ${n} nhóm đã liên kết.`,
  zaloCost: (messages: number, sent: number, quota: number) =>
    `Qua Zalo: khoảng ${messages.toLocaleString('vi-VN')} tin nhắn (tháng này đã gửi ${sent.toLocaleString('vi-VN')}/${quota.toLocaleString('vi-VN')}).`,
  zaloOver: (left: number) =>
    `⚠️ Vượt hạn mức tin nhắn Zalo tháng này (chỉ còn ${left.toLocaleString('vi-VN')} tin): phần vượt sẽ chờ đến đầu tháng sau, trừ khi bạn bấm “Gửi, vượt hạn mức” (khi gói Zalo cho phép).`,
  sendOver: 'Gửi, vượt hạn mức',
  confirmOver: (id: number) => `Thông báo #${id} cần nhiều tin Zalo hơn hạn mức còn lại tháng này. Xem lại bản xem trước và bấm “Gửi, vượt hạn mức” nếu gói Zalo cho phép.`,
  unknownAudience: 'Không rõ nhóm người nhận. Hãy chọn lại bằng nút, hoặc gõ mã cơ quan cách nhau bởi dấu phẩy.',
  unknownAgency: 'Có mã cơ quan không tồn tại. Gõ /coquan để xem mã các cơ quan.',
  notFound: (id: string) => `Không có thông báo #${id}.`,
  notDraft: (id: number) => `Thông báo #${id} đã được gửi hoặc đã hủy.`,
  noAudience: 'Chưa chọn người nhận.',
  sending: (id: number, n: number) => `Đang gửi thông báo #${id} tới ${n} người. Gõ /thongbao_tt ${id} để xem ai đã nhận.`,
  cancelled: (id: number) => `Đã hủy thông báo #${id}; chưa gửi cho ai.`,
  acked: (id: number) => `Cảm ơn bạn, dondoc đã ghi nhận bạn đã nhận thông báo #${id}.`,
  ackedAgain: (id: number) => `Bạn đã xác nhận thông báo #${id} trước đó.`,
  notRecipient: (id: string) => `Thông báo #${id} không gửi cho bạn.`,
  listTitle: 'Các thông báo gần đây',
  listEmpty: 'Chưa có thông báo nào. Gõ /thongbao <nội dung> để soạn.',
  noAudienceYet: 'chưa chọn người nhận',
  listLine: (id: number, when: string, label: string, recipients: number, acked: number, status: string) => `#${id} — ${when} — ${label} — ${status === 'sent' ? `${recipients} người, ${acked} đã nhận` : status === 'draft' ? 'bản nháp' : 'đã hủy'}`,
  statsTitle: (id: number) => `Tình hình thông báo #${id}`,
  stats: (s: { recipients: number; sent: number; pending: number; unreachable: number; failed: number; acknowledged: number }) => [
    `Người nhận: ${s.recipients}. Đã gửi: ${s.sent ?? 0}; đang chờ gửi: ${s.pending ?? 0}; không liên lạc được: ${s.unreachable ?? 0}; lỗi: ${s.failed ?? 0}.`,
    `Đã bấm “Đã nhận”: ${s.acknowledged ?? 0}/${s.recipients}.`,
  ],
  notAcked: (names: string) => `Cơ quan chưa xác nhận: ${names}.`,
  allAcked: 'Tất cả đã xác nhận.',
  resend: 'Gửi lại cho người chưa xác nhận',
  resent: (n: number) => `Đã gửi lại cho ${n} người chưa xác nhận.`,
};

/** The message each recipient gets, with its "Đã nhận" button (a numbered choice on Zalo) and its file, if any. */
export function broadcastMessage(id: number, body: string, file?: Attachment): Reply {
  return { text: lines([bold(T.title)], body), choices: [[{ label: T.ack, command: `/danhan ${id}` }]], ...(file ? { attachments: [file] } : {}) };
}

/** A broadcast's message with its stored file (the outbox keeps only the file's reference). */
export function broadcastReply(broadcasts: BroadcastService, b: Broadcast): Reply {
  return broadcastMessage(b.id, b.body, broadcasts.attachment(b.id));
}

/** "Gửi tới ai?" with the audiences as choices, and the button to attach a file. */
function askAudience(ctx: CommandContext, id: number, first: string[]): Reply {
  return {
    text: lines(...first, T.chooseAudience(id)),
    choices: [
      ...ctx.services.broadcasts.audiences().map((a) => [{ label: a.label, command: `/tb_doituong ${id} ${a.code}` }]),
      [{ label: T.attach, command: `/tb_tep ${id}` }],
    ],
  };
}

/** The broadcast text a file's caption carries ("/thongbao Đề nghị…" → "Đề nghị…"). */
const captionBody = (caption: string) => caption.trim().replace(/^\/\S+\s*/, '').trim();

/**
 * A file from an admin for a broadcast: after "📎 Đính kèm tệp" (`draftId`), or sent with the caption
 * "/thongbao <nội dung>" (a new draft). Checked, downloaded and stored with the draft in one transaction.
 */
export async function handleBroadcastFile(ctx: CommandContext, file: IncomingFile, draftId: number | null): Promise<CommandResult> {
  const result = await attachBroadcastFile(ctx, file, draftId);
  // A refused file after 📎 leaves the draft waiting for another one (not a plan import by surprise).
  if (draftId !== null && !result.attached && ctx.services.broadcasts.draft(draftId).ok) {
    ctx.pendingInputs.expect(ctx.platform, ctx.chatId, { kind: 'broadcast_file', broadcastId: draftId }, ctx.services.clock.now());
  }
  return { replies: result.replies };
}

async function attachBroadcastFile(ctx: CommandContext, file: IncomingFile, draftId: number | null): Promise<CommandResult & { attached?: true }> {
  const type = FILE_TYPES.find(([pattern]) => pattern.test(file.name));
  if (!type) return { replies: [textReply(T.fileBadType(file.name))] };
  if (file.size > MAX_FILE_BYTES) return { replies: [textReply(T.fileTooBig(formatSize(file.size)))] };
  let draft: Broadcast | undefined;
  const body = captionBody(file.caption);
  if (draftId !== null) {
    const open = openDraft(ctx, { id: draftId, raw: String(draftId) });
    if (isReply(open)) return { replies: [open] };
    draft = open;
  } else {
    if (body === '') return { replies: [textReply(T.fileNoBody)] };
    if (body.length > MAX_BODY) return { replies: [textReply(T.bodyTooLong)] };
  }
  let data: Buffer;
  try {
    data = await file.download();
  } catch {
    return { replies: [textReply(COMMON.fileUnreadable)] };
  }
  if (data.length > MAX_FILE_BYTES) return { replies: [textReply(T.fileTooBig(formatSize(data.length)))] };
  const target = ctx.services.broadcasts.attachFile(ctx.member!, draft?.id ?? null, body, { fileName: file.name, mimeType: type[1], data });
  if (!target) return { replies: [textReply(T.notDraft(draftId ?? 0))] };
  const attached = T.attached(target.id, file.name, formatSize(data.length));
  // Recipients already chosen: straight to the preview with the file, not "Gửi tới ai?" again.
  const chosen = ctx.services.broadcasts.byId(target.id)?.audience;
  if (chosen) {
    const preview = previewReply(ctx, target.id, chosen);
    return { replies: [textReply(attached), preview], attached: true };
  }
  return { replies: [askAudience(ctx, target.id, [attached])], attached: true };
}

/** The draft a button or command names, or the Vietnamese reason it cannot be used. */
function openDraft(ctx: CommandContext, args: { id: number; raw: string }): Broadcast | Reply {
  const draft = ctx.services.broadcasts.draft(args.id);
  if (!draft.ok) return textReply(draft.error === 'not_found' ? T.notFound(args.raw) : T.notDraft(args.id));
  return draft.value;
}

const isReply = (x: Broadcast | Reply): x is Reply => 'text' in x;

const idArg = z
  .array(z.string())
  .min(1, 'thiếu số thông báo')
  .transform((w) => ({ id: Number(w[0]!.replace('#', '')), raw: w[0]!, rest: w.slice(1) }));

export const broadcastCommand = defineCommand({
  name: 'thongbao',
  aliases: ['broadcast'],
  summary: 'Soạn thông báo gửi các cơ quan (chọn người nhận, xem trước, rồi gửi)',
  usage: '/thongbao <nội dung>',
  roles: ['admin'],
  args: z
    .array(z.string())
    .min(1, 'thiếu nội dung thông báo')
    .transform((w) => w.join(' '))
    .pipe(z.string().max(MAX_BODY, 'nội dung quá dài (tối đa 3.000 ký tự)')),
  run(ctx, body) {
    const draft = ctx.services.broadcasts.createDraft(ctx.member!, body);
    return askAudience(ctx, draft.id, []);
  },
});

export const attachFileCommand = defineCommand({
  name: 'tb_tep',
  summary: 'Đính kèm tệp vào thông báo nháp',
  usage: '/tb_tep <số>',
  hidden: true,
  roles: ['admin'],
  args: idArg,
  run(ctx, args) {
    const draft = openDraft(ctx, args);
    if (isReply(draft)) return draft;
    ctx.pendingInputs.expect(ctx.platform, ctx.chatId, { kind: 'broadcast_file', broadcastId: draft.id }, ctx.services.clock.now());
    return textReply(T.sendFile(draft.id));
  },
});

/** The preview of a draft for an audience (stored as its audience), with "Gửi" and "Hủy"; or why it cannot be sent to it. */
function previewReply(ctx: CommandContext, id: number, code: string): Reply {
  const open = openDraft(ctx, { id, raw: String(id) });
  if (isReply(open)) return open;
  const draft = open;
  const resolved = ctx.services.broadcasts.resolve(code, ctx.member!);
  if (!resolved.ok) return textReply(resolved.error === 'unknown_agency' ? T.unknownAgency : T.unknownAudience);
  if (resolved.value.recipients.length === 0) return textReply(resolved.value.unlinked.length > 0 ? T.nobodyLinked(resolved.value.unlinked.length) : T.nobody);
  const { broadcasts, settings } = ctx.services;
  broadcasts.setAudience(draft.id, code, resolved.value.label);
  const file = broadcasts.file(draft.id);
  const notes: string[] = [];
  if (resolved.value.unlinked.length > 0) notes.push(T.unlinked(resolved.value.unlinked));
  if (file) {
    notes.push(T.fileLine(file.fileName, formatSize(file.size)));
    const onZalo = broadcasts.onZalo(resolved.value.recipients);
    if (onZalo > 0 && !settings.fileLinks) notes.push(T.zaloNoLinks(onZalo));
  }
  const groups = broadcasts.groupsFor(resolved.value.recipients).length;
  if (groups > 0) notes.push(T.groups(groups));
  // What it costs of Zalo's monthly budget, and whether sending it all needs the admin's word.
  const zalo = zaloCost(ctx, draft.body, resolved.value.recipients);
  if (zalo) notes.push(T.zaloCost(zalo.messages, zalo.usage.sent, zalo.usage.quota), ...(zalo.over ? [T.zaloOver(Math.max(0, zalo.usage.quota - zalo.usage.sent))] : []));
  const send = zalo?.over ? { label: T.sendOver, command: `/tb_gui ${draft.id} vuot` } : { label: T.send, command: `/tb_gui ${draft.id}` };
  return {
    text: lines([bold(T.preview(draft.id, resolved.value.label, resolved.value.recipients.length, resolved.value.agencies))], T.title, draft.body, ...notes),
    choices: [[send, { label: T.cancel, command: `/tb_huy ${draft.id}` }]],
  };
}

/** Zalo messages a broadcast takes (each Zalo recipient: its text in 2,000-character parts, a file as a link) against the month's budget; null without a Zalo budget or Zalo recipients. */
function zaloCost(ctx: CommandContext, body: string, recipients: Parameters<CommandContext['services']['broadcasts']['onZalo']>[0]): { messages: number; usage: ReturnType<CommandContext['services']['budget']['usage']>; over: boolean } | null {
  const { broadcasts, budget } = ctx.services;
  const usage = budget.limited().find((u) => u.platform === 'zalo');
  if (!usage || usage.quota === 0 || usage.resumed) return null;
  const onZalo = broadcasts.onZalo(recipients);
  if (onZalo === 0) return null;
  const perRecipient = Math.max(1, Math.ceil((body.length + 300) / 2000));
  const messages = onZalo * perRecipient;
  return { messages, usage, over: usage.stopped || usage.sent + messages > usage.quota };
}

export const audienceCommand = defineCommand({
  name: 'tb_doituong',
  summary: 'Chọn người nhận thông báo',
  usage: '/tb_doituong <số> <nhóm | coquan MÃ,MÃ>',
  hidden: true,
  roles: ['admin'],
  args: idArg,
  run(ctx, args) {
    const draft = openDraft(ctx, args);
    if (isReply(draft)) return draft;
    const code = args.rest[0] === 'coquan' ? `agencies:${args.rest.slice(1).join('')}` : (args.rest[0] ?? '');
    return previewReply(ctx, draft.id, code);
  },
});

export const sendBroadcastCommand = defineCommand({
  name: 'tb_gui',
  summary: 'Gửi thông báo đã xem trước',
  usage: '/tb_gui <số>',
  hidden: true,
  roles: ['admin'],
  args: idArg,
  run(ctx, args) {
    const draft = openDraft(ctx, args);
    if (isReply(draft)) return draft;
    if (!draft.audience) return textReply(T.noAudience);
    const resolved = ctx.services.broadcasts.resolve(draft.audience, ctx.member!);
    if (!resolved.ok) return textReply(T.unknownAudience);
    // Past the Zalo budget only with the admin's word ("vuot"): then Zalo sends on for the month.
    if (zaloCost(ctx, draft.body, resolved.value.recipients)?.over) {
      if (args.rest[0]?.toLowerCase() !== 'vuot') return { ...previewReply(ctx, draft.id, draft.audience), text: [T.confirmOver(draft.id)] };
      ctx.services.budget.resume('zalo');
      ctx.log.info({ broadcast: draft.id }, 'broadcast sent past the zalo budget on the admin\'s word');
    }
    const full = broadcastReply(ctx.services.broadcasts, draft);
    // In a group: the notice (and its file) once, without the per-person "Đã nhận" button.
    const group: Reply = { text: [...full.text, '\n', T.groupNote], ...(full.attachments ? { attachments: full.attachments } : {}) };
    const queued = ctx.services.broadcasts.send(draft.id, resolved.value.recipients, full, group, resolved.value.unlinked);
    if (queued < 0) return textReply(T.notDraft(draft.id));
    ctx.log.info({ broadcast: draft.id, audience: draft.audience, queued }, 'broadcast sent');
    ctx.services.kickOutbox();
    return textReply(T.sending(draft.id, queued));
  },
});

export const cancelBroadcastCommand = defineCommand({
  name: 'tb_huy',
  summary: 'Hủy thông báo nháp',
  usage: '/tb_huy <số>',
  hidden: true,
  roles: ['admin'],
  args: idArg,
  run(ctx, args) {
    return textReply(ctx.services.broadcasts.cancel(args.id) ? T.cancelled(args.id) : T.notDraft(args.id));
  },
});

export const acknowledgeCommand = defineCommand({
  name: 'danhan',
  summary: 'Xác nhận đã nhận thông báo',
  usage: '/danhan <số thông báo>',
  hidden: true,
  roles: ['focal', 'leader', 'admin'],
  args: idArg,
  run(ctx, args) {
    const result = ctx.services.broadcasts.acknowledge(args.id, ctx.member!);
    if (result === 'not_recipient') return textReply(T.notRecipient(args.raw));
    return textReply(result === 'acked' ? T.acked(args.id) : T.ackedAgain(args.id));
  },
});

export const listBroadcastsCommand = defineCommand({
  name: 'thongbao_ds',
  summary: 'Các thông báo đã gửi và số người đã nhận',
  usage: '/thongbao_ds',
  roles: ['admin'],
  args: z.array(z.string()),
  run(ctx) {
    const recent = ctx.services.broadcasts.recent(10);
    if (recent.length === 0) return textReply(T.listEmpty);
    const tz = ctx.services.settings.timeZone;
    return textReply(
      [bold(T.listTitle)],
      ...recent.map(({ broadcast: b, stats: s, hasFile }) => {
        const line = T.listLine(b.id, formatDateTime(new Date(b.sentAt ?? b.createdAt), tz), b.audienceLabel ?? T.noAudienceYet, s.recipients, s.acknowledged ?? 0, b.status);
        return hasFile ? `${line} 📎` : line;
      }),
    );
  },
});

export const broadcastStatusCommand = defineCommand({
  name: 'thongbao_tt',
  summary: 'Tình hình một thông báo: đã gửi, lỗi, ai chưa xác nhận (gửi lại cho họ)',
  usage: '/thongbao_tt <số>',
  roles: ['admin'],
  args: idArg,
  run(ctx, args) {
    const status = ctx.services.broadcasts.status(args.id);
    if (!status) return textReply(T.notFound(args.raw));
    const { broadcast: b, stats, unacknowledgedAgencies: missing, unlinked } = status;
    return {
      text: lines([bold(T.statsTitle(b.id))], ...T.stats(stats), missing.length > 0 ? T.notAcked(missing.join(', ')) : T.allAcked, ...(unlinked.length > 0 ? [T.unlinked(unlinked)] : [])),
      ...(missing.length > 0 && b.status === 'sent' ? { choices: [[{ label: T.resend, command: `/tb_guilai ${b.id}` }]] } : {}),
    };
  },
});

export const resendBroadcastCommand = defineCommand({
  name: 'tb_guilai',
  summary: 'Gửi lại thông báo cho người chưa xác nhận',
  usage: '/tb_guilai <số>',
  hidden: true,
  roles: ['admin'],
  args: idArg,
  run(ctx, args) {
    const b = ctx.services.broadcasts.byId(args.id);
    if (!b || b.status !== 'sent') return textReply(T.notFound(args.raw));
    const n = ctx.services.broadcasts.resendUnacknowledged(b.id, broadcastReply(ctx.services.broadcasts, b));
    ctx.services.kickOutbox();
    return textReply(T.resent(n));
  },
});
