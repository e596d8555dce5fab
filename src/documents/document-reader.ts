/**
 * src/documents — reads a plan as the province publishes it (Word, text PDF) into one `string[][]`
 * grid per table, and picks the task table among them; the plan import reads that grid as it
 * reads a CSV or XLSX sheet. Readers are small and chained: zip-entries → docx/numbering,
 * docx/styles → docx/body-reader → docx/table-grid → table-picker; pdf/pdf-reader (pdf.js: text
 * runs and ruling lines) → pdf/ruling-grid → table-picker; an old Word .doc is converted to .docx
 * by LibreOffice (office-converter) and read as one; a scan (an image-only PDF, a .png or .jpg
 * photo) is read by OCR (ocr/ocr-reader: ruling lines from the pixels → the same ruledTables grid,
 * tesseract on each cell) with its doubtful cells reported, never stored as a guess.
 */
import { readDocx } from './docx/docx-reader.js';
import { convertWithLibreOffice, type ConvertProblem } from './office-converter.js';
import { readScan, type CellDoubt, type CellWords, type OcrProblem } from './ocr/ocr-reader.js';
import { wordsToCheck, type ReadWord } from './ocr/word-check.js';
import { readPdf } from './pdf/pdf-reader.js';
import { readDocumentHeader, type DocumentHeader } from './header-reader.js';
import { findHeader } from '../domain/plan-table.js';
import { pickTaskTables } from './table-picker.js';
import { XmlRefused } from './xml-walker.js';

/** Where the grid came from, for the preview and the CLI's `source`. */
export type DocumentSource =
  /** Tables read as the task table (1-based, document order) and how many the document has. */
  | { format: 'docx'; tables: { read: number[]; total: number } }
  /** An old Word file, converted to .docx by LibreOffice and read as one. */
  | { format: 'doc'; tables: { read: number[]; total: number } }
  | { format: 'pdf'; tables: { read: number[]; total: number }; pages: number }
  /** A scan read by OCR: an image-only PDF or a photo; every row is to be checked against the paper. */
  | { format: 'pdf' | 'png' | 'jpg'; ocr: true; tables: { read: number[]; total: number }; pages: number; /** Pages OCR did not finish in their time (1-based); absent when every page was read. */ unread?: number[] };

/** A row of the task table OCR could not read with confidence: its index in `rows` and the words in doubt, all and by cell. */
export interface RowDoubt {
  row: number;
  words: string[];
  cells: { column: number; words: string[] }[];
}

/** A cell of the task table with words OCR read that the admin should check (word-check.ts): its row's index in `rows`, its column, the words. */
export interface CellCheck {
  row: number;
  column: number;
  words: ReadWord[];
}

export type { DocumentHeader } from './header-reader.js';

/** A document read: the task table's rows (header included), where they came from, and the document's own header. */
export type DocumentRead =
  | {
      ok: true;
      rows: string[][];
      source: DocumentSource;
      header: DocumentHeader;
      /** OCR only: rows read without confidence. */
      doubts?: RowDoubt[];
      /** OCR only: cells with words to check (read with middling confidence, or no possible syllable). */
      checks?: CellCheck[];
    }
  | { ok: false; problem: DocumentProblem };

export type DocumentProblem =
  | { code: 'unreadable' }
  | { code: 'encrypted' }
  | { code: 'too_large_unzipped' }
  /** The archive's end record and central directory disagree (zip-entries): not read. */
  | { code: 'zip_inconsistent' }
  /** A PDF over the page limit. */
  | { code: 'too_many_pages'; pages: number }
  /** A PDF without a text layer: a scan or a photo. */
  | { code: 'no_text' }
  /** A text PDF whose table has no ruling lines and whose columns cannot be told apart on page `page`. */
  | { code: 'borderless_unclear'; page: number }
  /** No table has a task header; `tables` is how many tables the document has. */
  | { code: 'no_task_table'; tables: number }
  /** An old Word file LibreOffice could not convert: not installed, too slow, too large, or it could not open it. */
  | { code: 'convert'; problem: ConvertProblem }
  /** A scan that could not be read by OCR: a tool or the Vietnamese data missing, too slow, too large. */
  | { code: 'ocr'; problem: OcrProblem };

/** Reads a .docx plan into the task table's rows (header included), says which tables were read, and reads the document's header. */
export function readPlanDocument(data: Buffer): DocumentRead {
  let docx: ReturnType<typeof readDocx>;
  try {
    docx = readDocx(data);
  } catch (error) {
    if (error instanceof XmlRefused) return { ok: false, problem: { code: 'unreadable' } };
    throw error;
  }
  if (!docx.ok) {
    const { code } = docx.problem;
    if (code === 'encrypted') return { ok: false, problem: { code: 'encrypted' } };
    if (code === 'too_large_unzipped' || code === 'too_many_entries') return { ok: false, problem: { code: 'too_large_unzipped' } };
    if (code === 'inconsistent') return { ok: false, problem: { code: 'zip_inconsistent' } };
    return { ok: false, problem: { code: 'unreadable' } };
  }
  const picked = pickFromBlocks(docx.value.blocks);
  if (!picked.ok) return picked;
  return { ok: true, rows: picked.rows, source: { format: 'docx', tables: picked.tables }, header: picked.header };
}

const ZIP_SIGNATURE = Buffer.from('PK\u0003\u0004', 'latin1');
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const RTF_SIGNATURE = Buffer.from('{\\rtf', 'latin1');

/**
 * Reads an old Word (.doc) plan: LibreOffice converts it to .docx (private profile, time limit,
 * size caps: office-converter), then it is read as a .docx; a ".doc" that is already a .docx
 * (renamed) is read directly, one saved as RTF goes through LibreOffice's RTF filter, and anything
 * else is unreadable (LibreOffice would open any bytes as plain text). `env`: soffice's environment
 * (default this process's).
 */
export async function readPlanWordDoc(
  data: Buffer,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<DocumentRead> {
  if (data.subarray(0, 4).equals(ZIP_SIGNATURE)) return readPlanDocument(data);
  const filter = data.subarray(0, 8).equals(OLE_SIGNATURE) ? 'MS Word 97' : data.subarray(0, 5).equals(RTF_SIGNATURE) ? 'Rich Text Format' : null;
  if (!filter) return { ok: false, problem: { code: 'unreadable' } };
  const converted = await convertWithLibreOffice(data, { from: 'doc', to: 'docx', outputExtension: 'docx', filter, ...options });
  if (!converted.ok) return { ok: false, problem: { code: 'convert', problem: converted.problem } };
  const read = readPlanDocument(converted.data);
  if (!read.ok || read.source.format !== 'docx') return read;
  return { ...read, source: { format: 'doc', tables: read.source.tables } };
}

/** Reads a text PDF plan: each page's ruled tables, then the task table and its continuations over the pages. */
export async function readPlanPdf(data: Buffer): Promise<DocumentRead> {
  const pdf = await readPdf(data);
  if (!pdf.ok) return { ok: false, problem: pdf.problem };
  const picked = pickFromBlocks(pdf.pages.flatMap((page) => page.blocks), { pageCuts: true });
  if (!picked.ok) return picked;
  return { ok: true, rows: picked.rows, source: { format: 'pdf', tables: picked.tables, pages: pdf.pages.length }, header: picked.header };
}

/**
 * Reads a scanned plan by OCR — an image-only PDF (pages rasterised by pdftoppm), a .png or .jpg
 * photo of the table — into the task table's rows like a text PDF, plus the rows whose words OCR
 * read without confidence. `env`: the tools' environment (default this process's).
 */
export async function readPlanScan(
  data: Buffer,
  file: 'pdf' | 'png' | 'jpg',
  options: { env?: NodeJS.ProcessEnv; onPage?: (page: number, pages: number) => void; /** Seconds for one page, every pass together (default OCR_LIMITS.pageBudgetMs). */ ocrPageSeconds?: number } = {},
): Promise<DocumentRead> {
  const { ocrPageSeconds, ...rest } = options;
  const scan = await readScan(data, file === 'pdf' ? 'pdf' : 'image', { ...rest, ...(ocrPageSeconds !== undefined ? { limits: { pageBudgetMs: ocrPageSeconds * 1000 } } : {}) });
  if (!scan.ok) {
    const { problem } = scan;
    if (problem.code === 'unreadable' || problem.code === 'too_many_pages') return { ok: false, problem };
    return { ok: false, problem: { code: 'ocr', problem } };
  }
  const picked = pickFromBlocks(scan.pages.flat(), { pageCuts: true });
  const unread = scan.pages.flat().flatMap((b) => (b.kind === 'unread' ? [b.page] : []));
  // No task table, and a page went unread for want of time: the time is what to report.
  if (!picked.ok) return picked.problem.code === 'no_task_table' && unread.length > 0 ? { ok: false, problem: { code: 'ocr', problem: { code: 'timeout' } } } : picked;
  return {
    ok: true,
    rows: picked.rows,
    source: { format: file, ocr: true, tables: picked.tables, pages: scan.pages.length, ...(unread.length > 0 ? { unread } : {}) },
    header: picked.header,
    doubts: picked.doubts,
    checks: picked.checks,
  };
}

/** What the preview shows on the place of a page OCR did not finish in its time. */
export const UNREAD_PAGE = (page: number) => `trang ${page} chưa đọc: hết thời gian đọc một trang`;

/** The index of the first row after a table's header (0 when it has none). */
function findHeaderEnd(rows: string[][]): number {
  const header = findHeader(rows);
  return header.ok ? header.value.index + 1 : 0;
}

/**
 * The task table among a document's blocks (pickTaskTables), its rows, the document's header read
 * from what stands before it, and — a scan — its rows' doubts and words to check, with an empty
 * doubtful row where a page OCR did not finish stands (UNREAD_PAGE). Exported for its tests.
 */
export function pickFromBlocks(
  blocks: ({ kind: 'paragraph'; text: string } | { kind: 'table'; grid: string[][]; mergedAbove?: boolean[][]; doubts?: CellDoubt[]; words?: CellWords[] } | { kind: 'unread'; page: number })[],
  /** `pageCuts`: the blocks are a PDF's or a scan's pages, whose rows a page break may cut (default false: a Word file's). */
  options: { pageCuts?: boolean } = {},
):
  | { ok: true; rows: string[][]; tables: { read: number[]; total: number }; header: DocumentHeader; doubts: RowDoubt[]; checks: CellCheck[] }
  | { ok: false; problem: DocumentProblem } {
  const tables: { grid: string[][]; mergedAbove?: boolean[][]; afterParagraphsOnly: boolean; at: number; doubts: CellDoubt[]; words: CellWords[] }[] = [];
  let sinceTable = 0;
  /** Pages OCR did not finish (a scan), and the index in `tables` of the first table after each. */
  const unread: { page: number; before: number }[] = [];
  blocks.forEach((block, at) => {
    if (block.kind === 'unread') {
      unread.push({ page: block.page, before: tables.length });
      return;
    }
    if (block.kind === 'paragraph') {
      if (block.text.trim() !== '') sinceTable += 1;
      return;
    }
    // A table continued after a page break has at most a short note, a page number or an empty paragraph between.
    tables.push({ grid: block.grid, ...(block.mergedAbove ? { mergedAbove: block.mergedAbove } : {}), afterParagraphsOnly: sinceTable <= 1, at, doubts: block.doubts ?? [], words: block.words ?? [] });
    sinceTable = 0;
  });
  const picked = pickTaskTables(tables, options);
  if (!picked) return { ok: false, problem: { code: 'no_task_table', tables: tables.length } };
  // The header is read from what stands before the task table: the letterhead, the kind and the title.
  const header = readDocumentHeader(blocks.slice(0, tables[picked.read[0]! - 1]!.at).filter((b) => b.kind !== 'unread'));
  const doubts: RowDoubt[] = [];
  const checks: CellCheck[] = [];
  picked.origins.forEach(({ table, row }, index) => {
    const cells = tables[table]!.doubts.filter((d) => d.row === row).map((d) => ({ column: d.column, words: d.words }));
    if (cells.length > 0) doubts.push({ row: index, words: cells.flatMap((c) => c.words), cells });
    for (const cell of tables[table]!.words.filter((w) => w.row === row)) {
      const words = wordsToCheck(cell.words);
      if (words.length > 0) checks.push({ row: index, column: cell.column, words });
    }
  });
  // A page OCR did not finish stands in the table as an empty row where its rows would be, doubtful:
  // the tasks after it in its area are held back (their area and codes may come from that page), and
  // nothing of the page is stored. Before the task table's first page: after its header.
  const first = picked.read[0]! - 1;
  for (const { page, before } of [...unread].reverse()) {
    const at = before <= first ? findHeaderEnd(picked.rows) : picked.origins.findIndex((o) => o.table >= before);
    const index = at < 0 ? picked.rows.length : at;
    picked.rows.splice(index, 0, Array.from({ length: picked.rows[0]?.length ?? 1 }, () => ''));
    for (const list of [doubts, checks]) for (const item of list) if (item.row >= index) item.row += 1;
    doubts.push({ row: index, words: [UNREAD_PAGE(page)], cells: [] });
  }
  doubts.sort((a, b) => a.row - b.row);
  return { ok: true, rows: picked.rows, tables: { read: picked.read, total: picked.total }, header, doubts, checks };
}
