/**
 * Writes small text PDFs in tests (no binary fixtures): pages with ruling lines and positioned
 * text, as a plan exported from Word to PDF has. Text uses a TrueType font whose encoding names
 * each Vietnamese letter by its Unicode glyph name (/uni1EA1), so a PDF reader recovers the text.
 */

export interface PdfPage {
  /** Ruling lines, in points from the bottom left. */
  lines: [number, number, number, number][];
  texts: { x: number; y: number; text: string; size?: number }[];
}

/** One row of a ruled table: cells (text with "\n" for lines inside the cell; span in columns). */
export interface PdfRow {
  cells: { text: string; span?: number }[];
  height?: number;
}

/** Lays a ruled table on a page from `top` down: returns its lines and texts (a merged cell has no inner rule). */
export function ruledTable(widths: number[], rows: PdfRow[], options: { left?: number; top?: number } = {}): PdfPage {
  const left = options.left ?? 40;
  let y = options.top ?? 560;
  const lines: PdfPage['lines'] = [];
  const texts: PdfPage['texts'] = [];
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [left]);
  const right = xs[xs.length - 1]!;
  lines.push([left, y, right, y]);
  for (const row of rows) {
    const lineCount = Math.max(...row.cells.map((c) => c.text.split('\n').length));
    const height = row.height ?? 6 + lineCount * 11;
    const bottom = y - height;
    let column = 0;
    lines.push([left, y, left, bottom]);
    for (const cell of row.cells) {
      const span = cell.span ?? 1;
      const x0 = xs[column]!;
      cell.text.split('\n').forEach((text, i) => {
        if (text) texts.push({ x: x0 + 3, y: y - 11 - i * 11, text });
      });
      column += span;
      lines.push([xs[column]!, y, xs[column]!, bottom]);
    }
    lines.push([left, bottom, right, bottom]);
    y = bottom;
  }
  return { lines, texts };
}

const pdfString = (bytes: number[]) =>
  `(${bytes.map((b) => (b === 40 || b === 41 || b === 92 ? `\\${String.fromCharCode(b)}` : b < 32 || b > 126 ? `\\${b.toString(8).padStart(3, '0')}` : String.fromCharCode(b))).join('')})`;

/** A whole PDF (A4 landscape pages). At most 128 distinct non-ASCII letters over the document. */
export function buildPdf(pages: PdfPage[]): Buffer {
  const extra = new Map<string, number>();
  const encode = (text: string) =>
    [...text.normalize('NFC')].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code >= 32 && code < 127) return code;
      if (!extra.has(ch)) extra.set(ch, 128 + extra.size);
      if (extra.size > 128) throw new Error('too many distinct letters for one simple font');
      return extra.get(ch)!;
    });
  const contents = pages.map((page) => {
    const ops = ['0.5 w'];
    for (const [x1, y1, x2, y2] of page.lines) ops.push(`${x1} ${y1} m ${x2} ${y2} l S`);
    for (const t of page.texts) ops.push(`BT /F1 ${t.size ?? 9} Tf ${t.x} ${t.y} Td ${pdfString(encode(t.text))} Tj ET`);
    return ops.join('\n');
  });
  const differences = [...extra.entries()].sort((a, b) => a[1] - b[1]).map(([ch]) => `/uni${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = `<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 255 /Widths [${Array(224).fill(500).join(' ')}] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 ${differences.join(' ')}] >> >>`;
  contents.forEach((content, i) => {
    objects[pageIds[i]!] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
