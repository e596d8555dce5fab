import JSZip from 'jszip';

/**
 * Builds real .docx files in tests by writing the OOXML parts (WordprocessingML) with a zip
 * library, so every fixture is regenerated from this source and no binary blob is committed.
 */

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A run of text; "\n" becomes a line break (w:br) inside the paragraph. */
export const run = (text: string) =>
  `<w:r>${text
    .split('\n')
    .map((part, i) => `${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(part)}</w:t>`)
    .join('')}</w:r>`;

/** A paragraph, optionally in an automatic list (numId, level). `inner` is raw runs when given. */
export function para(text: string, list?: { numId: number; ilvl?: number }, inner?: string): string {
  const numPr = list ? `<w:pPr><w:numPr><w:ilvl w:val="${list.ilvl ?? 0}"/><w:numId w:val="${list.numId}"/></w:numPr></w:pPr>` : '';
  return `<w:p>${numPr}${inner ?? (text ? run(text) : '')}</w:p>`;
}

/** A cell: text (paragraphs split on "\n\n"), or raw paragraphs; span and vMerge as Word writes them. */
export interface CellSpec {
  text?: string;
  paragraphs?: string;
  span?: number;
  vMerge?: 'restart' | 'continue';
}

export type Cell = string | CellSpec;

function cellXml(cell: Cell): string {
  const spec: CellSpec = typeof cell === 'string' ? { text: cell } : cell;
  const props = [
    spec.span && spec.span > 1 ? `<w:gridSpan w:val="${spec.span}"/>` : '',
    spec.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : spec.vMerge === 'continue' ? '<w:vMerge/>' : '',
  ].join('');
  const body = spec.paragraphs ?? (spec.text ?? '').split('\n\n').map((p) => para(p)).join('');
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${body || '<w:p/>'}</w:tc>`;
}

/** A row of cells; `rowProps` is raw w:trPr content (w:tblHeader, a tracked w:del …). */
export const row = (cells: Cell[], rowProps = '') => `<w:tr>${rowProps ? `<w:trPr>${rowProps}</w:trPr>` : ''}${cells.map(cellXml).join('')}</w:tr>`;

const BORDERS = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('')}</w:tblBorders>`;

/**
 * A table of `columns` grid columns. `ruled`: single borders on every cell, as a plan's Phụ lục is
 * printed (a PDF exported from it then has the ruling lines the PDF reader builds its grid from),
 * and `widths` in twentieths of a point (cells take their grid column's width).
 */
export const table = (columns: number, rows: string[], options: { ruled?: boolean; widths?: number[] } = {}) => {
  const widths = options.widths ?? Array<number>(columns).fill(1000);
  let body = rows.join('');
  if (options.widths) {
    // Each cell's width is its grid columns' widths, in order along the row.
    body = body.replace(/<w:tr>[\s\S]*?<\/w:tr>/g, (tr) => {
      let at = 0;
      return tr.replace(/<w:tcW w:w="1000" w:type="dxa"\/>(<w:gridSpan w:val="(\d+)"\/>)?/g, (_, span: string | undefined, n: string | undefined) => {
        const count = span ? Number(n) : 1;
        const width = widths.slice(at, at + count).reduce((a, b) => a + b, 0);
        at += count;
        return `<w:tcW w:w="${width}" w:type="dxa"/>${span ?? ''}`;
      });
    });
  }
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>${options.ruled ? BORDERS : ''}</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${body}</w:tbl>`;
};

/** A list level for numbering.xml: format (decimal, lowerLetter, upperRoman …) and text ("%1.", "%1.%2."). */
export interface LevelSpec {
  format: string;
  text: string;
  start?: number;
}

/** numbering.xml with one abstract list per entry (abstractNumId = numId = index + 1). */
export function numberingXml(lists: LevelSpec[][], extra = ''): string {
  const abstracts = lists
    .map(
      (levels, i) =>
        `<w:abstractNum w:abstractNumId="${i + 1}">${levels
          .map((l, ilvl) => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${l.start ?? 1}"/><w:numFmt w:val="${l.format}"/><w:lvlText w:val="${esc(l.text)}"/></w:lvl>`)
          .join('')}</w:abstractNum>`,
    )
    .join('');
  const nums = lists.map((_, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${i + 1}"/></w:num>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${abstracts}${nums}${extra}</w:numbering>`;
}

/** A whole .docx: body content (paragraphs and tables) and an optional numbering part. */
export async function buildDocx(body: string, options: { numbering?: string; documentXml?: string } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      (options.numbering ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' : '') +
      '</Types>',
  );
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      (options.numbering ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' : '') +
      '</Relationships>',
  );
  zip.file(
    'word/document.xml',
    options.documentXml ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>`,
  );
  if (options.numbering) zip.file('word/numbering.xml', options.numbering);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
