/**
 * Writes the seed plan tables of data/plans/ (rebuilt from the seeds by scripts/convert-seeds.ts) as
 * the provinces published them — a Word table (.docx) with the cells merged as in the published
 * table, the same as old Word (.doc) and as a text PDF, by LibreOffice headless through dondoc's own
 * converter:
 *   npx tsx scripts/make-seed-documents.ts [<output folder>]   (default: test/fixtures/plans/seed)
 * - Hà Tĩnh 2024 (seed 004): TT and "Mục tiêu" cells merged down over the rows they head, an area
 *   row's title spanning the table after its numeral.
 * - Sóc Trăng 163/KH-UBND (seed 001) Phụ lục 2: five columns; an area row is its number and title
 *   with three empty cells; items b) and c) of area 5 are one STT cell merged down over their three
 *   sub-tasks (the CSV's b.1–b.3, c.1–c.3), and c)'s one period ("Năm 2021 và các năm tiếp theo")
 *   is one cell merged over its three rows. Phụ lục 3: item 1 (Sở Nội vụ's seven projects, the CSV's
 *   1.1–1.7) is one STT cell and one "Cơ quan chủ trì" cell merged down over its seven rows.
 *   Each cell's text is the CSV's (the converter's reading of the seed's cell: a bullet's dash and an
 *   item's own "1." dropped, an agency cell's two paragraphs joined by "; ").
 * The test (test/documents/seed-documents.test.ts) checks that each reads to the CSV's tasks.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';

/** One cell as written in the Word table; a cell covered by a merge above is not written. */
interface Cell {
  text: string;
  rowspan?: number;
  colspan?: number;
}

const outDir = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans', 'seed');

function csvRows(name: string): string[][] {
  const text = readFileSync(join(process.cwd(), 'data', 'plans', `${name}.csv`), 'utf8').replace(/^\ufeff/, '');
  return parse(text, { relaxColumnCount: true }) as string[][];
}

/**
 * Merges column `col` down over runs of rows: `runOf(i)` says which run row i belongs to (undefined:
 * none); the first row of a run keeps its cell with a rowspan, the others lose theirs.
 */
function mergeDown(table: (Cell | undefined)[][], col: number, runOf: (i: number) => string | undefined): void {
  let head = -1;
  let run: string | undefined;
  table.forEach((row, i) => {
    const key = runOf(i);
    if (key !== undefined && key === run && head >= 0) {
      table[head]![col]!.rowspan = (table[head]![col]!.rowspan ?? 1) + 1;
      row[col] = undefined;
    } else head = key === undefined ? -1 : i;
    run = key;
  });
}

/** The Hà Tĩnh table: TT and objective cells merged down over the rows under them that leave them empty. */
function haTinh(): { header: string[]; table: (Cell | undefined)[][] } {
  const [header, ...body] = csvRows('ha-tinh-2024-phu-luc');
  const width = header!.length;
  // A group row ("I", "CÔNG TÁC CHỈ ĐẠO…" and nothing else, its title in the second or the third column)
  // spans the table after its numeral.
  const isGroup = (r: string[]) => /^[IVX]+$/.test(r[0] ?? '') && r.slice(1).filter((c) => c !== '').length === 1;
  const table = body.map((r): (Cell | undefined)[] =>
    isGroup(r) ? [{ text: r[0]! }, { text: r.slice(1).find((c) => c !== '')!, colspan: width - 1 }] : Array.from({ length: width }, (_, c) => ({ text: r[c] ?? '' })),
  );
  for (const col of [0, 1]) {
    // A run starts at a row with the cell filled and goes on over the rows below with it empty.
    let run = 0;
    mergeDown(table, col, (i) => {
      const r = body[i]!;
      if (isGroup(r)) return undefined;
      if ((r[col] ?? '') !== '') run += 1;
      return String(run);
    });
  }
  return { header: header!, table };
}

/**
 * Sóc Trăng's Phụ lục 2 and 3: sub-items numbered "b.1", "b.2" (or "1.1", "1.2") in the CSV stand under
 * one merged STT cell ("b)", "1") as published, with the columns in `shared` merged over the item's rows
 * when every row of it has the same text there.
 */
function socTrang(name: string, shared: number[]): { header: string[]; table: (Cell | undefined)[][] } {
  const [header, ...body] = csvRows(name);
  const item = (r: string[]) => /^([a-zđ]|\d+)\.\d+$/u.exec(r[0] ?? '')?.[1];
  const table = body.map((r): (Cell | undefined)[] => {
    const own = item(r);
    return r.map((text, c) => ({ text: c === 0 && own !== undefined ? (/\d/.test(own) ? own : `${own})`) : text }));
  });
  mergeDown(table, 0, (i) => item(body[i]!));
  for (const col of shared) {
    mergeDown(table, col, (i) => {
      const own = item(body[i]!);
      if (own === undefined) return undefined;
      const rows = body.filter((r) => item(r) === own);
      return rows.every((r) => r[col] === rows[0]![col]) ? own : undefined;
    });
  }
  return { header: header!, table };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function html(title: string[], header: string[], table: (Cell | undefined)[][]): string {
  const td = ({ text, rowspan, colspan }: Cell) =>
    `<td${rowspan && rowspan > 1 ? ` rowspan="${rowspan}"` : ''}${colspan && colspan > 1 ? ` colspan="${colspan}"` : ''}>${escape(text).replace(/\n/g, '<br>')}</td>`;
  return `<html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 11pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 2px; vertical-align: top; }
</style></head><body>
<p align="center">${title.map((t) => `<b>${escape(t)}</b>`).join('<br>')}</p>
<table border="1" cellspacing="0" cellpadding="3">
<tr>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>
${table.map((row) => `<tr>${row.flatMap((c) => (c ? [td(c)] : [])).join('')}</tr>`).join('\n')}
</table></body></html>`;
}

const SEEDS: { name: string; title: string[]; table: () => { header: string[]; table: (Cell | undefined)[][] } }[] = [
  { name: 'ha-tinh-2024-phu-luc', title: ['PHỤ LỤC', 'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024'], table: haTinh },
  {
    name: 'soc-trang-163-phu-luc-2',
    title: ['PHỤ LỤC 2', 'CÁC NHIỆM VỤ CỤ THỂ CỦA CCHC TỈNH SÓC TRĂNG GIAI ĐOẠN 2021-2030'],
    table: () => socTrang('soc-trang-163-phu-luc-2', [4]),
  },
  {
    name: 'soc-trang-163-phu-luc-3',
    title: ['PHỤ LỤC 3', 'DANH MỤC CÁC ĐỀ ÁN/KẾ HOẠCH VỀ CCHC QUY MÔ CẤP TỈNH GIAI ĐOẠN 2021- 2030, TỈNH SÓC TRĂNG'],
    table: () => socTrang('soc-trang-163-phu-luc-3', [1]),
  },
];

const TARGETS = [
  { to: 'docx:MS Word 2007 XML', ext: 'docx' },
  { to: 'doc:MS Word 97', ext: 'doc' },
  { to: 'pdf:writer_pdf_Export', ext: 'pdf' },
];

mkdirSync(outDir, { recursive: true });
for (const seed of SEEDS) {
  const { header, table } = seed.table();
  const page = Buffer.from(html(seed.title, header, table));
  for (const { to, ext } of TARGETS) {
    const out = await convertWithLibreOffice(page, { from: 'html', filter: 'HTML (StarWriter)', to, outputExtension: ext });
    if (!out.ok) {
      process.stderr.write(`LibreOffice could not write ${seed.name}.${ext}: ${JSON.stringify(out.problem)}\n`);
      process.exit(1);
    }
    writeFileSync(join(outDir, `${seed.name}.${ext}`), out.data);
    process.stdout.write(`${seed.name}.${ext}: ${out.data.length} bytes\n`);
  }
}
