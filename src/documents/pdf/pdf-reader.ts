import { layoutPage, ruledTables, type PageLayout, type PageText, type Rule } from './ruling-grid.js';
import { readTextTable, type TextColumns } from './text-table.js';

/** More pages than a plan's Phụ lục has (a 16-page table is usual): refused before any page is read. */
export const MAX_PDF_PAGES = 80;

export type PdfProblem =
  | { code: 'unreadable' }
  | { code: 'encrypted' }
  | { code: 'too_many_pages'; pages: number }
  | { code: 'no_text' }
  /** A table printed without ruling lines whose columns cannot be told apart on page `page` (1-based). */
  | { code: 'borderless_unclear'; page: number };

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/**
 * The ruling lines drawn on a page (table borders), in page space: every straight horizontal or
 * vertical segment of a painted path, stroked or filled (Word exports borders as thin filled
 * rectangles, whose long edges count), with the transformation matrix followed through save and
 * restore.
 */
function rulesOf(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): Rule[] {
  const rules: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const segment = (a: [number, number], b: [number, number]) => {
    const dx = Math.abs(a[0] - b[0]);
    const dy = Math.abs(a[1] - b[1]);
    if (dy <= 1 && dx > 2) rules.push({ kind: 'h', y: (a[1] + b[1]) / 2, from: Math.min(a[0], b[0]), to: Math.max(a[0], b[0]) });
    else if (dx <= 1 && dy > 2) rules.push({ kind: 'v', x: (a[0] + b[0]) / 2, from: Math.min(a[1], b[1]), to: Math.max(a[1], b[1]) });
  };
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath) {
      const [paint, paths] = args as [number, ArrayLike<number>[] | null];
      if (paint === OPS.endPath || !paths) return;
      for (const data of paths) {
        if (!data) continue;
        let start: [number, number] = [0, 0];
        let current: [number, number] = [0, 0];
        for (let k = 0; k < data.length; ) {
          const op = data[k]!;
          if (op === 0) {
            start = current = apply(ctm, data[k + 1]!, data[k + 2]!);
            k += 3;
          } else if (op === 1) {
            const to = apply(ctm, data[k + 1]!, data[k + 2]!);
            segment(current, to);
            current = to;
            k += 3;
          } else if (op === 2) {
            current = apply(ctm, data[k + 5]!, data[k + 6]!);
            k += 7;
          } else if (op === 3) {
            current = apply(ctm, data[k + 3]!, data[k + 4]!);
            k += 5;
          } else if (op === 4) {
            segment(current, start);
            current = start;
            k += 1;
          } else break;
        }
      }
    }
  });
  return rules;
}

/**
 * Reads a PDF with a text layer (a plan exported from Word, signed or not) with pdf.js, page by
 * page: the text runs and the ruling lines go to the grid builder (ruling-grid.ts). Scripts are
 * never run, fonts never loaded for display; a password, more than MAX_PDF_PAGES pages or no
 * text at all (a scan) come back as a problem. A page without a ruled table has its task table read
 * from where its words stand (text-table.ts); one whose columns cannot be told apart is refused.
 */
export async function readPdf(data: Buffer): Promise<{ ok: true; pages: PageLayout[] } | { ok: false; problem: PdfProblem }> {
  // Loaded on the first PDF only: the chat process does not carry pdf.js until it needs it.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    document = await pdfjs.getDocument({
      data: new Uint8Array(data),
      isEvalSupported: false,
      enableXfa: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
  } catch (error) {
    if ((error as { name?: string }).name === 'PasswordException') return { ok: false, problem: { code: 'encrypted' } };
    return { ok: false, problem: { code: 'unreadable' } };
  }
  try {
    if (document.numPages > MAX_PDF_PAGES) return { ok: false, problem: { code: 'too_many_pages', pages: document.numPages } };
    const pages: PageLayout[] = [];
    let anyText = false;
    // The columns of a table without rules that ran to the foot of the page before.
    let carried: TextColumns | undefined;
    for (let n = 1; n <= document.numPages; n += 1) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const texts: PageText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        if (item.str.trim() !== '') anyText = true;
        texts.push({ x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, text: item.str });
      }
      const rules = rulesOf(await page.getOperatorList(), pdfjs.OPS as unknown as Record<string, number>);
      // A page without a ruled table: its task table may be printed without borders (text-table.ts).
      let textTables: Parameters<typeof layoutPage>[2] = [];
      if (ruledTables(rules).length === 0) {
        const read = readTextTable(texts, carried);
        if (!read.ok) return { ok: false, problem: { code: 'borderless_unclear', page: n } };
        textTables = read.table ? [read.table] : [];
        carried = read.carry;
      } else carried = undefined;
      pages.push(layoutPage(texts, rules, textTables));
      page.cleanup();
    }
    if (!anyText) return { ok: false, problem: { code: 'no_text' } };
    return { ok: true, pages };
  } catch {
    return { ok: false, problem: { code: 'unreadable' } };
  } finally {
    await document.destroy();
  }
}
