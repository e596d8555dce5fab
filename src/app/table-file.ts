import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded when a workbook is first read or written: it costs about 0.4 s of CPU to load,
 * which every command line start (`npm run cli -- deadline …`) would otherwise pay.
 */
export const loadExcelJS = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
import { parse } from 'csv-parse/sync';
import { readPlanDocument, readPlanPdf, readPlanScan, readPlanWordDoc, type DocumentHeader, type DocumentRead, type DocumentSource } from '../documents/document-reader.js';
import type { OcrProblem } from '../documents/ocr/ocr-reader.js';
import type { ConvertProblem } from '../documents/office-converter.js';
import { decodeVietnamese, fixFontRows, type EncodingProblem, type LegacyEncoding } from '../documents/legacy-encoding.js';
import { readZipEntries, SPREADSHEET_ZIP_LIMITS } from '../documents/zip-entries.js';
import { spreadsTick } from '../domain/plan-table.js';

/** Plans larger than this are refused before parsing (a real Phụ lục is well under 1 MB). */
export const MAX_PLAN_FILE_BYTES = 10 * 1024 * 1024;

/** More rows than any plan has (the Hà Tĩnh appendix has 120): refused before the rows are read. */
export const MAX_PLAN_ROWS = 20_000;
/** Cells in the whole table at most (rows × columns as stored). */
export const MAX_PLAN_CELLS = 1_000_000;

export type TableFileError =
  | 'too_large'
  | 'too_large_unzipped'
  | 'too_many_rows'
  | 'unsupported_type'
  | 'unreadable'
  | 'empty'
  /** A password-protected Office file (or an old binary .doc renamed .docx). */
  | 'encrypted'
  /** An old binary Word file (.doc) and LibreOffice (soffice) is not installed: save it as .docx. */
  | 'no_converter'
  /** LibreOffice took longer than its time limit on a .doc: killed. */
  | 'convert_timeout'
  /** LibreOffice could not open the .doc (broken, password-protected, not a Word file). */
  | 'convert_failed'
  /** The .doc converted to a .docx over the output cap. */
  | 'convert_too_large'
  /** An archive whose end record and central directory disagree: a parser could read entries the guard did not. */
  | 'zip_inconsistent'
  /** Reading the file needed more memory than the import worker may use (IMPORT_RESOURCE_LIMITS). */
  | 'too_much_memory'
  /** A PDF over the page limit. */
  | 'too_many_pages'
  /** A text PDF whose table has no ruling lines and whose columns cannot be told apart (the page is given with it). */
  | 'borderless_unclear'
  /** A scan (image-only PDF, .png, .jpg) and tesseract is not installed. */
  | 'no_tesseract'
  /** tesseract is installed without its Vietnamese data (tesseract-ocr-vie). */
  | 'no_tesseract_vie'
  /** An image-only PDF and pdftoppm (poppler-utils) is not installed to turn its pages into images. */
  | 'no_pdftoppm'
  /** OCR took longer than its time limit on a page: killed. */
  | 'ocr_timeout'
  /** A scan over OCR_LIMITS.maxPages pages. */
  | 'too_many_scan_pages'
  /** A scan or photo taken askew: its table's rules are not straight, so it is not read. */
  | 'scan_tilted';

/**
 * Where a table came from: the file's format and, for a document, which of its tables were read;
 * `encoding` when its text was in a legacy Vietnamese encoding and was converted to Unicode.
 */
export type TableSource = ({ format: 'csv' | 'xlsx' } | DocumentSource) & { encoding?: LegacyEncoding };

const OCR_ERRORS = {
  no_tesseract: 'no_tesseract',
  no_vie: 'no_tesseract_vie',
  no_pdftoppm: 'no_pdftoppm',
  timeout: 'ocr_timeout',
  too_many_pages: 'too_many_scan_pages',
  too_large: 'too_large',
  tilted: 'scan_tilted',
  unreadable: 'unreadable',
} as const satisfies Record<OcrProblem['code'], TableFileError>;

const CONVERT_ERRORS = {
  no_converter: 'no_converter',
  timeout: 'convert_timeout',
  failed: 'convert_failed',
  too_large: 'convert_too_large',
} as const satisfies Record<ConvertProblem['code'], TableFileError>;

/** Rows in a worksheet's XML, counted without parsing it ("<row " and "<row>", not "<rowBreaks>"). */
function countRows(xml: Buffer): number {
  let count = 0;
  for (const tag of ['<row ', '<row>']) {
    const needle = Buffer.from(tag);
    for (let at = xml.indexOf(needle); at !== -1; at = xml.indexOf(needle, at + needle.length)) count += 1;
  }
  return count;
}

/** Reads a CSV's text (comma, semicolon or tab separated) into rows of cells. */
function readCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = value;
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/** A row label ("1", "1.2", "II.", "a)", "-"): merged down, it is one row's number, never repeated (it would number two rows alike). */
const ROW_LABEL = /^(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ]|[A-Z])[.)]?$|^[-+•*–]$/u;

/**
 * Reads the first worksheet of an XLSX workbook into rows of cell texts. A cell merged across
 * columns gives its value once; one merged down (a lead, coordinators or a deadline over several
 * tasks, a header cell over the header's rows) belongs to every row it covers, as in a Word table,
 * except a row label.
 */
export async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new (await loadExcelJS()).Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const master = cell.master;
      // A tick mark merged across quarter columns ticks each of them (spreadsTick); other merged cells give their value once.
      const spread = cell.isMerged && master !== cell && Number(master.row) === rowNumber && spreadsTick(cellText(master.value), cells.slice(0, Number(master.col) - 1));
      const down = cell.isMerged && master !== cell && Number(master.col) === column && Number(master.row) < rowNumber && !ROW_LABEL.test(cellText(master.value).trim());
      cells[column - 1] = cell.isMerged && master !== cell ? (spread || down ? cellText(master.value) : '') : cellText(cell.value);
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

/**
 * Reads a plan table file (.csv, .xlsx, .docx, .doc through LibreOffice, text .pdf; a scanned .pdf,
 * .png or .jpg by OCR) by its name's extension; expected failures come back as a code. `env`: the
 * environment of the Debian tools (LibreOffice, tesseract, pdftoppm), default this process's.
 */
export async function readTableFile(
  name: string,
  data: Buffer,
  options: { env?: NodeJS.ProcessEnv; onPage?: (page: number, pages: number) => void; /** Seconds for one page of a scan by OCR (default OCR_LIMITS.pageBudgetMs). */ ocrPageSeconds?: number } = {},
): Promise<
  | {
      ok: true;
      rows: string[][];
      source: TableSource;
      /** The document's own header (Word, PDF); null for a table file. */
      header: DocumentHeader | null;
      /** A scan only: rows (1-based, as in `rows`) OCR read without confidence, with the words in doubt (all, and by column). */
      doubts?: { row: number; words: string[]; cells: { column: number; words: string[] }[] }[];
      /** A scan only: cells (rows 1-based) with words OCR read that the admin should check, not doubtful enough to hold anything back. */
      checks?: { row: number; column: number; words: { text: string; confidence: number }[] }[];
    }
  | { ok: false; error: TableFileError }
  | { ok: false; error: 'no_task_table'; tables: number }
  /** A table without ruling lines whose columns cannot be told apart on page `page` of the PDF. */
  | { ok: false; error: 'borderless_unclear'; page: number }
  /** Text in an encoding dondoc cannot convert, or already broken (U+FFFD). */
  | { ok: false; error: 'encoding'; problem: EncodingProblem }
> {
  if (data.length > MAX_PLAN_FILE_BYTES) return { ok: false, error: 'too_large' };
  if (data.length === 0) return { ok: false, error: 'empty' };
  const lower = name.toLowerCase();
  let rows: string[][];
  let header: DocumentHeader | null = null;
  let doubts: { row: number; words: string[]; cells: { column: number; words: string[] }[] }[] | undefined;
  let checks: { row: number; column: number; words: { text: string; confidence: number }[] }[] | undefined;
  let source: TableSource = { format: lower.endsWith('.csv') ? 'csv' : 'xlsx' };
  try {
    const image = /\.(png|jpe?g)$/.exec(lower)?.[1];
    if (lower.endsWith('.docx') || lower.endsWith('.pdf') || lower.endsWith('.doc') || image) {
      let document: DocumentRead;
      if (image) document = await readPlanScan(data, image === 'png' ? 'png' : 'jpg', options);
      else if (lower.endsWith('.pdf')) {
        document = await readPlanPdf(data);
        // No text layer: a scan, read by OCR.
        if (!document.ok && document.problem.code === 'no_text') document = await readPlanScan(data, 'pdf', options);
      } else document = lower.endsWith('.doc') ? await readPlanWordDoc(data, options.env ? { env: options.env } : {}) : readPlanDocument(data);
      if (!document.ok) {
        const { problem } = document;
        if (problem.code === 'no_task_table') return { ok: false, error: 'no_task_table', tables: problem.tables };
        if (problem.code === 'borderless_unclear') return { ok: false, error: 'borderless_unclear', page: problem.page };
        if (problem.code === 'convert') return { ok: false, error: CONVERT_ERRORS[problem.problem.code] };
        if (problem.code === 'ocr') return { ok: false, error: OCR_ERRORS[problem.problem.code] };
        return { ok: false, error: problem.code === 'no_text' ? 'unreadable' : problem.code };
      }
      rows = document.rows;
      source = document.source;
      header = document.header;
      doubts = document.doubts?.map((d) => ({ ...d, row: d.row + 1 }));
      checks = document.checks?.map((c) => ({ ...c, row: c.row + 1 }));
    } else if (lower.endsWith('.csv')) {
      if (data.subarray(0, 4096).includes(0)) return { ok: false, error: 'unreadable' };
      // UTF-8, or Windows-1258 / TCVN3 / VNI bytes converted; never U+FFFD.
      const decoded = decodeVietnamese(data);
      if (!decoded.ok) return { ok: false, error: 'encoding', problem: decoded.problem };
      rows = readCsv(decoded.text);
      if (decoded.encoding) source = { ...source, encoding: decoded.encoding };
    } else if (lower.endsWith('.xlsx')) {
      // Every entry unpacked under a budget first, from a central directory checked against its end
      // record (the parser reads those entries and no others): a zip bomb, a hidden entry or a sheet
      // of 400,000 rows never reaches the parser.
      const unzipped = readZipEntries(data, () => true, SPREADSHEET_ZIP_LIMITS);
      if (!unzipped.ok) {
        const { code } = unzipped.problem;
        return { ok: false, error: code === 'too_large_unzipped' || code === 'too_many_entries' ? 'too_large_unzipped' : code === 'encrypted' ? 'encrypted' : code === 'inconsistent' ? 'zip_inconsistent' : 'unreadable' };
      }
      const sheets = [...unzipped.entries].filter(([entry]) => /^xl\/worksheets\/[^/]+\.xml$/.test(entry));
      if (sheets.some(([, xml]) => countRows(xml) > MAX_PLAN_ROWS)) return { ok: false, error: 'too_many_rows' };
      rows = await readXlsx(data);
    } else {
      return { ok: false, error: 'unsupported_type' };
    }
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  if (rows.length > MAX_PLAN_ROWS || rows.reduce((n, row) => n + row.length, 0) > MAX_PLAN_CELLS) return { ok: false, error: 'too_many_rows' };
  // Text typed in an old byte font (TCVN3, VNI: "Së Néi vô") in any format is converted; U+FFFD refuses the file.
  const fixed = fixFontRows(rows);
  if (!fixed.ok) return { ok: false, error: 'encoding', problem: fixed.problem };
  if (fixed.encoding) source = { ...source, encoding: fixed.encoding };
  return { ok: true, rows: fixed.rows, source, header, ...(doubts ? { doubts } : {}), ...(checks ? { checks } : {}) };
}

/** Writes rows as CSV (RFC 4180, UTF-8 with BOM so Excel shows the diacritics). */
export function writeCsv(rows: string[][]): string {
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `\ufeff${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}
