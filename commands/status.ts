import { taskIdOf } from '../src/domain/task-code.js';
import { z } from 'zod';
import { bold, lines, textReply, type Reply } from '../src/app/reply.js';
import { civilDateOf, formatCivil, type CivilDate } from '../src/domain/civil-date.js';
import { exampleDate } from './common.texts.js';
import { formatDateTime } from '../src/domain/time.js';
import { taskTitle } from '../src/domain/task-title.js';
import { MAX_EXTENSION_YEARS, parseStatusReply, readStatusReply, toTaskReply, type ParsedStatusReply, type ReplyDoubt, type StatusReading, type StatusReplyProblem } from '../src/domain/status-reply.js';
import type { Task } from '../src/store/plan-repo.js';
import type { StatusEvent } from '../src/store/status-repo.js';
import { defineCommand, type CommandContext, type CommandResult } from './command.js';
import { chooseTask } from './choose-task.js';
import { err, ok, type Result } from '../src/domain/result.js';
import type { CommandServices } from '../src/app/services.js';
import type { Member } from '../src/store/member-repo.js';

/** Status-reply words, in one place (the CLI's `reply` uses them too). */
export const STATUS_TEXTS = {
  problem: (p: StatusReplyProblem, today: CivilDate): string => {
    switch (p.code) {
      case 'empty':
        return 'Tin trống. Gửi mã nhiệm vụ và tình trạng, ví dụ: II.3.4 xong, II.3.6 đang làm 60%, II.3.7 vướng: chưa có kinh phí.';
      case 'too_long':
        return `Tin quá dài (${p.length} ký tự). Hãy gửi ngắn gọn, dưới 1.000 ký tự: mã nhiệm vụ, tình trạng và lý do.`;
      case 'no_code':
        return 'dondoc chưa thấy mã nhiệm vụ trong tin này. Gửi ví dụ: II.3.4 xong, hoặc gõ /viec để xem mã các nhiệm vụ của cơ quan bạn.';
      case 'no_status':
        return `Nhiệm vụ ${p.taskCode} đang ở tình trạng nào? Ví dụ: “${p.taskCode} xong”, “${p.taskCode} đang làm 60%”, “${p.taskCode} vướng: lý do”, “gia hạn ${p.taskCode} đến ${exampleDate(today)} vì …”.`;
      case 'bad_progress':
        return `Tiến độ ${p.value}% không hợp lệ: hãy gửi từ 0 đến 100%.`;
      case 'bad_date':
        return `Ngày ${p.text} không có trong lịch. Hãy gửi ngày/tháng/năm, ví dụ ${exampleDate(today)}.`;
      case 'no_date':
        return `Xin gia hạn ${p.taskCode} đến ngày nào? Ví dụ: gia hạn ${p.taskCode} đến ${exampleDate(today)} vì chờ hướng dẫn của Bộ.`;
      case 'past_date':
        return `Ngày gia hạn ${formatCivil(p.date)} đã qua. Hãy gửi một ngày từ hôm nay trở đi.`;
      case 'far_date':
        return `Ngày gia hạn ${formatCivil(p.date)} cách hôm nay hơn ${MAX_EXTENSION_YEARS} năm, có lẽ gõ nhầm năm. Hãy gửi lại với năm đúng, ví dụ: gia hạn đến ${exampleDate(today)} vì chờ hướng dẫn của Bộ.`;
    }
  },
  unknownTask: (code: string) => `Không có nhiệm vụ mã “${code}”. Gõ /viec để xem mã các nhiệm vụ của cơ quan bạn.`,
  doubt: (d: ReplyDoubt, code: string): string =>
    ({
      no_status: `dondoc chưa thấy tình trạng của nhiệm vụ ${code} trong tin này`,
      question: `Tin này có vẻ là câu hỏi về nhiệm vụ ${code}, chưa phải báo cáo tình trạng`,
      contradiction: `Tin này vừa nói nhiệm vụ ${code} đã xong vừa nói còn việc chưa xong`,
      not_started: `Tin này nói nhiệm vụ ${code} chưa bắt đầu nhưng chưa nêu lý do`,
      mixed: `Tin này báo nhiều tình trạng khác nhau`,
      // Said of a guess ("chắc", "hình như"), hearsay ("nghe nói"), a condition ("nếu … thì") or a wish ("giá mà"):
      // no example words, which the member may not have used.
      hedged: `Tin này chưa khẳng định chắc chắn tình trạng nhiệm vụ ${code} (có lời phỏng đoán, nghe nói, điều kiện hoặc mong muốn)`,
    })[d],
  confirmDone: (code: string, unexplained: string[]) =>
    `Ghi nhận ${code} đã hoàn thành?${unexplained.length > 0 ? ` (dondoc chưa hiểu chắc: ${unexplained.slice(0, 5).map((w) => `“${w}”`).join(', ')})` : ''}`,
  confirmYes: '✅ Đúng, đã xong',
  confirmNotYet: '🔄 Chưa xong',
  confirmOther: 'Khác…',
  chooseStatus: (code: string) => `Chọn tình trạng đúng của nhiệm vụ ${code}:`,
  askStatus: (code: string) => `dondoc chưa ghi gì. Chọn đúng tình trạng bên dưới, hoặc gửi lại một dòng rõ hơn, ví dụ “${code} xong”, “${code} đang làm 60%”, “${code} vướng: lý do”.`,
  whichHistory: (code: string, n: number) => `Mã “${code}” khớp với ${n} nhiệm vụ. Xem lịch sử nhiệm vụ nào?`,
  whichTask: (code: string) => `Mã “${code}” khớp với nhiều nhiệm vụ. Bạn muốn cập nhật nhiệm vụ nào?`,
  notAssigned: (code: string) => `Nhiệm vụ ${code} không giao cho cơ quan bạn, nên bạn không cập nhật được.`,
  ongoingCannotExtend: (code: string) =>
    `Nhiệm vụ ${code} là nhiệm vụ thường xuyên, không có hạn để gia hạn. dondoc chưa ghi gì. Báo tiến độ (ví dụ “${code} đang làm 60%”) hoặc vướng mắc (“${code} vướng: lý do”); nếu kế hoạch có hạn cụ thể cho việc này, đề nghị Sở Nội vụ đặt hạn.`,
  coordCannotExtend: (code: string) => `Chỉ cơ quan chủ trì mới xin gia hạn nhiệm vụ ${code}.`,
  alreadyDone: (code: string) => `Nhiệm vụ ${code} đã được báo hoàn thành trước đó.`,
  recordedWords: (e: ParsedStatusReply) =>
    ({
      done: 'hoàn thành',
      in_progress: `đang thực hiện${e.progress !== null ? ` (${e.progress}%)` : ''}`,
      blocked: `vướng mắc${e.reason ? `: ${e.reason}` : ''}`,
      extension_requested: `xin gia hạn đến ${e.requestedDate ? formatCivil(e.requestedDate) : ''}${e.reason ? ` (${e.reason})` : ''}`,
    })[e.status],
  recorded: (code: string, e: ParsedStatusReply) => `Đã ghi nhận: ${code} ${T.recordedWords(e)}.${e.evidence ? ` Minh chứng: ${e.evidence}.` : ''}`,
  askReopen: (code: string, day: string, what: string) =>
    `Nhiệm vụ ${code} đã được báo hoàn thành ngày ${day}. Tin này nói “${what}”. dondoc chưa ghi gì: đổi lại tình trạng, hay giữ “hoàn thành”?`,
  changeTo: (what: string) => `Đổi thành ${what}`.slice(0, 60),
  reopen: 'Mở lại nhiệm vụ',
  keepDone: 'Giữ “hoàn thành”',
  askProgressDrop: (code: string, from: number, to: number) =>
    `Lần trước cơ quan báo nhiệm vụ ${code} đạt ${from}%, tin này ghi ${to}%. Tiến độ giảm là do gõ nhầm hay công việc phải làm lại? Chọn một, dondoc chưa ghi gì.`,
  recordLower: (to: number) => `Ghi ${to}%`,
  keepProgress: (from: number) => `Giữ ${from}%`,
  keptProgress: (code: string, from: string) => `Giữ nguyên: nhiệm vụ ${code} đạt ${from}%. Không thay đổi gì.`,
  reopened: (code: string, today: CivilDate) => `Đã mở lại nhiệm vụ ${code} (đang thực hiện). Hãy gửi lại tình trạng, ví dụ “${code} vướng: lý do” hoặc “gia hạn ${code} đến ${exampleDate(today)} vì …”.`,
  keptDone: (code: string) => `Giữ nguyên: nhiệm vụ ${code} hoàn thành. Không thay đổi gì.`,
  contribution: (code: string) => `Đã ghi nhận phần việc của cơ quan bạn (phối hợp) cho nhiệm vụ ${code}; cơ quan chủ trì vẫn chịu trách nhiệm báo hoàn thành.`,
  doneStops: 'dondoc sẽ không nhắc việc này nữa.',
  extensionSent: 'Yêu cầu đã gửi Sở Nội vụ; bạn sẽ nhận kết quả khi có quyết định.',
  extensionRequest: (agency: string, code: string, title: string, date: string, current: string | null, reason: string | null) =>
    lines(
      [bold('📅 Đề nghị gia hạn')],
      `${agency} xin gia hạn nhiệm vụ ${code} (${title}) đến ${date}.`,
      current ? `Hạn hiện tại: ${current}.` : 'Hạn hiện tại: chưa có (nhiệm vụ chờ sự kiện hoặc thường xuyên).',
      `Lý do: ${reason ?? '(không nêu)'}`,
    ),
  approve: 'Đồng ý',
  reject: 'Không đồng ý',
  decidedApproved: (code: string, date: string) => `Đã đồng ý gia hạn ${code} đến ${date}. dondoc đã báo cơ quan và lập lại lịch nhắc.`,
  decidedRejected: (code: string) => `Đã không đồng ý gia hạn ${code}. dondoc đã báo cơ quan.`,
  toAgencyApproved: (code: string, date: string) => `✅ Sở Nội vụ đồng ý gia hạn nhiệm vụ ${code} đến ${date}.`,
  // The reason is a sentence of its own: "Lý do: không lùi. Hạn cũ…", not "Lý do: không lùi Hạn cũ…".
  toAgencyRejected: (code: string, note: string | null) => `❌ Sở Nội vụ không đồng ý gia hạn nhiệm vụ ${code}.${note ? ` Lý do: ${/[.!?…]$/.test(note) ? note : `${note}.`}` : ''} Hạn cũ vẫn giữ nguyên.`,
  extensionWaiting: (code: string, asked: string, on: string, next: string) =>
    `Cơ quan bạn đã có đề nghị gia hạn nhiệm vụ ${code} đang chờ Sở Nội vụ quyết định: xin đến ${asked}, gửi ngày ${on}. dondoc chưa ghi gì. Mỗi nhiệm vụ chỉ có một đề nghị chờ duyệt: thay đề nghị đó bằng đề nghị mới (đến ${next}), hay giữ đề nghị cũ?`,
  replaceExtension: 'Thay bằng đề nghị mới',
  keepExtension: 'Giữ đề nghị cũ',
  keptExtension: (code: string, asked: string) => `Giữ nguyên đề nghị gia hạn nhiệm vụ ${code} đến ${asked} đang chờ Sở Nội vụ. dondoc không ghi gì.`,
  replaceExpired: (code: string, today: CivilDate) =>
    `Đề nghị mới cho nhiệm vụ ${code} không còn được giữ (quá 30 phút, hoặc đã chọn rồi). dondoc chưa ghi gì: gửi lại đề nghị, ví dụ “gia hạn ${code} đến ${exampleDate(today)} vì …”.`,
  replacesRequest: (asked: string, on: string) => `Thay đề nghị trước (xin đến ${asked}, gửi ngày ${on}); đề nghị trước không còn chờ quyết định.`,
  requestGone: 'Không tìm thấy đề nghị gia hạn này.',
  requestReplaced: 'Cơ quan đã thay đề nghị này bằng một đề nghị mới; hãy quyết định đề nghị mới.',
  requestDecided: 'Đề nghị này đã được quyết định trước đó.',
  askProgress: (code: string) => `Tiến độ nhiệm vụ ${code} đến nay?`,
  askReason: (code: string) => `Gửi lý do vướng mắc của nhiệm vụ ${code} (một tin nhắn).`,
  askExtension: (code: string, today: CivilDate) => `Gửi ngày mới và lý do xin gia hạn ${code}, ví dụ: ${exampleDate(today)} vì chờ hướng dẫn của Bộ.`,
  historyTitle: (code: string) => `Lịch sử cập nhật nhiệm vụ ${code}`,
  historyEmpty: (code: string) => `Nhiệm vụ ${code} chưa có cập nhật nào.`,
  statusWord: {
    done: 'hoàn thành',
    in_progress: 'đang thực hiện',
    blocked: 'vướng mắc',
    extension_requested: 'xin gia hạn',
    extension_approved: 'được gia hạn',
    extension_rejected: 'không được gia hạn',
    contribution: 'báo phần phối hợp',
    reopened: 'mở lại',
  } as Record<string, string>,
  reportsOpen: 'Chọn báo cáo cần nộp:',
  reportWhichYear: (code: string) => `Cơ quan bạn còn nhiều báo cáo “${code}” chưa nộp. dondoc chưa ghi gì: chọn đúng năm bên dưới (hoặc gõ kèm năm, ví dụ “/nopbaocao ${code} 2026”).`,
  noOpenReports: 'Cơ quan bạn không còn báo cáo nào phải nộp.',
  reportUnknown: (code: string) => `Không có báo cáo “${code}” mà cơ quan bạn phải nộp. Gõ /nopbaocao để chọn.`,
  reportDone: (title: string, onTime: boolean, due: string) =>
    `✅ Đã ghi nhận nộp “${title}” ${onTime ? 'đúng hạn' : `sau hạn (${due})`}.`,
  reportAlready: (title: string) => `“${title}” đã được ghi nhận nộp trước đó.`,
};
const T = STATUS_TEXTS;

const PROGRESS_STEPS = [25, 50, 75];
/** Evidence files: the kinds officials send (scans, decisions, spreadsheets, photos), up to 20 MB. */
const EVIDENCE_TYPES = /\.(pdf|docx?|xlsx?|odt|ods|jpe?g|png|heic|zip|rar)$/i;
const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
const EVIDENCE_WINDOW_MS = 30 * 60_000;

const E = {
  badType: (name: string) => `Tệp “${name}” không nhận làm minh chứng. Hãy gửi PDF, Word, Excel hoặc ảnh (JPG, PNG).`,
  tooBig: (mb: string) => `Tệp quá lớn (${mb} MB); minh chứng tối đa 20 MB. Hãy gửi bản PDF nén nhỏ hơn hoặc ghi số văn bản.`,
  attached: (name: string, what: string) => `📎 Đã lưu “${name}” làm minh chứng cho ${what}.`,
  held: (name: string) => `📎 dondoc giữ tệp “${name}”; tệp được lưu làm minh chứng khi bạn trả lời câu hỏi dưới đây (trong 30 phút).`,
  noEvent: 'dondoc chưa biết tệp này là minh chứng cho việc nào. Gửi lại tệp với chú thích, ví dụ: “II.3.4 xong” hoặc “/nopbaocao Q1”.',
};

function today(ctx: CommandContext): string {
  return civilDateOf(ctx.services.clock.now(), ctx.services.settings.timeZone);
}

const titleOf = (task: Task) => taskTitle(task, 80);

/**
 * Records a parsed reply for a task and words the outcome; extension requests go to Sở Nội vụ. The
 * event, its notice to Sở Nội vụ and "update handled" commit together (ctx.commit).
 */
function record(ctx: CommandContext, task: Task, reply: ParsedStatusReply, confirmed = false, replaces?: number): CommandResult {
  return ctx.commit(() => recordNow(ctx, task, reply, confirmed, replaces));
}

function recordNow(ctx: CommandContext, task: Task, reply: ParsedStatusReply, confirmed: boolean, replaces: number | undefined): CommandResult {
  const member = ctx.member!;
  const result = ctx.services.statuses.recordTask(member, ctx.platform, task, reply, { confirmed, ...(replaces !== undefined ? { replaces } : {}) });
  if (!result.ok) {
    const error = result.error;
    if (error.code === 'reopens_done') return { replies: [askReopen(ctx, task, reply, error.doneAt)] };
    if (error.code === 'progress_drop') return { replies: [askProgressDrop(task, reply, error.from)] };
    if (error.code === 'extension_pending') return { replies: [askReplaceExtension(ctx, task, reply, error.request)] };
    const message = {
      not_assigned: T.notAssigned(task.code),
      not_lead_for_extension: T.coordCannotExtend(task.code),
      no_deadline_to_extend: T.ongoingCannotExtend(task.code),
      already_done: T.alreadyDone(task.code),
    }[error.code];
    return { replies: [textReply(message)] };
  }
  ctx.log.info({ task: task.code, status: reply.status, progress: reply.progress }, 'status recorded');
  // Files sent with the message that was asked back belong to this answer.
  const held = ctx.services.statuses.attachHeldEvidence(member, result.value.event).map((name) => E.attached(name, `nhiệm vụ ${task.code}`));
  if (result.value.role === 'coord') return { replies: [textReply(T.contribution(task.code), ...held)] };
  const lines_ = [T.recorded(task.code, reply), ...held];
  if (reply.status === 'done') lines_.push(T.doneStops);
  if (reply.status === 'extension_requested') {
    lines_.push(T.extensionSent);
    const event = result.value.event;
    const request: Reply = {
      text: [
        ...T.extensionRequest(member.agencyName, task.code, titleOf(task), formatCivil(reply.requestedDate!), currentDate(ctx, member.agencyId, task), reply.reason),
        ...(result.value.replaced ? ['\n', T.replacesRequest(formatCivil(result.value.replaced.requestedDate!), askedOn(ctx, result.value.replaced))] : []),
      ],
      choices: [[
        { label: T.approve, command: `/duyetgiahan ${event.id}` },
        { label: T.reject, command: `/tuchoigiahan ${event.id}` },
      ]],
    };
    ctx.services.notifyAdmins(`extension:${event.id}`, request);
  }
  return { replies: [textReply(...lines_)] };
}

/** The day (province time) a request was sent. */
function askedOn(ctx: CommandContext, request: StatusEvent): string {
  return formatCivil(civilDateOf(new Date(request.createdAt), ctx.services.settings.timeZone));
}

/**
 * A second extension request while the first still waits: nothing is stored; the new request is held
 * (30 minutes, this chat) while the member chooses to replace the waiting one or keep it.
 */
function askReplaceExtension(ctx: CommandContext, task: Task, reply: ParsedStatusReply, waiting: StatusEvent): Reply {
  ctx.pendingInputs.expect(ctx.platform, ctx.chatId, { kind: 'extension_replace', taskId: task.id, replaces: waiting.id, reply }, ctx.services.clock.now());
  return {
    text: [T.extensionWaiting(task.code, formatCivil(waiting.requestedDate!), askedOn(ctx, waiting), formatCivil(reply.requestedDate!))],
    choices: [[
      { label: T.replaceExtension, command: `/tt t${task.id} thaygiahan ${waiting.id}` },
      { label: T.keepExtension, command: `/tt t${task.id} giugiahan ${waiting.id}` },
    ]],
  };
}

/** The agency's date in force for a task, as its views show it: the missed date if one is, else the next (null: none). */
function currentDate(ctx: CommandContext, agencyId: number, task: Task): string | null {
  const view = ctx.services.tasks.forAgency(agencyId, task.id)[0]?.view;
  const day = view?.lateSince ?? view?.dueDate ?? null;
  return day ? `${formatCivil(day)}${view?.lateSince ? ' (đã quá hạn)' : ''}` : null;
}

/**
 * A status reply typed in chat (plain text or /capnhat): read it, find each task it names, record it.
 * Anything the reader is unsure of (no status, a question, a contradiction, several statuses) is
 * asked back with the status choices; nothing is stored on a bad or unclear reply.
 */
export function handleStatusText(ctx: CommandContext, text: string): CommandResult {
  // "t123 …" comes from a choice button: the task is already known, the rest is the reply.
  const chosen = /^t(\d+)\s+(.+)$/.exec(text.trim());
  if (chosen) {
    const task = ctx.services.statuses.task(Number(chosen[1]));
    if (!task) return { replies: [textReply(T.unknownTask(chosen[1]!))] };
    const reread = readStatusReply(`${task.code} ${chosen[2]}`, today(ctx));
    if (!reread.ok) return { replies: [textReply(T.problem(reread.error, today(ctx)))] };
    const item = reread.value.items[0]!;
    if (reread.value.items.length > 1 || item.status === 'unclear') return askBack(reread.value.doubt, [task]);
    if (item.status === 'done' && item.confirm) return { replies: [askConfirm(task, reread.value)] };
    return record(ctx, task, toTaskReply(item, task.code, reread.value.evidence)!);
  }
  const read = readStatusReply(text, today(ctx));
  if (!read.ok) return { replies: [textReply(T.problem(read.error, today(ctx)))] };
  const reading = read.value;
  const replies: Reply[] = [];
  const unclear: { task: Task; doubt: ReplyDoubt | null }[] = [];
  // Each group of codes carries its own status ("2.5 xong rồi, còn 2.6 thì chưa"); a done that is
  // not a plain statement is asked back with one tap before anything is stored.
  for (const item of reading.items) {
    for (const code of item.codes) {
      const found = ctx.services.statuses.findTask(ctx.member!, code);
      if (found.kind === 'none') {
        replies.push(textReply(T.unknownTask(code)));
        continue;
      }
      if (found.kind === 'many') {
        // The buttons carry the task id and the reply without its code (cut to Telegram's 64 bytes).
        const rest = text.replace(new RegExp(`(nv\\.?\\s*|nhiệm vụ\\s*)?${code.replace(/\./g, '\\.')}\\s*[,;]?\\s*`, 'i'), '').trim() || text;
        replies.push({
          text: [T.whichTask(code)],
          choices: found.tasks.map((t) => [{ label: `${t.code} — ${t.planName}`.slice(0, 60), command: fitCallback(`/capnhat t${t.id} ${rest}`) }]),
        });
        continue;
      }
      if (item.status === 'unclear') {
        unclear.push({ task: found.task, doubt: item.doubt });
        continue;
      }
      if (item.status === 'done' && item.confirm) {
        replies.push(askConfirm(found.task, reading));
        continue;
      }
      replies.push(...record(ctx, found.task, toTaskReply(item, found.task.code, reading.evidence)!).replies);
    }
  }
  for (const { task, doubt } of unclear.slice(0, 3)) replies.push(...askBack(doubt, [task]).replies);
  return { replies: mergeTexts(replies) };
}

/**
 * "Ghi nhận II.3.4 đã hoàn thành?" [Đúng] [Chưa xong] [Khác…]: a done read from free text that is
 * not a plain statement is stored only when the member confirms it. "Đúng" records it with the
 * evidence the message named (when it fits a button); nothing is stored before the tap.
 */
function askConfirm(task: Task, reading: StatusReading): Reply {
  // Document numbers never hold a comma: joined by ',' without spaces they stay one argument.
  const withEvidence = `/tt t${task.id} xong ${reading.evidence.join(',')}`.trim();
  const yes = Buffer.byteLength(withEvidence, 'utf8') <= 64 ? withEvidence : `/tt t${task.id} xong`;
  return {
    text: [T.confirmDone(task.code, reading.unexplained)],
    choices: [
      [
        { label: T.confirmYes, command: yes },
        { label: T.confirmNotYet, command: `/tt t${task.id} dang` },
      ],
      [{ label: T.confirmOther, command: `/tt t${task.id} khac` }],
    ],
  };
}

/** "12/QĐ-UBND,15/BC-STP" (a button) or "12/QĐ-UBND, 15/BC-STP" (typed) → "12/QĐ-UBND, 15/BC-STP". */
function evidenceList(value: string | null): string | null {
  const parts = (value ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Asks which status was meant, with the status buttons of each task (numbered choices on Zalo). */
function askBack(doubt: ReplyDoubt | null, tasks: Task[]): CommandResult {
  return {
    replies: tasks.slice(0, 3).map((task) => ({
      text: [`${T.doubt(doubt ?? 'no_status', task.code)}. ${T.askStatus(task.code)}`],
      choices: statusChoices(task),
    })),
  };
}

/** Consecutive plain-text replies (several tasks recorded from one message) become one message. */
function mergeTexts(replies: Reply[]): Reply[] {
  const out: Reply[] = [];
  for (const reply of replies) {
    const last = out[out.length - 1];
    if (last && Object.keys(reply).length === 1 && Object.keys(last).length === 1) {
      out[out.length - 1] = { text: [...last.text, '\n', ...reply.text] };
    } else {
      out.push(reply);
    }
  }
  return out;
}

/** Cuts a button command to Telegram's 64-byte callback limit without splitting a character. */
function fitCallback(command: string): string {
  let out = command;
  while (Buffer.byteLength(out, 'utf8') > 64) out = out.slice(0, -1);
  return out;
}

/**
 * A document or photo from a focal point or leader: evidence. With a caption that is a status reply
 * (or "/nopbaocao <mã>") it is recorded with that reply; without one it is attached to the
 * member's reply of the last 30 minutes. Only its platform reference is stored.
 */
export async function handleEvidenceFile(
  ctx: CommandContext,
  file: { name: string; size: number; caption: string; ref: string; mimeType: string | null },
): Promise<CommandResult> {
  const member = ctx.member!;
  if (!EVIDENCE_TYPES.test(file.name)) return { replies: [textReply(E.badType(file.name))] };
  if (file.size > MAX_EVIDENCE_BYTES) return { replies: [textReply(E.tooBig((file.size / 1024 / 1024).toFixed(1)))] };
  const now = ctx.services.clock.now();
  let replies: Reply[] = [];
  let event: StatusEvent | undefined;
  const caption = file.caption.trim();
  if (caption !== '') {
    const submit = /^\/?nopbaocao\s+(\S+)(?:\s+(20\d\d)\b)?/i.exec(caption);
    // Only an event the caption itself recorded counts (not one recorded earlier in the same instant).
    const before = ctx.services.statuses.latestEventSince(member, now)?.id ?? 0;
    const outcome = submit ? await submitReportCommand.run(ctx, { code: submit[1]!, year: submit[2] ? Number(submit[2]) : null, evidence: null }) : handleStatusText(ctx, caption);
    replies = 'replies' in outcome ? outcome.replies : [outcome];
    event = ctx.services.statuses.latestEventSince(member, now);
    if (event && event.id <= before) event = undefined;
    if (!event) {
      // Asked back with buttons (a confirm, an unclear reply): the file waits for the tap instead of
      // being lost. Anything else (an unknown code, a refusal) keeps nothing: the file is sent again.
      const asked = replies.some((r) => (r.choices?.length ?? 0) > 0);
      if (submit || !asked) return { replies };
      ctx.commit(() => ctx.services.statuses.holdEvidence(member, ctx.platform, file));
      return { replies: [textReply(E.held(file.name)), ...replies] };
    }
  } else {
    event = ctx.services.statuses.latestEventSince(member, new Date(now.getTime() - EVIDENCE_WINDOW_MS));
    if (!event) return { replies: [textReply(E.noEvent)] };
  }
  const found = event;
  const item = ctx.commit(() => ctx.services.statuses.attachEvidence(found, member, ctx.platform, file));
  const what = `${item.kind === 'task' ? 'nhiệm vụ' : 'báo cáo'} ${item.code}`;
  return { replies: [...replies, textReply(E.attached(file.name, what))] };
}

/**
 * A reply that contradicts "hoàn thành": nothing is stored; the member confirms the change (a
 * progress figure in one press; anything else after reopening the task) or keeps "hoàn thành".
 */
function askReopen(ctx: CommandContext, task: Task, reply: ParsedStatusReply, doneAt: string): Reply {
  const day = formatCivil(civilDateOf(new Date(doneAt), ctx.services.settings.timeZone));
  const change =
    reply.status === 'in_progress'
      ? { label: T.changeTo(T.recordedWords(reply)), command: ['/tt', `t${task.id}`, 'dang', ...(reply.progress !== null ? [String(reply.progress)] : []), 'xacnhan'].join(' ') }
      : { label: T.reopen, command: `/tt t${task.id} molai` };
  return {
    text: [T.askReopen(task.code, day, T.recordedWords(reply))],
    choices: [[change, { label: T.keepDone, command: `/tt t${task.id} giu` }]],
  };
}

/** A lower progress figure than the last one reported: nothing is stored until the member says which is right. */
function askProgressDrop(task: Task, reply: ParsedStatusReply, from: number): Reply {
  return {
    text: [T.askProgressDrop(task.code, from, reply.progress!)],
    choices: [[
      { label: T.recordLower(reply.progress!), command: `/tt t${task.id} dang ${reply.progress} xacnhan` },
      { label: T.keepProgress(from), command: `/tt t${task.id} giutiendo ${from}` },
    ]],
  };
}

/** The four status buttons offered under a task the asker's agency leads. */
export function statusChoices(task: Task): { label: string; command: string }[][] {
  return [
    [
      { label: '✅ Hoàn thành', command: `/tt t${task.id} xong` },
      { label: '🔄 Đang thực hiện', command: `/tt t${task.id} dang` },
    ],
    [
      { label: '⚠️ Vướng mắc', command: `/tt t${task.id} vuong` },
      { label: '📅 Xin gia hạn', command: `/tt t${task.id} giahan` },
    ],
  ];
}

export const updateCommand = defineCommand({
  name: 'capnhat',
  aliases: ['update'],
  summary: 'Báo tình trạng một nhiệm vụ bằng một dòng chữ (cũng có thể gửi thẳng, không cần lệnh)',
  usage: '/capnhat <mã> <tình trạng>, ví dụ /capnhat II.3.6 đang làm 60%',
  roles: ['focal', 'leader'],
  args: z.array(z.string()).transform((words) => words.join(' ')),
  run: (ctx, text) => handleStatusText(ctx, text),
});

export const statusButtonCommand = defineCommand({
  name: 'tt',
  summary: 'Cập nhật tình trạng bằng nút bấm',
  usage: '/tt <việc> <xong|dang|vuong|giahan> [giá trị]',
  hidden: true,
  roles: ['focal', 'leader'],
  args: z
    .array(z.string())
    .min(2, 'thiếu việc hoặc tình trạng')
    // A trailing "xacnhan" is the press of "Đổi thành …" under a reply that contradicted "hoàn thành".
    .transform((w) => {
      const confirmed = w.length > 2 && w.at(-1) === 'xacnhan';
      const rest = w.slice(2, confirmed ? -1 : undefined);
      return { ref: w[0]!, action: w[1]!, value: rest.join(' ') || null, confirmed };
    }),
  run(ctx, args) {
    const id = taskIdOf(args.ref);
    const task = id !== null ? ctx.services.statuses.task(id) : undefined;
    if (!task) return textReply(T.unknownTask(args.ref));
    const base: ParsedStatusReply = { code: task.code, status: 'done', progress: null, reason: null, evidence: null, requestedDate: null };
    switch (args.action) {
      case 'xong':
        // "/tt t12 xong 123/QĐ-UBND": the "Đúng" of a confirm question carries the message's evidence.
        // Stored as a free-text reply stores it: several documents separated by ", ".
        return record(ctx, task, { ...base, status: 'done', progress: 100, evidence: evidenceList(args.value) });
      case 'khac':
        return { text: [T.chooseStatus(task.code)], choices: statusChoices(task) };
      case 'dang': {
        if (args.value === null && !args.confirmed) {
          return { text: [T.askProgress(task.code)], choices: [PROGRESS_STEPS.map((p) => ({ label: `${p}%`, command: `/tt t${task.id} dang ${p}` }))] };
        }
        const progress = args.value === null ? null : Number(args.value);
        if (progress !== null && (!Number.isInteger(progress) || progress < 0 || progress > 100)) return textReply(T.problem({ code: 'bad_progress', value: progress }, today(ctx)));
        return record(ctx, task, { ...base, status: 'in_progress', progress }, args.confirmed);
      }
      case 'molai': {
        const reopened = ctx.commit(() => ctx.services.statuses.recordTask(ctx.member!, ctx.platform, task, { ...base, status: 'in_progress', progress: null }, { confirmed: true }));
        return textReply(reopened.ok ? T.reopened(task.code, today(ctx)) : T.notAssigned(task.code));
      }
      case 'giu':
        return textReply(T.keptDone(task.code));
      case 'giutiendo':
        return textReply(T.keptProgress(task.code, args.value ?? ''));
      case 'vuong':
        ctx.pendingInputs.expect(ctx.platform, ctx.chatId, { taskId: task.id, kind: 'reason' }, ctx.services.clock.now());
        return textReply(T.askReason(task.code));
      case 'thaygiahan':
      case 'giugiahan': {
        // The choice under "a request is already waiting": the held new request replaces it, or is dropped.
        const held = ctx.pendingInputs.take(ctx.platform, ctx.chatId, ctx.services.clock.now(), ['extension_replace']);
        const fits = held !== undefined && held.taskId === task.id && String(held.replaces) === args.value;
        if (args.action === 'giugiahan') {
          const waiting = ctx.services.statuses.waitingExtension(ctx.member!.agencyId, task.id);
          return textReply(waiting ? T.keptExtension(task.code, formatCivil(waiting.requestedDate!)) : T.replaceExpired(task.code, today(ctx)));
        }
        if (!held || !fits) return textReply(T.replaceExpired(task.code, today(ctx)));
        return record(ctx, task, held.reply, false, held.replaces);
      }
      case 'giahan':
        ctx.pendingInputs.expect(ctx.platform, ctx.chatId, { taskId: task.id, kind: 'extension' }, ctx.services.clock.now());
        return textReply(T.askExtension(task.code, today(ctx)));
      default:
        return textReply(T.problem({ code: 'no_status', taskCode: task.code }, today(ctx)));
    }
  },
});

/** The answer to "send the reason" / "send the new date": completes the pending button flow. */
export function completePendingInput(ctx: CommandContext, pending: { taskId: number; kind: 'reason' | 'extension' }, text: string): CommandResult {
  const task = ctx.services.statuses.task(pending.taskId);
  if (!task) return { replies: [textReply(T.unknownTask(String(pending.taskId)))] };
  if (pending.kind === 'reason') {
    const reason = text.trim().slice(0, 1000);
    return record(ctx, task, { code: task.code, status: 'blocked', progress: null, reason, evidence: null, requestedDate: null });
  }
  const parsed = parseStatusReply(`gia hạn ${task.code} đến ${text}`, today(ctx));
  if (!parsed.ok) return { replies: [textReply(T.problem(parsed.error, today(ctx)))] };
  return record(ctx, task, parsed.value);
}

function decision(approve: boolean) {
  return defineCommand({
    name: approve ? 'duyetgiahan' : 'tuchoigiahan',
    summary: approve ? 'Đồng ý một đề nghị gia hạn' : 'Không đồng ý một đề nghị gia hạn',
    usage: approve ? '/duyetgiahan <số đề nghị> [ghi chú]' : '/tuchoigiahan <số đề nghị> [lý do]',
    hidden: true,
    roles: ['admin'],
    args: z
      .array(z.string())
      .min(1, 'thiếu số đề nghị')
      .transform((w) => ({ id: Number(w[0]), note: w.slice(1).join(' ') || null })),
    run(ctx, args) {
      const result = ctx.commit(() => decideExtension(ctx.services, ctx.member!, args.id, approve, args.note, ctx.platform));
      return textReply(result.ok ? result.value : result.error);
    },
  });
}

/**
 * An admin's decision on an extension request, wherever it is made (/duyetgiahan, /tuchoigiahan, the
 * web dashboard's form): recorded by StatusService.decide (the event, the audit log with `via`, the
 * re-plan), the requester told in chat once; returns the admin's confirmation, or why nothing was done.
 */
export function decideExtension(services: CommandServices, admin: Member, requestId: number, approve: boolean, note: string | null, via: string): Result<string, string> {
  const result = services.statuses.decide(admin, requestId, approve, note, via);
  if (!result.ok) return err({ not_found: T.requestGone, already_decided: T.requestDecided, replaced: T.requestReplaced }[result.error]);
  const { request, newDate, itemCode: code, requester } = result.value;
  const notice = approve ? T.toAgencyApproved(code, formatCivil(newDate!)) : T.toAgencyRejected(code, note);
  if (requester) services.notifyMember(`decision:${request.id}`, requester.id, textReply(notice));
  return ok(approve ? T.decidedApproved(code, formatCivil(newDate!)) : T.decidedRejected(code));
}

export const approveExtensionCommand = decision(true);
export const rejectExtensionCommand = decision(false);

export const historyCommand = defineCommand({
  name: 'lichsu',
  aliases: ['history'],
  summary: 'Lịch sử cập nhật của một nhiệm vụ',
  usage: '/lichsu <mã nhiệm vụ>',
  roles: ['admin', 'leader'],
  args: z.array(z.string()).min(1, 'thiếu mã nhiệm vụ, ví dụ /lichsu I.3.17').transform((w) => w[0]!),
  run(ctx, code) {
    const found = ctx.services.tasks.byRef(code);
    if (found.length === 0) return textReply(T.unknownTask(code));
    if (found.length > 1) return chooseTask(T.whichHistory(code, found.length), found, (ref) => `/lichsu ${ref}`);
    const task = found[0]!;
    const events = historyLines(ctx.services, task);
    if (events.length === 0) return textReply(T.historyEmpty(task.code));
    return { text: lines([bold(T.historyTitle(task.code))], ...events.map((e) => `• ${e.line}`)) };
  },
});

/**
 * A task's history as /lichsu words it, one line per status event, oldest first (when, agency, who,
 * what, date asked, reason, evidence and its files' names); `agencyId`: that agency's events only.
 * The web dashboard's history page shows these same lines.
 */
export function historyLines(services: CommandServices, task: Task, agencyId?: number): { agencyId: number; line: string; files: string[] }[] {
  const tz = services.settings.timeZone;
  return services.statuses
    .history(task)
    .filter((e) => agencyId === undefined || e.agencyId === agencyId)
    .map((e) => {
      const who = e.memberName ?? '';
      const files = e.files.map((name) => `tệp ${name}`);
      const extra = [e.progress !== null && e.status !== 'done' ? `${e.progress}%` : '', e.requestedDate ? `đến ${formatCivil(e.requestedDate)}` : '', e.reason ?? '', e.evidence ? `minh chứng ${e.evidence}` : '', ...files]
        .filter(Boolean)
        .join('; ');
      return { agencyId: e.agencyId, files: e.files, line: `${formatDateTime(new Date(e.createdAt), tz)} — ${e.agencyName}${who ? ` (${who})` : ''}: ${T.statusWord[e.status] ?? e.status}${extra ? ` — ${extra}` : ''}` };
    });
}

/** The title of a task's history (/lichsu's first line) and what it says when there is none. */
export const HISTORY_WORDS = { title: T.historyTitle, empty: T.historyEmpty };

export const submitReportCommand = defineCommand({
  name: 'nopbaocao',
  aliases: ['baocaoxong'],
  summary: 'Báo đã nộp một báo cáo (kèm số văn bản nếu có)',
  usage: '/nopbaocao [mã báo cáo] [năm] [số văn bản]',
  roles: ['focal', 'leader'],
  // "/nopbaocao NAM 2026 900/BC-STP": a year right after the code chooses the report's year; the rest is the document.
  args: z.array(z.string()).transform((w) => {
    const year = w[1] !== undefined && /^20\d\d$/.test(w[1]) ? Number(w[1]) : null;
    const rest = w.slice(year === null ? 1 : 2);
    return { code: w[0] ?? null, year, evidence: rest.join(' ') || null };
  }),
  run(ctx, args) {
    const member = ctx.member!;
    const now = today(ctx);
    const year = Number(now.slice(0, 4));
    const open = ctx.services.statuses.openReports(member, year);
    const choose = (reports: typeof open, evidence: string | null) =>
      reports.slice(0, 10).map((r) => [{ label: `${r.code} ${r.year} — hạn ${formatCivil(r.dueDate)}`, command: `/nopbaocao r${r.id}${evidence ? ` ${evidence}` : ''}` }]);
    if (args.code === null) {
      if (open.length === 0) return textReply(T.noOpenReports);
      return { text: [T.reportsOpen], choices: choose(open, null) };
    }
    // A code open for two years (last year's yearly report still owed, this year's due soon) names
    // neither: dondoc asks, it does not pick the older one.
    const found = ctx.services.statuses.findReport(member, args.code, args.year ?? year, args.year !== null);
    if (found.kind === 'many') return { text: [T.reportWhichYear(args.code)], choices: choose(found.reports, args.evidence) };
    if (found.kind === 'none') return textReply(T.reportUnknown(args.code));
    const { report } = found;
    const result = ctx.commit(() => ctx.services.statuses.submitReport(member, ctx.platform, report.id, args.evidence));
    if (!result.ok) return textReply(result.error === 'not_owed' ? T.reportUnknown(args.code) : T.reportAlready(report.title));
    return textReply(T.reportDone(report.title, now <= report.dueDate, formatCivil(report.dueDate)));
  },
});
