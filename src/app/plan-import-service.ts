import type { Clock } from '../clock.js';
import { civilDateOf } from '../domain/civil-date.js';
import { textKey } from '../domain/text-key.js';
import { AgencyResolver, type AgencyGroup } from '../domain/agency-resolver.js';
import { scheduleDeadline, type DeadlineContext, type ScheduledDeadline } from '../domain/deadline-grammar.js';
import { findHeader, readPlanRows, type PlanField, type PlanRow } from '../domain/plan-table.js';
import { err, ok, type Result } from '../domain/result.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { Store } from '../store/store.js';
import type { PlanDocument } from '../store/plan-repo.js';
import type { CivilDate } from '../domain/civil-date.js';
import type { DocumentHeader } from '../documents/document-reader.js';
import type { EncodingProblem } from '../documents/legacy-encoding.js';
import { heldBackByDoubts, withoutDoubtfulLabels } from '../domain/ocr-doubts.js';
import { readTableFile, type TableFileError, type TableSource } from './table-file.js';

/** What the importer needs to know about the plan besides its table. */
export interface PlanMeta {
  name: string;
  year: number;
  period?: { from: number; to: number } | undefined;
  documentNo?: string | null;
  /** The publishing document's kind, date, issuer and title, when known (read from the document or given at import). */
  document?: Partial<PlanDocument> | undefined;
}

/** The import summary; its shape is the CLI's JSON output and must stay stable (fields are only added at the end). */
export interface ImportReport {
  rows: number;
  tasks: number;
  assignments: number;
  /** Names no agency answers to; `until` when the agency (or group) no longer existed on the plan's date. */
  unresolvedAgencies: { row: number; text: string; until?: string }[];
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
   * guessed). `place` is shown, not stored. Null when a table file (CSV, XLSX) names nothing.
   */
  document: ImportedDocument | null;
  /**
   * A scan read by OCR: the rows read without confidence (as read, with the words in doubt) and
   * the tasks held back because of them — not stored, to be corrected in the source file.
   */
  ocr?: { doubtful: { row: number; text: string; words: string[] }[]; heldBack: { row: number; code: string }[] };
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
    place: header?.place ?? null,
    date: given.docDate ?? header?.date ?? null,
    issuer: given.docIssuer ?? header?.issuer ?? null,
    kind: given.docKind ?? header?.kind ?? null,
    title: given.docTitle ?? header?.title ?? null,
  };
  return header || Object.values(merged).some((v) => v !== null) ? merged : null;
}

/** dryRun: read and check only, write nothing; chasePast: dates already past at the first import stay owed. */
export interface ImportOptions {
  dryRun?: boolean;
  chasePast?: boolean;
}

export interface ImportOutcome extends ImportReport {
  plan: string;
  created: number;
  updated: number;
  retired: number;
  written: boolean;
}

export type ImportError =
  | { code: 'file'; reason: TableFileError; size: number }
  | { code: 'no_header'; missing: PlanField[] }
  /** A document none of whose `tables` has a task header (TT, Nhiệm vụ, Chủ trì, Thời gian). */
  | { code: 'no_task_table'; tables: number }
  /** Text in a legacy encoding that could not be converted, or already broken (U+FFFD). */
  | { code: 'encoding'; problem: EncodingProblem }
  | { code: 'duplicate_code'; row: number; other: number; taskCode: string }
  | { code: 'no_tasks' }
  | { code: 'bad_meta'; problem: string };

interface PreparedTask {
  row: PlanRow;
  schedule: ScheduledDeadline;
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

/** Imports a plan's task table (CSV, XLSX or the Phụ lục table of a Word document) into the store, or reports why it cannot, in one transaction. */
export class PlanImportService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly calendar: WorkCalendar,
    private readonly groups: { groups: AgencyGroup[]; noise: string[]; places?: string[] },
    private readonly timeZone = 'Asia/Ho_Chi_Minh',
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
   * Reads, resolves and schedules every row; unless `dryRun`, writes plan, tasks, deadlines and
   * assignments in one transaction (re-import updates tasks in place by code and retires the rest).
   */
  /**
   * Set by the running bot: reads and writes a plan file off the chat's event loop (a worker thread
   * running this same service on its own connection), since 5,000 rows take seconds.
   */
  offThread: ((fileName: string, data: Buffer, meta: PlanMeta, options: ImportOptions) => Promise<Result<ImportOutcome, ImportError>>) | undefined;

  async importFile(fileName: string, data: Buffer, meta: PlanMeta, options: ImportOptions = {}): Promise<Result<ImportOutcome, ImportError>> {
    if (!/^\S/.test(meta.name) || meta.name.length > 200) return err({ code: 'bad_meta', problem: 'tên kế hoạch trống hoặc quá dài' });
    if (!Number.isInteger(meta.year) || meta.year < 2000 || meta.year > 2100) {
      return err({ code: 'bad_meta', problem: 'năm kế hoạch phải từ 2000 đến 2100' });
    }
    if (meta.period && (meta.period.from > meta.period.to || meta.period.from < 2000 || meta.period.to > 2100)) {
      return err({ code: 'bad_meta', problem: 'giai đoạn phải dạng YYYY-YYYY, năm đầu không sau năm cuối' });
    }
    if (this.offThread) return this.offThread(fileName, data, meta, options);
    const file = await readTableFile(fileName, data);
    if (!file.ok) {
      if (file.error === 'no_task_table') return err({ code: 'no_task_table', tables: file.tables });
      if (file.error === 'encoding') return err({ code: 'encoding', problem: file.problem });
      return err({ code: 'file', reason: file.error, size: data.length });
    }
    const header = findHeader(file.rows);
    if (!header.ok) return err(header.error);
    // A Word table's rows are whole rows: none is the rest of the row above wrapped by a page break
    // (a PDF's may be: a row cut at the foot of a page goes on at the top of the next).
    // Doubts in the header rows do not count: the header was understood (its columns were found).
    const doubts = file.doubts?.filter((d) => d.row > header.value.index + 1);
    const table = doubts ? withoutDoubtfulLabels(file.rows, header.value.columns.code ?? 0, doubts) : file.rows;
    const rows = readPlanRows(table, header.value, { wrapped: file.source.format !== 'docx' && file.source.format !== 'doc' });
    if (!rows.ok) return err(rows.error);
    // Closed world for a scan: the tasks that depend on a row OCR read without confidence are held back.
    const held = heldBackByDoubts(rows.value, (doubts ?? []).map((d) => d.row));
    const ocr: ImportReport['ocr'] =
      'ocr' in file.source
        ? {
            doubtful: (doubts ?? []).map((d) => ({ row: d.row, text: (file.rows[d.row - 1] ?? []).map((c) => c.replace(/\s+/g, ' ').trim()).filter((c) => c !== '').join(' | '), words: d.words })),
            heldBack: rows.value.filter((t) => held.has(t.code)).map((t) => ({ row: t.row, code: t.code })),
          }
        : undefined;
    const taken = rows.value.filter((t) => !held.has(t.code));

    const resolver = this.resolver();
    const document = documentOf(meta, file.header);
    const existingPlan = this.store.plans.planByName(meta.name);
    // "Trong 30 ngày kể từ ngày ban hành Kế hoạch" counts from the document's date when it is known
    // (read now, given, or stored by an earlier import of the same plan).
    const issuedOn = document?.date ?? existingPlan?.docDate ?? null;
    const context: DeadlineContext = { year: meta.year, period: meta.period, issued: issuedOn ? { date: issuedOn, kind: document?.kind ?? existingPlan?.docKind ?? null } : undefined };
    // The plan speaks as of its first year: who existed then decides what "UBND cấp huyện" means.
    const on = { planDay: `${meta.period?.from ?? meta.year}-01-01`, today: civilDateOf(this.clock.now(), this.timeZone) };
    const unresolvedAgencies: ImportReport['unresolvedAgencies'] = [];
    const unknownDeadlines: ImportReport['unknownDeadlines'] = [];
    const successions = new Map<string, ImportReport['successions'][number]>();
    // Dates before the plan's first import were already past: not chased, not scored (unless asked).
    const firstImport = existingPlan ? civilDateOf(new Date(existingPlan.createdAt), this.timeZone) : on.today;
    let pastCount = 0;
    const areas = new Map(this.store.plans.areaTitles().map((t) => [textKey(t), t]));
    const prepared: PreparedTask[] = taken.map((row) => {
      row.areaTitle = row.areaTitle ? canonicalArea(row.areaTitle, areas) : row.areaTitle;
      const lead = resolver.resolve(row.lead, on);
      const coord = resolver.resolve(row.coord, on);
      for (const text of [...lead.unresolved, ...coord.unresolved]) unresolvedAgencies.push({ row: row.row, text });
      for (const c of [...lead.ceased, ...coord.ceased]) unresolvedAgencies.push({ row: row.row, text: c.text, until: c.until });
      for (const s of [...lead.successions, ...coord.successions]) {
        const from = this.store.agencies.byId(s.agencyId)!;
        const to = this.store.agencies.byId(s.successorId)!;
        const key = `${from.id}>${to.id}`;
        const entry = successions.get(key) ?? { text: from.shortName ?? from.name, to: to.shortName ?? to.name, since: from.validUntil ?? '', rows: [] };
        if (!entry.rows.includes(row.row)) entry.rows.push(row.row);
        successions.set(key, entry);
      }
      if (row.lead.trim() === '') unresolvedAgencies.push({ row: row.row, text: '(ô Chủ trì trống)' });
      const schedule = scheduleDeadline(row.deadline, context, this.calendar);
      if (schedule.kind === 'unknown') unknownDeadlines.push({ row: row.row, text: row.deadline });
      const leadIds = new Set(lead.agencyIds);
      const past = new Set<number>();
      if (!options.chasePast) schedule.dueDates.forEach((due, i) => due < firstImport && past.add(i));
      pastCount += past.size;
      return { row, schedule, lead: lead.agencyIds, coord: coord.agencyIds.filter((id) => !leadIds.has(id)), past };
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
      ...(ocr ? { ocr } : {}),
    };
    if (options.dryRun) {
      const existing = this.store.plans.planByName(meta.name);
      const known = existing ? new Set(this.store.plans.tasksForPlanCodes(existing.id)) : new Set<string>();
      const updated = prepared.filter((t) => known.has(t.row.code)).length;
      return ok({ ...report, plan: meta.name, created: prepared.length - updated, updated, retired: 0, written: false });
    }
    const counts = this.write(fileName, meta, document, prepared, [...held]);
    return ok({ ...report, plan: meta.name, ...counts, written: true });
  }

  /** `keep`: codes of tasks held back (OCR doubts): not written, and not retired either when a re-import misses them. */
  private write(fileName: string, meta: PlanMeta, document: ImportedDocument | null, prepared: PreparedTask[], keep: string[] = []): { created: number; updated: number; retired: number } {
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
          year: meta.year,
          periodFrom: meta.period?.from ?? null,
          periodTo: meta.period?.to ?? null,
          sourceFile: fileName,
        },
        now,
      );
      let created = 0;
      for (const { row, schedule, lead, coord, past } of prepared) {
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
            deadlineText: row.deadline,
            deadlineKind: schedule.kind,
            deadlineNote: schedule.note,
            sourceRow: row.row,
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
      const retired = this.store.plans.retireMissing(plan.id, [...prepared.map((t) => t.row.code), ...keep], now);
      return { created, updated: prepared.length - created, retired };
    });
  }
}
