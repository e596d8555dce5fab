import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { applyRegistry, readRegistry } from './app/agency-registry.js';
import { DATA_DIR } from './app/data-file.js';
import { createLogger } from './logger.js';
import { OnboardingService } from './app/onboarding-service.js';
import { ROLE_INPUT, ROLE_LABELS, ROLE_WORDS } from './domain/roles.js';
import { prepareInviteList, sheetPeople } from './app/invite-list.js';
import { auditLine, PRUNE_KIND_LABELS } from '../commands/privacy.js';
import { PRUNE_KINDS } from './app/retention.js';
import { formatDateTime } from './domain/time.js';
import { listMigrations, migrate, openDatabase, openReadOnly } from './store/database.js';
import { backupDatabase, restoreDatabase, type DatabaseCheck } from './app/backup.js';
import { createStore, type Store } from './store/store.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { exportWorkbook } from './app/excel-export.js';
import { basename, extname, resolve } from 'node:path';
import { createServices, type Services } from './app/services.js';
import { seedDemoMembers, seedDemoPlan } from './app/demo-seed.js';
import { leaseHolder } from './app/lease.js';
import { scheduleDeadline } from './domain/deadline-grammar.js';
import { loadAdminUnits, loadCalendar } from './app/province-data.js';
import { buildProvinceRegistry, findProvince, isUneditedGenerated, loadProvinceTemplate, otherProvinceHeld, registryCounts, registryFileText } from './app/province-setup.js';
import { civilDateOf, formatCivil } from './domain/civil-date.js';
import { readStatusReply } from './domain/status-reply.js';
import { STATUS_TEXTS } from '../commands/status.js';
import { REMINDER_MESSAGES } from '../commands/reminder-messages.js';
import { Notifier } from './app/notifier.js';
import { MessageBudget, monthlyQuotas } from './app/message-budget.js';
import { plainText } from './app/reply.js';
import { textKey } from './domain/text-key.js';
import type { Member } from './store/member-repo.js';
import { PLAN_TEXTS } from '../commands/plans.texts.js';
import { ensureReportYear } from './app/report-calendar.js';
import { dayjs } from './domain/time.js';
import { defaultAsOf, parsePeriod } from './domain/scoring.js';
import { parseReportPeriod } from './domain/report-period.js';
import { citationText } from './reports/docx.js';
import { citationOf, readPlanDocumentPatch } from './reports/plan-citation.js';

const USAGE = `Cách dùng: npm run cli -- <lệnh> [tùy chọn]

Lệnh:
  invite --agency <mã> --role <dau_moi|lanh_dao|quan_tri> [--name "Họ tên"] [--hours <số giờ>] [--json]
      Tạo mã mời dùng một lần (ví dụ mã cho quản trị đầu tiên: --agency SNV --role quan_tri).
  invite --file <danh-sach.xlsx|csv> [--hours <số giờ>] [--bot <tên bot Telegram>] [--out <phieu-moi.pdf|docx>] [--json]
      Mỗi người trong danh sách (cột Họ tên, Cơ quan, Vai trò) một mã mời; cơ quan đọc như ô Chủ trì của kế hoạch.
      Có dòng sai (cơ quan lạ, thiếu tên) thì không tạo mã nào. Chạy lại không nhân đôi: ai đã tham gia không có mã mới,
      ai còn mã chưa dùng được mã mới (mã cũ hết hiệu lực); người có trong dondoc mà không còn trong danh sách chỉ được báo.
      --json: [{"name","agency","role","code","link"}] (code và link là null với người đã tham gia).
      --out: phiếu mời để in, mỗi cơ quan một trang: họ tên, vai trò, mã mời, mã QR mở bot Telegram (cần --bot), cách gửi mã trên Zalo.
      Tệp .pdf cần LibreOffice (soffice); không có thì ghi tệp .docx cùng tên và thoát với mã 1.
  audit [--since <YYYY-MM-DD>] [--json]
      Nhật ký thao tác quản trị (mời, đổi vai trò, nhập kế hoạch, gửi thông báo, gia hạn, khôi phục, xuất và xoá dữ liệu cá nhân, xoá dữ liệu quá thời gian lưu).
  prune [--dry-run] [--json]
      Xoá hoặc làm trống ngay dữ liệu cá nhân đã quá thời gian lưu trong data/retention.json (bot đang chạy tự làm mỗi đêm):
      mã chat và nội dung tin đã gửi, tin nhận từ Telegram/Zalo, tệp chờ trả lời, phiên web đã kết thúc, danh sách đánh số.
      Không bao giờ đụng tới lịch sử cập nhật, tệp minh chứng đã ghi, nhật ký quản trị. --dry-run: chỉ đếm, không đổi gì.
      --json: {"dryRun","counts":{"outbox","incomingUpdates","heldEvidence","webSessions","numberedChoices"},"days":{…cùng các khoá}}.
  agencies [--json]
      Liệt kê danh bạ cơ quan cùng tên viết tắt.
  demo reset [--force]
      Dựng lại dữ liệu mẫu cho hôm nay (kế hoạch năm nay, thành viên mẫu, lịch sử cập nhật). Xóa mọi dữ liệu trong cơ sở dữ liệu.
  province list [--json]
      Liệt kê 34 tỉnh, thành phố (sau 1/7/2025) cùng số xã, phường, đặc khu.
  province init "<tên tỉnh>" [--force] [--switch-province] [--file <tệp>] [--json]
      Viết danh bạ cơ quan của tỉnh (data/agencies.json): UBND tỉnh, các sở, cơ quan Trung ương, mọi xã, phường, đặc khu.
      Tệp cũ được giữ ở <tệp>.bak. Cơ sở dữ liệu đang theo dõi cơ quan của tỉnh khác thì từ chối, không ghi gì
      (lần chạy sau các cơ quan đó sẽ bị ngừng theo dõi): --switch-province để xác nhận đổi tỉnh.
      --json: {"province","agencies","departments","communes","backup"} (backup: tệp .bak hoặc null).
  backup <tệp.sqlite> [--json]
      Sao lưu cơ sở dữ liệu khi bot đang chạy (VACUUM INTO: trọn vẹn cả khi đang ghi), rồi kiểm tra bản sao và in số dòng.
  restore <tệp.sqlite> [--json]
      Khôi phục từ bản sao lưu (dừng bot trước). Bản sao được kiểm tra; cơ sở dữ liệu cũ được giữ lại bên cạnh.
  migrate
      Áp dụng các bản nâng cấp lược đồ còn thiếu.
  deadline "<thời gian>" --year <YYYY> [--period <YYYY-YYYY>] [--issued <YYYY-MM-DD> [--kind "Quyết định"]] [--json]
      Đọc thử một ô "Thời gian hoàn thành" (ví dụ "Quý II, III/2024"). Từ nào không đặt được vào cách viết
      thời hạn nào thì ô là "chưa rõ" và --json liệt kê các từ đó ở "unexplained". --issued: ngày ban hành kế hoạch
      (như khi đọc được từ văn bản), để tính "trong 30 ngày kể từ ngày ban hành Kế hoạch".
  reply "<tin nhắn>" [--today <YYYY-MM-DD>] [--json]
      Đọc thử một tin báo tình trạng (ví dụ "2.5 chưa xong, đang làm 60%") mà không ghi gì.
  import <tệp.csv|tệp.xlsx|tệp.docx|tệp.doc|tệp.pdf|ảnh.png|ảnh.jpg> [--plan "<tên kế hoạch>"] --year <YYYY> [--period <YYYY-YYYY>] [--doc <số hiệu>] [--rows <3-10,15>] [--dry-run] [--chase-past] [--json]
      Nhập bảng nhiệm vụ của kế hoạch. Mã thoát: 0 sạch, 3 đã nhập nhưng còn mục cần xem lại, 2 không ghi được gì.
      Không có --plan: tên kế hoạch là tiêu đề của văn bản Word/PDF ("Kế hoạch Cải cách hành chính năm 2026");
      tệp không có tiêu đề (CSV, XLSX) thì cần --plan.
      --rows: chỉ nhập nhiệm vụ ở các dòng đã chọn (số dòng trong tệp, tính cả dòng tiêu đề, như “dòng 12” trong báo
      cáo); nhiệm vụ khác của kế hoạch giữ nguyên, không bị ngừng theo dõi. --json thêm "selected":{"rows":[{"row","code",
      "parent","lead","coordinating","deadline","deadlineKind","dates","start"}],"missing":[số dòng không có nhiệm vụ]}
      (null khi không có --rows). Mỗi mục "unresolvedAgencies" có "reason" (unknown, related, narrowed, outside,
      ceased, empty), "cell" (ô như trong văn bản) và, với cơ quan chưa có trong danh bạ, "propose":{"name","code","kind"}.
      Hạn đã qua trước lần nhập đầu được ghi "đã qua khi nhập" (không nhắc, không chấm điểm), trừ khi có --chase-past.
      Tệp Word/PDF: đọc cả phần đầu văn bản (số, nơi và ngày ban hành, cơ quan, loại, tiêu đề; phần nào không có thì
      để trống) và lưu cùng kế hoạch; "trong N ngày kể từ ngày ban hành Kế hoạch" được tính từ ngày đó. --json thêm
      "document":{"number","place","date","issuer","kind","title"} (null với CSV/XLSX không có --doc).
      CSV theo bảng mã cũ (Windows-1258, TCVN3, VNI) được chuyển sang Unicode ("source":{"encoding":…}); tệp không
      chuyển được thì bị từ chối, không ghi gì.
      Bản quét (PDF không có lớp chữ) và ảnh chụp bảng (.png, .jpg) được đọc bằng nhận dạng chữ (OCR, tesseract tiếng Việt):
      "source":{"format","ocr":true,"tables","pages"}; dòng đọc không chắc chắn ở "ocr":{"doubtful":[{"row","text","words"}],
      "heldBack":[{"row","code"}]} và KHÔNG được nhập; nhiệm vụ chỉ có ô Sản phẩm không đọc được vẫn được nhập, để trống
      sản phẩm ("products":[{"row","code","words"}]); chữ trong tên nhiệm vụ, tiêu đề máy đọc chưa chắc được nhập đúng như
      đọc và nêu ra để soát ("wordsToCheck":[{"row","code","text","words":[{"text","confidence"}]}], "code" null với tiêu đề);
      còn một trong các mục đó thì mã thoát 3.
      Cột đánh dấu "Quý I | Quý II | Quý III | Quý IV" (hoặc "I … IV", "T1 … T12") dưới "Thời gian thực hiện": dấu "x"
      được đọc như ô "Quý II, III/<năm kế hoạch>"; ô đánh dấu ghi ngày hoặc chữ thì dòng đó vào "unknownDeadlines".
      --json thêm "columns":{"ticks":[tên cột đánh dấu],"unused":[tên cột không dùng, như "Ghi chú", "Kinh phí — Ngân
      sách tỉnh"]} và "startProblems":[{"row","start","deadline","reason"}] (reason: unreadable, after_end): ô "Bắt
      đầu"/"Từ" không đọc được một ngày, hoặc sau hạn; nhiệm vụ vẫn được nhập, không có ngày bắt đầu (mã thoát 3).
  reminders --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--plan "<tên kế hoạch>"] [--json]
      Lịch nhắc việc dự kiến trong khoảng ngày (không gửi gì).
  score --period <YYYY|YYYY-Qn> [--as-of <YYYY-MM-DD>] [--json]
      Điểm từng cơ quan theo bộ tiêu chí data/rubric.json, tính đến --as-of (mặc định: hôm nay, hoặc ngày cuối kỳ nếu kỳ đã qua — như /diem).
  export --period <YYYY|YYYY-Qn> --out <tệp.xlsx> [--as-of <YYYY-MM-DD>]
      Xuất tệp Excel: nhiệm vụ, báo cáo, điểm (--as-of mặc định như score, giống /xuatexcel).
  report draft --period <YYYY-Q1|YYYY-6T|YYYY-Q3|YYYY-9T|YYYY-NAM> [--agency <mã>] [--as-of <YYYY-MM-DD>] --out <tệp.docx> [--xlsx <tệp.xlsx>] [--json]
      Dự thảo báo cáo CCHC định kỳ (tệp Word theo thể thức Nghị định 30/2020/NĐ-CP) của tỉnh hoặc một cơ quan,
      số liệu như /tonghop và /quahan tại ngày --as-of (mặc định hôm nay). --json: {"file","period",
      "window":{"from","to"},"agency","counts":{"due","doneOnTime","doneLate","inProgress","overdue","extended"},
      "missingReports":[{"code","name"}],"xlsx"}. --xlsx: thêm tệp Excel số liệu các phụ lục (tổng hợp, phụ lục I–III,
      báo cáo các cơ quan) như /soanbaocao gửi kèm; "xlsx" là tên tệp đó hoặc null.
  plan doc --plan <số hiệu kế hoạch|tên> [--number <45/KH-UBND>] [--date <dd/mm/yyyy>] [--issuer "<cơ quan>"] [--kind "<Kế hoạch|Quyết định>"] [--title "<trích yếu>"] [--clear <number,date,issuer,kind,title>] [--json]
      Đặt hoặc sửa văn bản ban hành kế hoạch (khi nhập không đọc được hoặc đọc sai) để dự thảo báo cáo trích dẫn
      “Căn cứ Kế hoạch số … ngày … của …”; phần chưa biết để “[bổ sung]”. Không có tùy chọn đặt/xoá: chỉ in hiện trạng.
      Số hiệu kế hoạch xem trong /kehoach. --json: {"plan":{"id","name"},"document":{"number","date","issuer","kind","title"},"citation"}.
  report settings --agency <mã> [--title "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"] [--name "<họ tên>"] [--recipients "Như trên; UBND tỉnh; Lưu: VT"] [--clear title,name,recipients] [--json]
      Chức vụ, họ tên người ký và nơi nhận của báo cáo cơ quan (như /caidatbaocao). Chức vụ viết hoa, các dòng cách
      nhau bằng “/”; “TM.” chỉ cho tập thể (UBND), “KT.”/“TL.”/“TUQ.” cần dòng chức vụ dưới; “Lưu: VT” được thêm cuối
      nơi nhận nếu thiếu. Chưa đặt thì dự thảo để “[bổ sung]”. --json: {"agency":{"code","name"},"signerTitle":[…]|null,
      "signerName","recipients":[…]|null}.
  say --as <thành viên> "<tin nhắn>" [--json]
      Chạy một tin nhắn qua đúng bộ xử lý của Telegram, Zalo và trang chat cục bộ, với tư cách một thành viên
      (số hiệu thành viên, tài khoản như telegram:123, hoặc tên), rồi in các câu trả lời. Tin được ghi thật
      (báo xong là ghi nhận). --json: [{"text":"…","choices":["…"],"files":["…"]}].
  replay
      Tính lại trạng thái các việc từ nhật ký cập nhật và báo mọi chênh lệch (mã thoát 1 nếu có).
  doctor [--json]
      Kiểm tra như GET /healthz: ghi được cơ sở dữ liệu, lược đồ, tiến trình giữ hàng đợi gửi và bộ lập lịch,
      tin chờ gửi, lần chạy gần nhất của bộ lập lịch, kết nối Telegram/Zalo, hạn mức tháng (mã thoát 1 nếu có lỗi).`;

/** Thrown for a wrong CLI call; printed as one Vietnamese line plus the usage, exit code 2. */
class UsageError extends Error {}

function openStore(config: Config): Store {
  const store = createStore(openDatabase(config.DONDOC_DB_PATH));
  applyRegistry(store, readRegistry(join(DATA_DIR, 'agencies.json')), systemClock.now(), config.DONDOC_TIMEZONE);
  return store;
}

function openServices(config: Config): Services {
  const store = openStore(config);
  const notifier = new Notifier(store, systemClock, REMINDER_MESSAGES);
  return createServices({
    store,
    clock: systemClock,
    logger: createLogger('silent'),
    notifier,
    budget: new MessageBudget(store, systemClock, config.DONDOC_TIMEZONE, monthlyQuotas(config), notifier, REMINDER_MESSAGES),
    dataDir: DATA_DIR,
    settings: { provinceName: config.DONDOC_PROVINCE_NAME ?? readRegistry(join(DATA_DIR, 'agencies.json')).province, timeZone: config.DONDOC_TIMEZONE, inviteTtlHours: config.DONDOC_INVITE_TTL_HOURS, reportMaxLines: config.DONDOC_REPORT_MAX_LINES, ocrPageSeconds: config.DONDOC_OCR_PAGE_SECONDS, fileLinks: false, dataController: config.DONDOC_DATA_CONTROLLER, privacyContact: config.DONDOC_PRIVACY_CONTACT },
  });
}

/** Parses --rows "3-10,15" into row numbers (as the import report numbers them), or throws a UsageError saying what to type. */
function rowList(text: string): number[] {
  const spec = text.replace(/\s+/g, '');
  if (!/^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/.test(spec)) throw new UsageError(`--rows “${text}” không đọc được: ghi số dòng và khoảng, cách nhau bằng dấu phẩy, ví dụ --rows 3-10,15`);
  const rows = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (from < 1 || to < from) throw new UsageError(`--rows: khoảng “${part}” không hợp lệ (số dòng từ 1, số đầu không lớn hơn số cuối), ví dụ --rows 3-10,15`);
    if (to - from > 100_000) throw new UsageError(`--rows: khoảng “${part}” quá rộng (tối đa 100000 dòng)`);
    for (let n = from; n <= to; n += 1) rows.add(n);
  }
  return [...rows].sort((a, b) => a - b);
}

/** Parses --year and --period, or throws a UsageError saying what to type. */
function yearAndPeriod(values: { year?: string | undefined; period?: string | undefined }): { year: number; period?: { from: number; to: number } } {
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('cần --year <YYYY>, ví dụ --year 2024');
  if (values.period === undefined) return { year };
  const match = /^(\d{4})-(\d{4})$/.exec(values.period);
  if (!match || Number(match[1]) > Number(match[2])) throw new UsageError('--period phải dạng YYYY-YYYY, ví dụ --period 2021-2030');
  return { year, period: { from: Number(match[1]), to: Number(match[2]) } };
}

/**
 * The reminders that would go out between two days, one entry per (slot, recipient), without
 * sending anything: the shape of `npm run cli -- reminders --json`.
 */
function plannedSchedule(services: Services, from: string, to: string, plan: string | null) {
  const { store, planner, settings } = services;
  const planTasks = plan ? store.plans.planByName(plan) : undefined;
  if (plan && !planTasks) throw new UsageError(`không có kế hoạch “${plan}”`);
  const rows = planner.desired(from, to).filter((r) => !plan || (r.itemKind === 'task' && store.plans.taskById(r.itemId)?.planId === planTasks!.id));
  const entries = new Map<string, { at: string; member: string | null; agency: string; items: { kind: string; ref: string; due: string; step: string }[] }>();
  for (const row of rows) {
    const agency = store.agencies.byId(row.agencyId)!;
    const ref = row.itemKind === 'task' ? store.plans.taskById(row.itemId)!.code : store.reports.byId(row.itemId)!.code;
    const members = store.members.ofAgency(row.agencyId, row.audience === 'leader' ? ['leader'] : ['focal']).filter((m) => row.urgent || !m.muted);
    const at = dayjs(row.sendAt).tz(settings.timeZone).format();
    for (const member of members.length > 0 ? members : [null]) {
      const key = `${at}|${member?.id ?? `agency-${agency.id}`}`;
      const entry = entries.get(key) ?? { at, member: member?.displayName ?? null, agency: agency.code, items: [] };
      entry.items.push({ kind: row.itemKind, ref, due: row.dueDate, step: row.step });
      entries.set(key, entry);
    }
  }
  return [...entries.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.agency.localeCompare(b.agency)));
}

/**
 * What `reply` prints: the reading in the `--json` shape (unclear = what the chat would ask back),
 * and the same in Vietnamese lines, with the question the chat would ask.
 */
function describeReply(text: string, today: string): { json: object; lines: string[] } {
  const read = readStatusReply(text, today);
  const words = { done: 'hoàn thành', progress: 'đang thực hiện', problem: 'vướng mắc', extension: 'xin gia hạn', unclear: 'chưa rõ (dondoc sẽ hỏi lại)' };
  if (!read.ok) {
    const codes = 'taskCode' in read.error && read.error.taskCode ? [read.error.taskCode] : [];
    const json = { codes, status: 'unclear', progress: null, date: null, reason: null, evidence: [], confirm: false, unexplained: [], items: [] };
    return { json, lines: [`Tình trạng: ${words.unclear}`, `dondoc sẽ trả lời: ${STATUS_TEXTS.problem(read.error, today)}`] };
  }
  const r = read.value;
  const json = {
    codes: r.codes,
    status: r.status,
    progress: r.progress,
    date: r.date,
    reason: r.reason,
    evidence: r.evidence,
    confirm: r.confirm,
    unexplained: r.unexplained,
    items: r.items.map((i) => ({ codes: i.codes, status: i.status, progress: i.progress, date: i.date, reason: i.reason, doubt: i.doubt, confirm: i.confirm })),
  };
  const out = [`Mã nhiệm vụ: ${r.codes.join(', ')}`, `Tình trạng: ${words[r.status]}`];
  if (r.items.length > 1) for (const i of r.items) out.push(`  • ${i.codes.join(', ')}: ${words[i.status]}${i.confirm ? ' (hỏi xác nhận trước khi ghi)' : ''}`);
  else if (r.confirm) out.push(`dondoc sẽ hỏi xác nhận trước khi ghi: ${STATUS_TEXTS.confirmDone(r.codes[0]!, r.unexplained)}`);
  if (r.unexplained.length > 0) out.push(`Từ chưa hiểu: ${r.unexplained.map((w) => `“${w}”`).join(', ')}`);
  if (r.progress !== null) out.push(`Tiến độ: ${r.progress}%`);
  if (r.date) out.push(`Xin gia hạn đến: ${formatCivil(r.date)}`);
  if (r.reason) out.push(`Lý do: ${r.reason}`);
  if (r.evidence.length > 0) out.push(`Minh chứng: ${r.evidence.join(', ')}`);
  if (r.status === 'unclear' && r.items.length === 1) {
    // One item: its own doubt ('mixed' only arises across several items, listed one by one above).
    out.push(`dondoc sẽ hỏi lại: ${STATUS_TEXTS.doubt(r.doubt ?? 'no_status', r.codes[0]!)}. ${STATUS_TEXTS.askStatus(r.codes[0]!)}`);
  }
  return { json, lines: out };
}

/**
 * `demo reset`: rebuilds the demo database for today (this year's plan, demo members, a believable
 * history). It deletes everything in the database, so it refuses while dondoc runs on it, and when
 * the database holds real Telegram or Zalo accounts unless --force.
 */
async function demoCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reset') throw new UsageError('demo cần reset, ví dụ: demo reset');
  const { values } = parseArgs({ args: rest, options: { force: { type: 'boolean', default: false } } });
  const path = config.DONDOC_DB_PATH;
  refuseWhileRunning(path, 'chạy lại demo reset');
  if (existsSync(path) && !values.force) {
    const db = openDatabase(path);
    try {
      const real = (db.prepare("SELECT COUNT(*) AS n FROM member_accounts WHERE platform <> 'local'").get() as { n: number }).n;
      if (real > 0) throw new UsageError(`cơ sở dữ liệu ${path} có ${real} tài khoản Telegram/Zalo thật; demo reset sẽ xóa hết. Thêm --force nếu chắc chắn`);
    } finally {
      db.close();
    }
  }
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${path}${suffix}`)) rmSync(`${path}${suffix}`);
  const services = openServices(config);
  const { store } = services;
  seedDemoMembers(store, systemClock.now());
  try {
    await seedDemoPlan(services, DATA_DIR, createLogger('silent'));
    const plan = store.plans.plans()[0];
    const events = (store.db.prepare('SELECT COUNT(*) AS n FROM status_events').get() as { n: number }).n;
    print(`Đã dựng lại dữ liệu mẫu trong ${path}: ${plan?.name ?? '(không có kế hoạch)'}, ${store.members.count()} thành viên, ${events} cập nhật. Chạy npm start để mở trò chuyện thử.`);
  } finally {
    store.close();
  }
  return 0;
}

/** `province list` and `province init`: the official directory, without touching the database. */
function provinceCommand(args: string[], dbPath: string): number {
  const [sub, ...rest] = args;
  const units = loadAdminUnits(DATA_DIR);
  if (sub === 'list') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
    const rows = units.provinces.map((p) => ({ code: p.code, name: p.name, fullName: p.fullName, communes: p.communes.length, formerNames: p.formerNames.filter((n) => n !== p.name) }));
    if (values.json) print(JSON.stringify(rows, null, 2));
    else for (const r of rows) print(`${r.code}  ${r.fullName.padEnd(24)} ${String(r.communes).padStart(4)} xã, phường, đặc khu${r.formerNames.length > 0 ? `  (gồm cả ${r.formerNames.join(', ')} cũ)` : ''}`);
    return 0;
  }
  if (sub !== 'init') throw new UsageError('province cần list hoặc init, ví dụ: province init "Hà Tĩnh"');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, 'switch-province': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, file: { type: 'string' } },
  });
  const typed = positionals.join(' ').trim();
  if (typed === '') throw new UsageError('thiếu tên tỉnh, ví dụ: province init "Hà Tĩnh" (xem danh sách: province list)');
  const match = findProvince(units, typed);
  if (match.kind === 'none') throw new UsageError(`không có tỉnh, thành phố “${typed}”. Gần nhất: ${match.suggestions.join(', ')}`);
  const registry = buildProvinceRegistry(loadProvinceTemplate(DATA_DIR), match.province);
  const live = join(DATA_DIR, 'agencies.json');
  const target = values.file ?? live;
  // The file dondoc reads at start: writing another province's registry there retires, at the next
  // start, every agency of the province the database tracks. Say so and write nothing unless confirmed.
  if (resolve(target) === resolve(live) && existsSync(dbPath) && !values['switch-province']) {
    const store = createStore(openReadOnly(dbPath));
    let held: ReturnType<typeof otherProvinceHeld>;
    try {
      held = otherProvinceHeld(units, store.agencies.all(), registry);
    } finally {
      store.close();
    }
    if (held) {
      throw new UsageError(
        `cơ sở dữ liệu ${dbPath} đang theo dõi các cơ quan của ${held.province} (${held.communes} xã, phường, đặc khu). ` +
          `Ghi danh bạ ${match.province.fullName} vào ${target} thì lần chạy sau dondoc sẽ ngừng theo dõi ${held.retiring} cơ quan không có trong danh bạ mới ` +
          `(lịch sử còn, không nhắc việc nữa, thành viên của các cơ quan đó mất cơ quan). Chưa ghi gì. ` +
          `Muốn bắt đầu lại với dữ liệu mới: đặt DONDOC_DB_PATH sang tệp khác (hoặc xoá ${dbPath}) rồi chạy lại lệnh này; ` +
          `chắc chắn muốn đổi tỉnh trên cơ sở dữ liệu này: thêm --switch-province`,
      );
    }
  }
  const text = registryFileText(registry, match.province.code);
  let backup: string | null = null;
  if (existsSync(target)) {
    const current = readFileSync(target, 'utf8');
    if (!isUneditedGenerated(current) && !values.force) {
      throw new UsageError(`${target} đã được sửa tay nên không ghi đè. Thêm --force để ghi đè (bản cũ được giữ ở ${target}.bak)`);
    }
    // The file it replaces is kept, edited or not (the shipped demo registry too): one step back is always possible.
    if (current !== text) {
      backup = `${target}.bak`;
      writeFileSync(backup, current);
    }
  }
  writeFileSync(target, text);
  const counts = registryCounts(registry);
  if (values.json) {
    print(JSON.stringify({ province: match.province.fullName, ...counts, backup }));
  } else {
    if (match.kind === 'former') print(`${match.former} nay thuộc ${match.province.fullName} (Nghị quyết 202/2025/QH15).`);
    print(`Đã viết ${target}: ${match.province.fullName}, ${counts.agencies} cơ quan (${counts.departments} sở, ban, ngành; ${counts.communes} xã, phường, đặc khu).`);
    if (backup) print(`Bản cũ được giữ ở ${backup}.`);
    print('Xem lại các sở tùy chọn (ghi chú "Tùy chọn") và thêm tên viết tắt quen dùng vào aliases, rồi khởi động lại dondoc.');
  }
  return 0;
}

/**
 * Refuses (a UsageError saying to stop it, then `then`) while a dondoc process holds one of the
 * database's leases: the command would replace the database under it.
 */
function refuseWhileRunning(path: string, then: string): void {
  if (!existsSync(path)) return;
  const store = createStore(openDatabase(path));
  const holder = leaseHolder(store, 'outbox') ?? leaseHolder(store, 'scheduler');
  store.close();
  if (holder) throw new UsageError(`dondoc đang chạy trên ${path} (pid ${holder.pid}); hãy dừng nó rồi ${then}`);
}

/** "89 cơ quan, 12 thành viên, …" for a backup's or restore's row counts. */
function describeCounts(counts: DatabaseCheck['counts']): string {
  return `Gồm ${counts.agencies} cơ quan, ${counts.members} thành viên, ${counts.plans} kế hoạch, ${counts.tasks} nhiệm vụ, ${counts.status_events} cập nhật tình trạng, ${counts.broadcasts} thông báo, ${counts.outbox} tin trong hàng đợi gửi`;
}

/**
 * The member `say --as` names: a member id, a platform account ("telegram:123", "zalo:abc"), or a
 * name (diacritics and case ignored; exactly one member must carry it).
 */
function memberNamed(services: Services, typed: string): { member: Member; account: { platform: string; platformUserId: string; chatId: string } | null } {
  const { store } = services;
  const accountOf = (member: Member) => {
    const account = store.members.accounts(member.id)[0];
    return account ? { platform: account.platform, platformUserId: account.platformUserId, chatId: account.chatId } : null;
  };
  const platformAccount = /^([a-z]+):(.+)$/.exec(typed);
  if (platformAccount) {
    const member = store.members.byAccount(platformAccount[1]!, platformAccount[2]!);
    if (!member) throw new UsageError(`không có thành viên nào liên kết tài khoản ${typed}`);
    const account = store.members.accounts(member.id).find((a) => a.platform === platformAccount[1] && a.platformUserId === platformAccount[2])!;
    return { member, account: { platform: account.platform, platformUserId: account.platformUserId, chatId: account.chatId } };
  }
  if (/^\d+$/.test(typed)) {
    const member = store.members.byId(Number(typed));
    if (!member) throw new UsageError(`không có thành viên số ${typed}`);
    return { member, account: accountOf(member) };
  }
  const named = store.members.list().filter((m) => textKey(m.displayName) === textKey(typed));
  if (named.length === 0) throw new UsageError(`không có thành viên tên “${typed}” (dùng số hiệu thành viên hoặc tài khoản như telegram:123)`);
  if (named.length > 1) throw new UsageError(`nhiều thành viên tên “${typed}”: ${named.map((m) => `${m.id} (${m.agencyName})`).join(', ')}; dùng số hiệu thành viên`);
  return { member: named[0]!, account: accountOf(named[0]!) };
}

/** `say --as <member> "<text>"`: one message through the dispatcher every transport uses, its replies printed. */
/** `invite --file`: one invite per person of a list; nothing is made when a row is wrong (exit 2). */
async function inviteListCommand(config: Config, file: string, options: { hours: string | undefined; bot: string | undefined; out: string | undefined; json: boolean | undefined }): Promise<number> {
  const hours = options.hours === undefined ? undefined : Number(options.hours);
  if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1 && hours <= 720)) throw new UsageError('--hours phải là số giờ nguyên từ 1 đến 720');
  if (options.bot !== undefined && !/^[A-Za-z]\w{3,31}$/.test(options.bot.replace(/^@/, ''))) throw new UsageError('--bot phải là tên bot Telegram, ví dụ dondoc_hatinh_bot');
  if (!existsSync(file)) throw new UsageError(`không có tệp ${file}`);
  const outKind = options.out === undefined ? null : extname(options.out).toLowerCase();
  if (outKind !== null && outKind !== '.docx' && outKind !== '.pdf') throw new UsageError('--out phải là tệp .docx hoặc .pdf, ví dụ --out phieu-moi.pdf');
  const services = openServices(config);
  try {
    const resolver = services.plans.resolver();
    const today = civilDateOf(systemClock.now(), config.DONDOC_TIMEZONE);
    const read = await prepareInviteList(basename(file), readFileSync(file), (cell) => resolver.resolve(cell, { today }));
    if (!read.ok) throw new UsageError(`${file}: ${read.problem}`);
    const { people: resolved, problems: allProblems } = read;
    if (allProblems.length > 0) {
      process.stderr.write(`Không tạo mã nào: ${allProblems.length} dòng cần sửa trong ${file}:\n${allProblems.map((p) => `  dòng ${p.row}: ${p.problem}`).join('\n')}\n`);
      return 2;
    }
    const result = services.onboarding.issueList(resolved, { memberId: null, via: 'cli' }, hours);
    const bot = options.bot?.replace(/^@/, '');
    const rows = result.people.map((p) => ({ name: p.name, agency: p.agency.code, role: ROLE_INPUT[p.role], code: p.code, link: p.code && bot ? `https://t.me/${bot}?start=${p.code}` : null }));
    if (options.json) print(JSON.stringify(rows, null, 2));
    else {
      const made = result.people.filter((p) => p.code !== null);
      for (const p of result.people) print(`${p.agency.code.padEnd(10)} ${p.name} (${ROLE_LABELS[p.role]}): ${p.code ?? 'đã tham gia, không cần mã'}${p.status === 'renewed' ? ' (mã mới, mã cũ hết hiệu lực)' : ''}`);
      print(`${made.length} mã mời mới; ${result.people.length - made.length} người đã tham gia. Gửi cho dondoc: /start <mã> (trên Zalo: chỉ cần gửi mã).`);
    }
    let status = 0;
    if (options.out !== undefined) {
      const link = (code: string) => (bot ? `https://t.me/${bot}?start=${code}` : null);
      // docx and qrcode are loaded by the commands that write a document, not at every start.
      const { inviteSheetPdf, renderInviteSheet } = await import('./reports/invite-sheet.js');
      const docx = await renderInviteSheet({ provinceName: services.settings.provinceName, timeZone: config.DONDOC_TIMEZONE, people: sheetPeople(result.people, link) });
      if (!bot) process.stderr.write('Không có --bot nên phiếu mời không có mã QR Telegram (chỉ ghi cách gửi /start <mã>).\n');
      if (outKind === '.pdf') {
        const pdf = await inviteSheetPdf(docx);
        if (pdf.ok) writeFileSync(options.out, pdf.data);
        else {
          const fallback = `${options.out.slice(0, -4)}.docx`;
          writeFileSync(fallback, docx);
          process.stderr.write(`${pdf.problem}\nĐã ghi phiếu mời dạng Word: ${fallback}\n`);
          status = 1;
        }
      } else writeFileSync(options.out, docx);
      if (status === 0 && !options.json) print(`Đã ghi phiếu mời (mỗi cơ quan một trang): ${options.out}`);
    }
    if (result.notInList.length > 0) {
      process.stderr.write(`${result.notInList.length} thành viên có trong dondoc nhưng không còn trong danh sách (không xoá; xoá bằng /xoathanhvien nếu họ đã nghỉ):\n${result.notInList.map((m) => `  #${m.id} ${m.agencyCode} ${ROLE_LABELS[m.role]}`).join('\n')}\n`);
    }
    return status;
  } finally {
    services.store.close();
  }
}

/** `prune`: personal data past its retention period, blanked or deleted now (or only counted with --dry-run). */
function pruneCliCommand(config: Config, rest: string[]): number {
  const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  const services = openServices(config);
  try {
    const { retention } = services;
    const outcome = retention.prune({ memberId: null, via: 'cli' }, { dryRun: values['dry-run'] });
    if (values.json) {
      print(JSON.stringify({ dryRun: outcome.dryRun, counts: outcome.counts, days: retention.settings.days }));
      return 0;
    }
    print(outcome.dryRun ? 'Chạy thử: chưa xoá gì. Sẽ xoá hoặc làm trống:' : outcome.total > 0 ? 'Đã xoá hoặc làm trống (đã ghi nhật ký quản trị):' : 'Không có dữ liệu nào quá thời gian lưu.');
    if (outcome.dryRun || outcome.total > 0) {
      for (const kind of PRUNE_KINDS) print(`  ${PRUNE_KIND_LABELS[kind]} (lưu ${retention.settings.days[kind]} ngày): ${outcome.counts[kind]}`);
    }
    return 0;
  } finally {
    services.store.close();
  }
}

/** `audit`: the admin actions, oldest first, since a day (all by default). */
function auditCliCommand(config: Config, rest: string[]): number {
  const { values } = parseArgs({ args: rest, options: { since: { type: 'string' }, json: { type: 'boolean', default: false } } });
  let since: Date | null = null;
  if (values.since !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || !dayjs.tz(values.since, config.DONDOC_TIMEZONE).isValid()) throw new UsageError('--since phải dạng YYYY-MM-DD, ví dụ --since 2026-01-01');
    since = dayjs.tz(values.since, config.DONDOC_TIMEZONE).toDate();
  }
  const store = openStore(config);
  try {
    const entries = store.audit.list({ since: since?.toISOString() ?? null });
    if (values.json) print(JSON.stringify(entries.map((e) => ({ id: e.id, at: e.at, actor: e.actorMemberId, actorName: e.actorName, via: e.via, action: e.action, target: e.target, detail: e.detail }))));
    else if (entries.length === 0) print('Nhật ký quản trị không có mục nào trong khoảng này.');
    else for (const e of entries) print(auditLine(e, config.DONDOC_TIMEZONE));
    return 0;
  } finally {
    store.close();
  }
}

async function sayCommand(config: Config, rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { as: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const text = positionals.join(' ').trim();
  if (!values.as) throw new UsageError('thiếu --as <thành viên>, ví dụ: say --as "Phạm Thu Trang" "/viec"');
  if (text === '') throw new UsageError('thiếu nội dung tin nhắn, ví dụ: say --as 3 "II.3.3 đã xong"');
  const services = openServices(config);
  try {
    const { member, account } = memberNamed(services, values.as);
    // As the member's own account when there is one (its chat, its platform's numbered choices), else as the CLI.
    const from = account ?? { platform: 'cli', platformUserId: `member:${member.id}`, chatId: `cli:${member.id}` };
    // Every chat command (and the libraries they write files with) is loaded for `say` only.
    const { Dispatcher } = await import('../commands/dispatcher.js');
    const dispatcher = new Dispatcher(services, createLogger('silent'));
    const outcome = await dispatcher.handle(
      { ...from, chatType: 'private', senderName: member.displayName, text },
      { buttons: true, links: { startLink: () => null } },
      member,
    );
    const replies = outcome.replies.map((r) => ({
      text: plainText(r.text),
      choices: (r.choices ?? []).flat().map((c) => c.label),
      commands: (r.choices ?? []).flat().map((c) => c.command),
      files: (r.attachments ?? []).map((a) => a.filename),
    }));
    if (values.json) print(JSON.stringify(replies.map(({ text: t, choices, files }) => ({ text: t, choices, files }))));
    else {
      for (const reply of replies) {
        print(reply.text);
        reply.choices.forEach((label, i) => print(`  [${label}] → ${reply.commands[i]}`));
        for (const file of reply.files) print(`  📎 ${file}`);
        print('');
      }
    }
    return 0;
  } finally {
    services.store.close();
  }
}

/** `report draft`: the periodic report as a .docx, and its figures with --json. */
async function reportCommand(config: Config, rest: string[]): Promise<number> {
  const [sub, ...args] = rest;
  if (sub === 'settings') return reportSettingsCli(config, args);
  if (sub !== 'draft') throw new UsageError('dùng: report draft --period <YYYY-Q3> --out <tệp.docx>, hoặc report settings --agency <mã>');
  const { values } = parseArgs({ args, options: { period: { type: 'string' }, agency: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' }, xlsx: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!values.out || !values.out.endsWith('.docx')) throw new UsageError('cần --out <tệp.docx>');
  if (values.xlsx !== undefined && !values.xlsx.endsWith('.xlsx')) throw new UsageError('--xlsx cần tên tệp .xlsx, ví dụ --xlsx q3.xlsx');
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of phải dạng YYYY-MM-DD');
  const services = openServices(config);
  try {
    const period = values.period ? parseReportPeriod(values.period, services.drafts.definitions, null) : null;
    if (!period) throw new UsageError(`cần --period dạng năm-kỳ (${services.drafts.definitions.map((d) => d.code).join(', ')}), ví dụ --period 2026-Q3`);
    let agencyId: number | undefined;
    if (values.agency) {
      const agency = services.directory.findAgency(values.agency);
      if (!agency) throw new UsageError(`không có cơ quan “${values.agency}” (xem: npm run cli -- agencies)`);
      agencyId = agency.id;
    }
    // In place (this process has no chat to keep free), within the same limits as the bot: a
    // document too long to edit is not written; with --xlsx the figures still are.
    const built = await services.draftFiles.build({ period, ...(agencyId === undefined ? {} : { agencyId }), ...(asOf ? { asOf } : {}) });
    if (!built.ok) throw new UsageError(built.error.code === 'draft' ? built.error.message : `soạn dự thảo vượt giới hạn (${built.error.code}); chưa ghi tệp nào`);
    const { facts, docx, xlsx, tooLarge } = built.value;
    if (!docx) {
      if (values.xlsx) writeFileSync(values.xlsx, xlsx);
      throw new UsageError(
        `bản Word sẽ quá dài (${tooLarge!.lines} dòng, giới hạn ${tooLarge!.limit}) nên không ghi ${values.out}${values.xlsx ? `; đã ghi số liệu các phụ lục vào ${values.xlsx}` : '; thêm --xlsx <tệp.xlsx> để lấy số liệu các phụ lục'}, hoặc soạn cho từng cơ quan (--agency <mã>)`,
      );
    }
    writeFileSync(values.out, docx);
    if (values.xlsx) writeFileSync(values.xlsx, xlsx);
    if (values.json) {
      print(
        JSON.stringify({
          file: values.out,
          period: `${period.year}-${period.code}`,
          window: period.window,
          agency: facts.scope.kind === 'agency' ? facts.scope.code : null,
          counts: facts.counts,
          missingReports: facts.missingReports,
          xlsx: values.xlsx ?? null,
        }),
      );
    } else print(`Đã soạn ${values.out} (${Math.round(docx.length / 1024)} KB): ${facts.counts.due} nhiệm vụ đến hạn, ${facts.counts.overdue} việc quá hạn, ${facts.missingReports.length} cơ quan chưa gửi báo cáo.`);
  } finally {
    services.store.close();
  }
  return 0;
}

/** `report settings`: shows or sets an agency's signer and recipients (as /caidatbaocao does in chat). */
function reportSettingsCli(config: Config, args: string[]): number {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({ args, options: { agency: text, title: text, name: text, recipients: text, clear: text, json: { type: 'boolean', default: false } } });
  if (!values.agency) throw new UsageError('cần --agency <mã cơ quan>, ví dụ --agency STP');
  const services = openServices(config);
  try {
    const agency = services.directory.findAgency(values.agency);
    if (!agency) throw new UsageError(`không có cơ quan “${values.agency}” (xem: npm run cli -- agencies)`);
    const clear = (values.clear ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const bad = clear.find((x) => !['title', 'name', 'recipients'].includes(x));
    if (bad) throw new UsageError(`không xoá được “${bad}”; dùng --clear title,name,recipients`);
    let settings = services.reportSettings.get(agency.id);
    if (clear.length > 0 || values.title !== undefined || values.name !== undefined || values.recipients !== undefined) {
      const result = services.reportSettings.update({ memberId: null, via: 'cli' }, agency, { title: values.title, name: values.name, recipients: values.recipients, clear: clear as ('title' | 'name' | 'recipients')[] });
      if (!result.ok) throw new UsageError(result.error.message);
      settings = result.value;
    }
    if (values.json) print(JSON.stringify({ agency: { code: agency.code, name: agency.name }, ...settings }));
    else {
      const none = '(chưa đặt: dự thảo để [bổ sung])';
      print(`${agency.name} (${agency.code})\nChức vụ người ký: ${settings.signerTitle?.join(' / ') ?? none}\nHọ tên người ký: ${settings.signerName ?? none}\nNơi nhận: ${settings.recipients?.join('; ') ?? none}`);
    }
  } finally {
    services.store.close();
  }
  return 0;
}

/** `plan doc`: shows, sets or clears the plan's document fields the report cites. */
async function planCliCommand(config: Config, rest: string[]): Promise<number> {
  const [sub, ...args] = rest;
  if (sub !== 'doc') throw new UsageError('dùng: plan doc --plan <số hiệu kế hoạch> [--number …] [--date …] [--issuer …]');
  const text = { type: 'string' } as const;
  const { values } = parseArgs({ args, options: { plan: text, number: text, date: text, issuer: text, kind: text, title: text, clear: text, json: { type: 'boolean', default: false } } });
  if (!values.plan) throw new UsageError('cần --plan <số hiệu kế hoạch hoặc tên>, ví dụ --plan 1');
  const store = openStore(config);
  try {
    const plan = /^\d+$/.test(values.plan) ? store.plans.planById(Number(values.plan)) : store.plans.planByName(values.plan);
    if (!plan) throw new UsageError(`không có kế hoạch “${values.plan}” (các kế hoạch: ${store.plans.plans().map((p) => `${p.id} ${p.name}`).join('; ') || 'chưa có'})`);
    const typed = { number: values.number, date: values.date, issuer: values.issuer, kind: values.kind, title: values.title };
    const clear = values.clear ? values.clear.split(',').map((x) => x.trim()).filter(Boolean) : [];
    let current = plan;
    if (clear.length > 0 || Object.values(typed).some((v) => v !== undefined)) {
      const patch = readPlanDocumentPatch(typed, clear);
      if (!patch.ok) throw new UsageError(patch.error.message);
      current = store.transaction(() => {
        const updated = store.plans.updateDocument(plan.id, patch.value, systemClock.now())!;
        store.audit.append({ actorMemberId: null, via: 'cli', action: 'plan_document', target: `plan:${plan.id}`, detail: { ...patch.value } }, systemClock.now());
        return updated;
      });
    }
    const citation = `Căn cứ ${citationText(citationOf(current, (printed) => store.agencies.find(printed)?.name ?? null))}`;
    const document = { number: current.documentNo, date: current.docDate, issuer: current.docIssuer, kind: current.docKind, title: current.docTitle };
    if (values.json) print(JSON.stringify({ plan: { id: current.id, name: current.name }, document, citation }));
    else print(`Kế hoạch ${current.id} “${current.name}”\n${citation}`);
  } finally {
    store.close();
  }
  return 0;
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    print(USAGE);
    return command ? 0 : 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  switch (command) {
    case 'invite': {
      const { values } = parseArgs({
        args: rest,
        options: {
          agency: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          hours: { type: 'string' },
          file: { type: 'string' },
          bot: { type: 'string' },
          out: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
      if (values.file !== undefined) return inviteListCommand(config, values.file, { hours: values.hours, bot: values.bot, out: values.out, json: values.json });
      if (!values.agency) throw new UsageError('thiếu --agency <mã cơ quan> (xem: npm run cli -- agencies)');
      const role = ROLE_WORDS[(values.role ?? '').toLowerCase()];
      if (!role) throw new UsageError('--role phải là dau_moi, lanh_dao hoặc quan_tri');
      const hours = values.hours === undefined ? undefined : Number(values.hours);
      if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1 && hours <= 720)) {
        throw new UsageError('--hours phải là số giờ nguyên từ 1 đến 720');
      }
      const store = openStore(config);
      try {
        const onboarding = new OnboardingService(store, systemClock, config.DONDOC_INVITE_TTL_HOURS);
        const issued = onboarding.issueInvite({
          agencyCode: values.agency,
          role,
          displayHint: values.name ?? null,
          via: 'cli',
          ...(hours !== undefined ? { hours } : {}),
        });
        if (!issued.ok) throw new UsageError(`không có cơ quan “${values.agency}” (xem: npm run cli -- agencies)`);
        const { code, expiresAt, agency } = issued.value;
        if (values.json) {
          print(JSON.stringify({ code, agency: agency.code, role, expiresAt: expiresAt.toISOString() }));
        } else {
          print(`Mã mời ${ROLE_LABELS[role]} của ${agency.name}: ${code}`);
          print(`Hết hạn lúc ${formatDateTime(expiresAt, config.DONDOC_TIMEZONE)}. Gửi cho dondoc: /start ${code}`);
        }
      } finally {
        store.close();
      }
      return 0;
    }
    case 'province':
      return provinceCommand(rest, config.DONDOC_DB_PATH);
    case 'demo':
      return demoCommand(config, rest);
    case 'agencies': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
      const store = openStore(config);
      try {
        const agencies = store.agencies.list().map((a) => ({
          code: a.code,
          name: a.name,
          shortName: a.shortName,
          kind: a.kind,
          parent: a.parentId === null ? null : (store.agencies.byId(a.parentId)?.code ?? null),
          aliases: store.agencies.aliases(a.id),
          officialCode: a.officialCode,
        }));
        if (values.json) print(JSON.stringify(agencies, null, 2));
        else for (const a of agencies) print(`${a.code.padEnd(10)} ${a.name}  [${a.kind}]  ${a.aliases.join('; ')}`);
      } finally {
        store.close();
      }
      return 0;
    }
    case 'backup': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
      const target = positionals[0];
      if (!target) throw new UsageError('thiếu tên tệp sao lưu, ví dụ: npm run cli -- backup data/sao-luu.sqlite');
      const result = backupDatabase(config.DONDOC_DB_PATH, target);
      if (!result.ok) {
        const error = result.error;
        if (error.code === 'no_source') throw new UsageError(`không có cơ sở dữ liệu ${error.path}; kiểm tra DONDOC_DB_PATH (không sao lưu gì)`);
        if (error.code === 'target_exists') throw new UsageError(`tệp ${error.path} đã có; hãy chọn tên khác để không ghi đè`);
        process.stderr.write(`Bản sao lưu không toàn vẹn (${error.integrity}); đã xóa bản sao. Hãy thử lại.\n`);
        return 1;
      }
      const check = result.value;
      if (values.json) print(JSON.stringify({ source: config.DONDOC_DB_PATH, target, bytes: check.bytes, integrity: check.integrity, schemaVersion: check.schemaVersion, counts: check.counts }));
      else print(`Đã sao lưu ${config.DONDOC_DB_PATH} vào ${target} (${(check.bytes / 1024 / 1024).toFixed(1)} MB). Kiểm tra toàn vẹn: ${check.integrity}. ${describeCounts(check.counts)}.`);
      return 0;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
      const file = positionals[0];
      if (!file) throw new UsageError('thiếu tệp sao lưu cần khôi phục, ví dụ: npm run cli -- restore data/sao-luu.sqlite');
      const path = config.DONDOC_DB_PATH;
      refuseWhileRunning(path, 'khôi phục');
      const result = restoreDatabase(file, path, listMigrations().at(-1)?.version ?? 0, systemClock.now());
      if (!result.ok) {
        const error = result.error;
        throw new UsageError(
          error.code === 'no_file' ? `không có tệp ${error.path}`
          : error.code === 'not_dondoc' ? `tệp ${error.path} không phải cơ sở dữ liệu của dondoc`
          : error.code === 'bad_file' ? `tệp sao lưu không toàn vẹn (${error.integrity}); không khôi phục`
          : `tệp sao lưu thuộc phiên bản dondoc mới hơn (lược đồ ${error.version}, bản này đọc tới ${error.supported}); hãy cập nhật dondoc trước`,
        );
      }
      const { restored, kept } = result.value;
      // Recorded in the restored database: its own log goes back to the backup's moment, then says it was restored.
      const restoredStore = createStore(openDatabase(path));
      try {
        restoredStore.audit.append({ actorMemberId: null, via: 'cli', action: 'restore', target: basename(file), detail: { kept: kept ?? null } }, systemClock.now());
      } finally {
        restoredStore.close();
      }
      if (values.json) print(JSON.stringify({ file, target: path, kept, integrity: restored.integrity, schemaVersion: restored.schemaVersion, counts: restored.counts }));
      else print(`Đã khôi phục ${path} từ ${file}. ${describeCounts(restored.counts)}.${kept ? ` Cơ sở dữ liệu cũ được giữ ở ${kept}.` : ''}`);
      return 0;
    }
    case 'migrate': {
      const db = openDatabase(config.DONDOC_DB_PATH, { migrate: false });
      try {
        print(`Đã áp dụng ${migrate(db)} bản nâng cấp lược đồ.`);
      } finally {
        db.close();
      }
      return 0;
    }
    case 'deadline': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { year: { type: 'string' }, period: { type: 'string' }, issued: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean', default: false } },
      });
      const text = positionals.join(' ');
      if (text.trim() === '') throw new UsageError('thiếu nội dung ô thời gian, ví dụ: deadline "Quý II, III/2024" --year 2024');
      const issued = values.issued;
      if (issued !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(issued) || dayjs(issued).format('YYYY-MM-DD') !== issued)) {
        throw new UsageError('--issued phải dạng YYYY-MM-DD (ngày ban hành kế hoạch), ví dụ --issued 2026-01-08');
      }
      const context = { ...yearAndPeriod(values), issued: issued ? { date: issued, kind: values.kind ?? 'Kế hoạch' } : undefined };
      const scheduled = scheduleDeadline(text, context, loadCalendar(DATA_DIR));
      if (values.json) {
        print(JSON.stringify({ kind: scheduled.kind, dates: scheduled.dueDates, note: scheduled.note, unexplained: scheduled.unexplained }));
      } else {
        print(`${PLAN_TEXTS.kind[scheduled.kind]}: ${scheduled.dueDates.map(formatCivil).join('; ') || '—'}`);
        print(scheduled.note);
        if (scheduled.unexplained.length > 0) print(`Từ chưa hiểu: ${scheduled.unexplained.join(', ')}`);
      }
      return 0;
    }
    case 'reply': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { today: { type: 'string' }, json: { type: 'boolean', default: false } },
      });
      const text = positionals.join(' ');
      if (text.trim() === '') throw new UsageError('thiếu nội dung tin nhắn, ví dụ: reply "2.5 chưa xong, đang làm 60%"');
      const today = values.today ?? civilDateOf(systemClock.now(), config.DONDOC_TIMEZONE);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || dayjs(today).format('YYYY-MM-DD') !== today) throw new UsageError('--today phải dạng YYYY-MM-DD, ví dụ --today 2024-06-24');
      const outcome = describeReply(text, today);
      print(values.json ? JSON.stringify(outcome.json) : outcome.lines.join('\n'));
      return 0;
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          plan: { type: 'string' },
          year: { type: 'string' },
          period: { type: 'string' },
          doc: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          'chase-past': { type: 'boolean', default: false },
          rows: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
      const file = positionals[0];
      const chosenRows = values.rows === undefined ? undefined : rowList(values.rows);
      if (!file) throw new UsageError('thiếu tệp cần nhập, ví dụ: import data/plans/ha-tinh-2024-phu-luc.csv --plan "KH CCHC 2024" --year 2024');
      // Without --plan, a Word or PDF plan is named by its document's title.
      const meta = { name: values.plan ?? '', ...(values.plan ? {} : { nameFromDocument: true }), documentNo: values.doc ?? null, ...yearAndPeriod(values) };
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch {
        throw new UsageError(`không mở được tệp ${file}`);
      }
      const services = openServices(config);
      try {
        const result = await services.plans.importFile(basename(file), data, meta, { dryRun: values['dry-run'], chasePast: values['chase-past'], ...(chosenRows ? { rows: chosenRows } : {}) });
        if (!result.ok) {
          const message = PLAN_TEXTS.importError(result.error);
          const detail = result.error.code === 'file' ? { reason: result.error.reason, ...(result.error.page !== undefined ? { page: result.error.page } : {}) } : {};
          if (values.json) print(JSON.stringify({ error: result.error.code, ...detail, message }));
          else process.stderr.write(`${message}\n`);
          return 2;
        }
        const { rows, tasks, assignments, unresolvedAgencies, unknownDeadlines, successions, pastChecks, source, document, selected, ocr, columns, startProblems } = result.value;
        if (!values['dry-run']) services.privacy.record({ memberId: null, via: 'cli' }, 'plan_import', `plan:${result.value.plan}`, { year: meta.year, tasks: result.value.tasks, created: result.value.created, retired: result.value.retired });
        if (values.json) print(JSON.stringify({ rows, tasks, assignments, unresolvedAgencies, unknownDeadlines, successions, pastChecks, source, document, selected, ...(ocr ? { ocr } : {}), columns, startProblems }));
        else {
          for (const line of PLAN_TEXTS.importSummary(result.value, 'cli')) print(line);
          if (selected) for (const line of PLAN_TEXTS.chosenRows(selected)) print(line);
        }
        // A scan's rows read without confidence need a look as much as an unknown agency does.
        return unresolvedAgencies.length + unknownDeadlines.length + startProblems.length + (ocr ? ocr.doubtful.length + ocr.products.length + ocr.wordsToCheck.length : 0) > 0 ? 3 : 0;
      } finally {
        services.store.close();
      }
    }
    case 'reminders': {
      const { values } = parseArgs({
        args: rest,
        options: { from: { type: 'string' }, to: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean', default: false } },
      });
      const isDay = (v: string | undefined) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
      if (!isDay(values.from) || !isDay(values.to)) throw new UsageError('cần --from và --to dạng YYYY-MM-DD');
      if (values.to! < values.from!) throw new UsageError('--to phải sau --from');
      const services = openServices(config);
      try {
        const year = Number(values.from!.slice(0, 4));
        for (let y = year; y <= Number(values.to!.slice(0, 4)) + 1; y += 1) {
          ensureReportYear(services.store, services.reportConfig, services.calendar, services.clock, y);
        }
        const schedule = plannedSchedule(services, values.from!, values.to!, values.plan ?? null);
        if (values.json) print(JSON.stringify(schedule));
        else {
          for (const entry of schedule) {
            print(`${entry.at}  ${entry.member ?? '(chưa có người nhận)'} — ${entry.agency}: ${entry.items.map((i) => `${i.ref} (${i.step}, hạn ${i.due})`).join('; ')}`);
          }
          print(`${schedule.length} tin nhắc dự kiến.`);
        }
      } finally {
        services.store.close();
      }
      return 0;
    }
    case 'score': {
      const { values } = parseArgs({ args: rest, options: { period: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } } });
      const period = values.period ? parsePeriod(values.period) : null;
      if (!period) throw new UsageError('cần --period dạng YYYY hoặc YYYY-Qn, ví dụ --period 2024-Q2');
      if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError('--as-of phải dạng YYYY-MM-DD');
      const services = openServices(config);
      const asOf = values['as-of'] ?? defaultAsOf(period, civilDateOf(systemClock.now(), config.DONDOC_TIMEZONE), (d) => services.calendar.onOrAfter(d));
      try {
        const scores = services.scoring.scoreAll(period, asOf).map((s) => ({
          agency: s.code,
          name: s.name,
          criteria: s.criteria.map((c) => ({ code: c.code, points: c.points, maxPoints: c.maxPoints, why: c.why })),
          total: s.total,
        }));
        if (values.json) print(JSON.stringify(scores));
        else {
          print(`Điểm ${period.label}, tính đến ${formatCivil(asOf)}:`);
          for (const s of scores) print(`${s.agency.padEnd(10)} ${String(s.total).padStart(5)}  ${s.name}`);
        }
      } finally {
        services.store.close();
      }
      return 0;
    }
    case 'export': {
      const { values } = parseArgs({ args: rest, options: { period: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' } } });
      const period = values.period ? parsePeriod(values.period) : null;
      if (!period) throw new UsageError('cần --period dạng YYYY hoặc YYYY-Qn');
      if (!values.out || !values.out.endsWith('.xlsx')) throw new UsageError('cần --out <tệp.xlsx>');
      if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError('--as-of phải dạng YYYY-MM-DD');
      const services = openServices(config);
      const asOf = values['as-of'] ?? defaultAsOf(period, civilDateOf(systemClock.now(), config.DONDOC_TIMEZONE), (d) => services.calendar.onOrAfter(d));
      try {
        const data = await exportWorkbook(services.store, services.scoring, period, asOf, config.DONDOC_TIMEZONE);
        writeFileSync(values.out, data);
        print(`Đã xuất ${values.out} (${Math.round(data.length / 1024)} KB, số liệu ${period.label} đến ${formatCivil(asOf)}).`);
      } finally {
        services.store.close();
      }
      return 0;
    }
    case 'report':
      return reportCommand(config, rest);
    case 'plan':
      return planCliCommand(config, rest);
    case 'say':
      return sayCommand(config, rest);
    case 'audit':
      return auditCliCommand(config, rest);
    case 'prune':
      return pruneCliCommand(config, rest);
    case 'replay': {
      const store = openStore(config);
      try {
        const result = store.statuses.replay();
        if (result.differences.length > 0) store.transaction(() => store.statuses.rebuildStates());
        print(JSON.stringify({ checked: result.checked, differences: result.differences.length, rebuilt: result.differences.length > 0, details: result.differences.slice(0, 50) }));
        return result.differences.length > 0 ? 1 : 0;
      } finally {
        store.close();
      }
    }
    case 'doctor':
      return (await import('./doctor.js')).doctorCommand(config, rest, print);
    default:
      throw new UsageError(`không có lệnh “${command}”`);
  }
}

/**
 * The usage of one subcommand (its lines of USAGE: "  <lệnh> …" and the indented lines under it),
 * or a pointer to `help` for an unknown one: an error shows what applies, not 40 lines.
 */
function usageOf(command: string | undefined): string {
  const lines = USAGE.split('\n');
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (/^ {2}\S/.test(line)) inside = line.trim().split(/\s+/)[0] === command;
    else if (!/^ {6}/.test(line)) inside = false;
    if (inside) out.push(line);
  }
  return out.length > 0 ? `Cách dùng: npm run cli -- …\n${out.join('\n')}` : 'Gõ npm run cli -- help để xem các lệnh.';
}

/** Node's parseArgs errors, in Vietnamese (their English text names the option). */
function parseArgsMessage(error: TypeError & { code?: unknown }): string {
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `không có tùy chọn “${option}” cho lệnh này`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `tùy chọn “${option.split(/\s/)[0]}” cần một giá trị (hoặc không nhận giá trị)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `thừa đối số “${option}”`;
    default:
      return 'tùy chọn không hợp lệ';
  }
}

// `npm run cli -- say … | head`: once the reader has gone, the rest of the output has nowhere to go.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const argv = process.argv.slice(2);
run(argv).then(
  // process.exitCode, never process.exit(): standard output piped to another program must drain
  // completely (a --json answer of megabytes) before the process ends.
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`Lỗi: ${error.message}.\n\n${usageOf(argv[0])}\n`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`Lỗi: ${parseArgsMessage(error)}.\n\n${usageOf(argv[0])}\n`);
      process.exitCode = 2;
    } else {
      createLogger('error').error({ err: error }, 'cli failed');
      process.exitCode = 1;
    }
  },
);
