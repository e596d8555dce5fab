import { walkXml } from '../xml-walker.js';
import type { ListCounter } from './numbering.js';
import type { StyleNumbering } from './styles.js';

/** One cell of a Word table as written: its text, how many grid columns it spans, its vertical merge. */
export interface DocxCell {
  text: string;
  span: number;
  /** 'restart' opens a vertically merged cell; 'continue' is covered by the one above (Word's vMerge). */
  vMerge?: 'restart' | 'continue' | undefined;
}

/** One table row: grid columns skipped before its first cell (gridBefore) and its cells. */
export interface DocxRow {
  gridBefore: number;
  cells: DocxCell[];
}

/** The body of a document in order: paragraphs outside tables, and top-level tables. */
export type DocxBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: DocxRow[] };

/**
 * Elements whose content is not visible text: deletions and moves away (tracked changes), field
 * instructions, the old properties kept by tracked formatting changes, the fallback copy of
 * alternate content, text boxes (drawings, not the table).
 */
const HIDDEN = new Set([
  'w:del', 'w:moveFrom', 'w:delText', 'w:delInstrText', 'w:instrText', 'w:pPrChange', 'w:rPrChange', 'w:tblPrChange',
  'w:tcPrChange', 'w:trPrChange', 'w:sectPrChange', 'w:tblGridChange', 'w:numberingChange', 'mc:Fallback', 'w:txbxContent',
]);

/**
 * Reads word/document.xml into paragraphs and tables (a mammoth-like body reader): tracked
 * insertions kept and deletions dropped, a row deleted with tracked changes dropped, line breaks
 * and paragraphs inside a cell kept as "\n", Word's automatic numbering written into the text
 * ("1. ", "a) ") by the list counter, nested tables read as the text of their outer cell.
 */
export function readBody(xml: string, lists: ListCounter, styles: StyleNumbering): DocxBlock[] {
  const blocks: DocxBlock[] = [];
  let hidden = 0;
  let tableDepth = 0;
  let rows: DocxRow[] = [];
  let row: (DocxRow & { deleted: boolean }) | undefined;
  let cell: (DocxCell & { paragraphs: string[] }) | undefined;
  let inRowProps = false;
  let inCellProps = false;
  let inRun = false;
  let inText = false;
  let paragraph: { text: string; numId?: string | undefined; ilvl?: number | undefined; style?: string | undefined } | undefined;
  let inParagraphProps = false;
  let inRunProps = false;
  walkXml(xml, {
    open(name, a) {
      if (hidden > 0) {
        hidden += 1;
        return;
      }
      if (HIDDEN.has(name)) {
        if (name === 'w:del' && inRowProps && tableDepth === 1 && row) row.deleted = true;
        hidden = 1;
        return;
      }
      switch (name) {
        case 'w:tbl':
          tableDepth += 1;
          if (tableDepth === 1) rows = [];
          return;
        case 'w:tr':
          if (tableDepth === 1) row = { gridBefore: 0, cells: [], deleted: false };
          return;
        case 'w:trPr':
          if (tableDepth === 1) inRowProps = true;
          return;
        case 'w:gridBefore':
          if (inRowProps && row) row.gridBefore = Number(a['w:val'] ?? 0) || 0;
          return;
        case 'w:tc':
          if (tableDepth === 1) cell = { text: '', span: 1, paragraphs: [] };
          return;
        case 'w:tcPr':
          if (tableDepth === 1) inCellProps = true;
          return;
        case 'w:gridSpan':
          if (inCellProps && cell) cell.span = Math.max(1, Number(a['w:val'] ?? 1) || 1);
          return;
        case 'w:vMerge':
          if (inCellProps && cell) cell.vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
          return;
        case 'w:p':
          paragraph = { text: '' };
          return;
        case 'w:pPr':
          inParagraphProps = true;
          return;
        case 'w:rPr':
          inRunProps = true;
          return;
        case 'w:pStyle':
          if (inParagraphProps && !inRunProps && paragraph) paragraph.style = a['w:val'];
          return;
        case 'w:numId':
          if (inParagraphProps && paragraph) paragraph.numId = a['w:val'];
          return;
        case 'w:ilvl':
          if (inParagraphProps && paragraph) paragraph.ilvl = Number(a['w:val'] ?? 0) || 0;
          return;
        case 'w:r':
          inRun = true;
          return;
        case 'w:t':
          inText = inRun;
          return;
        case 'w:tab':
          if (inRun && paragraph && !inRunProps) paragraph.text += ' ';
          return;
        case 'w:br':
        case 'w:cr':
          if (inRun && paragraph && !inRunProps) paragraph.text += '\n';
          return;
        case 'w:noBreakHyphen':
          if (inRun && paragraph) paragraph.text += '-';
          return;
      }
    },
    close(name) {
      if (hidden > 0) {
        hidden -= 1;
        return;
      }
      switch (name) {
        case 'w:tbl':
          if (tableDepth === 1) blocks.push({ kind: 'table', rows });
          tableDepth -= 1;
          return;
        case 'w:tr':
          if (tableDepth === 1 && row) {
            if (!row.deleted) rows.push({ gridBefore: row.gridBefore, cells: row.cells });
            row = undefined;
          }
          return;
        case 'w:trPr':
          inRowProps = false;
          return;
        case 'w:tc':
          if (tableDepth === 1 && cell && row) {
            row.cells.push({ text: cell.paragraphs.join('\n').trim(), span: cell.span, vMerge: cell.vMerge });
            cell = undefined;
          }
          return;
        case 'w:tcPr':
          inCellProps = false;
          return;
        case 'w:pPr':
          inParagraphProps = false;
          return;
        case 'w:rPr':
          inRunProps = false;
          return;
        case 'w:r':
          inRun = false;
          return;
        case 'w:t':
          inText = false;
          return;
        case 'w:p': {
          if (!paragraph) return;
          const p = paragraph;
          paragraph = undefined;
          const byStyle = p.style ? styles.get(p.style) : undefined;
          const numId = p.numId ?? byStyle?.numId;
          // A cell covered by the merged cell above, or a deleted row, shows nothing, its numbering included.
          const covered = cell?.vMerge === 'continue' || row?.deleted === true;
          const label = numId && !covered ? lists.next(numId, p.ilvl ?? byStyle?.ilvl ?? 0) : '';
          const text = label ? `${label} ${p.text}` : p.text;
          if (tableDepth >= 1 && cell) cell.paragraphs.push(text);
          else if (tableDepth === 0) blocks.push({ kind: 'paragraph', text });
          return;
        }
      }
    },
    text(text) {
      if (hidden === 0 && inText && paragraph) paragraph.text += text;
    },
  });
  return blocks;
}
