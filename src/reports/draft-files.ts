/**
 * The draft's files (the .docx and the .xlsx of its appendix figures), built within limits: a draft
 * whose document would list more than `maxLines` lines gets no .docx (the .xlsx, which streams,
 * still comes, with every agency's rows), and the running bot builds both in a worker thread with
 * its own database connection, its memory capped and its time limited, so a province of 200
 * agencies and 100,000 assignments never blocks the chat's event loop nor takes the bot down.
 * Every outcome that is not a pair of complete files is an expected failure the transport words in
 * Vietnamese; nothing half-built is ever returned.
 */
import { err, ok, type Result } from '../domain/result.js';
import type { CivilDate } from '../domain/civil-date.js';
import type { ReportPeriod } from '../domain/report-period.js';
import { ReportDraftError, type ReportDrafter, type ReportDraft } from './draft.js';
import { documentLines } from './task-groups.js';

/** How big and how long a draft may get. */
export interface DraftLimits {
  /** Lines (paragraphs and table rows) the .docx may list; more: no .docx, the .xlsx only. */
  maxLines: number;
  /** Time the worker thread may take for figures and both files. */
  timeoutMs: number;
  /** The worker thread's V8 old generation (MB): a draft that needs more ends the thread, not the bot. */
  maxMemoryMb: number;
}

/**
 * Defaults. 5,000 lines is a document of ~150 pages — past that nobody edits a draft by hand; the
 * province at 200 agencies × 100,000 assignments lists each task once (1,136 lines for its 500
 * tasks). Measured by `npm run bench -- report-draft` on 2 loaded cores: that province takes ~5 s in
 * the worker and grows the process by ~200 MB, so 60 s and a 1 GB heap leave room on a busy
 * machine without letting one draft take the bot's memory.
 */
export const DRAFT_LIMITS: DraftLimits = { maxLines: 5_000, timeoutMs: 60_000, maxMemoryMb: 1_024 };

/** What the chat says about a draft (its three lines), without the task lists. */
export type DraftFacts = Pick<ReportDraft, 'scope' | 'period' | 'asOf' | 'counts' | 'missingReports' | 'overdueInWindow'> & {
  /** Lines the .docx lists (or would list). */
  lines: number;
};

export interface DraftFiles {
  facts: DraftFacts;
  /** null: the document would be longer than `maxLines` (`tooLarge` says by how much); the .xlsx still holds every row. */
  docx: Uint8Array | null;
  tooLarge: { lines: number; limit: number } | null;
  xlsx: Uint8Array;
}

export type DraftFilesError =
  /** The draft cannot be made (a date before the period, an unknown agency): its Vietnamese message. */
  | { code: 'draft'; message: string }
  /** The worker ran past `timeoutMs` and was stopped. */
  | { code: 'too_slow'; seconds: number }
  /** The worker needed more than `maxMemoryMb` and was stopped. */
  | { code: 'too_much_memory'; megabytes: number };

export interface DraftRequest {
  period: ReportPeriod;
  agencyId?: number;
  asOf?: CivilDate;
}

/** Copies into an ArrayBuffer of its own (a Buffer may sit in Node's shared pool, which cannot be transferred). */
const own = (data: Uint8Array): Uint8Array => {
  const bytes = new Uint8Array(data.byteLength);
  bytes.set(data);
  return bytes;
};

/** Builds the draft and its files here, on this thread (the CLI; the worker thread itself; a bot on an in-memory database). */
export async function buildDraftFiles(drafter: ReportDrafter, request: DraftRequest, limits: DraftLimits = DRAFT_LIMITS): Promise<Result<DraftFiles, DraftFilesError>> {
  let draft: ReportDraft;
  try {
    draft = drafter.draft(request.period, { ...(request.agencyId === undefined ? {} : { agencyId: request.agencyId }), ...(request.asOf ? { asOf: request.asOf } : {}) });
  } catch (error) {
    if (error instanceof ReportDraftError) return err({ code: 'draft', message: error.message });
    throw error;
  }
  const lines = documentLines(draft);
  const facts: DraftFacts = { scope: draft.scope, period: draft.period, asOf: draft.asOf, counts: draft.counts, missingReports: draft.missingReports, overdueInWindow: draft.overdueInWindow, lines };
  const { renderDraftWorkbook } = await import('./xlsx.js');
  const xlsx = own(await renderDraftWorkbook(draft));
  if (lines > limits.maxLines) return ok({ facts, docx: null, tooLarge: { lines, limit: limits.maxLines }, xlsx });
  const { renderDraft } = await import('./docx.js');
  const docx = own(await renderDraft(draft));
  return ok({ facts, docx, tooLarge: null, xlsx });
}

/**
 * The door commands use: builds off the event loop when the running bot has set `offThread` (a
 * database file a worker thread can open), here otherwise.
 */
export class DraftFilesService {
  constructor(
    private readonly drafter: ReportDrafter,
    maxLines?: number,
  ) {
    if (maxLines !== undefined) this.limits = { ...DRAFT_LIMITS, maxLines };
  }

  /** Set by the running bot: the same build in a worker thread under `limits`. */
  offThread: ((request: DraftRequest, limits: DraftLimits) => Promise<Result<DraftFiles, DraftFilesError>>) | undefined;

  /** The limits every draft is built under (DRAFT_LIMITS unless changed). */
  limits: DraftLimits = DRAFT_LIMITS;

  /** The draft being built, if any: drafts are built one at a time, so two admins asking at once hold one worker's memory, not two. */
  private last: Promise<unknown> = Promise.resolve();

  /** The draft's files, after any draft already being built (each then within its own limits). */
  build(request: DraftRequest): Promise<Result<DraftFiles, DraftFilesError>> {
    const run = () => (this.offThread ? this.offThread(request, this.limits) : buildDraftFiles(this.drafter, request, this.limits));
    const next = this.last.then(run, run);
    this.last = next.catch(() => undefined);
    return next;
  }
}
