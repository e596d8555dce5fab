import type { Clock } from '../clock.js';
import { civilDateOf } from '../domain/civil-date.js';
import { textKey } from '../domain/text-key.js';
import { AgencyResolver, issuedBelowProvince, type AgencyGroup, type ReviewItem, type ReviewReason } from '../domain/agency-resolver.js';
import { readStart, scheduleDeadline, type DeadlineContext, type ScheduledDeadline } from '../domain/deadline-grammar.js';
import { findHeader, readPlanRows, type PlanField, type PlanRow } from '../domain/plan-table.js';
import { err, ok, type Result } from '../domain/result.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Store } from '../store/store.js';
import type { PlanDocument } from '../store/plan-repo.js';
import type { CivilDate } from '../domain/civil-date.js';
import type { DocumentHeader } from '../documents/document-reader.js';
import type { EncodingProblem } from '../documents/legacy-encoding.js';
import { OCR_LIMITS } from '../documents/ocr/ocr-reader.js';
import { heldBackByDoubts, nameChecks, splitProductDoubts, taskOfRow, withoutDoubtfulLabels } from '../domain/ocr-doubts.js';

/** What the preview shows on a scan's header row when no number column ("TT", "STT") was found in it. */
const NO_CODE_COLUMN = 'không thấy cột số thứ tự (TT)';
import { readTableFile, type TableFileError, type TableSource } from './table-file.js';

/** What the importer needs to know about the plan besides its table. */
export interface PlanMeta {
  name: string;
  year: number;
  period?: { from: number; to: number } | undefined;
  documentNo?: string | null;
  /** The publishing document's kind, date, issuer and title, when known (read from the document or given at import). */
  document?: Partial<PlanDocument> | undefined;
  /**
   * No name was given (CLI without --plan, a chat file without one in its caption): the document's
   * own title names the plan when the file has one; `name` is the fallback (in chat: the file name).
   */
  nameFromDocument?: boolean;
}

/**
 * A plan name from the document's title: whitespace tidied, the kind word printed in capitals
 * written in sentence case ("KẾ HOẠCH Cải cách hành chính năm 2026" → "Kế hoạch Cải cách hành chính
 * năm 2026"), at most 200 characters (cut at a word). Null when the title has no letters.
 */
export function planNameFromTitle(title: string): string | null {
  const words = title.replace(/\s+/g, ' ').trim().split(' ');
  // Acronyms stay in capitals: known ones, and words without a vowel (CCHC, TTHC).
  const acronym = (w: string) => KEEP_CAPITALS.has(textKey(w).toUpperCase()) || !/[aeiouy]/.test(textKey(w));
  for (let i = 0; i < words.length && /\p{L}{2,}/u.test(words[i]!) && !/\p{Ll}/u.test(words[i]!); i += 1) {
    if (!acronym(words[i]!)) words[i] = words[i]!.toLocaleLowerCase('vi');
  }
  let name = words.join(' ');
  name = name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
  if (name.length > 200) name = name.slice(0, 200).replace(/\s+\S*$/, '');
  return /\p{L}/u.test(name) ? name : null;
}

/** The import summary; its shape is the CLI's JSON output and must stay stable (fields are only added at the end). */
export interface ImportReport {
  rows: number;
  tasks: number;
  assignments: number;
  /**
   * What in a Chủ trì / Phối hợp cell no agency answers to, with the row and the cell as published;
   * `until` when the agency (or group) no longer existed on the plan's date. Nothing here is assigned.
   */
  unresolvedAgencies: UnresolvedAgency[];
  unknownDeadlines: { row: number; text: string }[];
  /** Merged or abolished agencies named by the plan, and who does their work now (the rows they appear on). */
  successions: { text: string; to: string; since: string; rows: number[] }[];
  /** Task dates before the plan's first import ("đã qua khi nhập"): kept and shown, never chased or scored. */
  pastChecks: { count: number; before: string };
  /** The file's format and, for a Word document, which of its tables were read as the task table. */
  source: TableSource;
  /**
   * The publishing document as it will be stored: what the import was given (caption, --doc) and,
   * for the rest, what the Word or PDF file's own header says; each part null when unknown (never
   * guessed). Null when a table file (CSV, XLSX) names nothing.
   */
  document: ImportedDocument | null;
  /**
   * With `rows` (CLI --rows): what each chosen row became — its task code, the task it belongs to
   * (`parent`: a task of the table whose code starts this one's, or null), lead and coordinating agency
   * codes, the deadline as written, its kind and due dates — and the chosen row numbers that hold no
   * task (a heading, a blank or a row beyond the table). Null when every row was imported.
   */
  selected: { rows: ChosenRow[]; missing: number[] } | null;
  /**
   * A scan read by OCR: the rows read without confidence (as read, with the words in doubt) and
   * the tasks held back because of them — not stored, to be corrected in the source file;
   * `products`, the tasks whose product cell alone could not be read (stored, the product left
   * empty); `wordsToCheck`, the words of a task's name or a heading OCR was unsure of (read with
   * middling confidence, or no possible Vietnamese syllable), stored as read and named for the
   * admin to check against the paper (`code` null for a heading).
   */
  ocr?: {
    doubtful: { row: number; text: string; words: string[] }[];
    heldBack: { row: number; code: string }[];
    products: { row: number; code: string; words: string[] }[];
    wordsToCheck: { row: number; code: string | null; text: string; words: { text: string; confidence: number }[] }[];
  };
  /**
   * The task table's columns: `ticks`, the quarter or month columns whose marks ("x") were read as
   * deadlines ("Quý I", "Quý II" …, as headed); `unused`, the header of every column the import does
   * not read ("Ghi chú", "Kinh phí — Ngân sách tỉnh"), as published.
   */
  columns: { ticks: string[]; unused: string[] };
  /**
   * Starts ("Bắt đầu", "Từ") not stored as a date: `unreadable` (no single period named) or
   * `after_end` (the start is after the task's last deadline). The task is imported without a start date.
   */
  startProblems: { row: number; start: string; deadline: string; reason: 'unreadable' | 'after_end' }[];
}

/** One chosen row as imported. */
export interface ChosenRow {
  row: number;
  code: string;
  parent: string | null;
  lead: string[];
  coordinating: string[];
  deadline: string;
  deadlineKind: string;
  dates: string[];
  /** The first day of the period the "Bắt đầu" / "Từ" cell names; null when the plan gives none or it was not read. */
  start: string | null;
  /** A scan only: the words of the task's name OCR was unsure of (as in `ocr.wordsToCheck`); [] when none. */
  wordsToCheck?: string[];
}

/**
 * One piece of an agency cell left to the admin. `reason`: `unknown` (no such agency in the
 * directory), `related` ("có liên quan"), `narrowed` (part of a group: "các sở có TTHC", "trừ …"),
 * `outside` (bodies the directory does not hold: schools, enterprises, police of communes, units under
 * an agency), `ceased` (see `until`), `empty` (no lead agency). `propose`: a new agency to add with one
 * tap (a code not yet used and a kind), never added without the admin's word.
 */
export interface UnresolvedAgency {
  row: number;
  text: string;
  until?: string;
  reason: ReviewReason | 'ceased' | 'empty';
  /** The whole cell as published. */
  cell: string;
  propose?: { name: string; code: string; kind: string };
}

/** The plan's document: number, place and date, issuer, kind and title. */
export interface ImportedDocument {
  number: string | null;
  place: string | null;
  date: CivilDate | null;
  issuer: string | null;
  kind: string | null;
  title: string | null;
}

/** Given values win; the file's header fills the rest. Null when neither says anything. */
function documentOf(meta: PlanMeta, header: DocumentHeader | null): ImportedDocument | null {
  const given = meta.document ?? {};
  const merged: ImportedDocument = {
    number: meta.documentNo ?? header?.number ?? null,
    place: given.docPlace ?? header?.place ?? null,
    date: given.docDate ?? header?.date ?? null,
    issuer: given.docIssuer ?? header?.issuer ?? null,
    kind: given.docKind ?? header?.kind ?? null,
    title: given.docTitle ?? header?.title ?? null,
  };
  return header || Object.values(merged).some((v) => v !== null) ? merged : null;
}

/**
 * dryRun: read and check only, write nothing; chasePast: dates already past at the first import stay
 * owed; rows: import only the tasks on these rows of the file (as numbered in the report, header
 * included) — the plan's other tasks are left as they are, none retired.
 */
export interface ImportOptions {
  dryRun?: boolean;
  chasePast?: boolean;
  rows?: number[];
  /** A scan read by OCR page by page: called as each page starts (the chat says how far it is). Not sent to a worker thread: it answers with messages. */
  onPage?: (page: number, pages: number) => void;
  /** Seconds for one page of a scan by OCR: set by the service that hands the import to a worker thread (its own setting); else the service's. */
  ocrPageSeconds?: number;
}

export interface ImportOutcome extends ImportReport {
  plan: string;
  created: number;
  updated: number;
  retired: number;
  written: boolean;
}

export type ImportError =
  /** `page`: the PDF page a `borderless_unclear` file could not be read on. */
  | { code: 'file'; reason: TableFileError; size: number; page?: number }
  | { code: 'no_header'; missing: PlanField[] }
  /** A document none of whose `tables` has a task header (TT, Nhiệm vụ, Chủ trì, Thời gian). */
  | { code: 'no_task_table'; tables: number }
  /** Text in a legacy encoding that could not be converted, or already broken (U+FFFD). */
  | { code: 'encoding'; problem: EncodingProblem }
  | { code: 'duplicate_code'; row: number; other: number; taskCode: string }
  | { code: 'no_tasks' }
  /** None of the rows chosen with --rows holds a task. */
  | { code: 'no_chosen_rows'; rows: number[] }
  | { code: 'bad_meta'; problem: string };

interface PreparedTask {
  row: PlanRow;
  schedule: ScheduledDeadline;
  /** The start's date (null: none, or reported in startProblems). */
  start: CivilDate | null;
  lead: number[];
  coord: number[];
  /** Indexes into the schedule's dates that had passed when the plan was first imported. */
  past: Set<number>;
}

/** Words kept in capitals when an all-capitals area title is written in sentence case. */
const KEEP_CAPITALS = new Set(['ISO', 'PAR', 'INDEX', 'PAPI', 'SIPAS', 'DTI', 'PCI', 'UBND', 'KPI', 'ICT', 'IOC', 'VNEID']);

/**
 * One spelling per reform area: an all-capitals title ("CẢI CÁCH THỂ CHẾ") is written in sentence case
 * ("Cải cách thể chế"), keeping acronyms (CCHC, TTHC, ISO); a title already stored under the same
 * folded key keeps the stored spelling, so "Cải cách thể chế" of two plans is one area.
 */
export function canonicalArea(title: string, known: Map<string, string>): string {
  const sentence = title
    .split(' — ')
    .map((part) => {
      if (/\p{Ll}/u.test(part)) return part;
      const words = part.split(/(\s+)/).map((w) => {
        const bare = w.replace(/[^\p{L}0-9]/gu, '');
        const folded = textKey(bare);
        const acronym = bare.length >= 2 && (KEEP_CAPITALS.has(folded.toUpperCase()) || (!/[aeiouy]/.test(folded) && /\p{L}/u.test(bare)) || /\d/.test(bare));
        return acronym ? w : w.toLocaleLowerCase('vi');
      });
      const joined = words.join('');
      return joined.charAt(0).toLocaleUpperCase('vi') + joined.slice(1);
    })
    .join(' — ');
  const key = textKey(sentence);
  const stored = known.get(key);
  if (stored) return stored;
  known.set(key, sentence);
  return sentence;
}

/** Seconds for one page of a scan read by OCR when DONDOC_OCR_PAGE_SECONDS is not set. */
export const DEFAULT_OCR_PAGE_SECONDS = OCR_LIMITS.pageBudgetMs / 1000;

/** Imports a plan's task table (CSV, XLSX or the Phụ lục table of a Word document) into the store, or reports why it cannot, in one transaction. */
export class PlanImportService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly calendar: WorkCalendar,
    private readonly groups: { groups: AgencyGroup[]; noise: string[]; places?: string[] },
    private readonly timeZone = 'Asia/Ho_Chi_Minh',
    /** Seconds for one page of a scan read by OCR, every pass together (DONDOC_OCR_PAGE_SECONDS); default OCR_LIMITS.pageBudgetMs. */
    private readonly ocrPageSeconds?: number,
  ) {}

  /** A resolver over the whole registry, ceased agencies included (older plans name them; they resolve to successors). */
  resolver(): AgencyResolver {
    const listed = new Set(this.store.agencies.list().map((a) => a.id));
    const agencies = this.store.agencies
      .all()
      // A ceased agency stays resolvable; one retired without a date (dropped from the file) does not.
      .filter((a) => listed.has(a.id) || a.validUntil !== null || a.successorId !== null)
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        names: this.store.agencies.aliases(a.id),
        from: a.validFrom,
        until: a.validUntil,
        successorId: a.successorId,
      }));
    return new AgencyResolver(agencies, this.groups.groups, this.groups);
  }

  /**
   * Offers a body the directory lacks as a new agency: a code from its initials not yet used
   * ("Ban Quản lý Khu kinh tế tỉnh" → BQLKKTT), and the kind its first words say (a commune's UBND,
   * a central body's branch, else a provincial body). The same name gets the same offer on every row.
   */
  private proposer(): (item: ReviewItem) => { propose?: UnresolvedAgency['propose'] } {
    const used = new Set(this.store.agencies.all().map((a) => a.code));
    const kinds = new Set(this.store.agencies.kinds().map((k) => k.code));
    const offered = new Map<string, UnresolvedAgency['propose']>();
    return (item) => {
      if (!item.propose) return {};
      const key = textKey(item.propose);
      const known = offered.get(key);
      if (known) return { propose: known };
      const words = key.replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean);
      const stem = (words.map((w) => (/^\d+$/.test(w) ? w : w[0]!)).join('').toUpperCase() || 'CQ').slice(0, 17).padEnd(2, 'X');
      let code = stem;
      for (let n = 2; used.has(code); n += 1) code = `${stem}${n}`;
      used.add(code);
      const kind = /^(?:ubnd|uy ban nhan dan) (?:xa|phuong|dac khu)\b/.test(key)
        ? 'ubnd_xa'
        : /^(?:cuc|chi cuc|kho bac|cong an tinh|bao hiem|thue|hai quan|ngan hang nha nuoc|toa an|vien kiem sat)\b/.test(key)
          ? 'co_quan_tw'
          : 'so_ban_nganh';
      if (!kinds.has(kind)) return {};
      const offer = { name: item.propose, code, kind };
      offered.set(key, offer);
      return { propose: offer };
    };
  }

  /**
   * Reads, resolves and schedules every row; unless `dryRun`, writes plan, tasks, deadlines and
   * assignments in one transaction (re-import updates tasks in place by code and retires the rest).
   */
  /**
   * Set by the running bot: reads and writes a plan file off the chat's event loop (a worker thread
   * running this same service on its own connection), since 5,000 rows take seconds.
   */
  offThread: ((fileName: string, data: Buffer, meta: PlanMeta, options: ImportOptions) => Promise<Result<ImportOutcome, ImportError>>) | undefined;

  async importFile(fileName: string, data: Buffer, meta: PlanMeta, options: ImportOptions = {}): Promise<Result<ImportOutcome, ImportError>> {
    if (!meta.nameFromDocument && (!/^\S/.test(meta.name) || meta.name.length > 200)) return err({ code: 'bad_meta', problem: 'tên kế hoạch trống hoặc quá dài' });
    if (!Number.isInteger(meta.year) || meta.year < 2000 || meta.year > 2100) {
      return err({ code: 'bad_meta', problem: 'năm kế hoạch phải từ 2000 đến 2100' });
    }
    if (meta.period && (meta.period.from > meta.period.to || meta.period.from < 2000 || meta.period.to > 2100)) {
      return err({ code: 'bad_meta', problem: 'giai đoạn phải dạng YYYY-YYYY, năm đầu không sau năm cuối' });
    }
    const ocrPageSeconds = options.ocrPageSeconds ?? this.ocrPageSeconds;
    if (this.offThread) return this.offThread(fileName, data, meta, { ...options, ...(ocrPageSeconds !== undefined ? { ocrPageSeconds } : {}) });
    const file = await readTableFile(fileName, data, { ...(options.onPage ? { onPage: options.onPage } : {}), ...(ocrPageSeconds !== undefined ? { ocrPageSeconds } : {}) });
    if (!file.ok) {
      if (file.error === 'no_task_table') return err({ code: 'no_task_table', tables: file.tables });
      if (file.error === 'encoding') return err({ code: 'encoding', problem: file.problem });
      if ('page' in file) return err({ code: 'file', reason: 'borderless_unclear', size: data.length, page: file.page });
      return err({ code: 'file', reason: file.error, size: data.length });
    }
    const header = findHeader(file.rows);
    if (!header.ok) return err(header.error);
    // A Word table's rows are whole rows: none is the rest of the row above wrapped by a page break
    // (a PDF's may be: a row cut at the foot of a page goes on at the top of the next).
    // Doubts in the header rows do not count: the header was understood (its columns were found).
    // But a scan whose header has no number column ("TT", "STT") is held back whole, its header row
    // reported: the rows' labels are what joins a wrapped row to its task, and a header misread
    // ("STT" read "SIT") or faded made a scanned 2027 plan one task of every lead and deadline.
    const bodyDoubts = file.doubts?.filter((d) => d.row > header.value.index + 1);
    const noCodeColumn = 'ocr' in file.source && header.value.columns.code === undefined;
    const headerDoubts = noCodeColumn
      ? [{ row: header.value.index + 1, words: [...(file.doubts ?? []).filter((d) => d.row <= header.value.index + 1).flatMap((d) => d.words), NO_CODE_COLUMN], cells: [] }]
      : [];
    // A doubt in the product cell alone does not hold its task back (the product is not chased):
    // the cell is left empty and the preview says it could not be read.
    const productColumn = header.value.columns.product;
    const split = splitProductDoubts(bodyDoubts ?? [], productColumn);
    const doubts = file.doubts ? [...headerDoubts, ...split.holding] : undefined;
    const table = bodyDoubts ? withoutDoubtfulLabels(file.rows, header.value.columns.code ?? 0, split.holding) : file.rows;
    for (const { row } of split.product) if (table[row - 1] && productColumn !== undefined) table[row - 1]![productColumn] = '';
    const rows = readPlanRows(table, header.value, {
      wrapped: file.source.format !== 'docx' && file.source.format !== 'doc',
      mergedCells: file.source.format === 'docx' || file.source.format === 'doc' || file.source.format === 'pdf',
      year: meta.year,
    });
    if (!rows.ok) return err(rows.error);
    // Closed world for a scan: the tasks that depend on a row OCR read without confidence are held back.
    const held = heldBackByDoubts(rows.value, split.holding.map((d) => d.row));
    if (noCodeColumn) for (const task of rows.value) held.add(task.code);
    const products: NonNullable<ImportReport['ocr']>['products'] = [];
    for (const doubt of split.product) {
      // The part of a product on a row joined to its task (a row cut by a page break) empties it all.
      const task = taskOfRow(rows.value, doubt.row);
      if (!task || held.has(task.code)) continue;
      task.product = '';
      if (!products.some((p) => p.code === task.code)) products.push({ row: task.row, code: task.code, words: [] });
      products.find((p) => p.code === task.code)!.words.push(...doubt.words);
    }
    const doubtfulRows = new Set((doubts ?? []).map((d) => d.row));
    const cellText = (cell: string | undefined) => (cell ?? '').replace(/\s+/g, ' ').trim();
    const wordsToCheck: NonNullable<ImportReport['ocr']>['wordsToCheck'] = nameChecks(
      file.rows,
      header.value.columns,
      (file.checks ?? []).filter((c) => c.row > header.value.index + 1 && !doubtfulRows.has(c.row)),
    ).flatMap((check) => {
      const own = rows.value.find((t) => t.row === check.row);
      const task = own ?? taskOfRow(rows.value, check.row);
      if (task && held.has(task.code)) return [];
      // A row with no task of its own is a heading (or a parent: "2. Kiểm tra…"), unless its number
      // cell is empty: then it is the rest of the task above, cut by a page break.
      const continued = !own && cellText(file.rows[check.row - 1]?.[header.value.columns.code ?? 0]) === '' && check.column !== (header.value.columns.code ?? 0);
      return [{ row: check.row, code: own?.code ?? (continued ? (task?.code ?? null) : null), text: cellText(file.rows[check.row - 1]?.[check.column]), words: check.words }];
    });
    const ocr: ImportReport['ocr'] =
      'ocr' in file.source
        ? {
            doubtful: (doubts ?? []).map((d) => ({ row: d.row, text: (file.rows[d.row - 1] ?? []).map(cellText).filter((c) => c !== '').join(' | '), words: d.words })),
            heldBack: rows.value.filter((t) => held.has(t.code)).map((t) => ({ row: t.row, code: t.code })),
            products,
            wordsToCheck,
          }
        : undefined;
    const taken = rows.value.filter((t) => !held.has(t.code));

    // --rows: only the tasks on the chosen rows (sub-tasks have already taken their parent's lead).
    const chosen = options.rows ? new Set(options.rows) : null;
    const allRows = rows.value;
    const picked = chosen ? taken.filter((r) => chosen.has(r.row)) : taken;
    if (chosen && picked.length === 0) return err({ code: 'no_chosen_rows', rows: [...chosen].sort((a, b) => a - b) });
    const resolver = this.resolver();
    // No name given: the document's title names the plan (the admin confirms it in the preview).
    const titled = meta.nameFromDocument && file.header?.title ? planNameFromTitle(file.header.title) : null;
    if (meta.nameFromDocument && !titled && !/^\S/.test(meta.name)) {
      return err({ code: 'bad_meta', problem: 'tệp không có tiêu đề văn bản để đặt tên kế hoạch; hãy ghi tên kế hoạch (--plan "<tên>" hoặc chú thích “<năm> <tên>”)' });
    }
    meta = { ...meta, name: titled ?? meta.name.slice(0, 200) };
    const document = documentOf(meta, file.header);
    const existingPlan = this.store.plans.planByName(meta.name);
    // "Trong 30 ngày kể từ ngày ban hành Kế hoạch" counts from the document's date when it is known
    // (read now, given, or stored by an earlier import of the same plan).
    const issuedOn = document?.date ?? existingPlan?.docDate ?? null;
    const context: DeadlineContext = { year: meta.year, period: meta.period, issued: issuedOn ? { date: issuedOn, kind: document?.kind ?? existingPlan?.docKind ?? null } : undefined };
    // The plan speaks as of its first year: who existed then decides what "UBND cấp huyện" means.
    // A district's or a commune's plan: its group phrases are its own bodies, reported, not the province's.
    const on = { planDay: `${meta.period?.from ?? meta.year}-01-01`, today: civilDateOf(this.clock.now(), this.timeZone), issuedBelowProvince: issuedBelowProvince(document?.issuer) };
    const unresolvedAgencies: ImportReport['unresolvedAgencies'] = [];
    const proposal = this.proposer();
    const unknownDeadlines: ImportReport['unknownDeadlines'] = [];
    const startProblems: ImportReport['startProblems'] = [];
    const successions = new Map<string, ImportReport['successions'][number]>();
    // Dates before the plan's first import were already past: not chased, not scored (unless asked).
    const firstImport = existingPlan ? civilDateOf(new Date(existingPlan.createdAt), this.timeZone) : on.today;
    let pastCount = 0;
    const areas = new Map(this.store.plans.areaTitles().map((t) => [textKey(t), t]));
    const prepared: PreparedTask[] = picked.map((row) => {
      row.areaTitle = row.areaTitle ? canonicalArea(row.areaTitle, areas) : row.areaTitle;
      const lead = resolver.resolve(row.lead, on);
      const coord = resolver.resolve(row.coord, on);
      for (const [cell, resolution] of [[row.lead, lead], [row.coord, coord]] as const) {
        for (const item of resolution.review) unresolvedAgencies.push({ row: row.row, text: item.text, reason: item.reason, cell, ...proposal(item) });
        for (const c of resolution.ceased) unresolvedAgencies.push({ row: row.row, text: c.text, until: c.until, reason: 'ceased', cell });
      }
      for (const s of [...lead.successions, ...coord.successions]) {
        const from = this.store.agencies.byId(s.agencyId)!;
        const to = this.store.agencies.byId(s.successorId)!;
        const key = `${from.id}>${to.id}`;
        const entry = successions.get(key) ?? { text: from.shortName ?? from.name, to: to.shortName ?? to.name, since: from.validUntil ?? '', rows: [] };
        if (!entry.rows.includes(row.row)) entry.rows.push(row.row);
        successions.set(key, entry);
      }
      if (row.lead.trim() === '') unresolvedAgencies.push({ row: row.row, text: '(ô Chủ trì trống)', reason: 'empty', cell: '' });
      // A tick column holding a date or words, or ticks beside a deadline cell: not read, never guessed.
      const schedule: ScheduledDeadline =
        row.review !== ''
          ? {
              kind: 'unknown',
              dates: [],
              dueDates: [],
              unexplained: [],
              note: `Cột thời gian ghi “${row.review}”: không phải chỉ một dấu “x” ở quý (tháng) thực hiện, nên dondoc không đoán hạn. Cần Sở Nội vụ xem lại và đặt hạn.`,
            }
          : scheduleDeadline(row.deadline, context, this.calendar);
      if (schedule.kind === 'unknown') unknownDeadlines.push({ row: row.row, text: row.review || row.deadline });
      let start: CivilDate | null = null;
      if (row.start !== '') {
        const read = readStart(row.start, context);
        const last = schedule.dates[schedule.dates.length - 1];
        if (read.date === null) startProblems.push({ row: row.row, start: row.start, deadline: row.deadline, reason: 'unreadable' });
        else if (last !== undefined && read.date > last) startProblems.push({ row: row.row, start: row.start, deadline: row.deadline, reason: 'after_end' });
        else start = read.date;
      }
      const leadIds = new Set(lead.agencyIds);
      const past = new Set<number>();
      if (!options.chasePast) schedule.dueDates.forEach((due, i) => due < firstImport && past.add(i));
      pastCount += past.size;
      return { row, schedule, start, lead: lead.agencyIds, coord: coord.agencyIds.filter((id) => !leadIds.has(id)), past };
    });
    const report: ImportReport = {
      rows: rows.value.length,
      tasks: prepared.length,
      assignments: prepared.reduce((sum, t) => sum + t.lead.length + t.coord.length, 0),
      unresolvedAgencies,
      unknownDeadlines,
      successions: [...successions.values()],
      pastChecks: { count: pastCount, before: firstImport },
      source: file.source,
      document,
      selected: chosen ? this.chosenRows(prepared, allRows, chosen, ocr?.wordsToCheck) : null,
      ...(ocr ? { ocr } : {}),
      columns: { ticks: header.value.ticks.map((t) => t.label), unused: header.value.unused },
      startProblems,
    };
    if (options.dryRun) {
      const existing = this.store.plans.planByName(meta.name);
      const known = existing ? new Set(this.store.plans.tasksForPlanCodes(existing.id)) : new Set<string>();
      const updated = prepared.filter((t) => known.has(t.row.code)).length;
      return ok({ ...report, plan: meta.name, created: prepared.length - updated, updated, retired: 0, written: false });
    }
    // A scan with a page OCR did not finish retires nothing: that page's tasks are not known.
    const partial = 'ocr' in file.source && (file.source.unread?.length ?? 0) > 0;
    const counts = this.write(fileName, meta, document, prepared, chosen === null && !partial, [...held]);
    return ok({ ...report, plan: meta.name, ...counts, written: true });
  }

  /** What each chosen row became (the --rows report), and the chosen numbers with no task. */
  private chosenRows(
    prepared: PreparedTask[],
    all: PlanRow[],
    chosen: Set<number>,
    toCheck?: NonNullable<ImportReport['ocr']>['wordsToCheck'],
  ): NonNullable<ImportReport['selected']> {
    const codes = new Set(all.map((r) => r.code));
    const code = (id: number) => this.store.agencies.byId(id)?.code ?? String(id);
    const parentOf = (c: string): string | null => {
      for (let cut = c.lastIndexOf('.'); cut > 0; cut = c.lastIndexOf('.', cut - 1)) if (codes.has(c.slice(0, cut))) return c.slice(0, cut);
      return null;
    };
    const rows = prepared.map((t) => ({
      row: t.row.row,
      code: t.row.code,
      parent: parentOf(t.row.code),
      lead: t.lead.map(code),
      coordinating: t.coord.map(code),
      deadline: t.row.deadline,
      deadlineKind: t.schedule.kind,
      dates: [...t.schedule.dueDates],
      start: t.start,
      ...(toCheck ? { wordsToCheck: toCheck.filter((c) => c.code === t.row.code).flatMap((c) => c.words.map((w) => w.text)) } : {}),
    }));
    const found = new Set(rows.map((r) => r.row));
    return { rows, missing: [...chosen].filter((n) => !found.has(n)).sort((a, b) => a - b) };
  }

  /**
   * Writes the plan and its tasks; `whole`: the file is the whole plan, so tasks no longer in it are
   * retired — except `keep`, tasks held back (OCR doubts): not written, and not retired either.
   */
  private write(fileName: string, meta: PlanMeta, document: ImportedDocument | null, prepared: PreparedTask[], whole: boolean, keep: string[] = []): { created: number; updated: number; retired: number } {
    const now = this.clock.now();
    return this.store.transaction(() => {
      const plan = this.store.plans.upsertPlan(
        {
          name: meta.name,
          documentNo: document?.number ?? null,
          docKind: document?.kind ?? null,
          docDate: document?.date ?? null,
          docIssuer: document?.issuer ?? null,
          docTitle: document?.title ?? null,
          docPlace: document?.place ?? null,
          year: meta.year,
          periodFrom: meta.period?.from ?? null,
          periodTo: meta.period?.to ?? null,
          sourceFile: fileName,
        },
        now,
      );
      let created = 0;
      for (const { row, schedule, start, lead, coord, past } of prepared) {
        const { id, created: isNew } = this.store.plans.upsertTask(
          plan.id,
          {
            code: row.code,
            areaCode: row.areaCode,
            areaTitle: row.areaTitle,
            objective: row.objective,
            task: row.task,
            activity: row.activity,
            product: row.product,
            budget: row.budget,
            leadText: row.lead,
            coordText: row.coord,
            deadlineText: row.review || row.deadline,
            deadlineKind: schedule.kind,
            deadlineNote: schedule.note,
            sourceRow: row.row,
            startText: row.start,
            startDate: start,
          },
          now,
        );
        if (isNew) created += 1;
        const dates = schedule.dates.map((nominalDate, i) => ({ nominalDate, dueDate: schedule.dueDates[i]! }));
        this.store.plans.replaceDeadlines(
          id,
          dates.filter((_, i) => !past.has(i)),
          dates.filter((_, i) => past.has(i)),
        );
        this.store.plans.replaceAssignments(id, [
          ...lead.map((agencyId) => ({ agencyId, role: 'lead' as const })),
          ...coord.map((agencyId) => ({ agencyId, role: 'coord' as const })),
        ]);
      }
      const retired = whole ? this.store.plans.retireMissing(plan.id, [...prepared.map((t) => t.row.code), ...keep], now) : 0;
      return { created, updated: prepared.length - created, retired };
    });
  }
}
