import { formatDateTime } from '../src/domain/time.js';
import { z } from 'zod';
import { bold, code, italic, lines, textReply, type Choice, type Reply, type RichText } from '../src/app/reply.js';
import { DEFAULT_OCR_PAGE_SECONDS, type PlanMeta } from '../src/app/plan-import-service.js';
import { MAX_PLAN_FILE_BYTES } from '../src/app/table-file.js';
import { civilDateOf, formatCivil, parseTypedDay } from '../src/domain/civil-date.js';
import type { Task } from '../src/store/plan-repo.js';
import { noArgs } from './args.js';
import { defineCommand, type CommandContext, type CommandResult } from './command.js';
import { taskTitle, tidyExtracted } from '../src/domain/task-title.js';
import { taskRef } from '../src/domain/task-code.js';
import { PLAN_TEXTS } from './plans.texts.js';
import { chooseTask } from './choose-task.js';
import { COMMON, exampleDate } from './common.texts.js';
import { statusChoices } from './status.js';
import { directoryEditError } from './directory.js';

const PAGE_SIZE = 8;

/** Task and plan words, in one place. */
const T = {
  noAgencyTasks: (agency: string) => `${agency} chưa có nhiệm vụ nào trong các kế hoạch đã nhập.`,
  tasksTitle: (agency: string, total: number, page: number, pages: number) =>
    `Việc còn mở của ${agency} (${total} nhiệm vụ, trang ${page}/${pages})`,
  lead: 'chủ trì',
  coord: 'phối hợp',
  noDate: 'chưa có hạn',
  next: 'Trang sau ›',
  previous: '‹ Trang trước',
  pageOutOfRange: (pages: number) => `Chỉ có ${pages} trang. Gõ /viec hoặc /viec <số trang>.`,
  doneTitle: (agency: string, total: number, page: number, pages: number) => `Việc đã xong của ${agency}: ${total}${pages > 1 ? ` (trang ${page}/${pages})` : ''}`,
  finishedSummary: (n: number) => `${n} việc đã xong — /viec xong để xem.`,
  noneFinished: (agency: string) => `${agency} chưa báo xong việc nào.`,
  allFinished: (agency: string, n: number) => `${agency} đã báo xong cả ${n} việc. Gõ /viec xong để xem.`,
  state: {
    done: (day: string) => `✅ đã xong ${day}`,
    onTime: 'đúng hạn',
    doneLate: (days: number) => `muộn ${days} ngày làm việc`,
    donePeriod: (day: string) => `✅ đã xong đợt trước (${day})`,
    in_progress: (progress: number | null) => `🔄 đang thực hiện${progress !== null ? ` ${progress}%` : ''}`,
    blocked: '⚠️ vướng mắc',
    contributing: '🤝 đã báo phần phối hợp',
    extensionAsked: '⏳ đã xin gia hạn, chờ Sở Nội vụ duyệt',
    notChased: '➖ không nhắc: hạn đã qua khi nhập kế hoạch',
    none: '◻️ chưa báo',
    late: '⏰',
    lateWords: (days: number) => `quá hạn ${days} ngày làm việc`,
  },
  dueMissed: (missed: string, next: string | null) => `hạn ${missed}${next ? ` (kỳ tiếp theo: ${next})` : ''}`,
  dueLine: (due: string, extendedFrom: string | null) => (extendedFrom ? `hạn ${due} (gia hạn, gốc ${extendedFrom})` : `hạn ${due}`),
  stateTitle: 'Tình trạng của cơ quan bạn',
  lastReply: (at: string, who: string | null) => `báo lần cuối ${at}${who ? ` — ${who}` : ''}`,
  detailsHint: 'Gõ /nhiemvu <mã> để xem đầy đủ một nhiệm vụ.',
  unknownTask: (taskCode: string) => `Không có nhiệm vụ mã “${taskCode}”. Gõ /viec để xem mã các nhiệm vụ của cơ quan bạn.`,
  whichPlan: (taskCode: string) => `Mã ${taskCode} có trong nhiều kế hoạch. Chọn kế hoạch:`,
  plan: 'Kế hoạch',
  area: 'Lĩnh vực',
  objective: 'Mục tiêu',
  task: 'Nhiệm vụ',
  activity: 'Hoạt động',
  product: 'Kết quả, sản phẩm',
  leadLabel: 'Chủ trì',
  coordLabel: 'Phối hợp',
  deadline: 'Thời gian (theo kế hoạch)',
  span: 'Thời gian thực hiện',
  spanText: (start: string, end: string | undefined) => (end ? `Từ ${start} đến ${end}` : `Từ ${start}`),
  startText: 'Bắt đầu (theo kế hoạch, chưa đọc được ngày)',
  computed: 'Hạn dondoc theo dõi',
  past: 'Đã qua khi nhập (không nhắc, không chấm điểm)',
  noneLeft: 'không còn hạn nào phải theo dõi',
  adminDate: (date: string) => `Sở Nội vụ đã đặt hạn: ${date}`,
  budget: 'Kinh phí',
  resolved: (n: number) => `${n} cơ quan`,
  noPlans: 'Chưa có kế hoạch nào. Gửi tệp kế hoạch (Word .docx, .doc, PDF, hoặc Phụ lục .xlsx, .csv) vào đây để nhập.',
  plansTitle: 'Các kế hoạch đang theo dõi',
  planLine: (name: string, total: number) => `${name}: ${total} nhiệm vụ`,
  kinds: (parts: string) => `  ${parts}`,
  needsDateTitle: (n: number) => `${n} nhiệm vụ chờ Sở Nội vụ đặt hạn (thời gian phụ thuộc sự kiện hoặc chưa rõ):`,
  needsDateHint: 'Đặt hạn: /dathan <mã> <ngày/tháng/năm> [lý do].',
  unassigned: (n: number) => `  ${n} nhiệm vụ chưa xác định được cơ quan chủ trì.`,
  whichTaskToDate: (typed: string, n: number) => `Mã “${typed}” khớp với ${n} nhiệm vụ; dondoc chưa đặt hạn cho nhiệm vụ nào. Chọn đúng một nhiệm vụ:`,
  dateSet: (taskCode: string, date: string) => `Đã đặt hạn cho nhiệm vụ ${taskCode}: ${date}.`,
  dateMoved: (from: string, to: string) => `${from} là ngày nghỉ nên hạn là ngày làm việc kế tiếp, ${to}.`,
  badDate: (text: string, today: string) => `Ngày “${text}” không hợp lệ. Hãy gõ dạng ngày/tháng/năm, ví dụ ${exampleDate(today)}.`,
  dateOutOfRange: (text: string, latest: number) => `Ngày “${text}” nằm ngoài khoảng hợp lý (từ năm 2000 đến năm ${latest}); có lẽ gõ nhầm năm. Hãy gõ lại, ví dụ 30/09/2026.`,
  importIntro: 'Đã nhận tệp. Kết quả đọc thử (chưa ghi gì):',
  scanStarted: (pages: number, pageSeconds: number) =>
    `Tệp là bản quét (${pages} trang): dondoc đang đọc bằng nhận dạng chữ (OCR), mỗi trang mất khoảng 5–15 giây, lâu nhất ${pageSeconds} giây (trang đọc chưa xong thì báo là chưa đọc, không nhập). Đang đọc trang 1/${pages}…`,
  scanPage: (page: number, pages: number) => `Đang đọc trang ${page}/${pages}…`,
  importConfirm: '✅ Nhập kế hoạch này',
  importCancel: 'Hủy',
  importAsk: (name: string, year: number) => `Tên kế hoạch: “${name}”, năm ${year}. Bấm “Nhập kế hoạch này” để ghi, hoặc gửi lại tệp kèm chú thích “<năm> <tên kế hoạch>” để đổi.`,
  importExpired: 'Tệp chờ nhập đã hết hạn hoặc dondoc vừa khởi động lại. Hãy gửi lại tệp.',
  importCancelled: 'Đã hủy, không ghi gì.',
  nameFromTitle: 'Tên kế hoạch lấy từ tiêu đề văn bản (chú thích của tệp không ghi tên).',
  planDocument: (parts: string) => `Văn bản: ${parts}`,
};

function today(ctx: CommandContext): string {
  return civilDateOf(ctx.services.clock.now(), ctx.services.settings.timeZone);
}

const titleOf = (task: Task, max = 110) => taskTitle(task, max);

type ListedTask = ReturnType<CommandContext['services']['tasks']['forAgency']>[number];

/** A task's condition as one short phrase (icon and words), from the one shared definition (`itemView`). */
function stateWords(ctx: CommandContext, t: ListedTask): string {
  const S = T.state;
  const v = t.view;
  const day = v.doneDay ? formatCivil(v.doneDay) : '';
  if (v.finished) return `${S.done(day)} (${v.doneLateDays > 0 ? S.doneLate(v.doneLateDays) : S.onTime})`;
  const own =
    v.status === 'done' ? S.donePeriod(day)
    : v.extensionPending ? S.extensionAsked
    : v.status === 'in_progress' ? S.in_progress(v.progress)
    : v.status === 'blocked' ? S.blocked
    : v.status === 'contributing' ? S.contributing
    : v.condition === 'not_chased' ? S.notChased
    : null;
  if (v.condition === 'overdue') return own ? `${own}, ${S.lateWords(v.lateDays)}` : `${S.late} ${S.lateWords(v.lateDays)}`;
  return own ?? S.none;
}

/** The date in force, with the original in parentheses when an approved extension replaced it. */
function dueWords(t: ListedTask): string {
  const v = t.view;
  // Overdue: the date that was missed, then the next one if another is still ahead (never only a future date).
  if (v.condition === 'overdue' && v.lateSince) return T.dueMissed(formatCivil(v.lateSince), v.dueDate && v.dueDate > v.lateSince ? formatCivil(v.dueDate) : null);
  // Done late: the date it was late against (as for an overdue one, the missed date), never a later date the done also covered.
  if (v.lateAgainst && v.lateAgainst !== v.dueDate) return T.dueMissed(formatCivil(v.lateAgainst), null);
  return v.dueDate ? T.dueLine(formatCivil(v.dueDate), v.extendedFrom ? formatCivil(v.extendedFrom) : null) : T.noDate;
}

export const tasksCommand = defineCommand({
  name: 'viec',
  aliases: ['nhiemvucuatoi', 'tasks'],
  summary: 'Các nhiệm vụ của cơ quan bạn: việc còn mở trước, với tình trạng và hạn đang áp dụng',
  usage: '/viec [trang] · /viec xong [trang]',
  roles: ['focal', 'leader', 'admin'],
  args: z
    .array(z.string())
    .transform((words) => ({ finished: words[0]?.toLowerCase() === 'xong', page: (words[0]?.toLowerCase() === 'xong' ? words[1] : words[0]) ?? '1' }))
    .pipe(z.object({ finished: z.boolean(), page: z.string().regex(/^[1-9]\d{0,3}$/, 'số trang phải là số từ 1, ví dụ /viec 2').transform(Number) })),
  run(ctx, { finished, page }) {
    const member = ctx.member!;
    const all = ctx.services.tasks.forAgency(member.agencyId);
    if (all.length === 0) return textReply(T.noAgencyTasks(member.agencyName));
    // Open work first, finished work summed up (and listed with /viec xong).
    const done = all.filter((t) => t.view.finished);
    // A past plan's duties that are no longer owed (2024's "Thường xuyên" beside 2026's plan) are not open work.
    const open = all.filter((t) => !t.view.finished && ctx.services.tasks.stillOpen(t));
    const tasks = finished ? done : open;
    if (tasks.length === 0) return textReply(finished ? T.noneFinished(member.agencyName) : T.allFinished(member.agencyName, done.length));
    const pages = Math.ceil(tasks.length / PAGE_SIZE);
    if (page > pages) return textReply(T.pageOutOfRange(pages));
    const shown = tasks.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const rows: RichText[] = shown.map((t) => [
      code(t.code),
      ` ${titleOf(t)} — `,
      bold(stateWords(ctx, t)),
      `; ${dueWords(t)}`,
      ` (${tidyExtracted(t.deadlineText) || PLAN_TEXTS.kind[t.deadlineKind]}; ${t.role === 'lead' ? T.lead : T.coord})`,
    ]);
    const choices: Choice[][] = [];
    for (let i = 0; i < shown.length; i += 4) {
      choices.push(shown.slice(i, i + 4).map((t) => ({ label: t.code, command: `/nhiemvu ${taskRef(t.id)}` })));
    }
    const base = finished ? '/viec xong' : '/viec';
    const paging: Choice[] = [];
    if (page > 1) paging.push({ label: T.previous, command: `${base} ${page - 1}` });
    if (page < pages) paging.push({ label: T.next, command: `${base} ${page + 1}` });
    if (paging.length > 0) choices.push(paging);
    const title = finished ? T.doneTitle(member.agencyName, tasks.length, page, pages) : T.tasksTitle(member.agencyName, tasks.length, page, pages);
    return {
      text: lines([bold(title)], ...rows, ...(!finished && done.length > 0 ? [T.finishedSummary(done.length)] : []), [italic(T.detailsHint)]),
      choices,
    };
  },
});

function taskDetails(ctx: CommandContext, task: Task): Reply {
  const leads = ctx.member && ctx.member.role !== 'admin' && ctx.services.statuses.roleOn(ctx.member, task.id) === 'lead';
  const reply = taskText(ctx, task);
  return leads ? { ...reply, choices: statusChoices(task) } : reply;
}

/**
 * A task's time as the plan published it, labelled as /nhiemvu and the dashboard's history page show
 * it: the deadline's words, and with a start column ("Bắt đầu | Hoàn thành") the span from the start
 * to the plan's last date ("Từ 01/03/2026 đến 30/06/2026"), or the start's words when they name no day.
 */
export function planTime(task: Task, dates: { nominalDate: string }[]): { label: string; value: string }[] {
  return [
    { label: T.deadline, value: tidyExtracted(task.deadlineText) },
    { label: T.span, value: task.startDate ? T.spanText(formatCivil(task.startDate), lastPlanDate(dates)) : '' },
    { label: T.startText, value: task.startText && !task.startDate ? tidyExtracted(task.startText) : '' },
  ].filter((t) => t.value !== '');
}

/** The latest date the plan set for a task (formatted), among the dates still owed and those already past. */
function lastPlanDate(dates: { nominalDate: string }[]): string | undefined {
  const last = dates.map((d) => d.nominalDate).sort().pop();
  return last ? formatCivil(last) : undefined;
}

function taskText(ctx: CommandContext, task: Task): Reply {
  const { leads, coordinators, deadlines, past, override } = ctx.services.tasks.details(task);
  const field = (label: string, value: string): RichText[] => (value ? [[bold(`${label}: `), value]] : []);
  return {
    text: lines(
      [bold(`Nhiệm vụ ${task.code}`)],
      ...field(T.plan, task.planName),
      ...field(T.area, task.areaTitle),
      ...field(T.objective, tidyExtracted(task.objective)),
      ...field(T.task, tidyExtracted(task.task)),
      ...field(T.activity, tidyExtracted(task.activity)),
      ...field(T.product, tidyExtracted(task.product)),
      ...field(T.leadLabel, leads.length > 0 && leads.length <= 5 ? leads.join(', ') : `${task.leadText}${leads.length > 5 ? ` (${T.resolved(leads.length)})` : ''}`),
      ...field(T.coordLabel, task.coordText ? `${task.coordText}${coordinators > 0 ? ` (${T.resolved(coordinators)})` : ''}` : ''),
      ...planTime(task, [...deadlines, ...past]).flatMap((t) => field(t.label, t.value)),
      ...field(T.computed, deadlines.length > 0 ? deadlines.map((d) => formatCivil(d.dueDate)).join('; ') : past.length > 0 ? T.noneLeft : PLAN_TEXTS.kind[task.deadlineKind]),
      ...field(T.past, past.map((d) => formatCivil(d.dueDate)).join('; ')),
      [italic(task.deadlineNote)],
      ...(override ? [[bold(T.adminDate(formatCivil(override.dueDate)))] as RichText] : []),
      ...field(T.budget, task.budget),
      ...field(T.stateTitle, ownState(ctx, task)),
    ),
  };
}

/** The asker's agency's state of the task, its date in force and its last reply ("" when the agency has no part in it). */
function ownState(ctx: CommandContext, task: Task): string {
  const member = ctx.member;
  if (!member) return '';
  const [mine] = ctx.services.tasks.forAgency(member.agencyId, task.id);
  if (!mine) return '';
  const last = ctx.services.tasks.lastReply(task, member.agencyId);
  const reply = last ? T.lastReply(formatDateTime(new Date(last.at), ctx.services.settings.timeZone), last.memberName) : '';
  return [stateWords(ctx, mine), dueWords(mine), reply].filter(Boolean).join('; ');
}

export const taskCommand = defineCommand({
  name: 'nhiemvu',
  aliases: ['task'],
  summary: 'Xem đầy đủ một nhiệm vụ: nội dung, cơ quan, thời hạn gốc và hạn tính được',
  usage: '/nhiemvu <mã nhiệm vụ>',
  roles: ['focal', 'leader', 'admin'],
  args: z
    .array(z.string())
    .min(1, 'thiếu mã nhiệm vụ, ví dụ /nhiemvu I.3.17')
    // A code typed with spaces ("II. 3.3") is one code; "#<plan>" after it picks one plan.
    .transform((words) => ({ code: words.filter((w) => !w.startsWith('#')).join(' '), plan: words.find((w) => w.startsWith('#'))?.slice(1) ?? null })),
  run(ctx, args) {
    const found = ctx.services.tasks.byRef(args.code);
    const chosen = args.plan ? found.filter((t) => String(t.planId) === args.plan) : found;
    if (chosen.length === 0) return textReply(T.unknownTask(args.code));
    if (chosen.length === 1) return taskDetails(ctx, chosen[0]!);
    return {
      text: [T.whichPlan(args.code)],
      choices: chosen.map((t) => [{ label: `${t.code} — ${t.planName}`, command: `/nhiemvu ${taskRef(t.id)}` }]),
    };
  },
});

export const plansCommand = defineCommand({
  name: 'kehoach',
  aliases: ['plans'],
  summary: 'Các kế hoạch đã nhập, số nhiệm vụ, những nhiệm vụ còn chờ đặt hạn',
  usage: '/kehoach',
  roles: ['admin'],
  args: noArgs,
  run(ctx) {
    const { tasks } = ctx.services;
    const summaries = tasks.planSummaries();
    if (summaries.length === 0) return textReply(T.noPlans);
    const rows: (RichText | string)[] = [[bold(T.plansTitle)]];
    for (const s of summaries) {
      rows.push([bold(T.planLine(s.plan.name, s.total))]);
      // The publishing document as stored: "Kế hoạch số 45/KH-UBND, Hà Tĩnh, ngày 8/1/2026".
      const p = s.plan;
      const doc = [[p.docKind ?? (p.documentNo ? 'Văn bản' : ''), p.documentNo ? `số ${p.documentNo}` : ''].filter(Boolean).join(' '), p.docPlace ?? '', p.docDate ? `ngày ${formatCivil(p.docDate)}` : '']
        .filter(Boolean)
        .join(', ');
      if (doc !== '') rows.push(T.planDocument(doc));
      const parts = (Object.keys(s.byKind) as (keyof typeof s.byKind)[])
        .filter((k) => s.byKind[k] > 0)
        .map((k) => `${PLAN_TEXTS.kind[k]} ${s.byKind[k]}`);
      rows.push(T.kinds(parts.join(', ')));
      if (s.unassigned > 0) rows.push(T.unassigned(s.unassigned));
    }
    const waiting = tasks.needingDate(15);
    if (waiting.length > 0) {
      rows.push([bold(T.needsDateTitle(summaries.reduce((n, s) => n + s.needsDate, 0)))]);
      for (const t of waiting) rows.push([code(t.code), ` ${titleOf(t, 70)} — “${tidyExtracted(t.deadlineText)}”`]);
      rows.push(T.needsDateHint);
    }
    return { text: lines(...rows) };
  },
});

export const setDateCommand = defineCommand({
  name: 'dathan',
  aliases: ['sethan'],
  summary: 'Đặt hạn cho nhiệm vụ có thời gian phụ thuộc sự kiện hoặc chưa rõ',
  usage: '/dathan <mã nhiệm vụ> <ngày/tháng/năm> [lý do]',
  roles: ['admin'],
  args: z
    .array(z.string())
    .min(2, 'cần mã nhiệm vụ và ngày, ví dụ /dathan I.3.7 30/09/2024')
    .transform((words) => ({ code: words[0]!, date: words[1]!, reason: words.slice(2).join(' ') || null })),
  run(ctx, args) {
    const date = parseTypedDay(args.date);
    if (!date) return textReply(T.badDate(args.date, today(ctx)));
    const found = ctx.services.tasks.forWrite(args.code);
    if (found.kind === 'none') return textReply(T.unknownTask(args.code));
    // A tail ("7") or a code in several plans: list them with full codes and plans; nothing is written.
    if (found.kind === 'choose') {
      return chooseTask(T.whichTaskToDate(args.code, found.tasks.length), found.tasks, (ref) => `/dathan ${ref} ${args.date}${args.reason ? ` ${args.reason}` : ''}`);
    }
    const set = ctx.services.tasks.setDate([found.task], date, ctx.member!, args.reason, ctx.platform);
    if (!set.ok) return textReply(T.dateOutOfRange(args.date, set.error.latest));
    const due = set.value;
    return textReply(
      T.dateSet(found.task.code, formatCivil(due)),
      ...(due !== date ? [T.dateMoved(formatCivil(date), formatCivil(due))] : []),
    );
  },
});

/** Reads "<năm> [YYYY-YYYY] <tên>" from a caption, falling back to the year in the file name and the file name. */
export function planMetaFrom(caption: string, fileName: string, fallbackYear: number): PlanMeta {
  const words = caption.trim().split(/\s+/).filter(Boolean);
  let year: number | undefined;
  let period: PlanMeta['period'];
  if (words[0] && /^\d{4}$/.test(words[0])) year = Number(words.shift());
  if (words[0] && /^\d{4}-\d{4}$/.test(words[0])) {
    const [from, to] = words.shift()!.split('-').map(Number) as [number, number];
    period = { from, to };
  }
  const base = fileName.replace(/\.[^.]+$/, '');
  year ??= Number(/(20\d{2})/.exec(base)?.[1] ?? /(20\d{2})/.exec(caption)?.[1] ?? fallbackYear);
  const given = words.join(' ');
  // No name in the caption: the document's title names the plan when it has one, else the file name.
  return { name: given || base.replace(/[-_]+/g, ' '), year, period, ...(given ? {} : { nameFromDocument: true }) };
}

/**
 * An admin sent a plan file (the dispatcher routes only admins' files here): dry-run it and offer
 * to write it (nothing is stored before the confirm). A file over the size limit is refused
 * before it is downloaded.
 */
/** At most one progress message in this many milliseconds while a scan is read (a page takes 5–15 s). */
const PROGRESS_EVERY_MS = 20_000;

/**
 * How far the OCR of a scan of several pages has got, said in the chat: when the first page starts
 * (how many pages, how long a page takes), then at most every 20 seconds ("Đang đọc trang 3/12…").
 * A one-page scan says nothing: its answer comes within seconds.
 */
function scanProgress(ctx: CommandContext, started: Date): (page: number, pages: number) => void {
  let last = 0;
  return (page, pages) => {
    if (pages < 2) return;
    const now = ctx.services.clock.now().getTime();
    if (page > 1 && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    const text = page === 1 ? T.scanStarted(pages, ctx.services.settings.ocrPageSeconds ?? DEFAULT_OCR_PAGE_SECONDS) : T.scanPage(page, pages);
    ctx.services.notifier.toChat(`ocr:${ctx.platform}:${ctx.chatId}:${started.getTime()}:${page}`, ctx.member?.id ?? null, ctx.platform, ctx.chatId, textReply(text));
  };
}

export async function handlePlanFile(
  ctx: CommandContext,
  file: { name: string; caption: string; size: number; download(): Promise<Buffer> },
): Promise<CommandResult> {
  if (file.size > MAX_PLAN_FILE_BYTES) {
    return { replies: [textReply(PLAN_TEXTS.importError({ code: 'file', reason: 'too_large', size: file.size }))] };
  }
  let data: Buffer;
  try {
    data = await file.download();
  } catch {
    return { replies: [textReply(COMMON.fileUnreadable)] };
  }
  const now = ctx.services.clock.now();
  const meta = planMetaFrom(file.caption, file.name, Number(today(ctx).slice(0, 4)));
  const result = await ctx.services.plans.importFile(file.name, data, meta, { dryRun: true, onPage: scanProgress(ctx, now) });
  if (!result.ok) return { replies: [textReply(PLAN_TEXTS.importError(result.error))] };
  const proposals = PLAN_TEXTS.proposals(result.value);
  const token = ctx.services.pendingImports.add({ memberId: ctx.member!.id, fileName: file.name, data, meta, proposals }, now);
  return {
    replies: [
      {
        text: lines(
          T.importIntro,
          ...PLAN_TEXTS.importSummary(result.value),
          ...(meta.nameFromDocument && result.value.plan !== meta.name ? [T.nameFromTitle] : []),
          T.importAsk(result.value.plan, meta.year),
        ),
        choices: [
          // Bodies the directory lacks, one tap each to add (at most five; the rest are listed above).
          ...proposals.slice(0, 5).map((offer, i) => [{ label: PLAN_TEXTS.proposalLabel(offer), command: `/themcoquan ${token} ${i + 1}` }]),
          [{ label: T.importConfirm, command: `/nhapkehoach ${token}` }, { label: T.importCancel, command: `/huynhap ${token}` }],
        ],
      },
    ],
  };
}

export const confirmImportCommand = defineCommand({
  name: 'nhapkehoach',
  summary: 'Xác nhận nhập tệp kế hoạch vừa gửi',
  hidden: true,
  usage: '/nhapkehoach <mã xác nhận>',
  roles: ['admin'],
  args: z.array(z.string()).min(1, 'thiếu mã xác nhận; hãy bấm nút dưới bản xem trước').transform((w) => w[0]!),
  async run(ctx, token) {
    const pending = ctx.services.pendingImports.take(token, ctx.member!.id, ctx.services.clock.now());
    if (!pending) return textReply(T.importExpired);
    const result = await ctx.services.plans.importFile(pending.fileName, pending.data, pending.meta);
    if (!result.ok) return textReply(PLAN_TEXTS.importError(result.error));
    ctx.log.info({ plan: result.value.plan, tasks: result.value.tasks, created: result.value.created, retired: result.value.retired }, 'plan imported from chat');
    ctx.services.privacy.record({ memberId: ctx.member!.id, via: ctx.platform }, 'plan_import', `plan:${result.value.plan}`, { year: pending.meta.year, tasks: result.value.tasks, created: result.value.created, retired: result.value.retired });
    ctx.services.planner.replan();
    return textReply(...PLAN_TEXTS.importSummary(result.value));
  },
});

/** "Thêm …" under a plan preview: adds the body the import offered to the directory, only on this tap. */
export const addProposedAgencyCommand = defineCommand({
  name: 'themcoquan',
  summary: 'Thêm vào danh bạ một cơ quan mà tệp kế hoạch vừa gửi nêu tên',
  hidden: true,
  usage: '/themcoquan <mã xác nhận> <số thứ tự>',
  roles: ['admin'],
  args: z.array(z.string()).min(2, 'thiếu mã xác nhận hoặc số thứ tự; hãy bấm nút dưới bản xem trước').transform((w) => ({ token: w[0]!, index: Number(w[1]) - 1 })),
  run(ctx, { token, index }) {
    const pending = ctx.services.pendingImports.peek(token, ctx.member!.id, ctx.services.clock.now());
    const offer = pending?.proposals?.[index];
    if (!offer) return textReply(PLAN_TEXTS.proposalGone);
    const result = ctx.services.registry.add(offer.kind, offer.code, offer.name, { memberId: ctx.member!.id, via: ctx.platform });
    // A second tap finds it added already.
    return textReply(result.ok || result.error.code === 'duplicate_code' ? PLAN_TEXTS.proposalAdded(offer) : directoryEditError(result.error));
  },
});

export const cancelImportCommand = defineCommand({
  name: 'huynhap',
  summary: 'Hủy tệp kế hoạch đang chờ nhập',
  hidden: true,
  usage: '/huynhap <mã xác nhận>',
  roles: ['admin'],
  args: z.array(z.string()).transform((w) => w[0] ?? ''),
  run(ctx, token) {
    ctx.services.pendingImports.drop(token);
    return textReply(T.importCancelled);
  },
});
