import { readZipEntries, type ZipEntriesProblem } from '../zip-entries.js';
import { readBody, type DocxBlock } from './body-reader.js';
import { ListCounter, readNumbering } from './numbering.js';
import { readStyleNumbering } from './styles.js';
import { tableGrid } from './table-grid.js';

/** A Word document as dondoc reads it: its paragraphs outside tables and one grid per top-level table, in order. */
export interface DocxContent {
  blocks: ({ kind: 'paragraph'; text: string } | { kind: 'table'; grid: string[][] })[];
}

export type DocxProblem = ZipEntriesProblem | { code: 'not_docx' };

const PARTS = new Set(['word/document.xml', 'word/numbering.xml', 'word/styles.xml']);

/**
 * Reads a .docx (OOXML) in a pipeline of small readers: the archive (only the three parts read
 * are inflated, under a budget) → numbering.xml and styles.xml (the lists) → document.xml
 * (paragraphs and tables, tracked changes applied, numbering written out) → one grid per table.
 * Throws XmlRefused for a malformed part or one with a DTD.
 */
export function readDocx(data: Buffer): { ok: true; value: DocxContent } | { ok: false; problem: DocxProblem } {
  const zip = readZipEntries(data, (name) => PARTS.has(name));
  if (!zip.ok) return { ok: false, problem: zip.problem };
  const document = zip.entries.get('word/document.xml');
  if (!document) return { ok: false, problem: { code: 'not_docx' } };
  const numbering = readNumbering(zip.entries.get('word/numbering.xml')?.toString('utf8'));
  const styles = readStyleNumbering(zip.entries.get('word/styles.xml')?.toString('utf8'));
  const body: DocxBlock[] = readBody(document.toString('utf8'), new ListCounter(numbering), styles);
  return {
    ok: true,
    value: { blocks: body.map((b) => (b.kind === 'paragraph' ? b : { kind: 'table' as const, grid: tableGrid(b.rows) })) },
  };
}
