/**
 * Writes the Hà Tĩnh 2024 seed table (data/plans/ha-tinh-2024-phu-luc.csv, rebuilt from the seed by
 * scripts/convert-seeds.ts) as the province published it: a Word table (.docx) with its TT and
 * "Mục tiêu" cells merged down over the rows they head, and the same as old Word (.doc) and as a
 * text PDF, by LibreOffice headless through dondoc's own converter:
 *   npx tsx scripts/make-seed-documents.ts [<output folder>]   (default: test/fixtures/plans/seed)
 * The test (test/documents/seed-documents.test.ts) checks that each gives the CSV's 76 tasks.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';

const outDir = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans', 'seed');
const rows = parse(readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv'), 'utf8').replace(/^\ufeff/, ''), { relaxColumnCount: true }) as string[][];
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const [header, ...body] = rows;
const width = header!.length;
// A group row ("I", "CÔNG TÁC CHỈ ĐẠO…" and nothing else, its title in the second or the third column)
// spans the table after its numeral.
const isGroup = (r: string[]) => /^[IVX]+$/.test(r[0] ?? '') && r.slice(1).filter((c) => c !== '').length === 1;
const groupTitle = (r: string[]) => r.slice(1).find((c) => c !== '')!;
// The TT and objective cells of a task are merged down over the rows under it that leave them empty.
const spans: [number, number][] = body.map(() => [1, 1]);
for (const col of [0, 1]) {
  let head = -1;
  for (const [i, r] of body.entries()) {
    if (isGroup(r)) {
      head = -1;
      continue;
    }
    if ((r[col] ?? '') !== '') head = i;
    else if (head >= 0) {
      spans[head]![col as 0 | 1] += 1;
      spans[i]![col as 0 | 1] = 0;
    }
  }
}
const cell = (text: string, attrs = '') => `<td${attrs}>${escape(text).replace(/\n/g, '<br>')}</td>`;
const html = `<html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 11pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 2px; vertical-align: top; }
</style></head><body>
<p align="center"><b>PHỤ LỤC</b><br><b>NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024</b></p>
<table border="1" cellspacing="0" cellpadding="3">
<tr>${header!.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>
${body
  .map((r, i) => {
    if (isGroup(r)) return `<tr>${cell(r[0]!)}${cell(groupTitle(r), ` colspan="${width - 1}"`)}</tr>`;
    const cells = Array.from({ length: width }, (_, c) => {
      if (c <= 1) {
        const span = spans[i]![c]!;
        if (span === 0) return '';
        return cell(r[c] ?? '', span > 1 ? ` rowspan="${span}"` : '');
      }
      return cell(r[c] ?? '');
    });
    return `<tr>${cells.join('')}</tr>`;
  })
  .join('\n')}
</table></body></html>`;

mkdirSync(outDir, { recursive: true });
const targets = [
  { to: 'docx:MS Word 2007 XML', ext: 'docx' },
  { to: 'doc:MS Word 97', ext: 'doc' },
  { to: 'pdf:writer_pdf_Export', ext: 'pdf' },
];
for (const { to, ext } of targets) {
  const out = await convertWithLibreOffice(Buffer.from(html), { from: 'html', filter: 'HTML (StarWriter)', to, outputExtension: ext });
  if (!out.ok) {
    process.stderr.write(`LibreOffice could not write the .${ext}: ${JSON.stringify(out.problem)}\n`);
    process.exit(1);
  }
  writeFileSync(join(outDir, `ha-tinh-2024-phu-luc.${ext}`), out.data);
  process.stdout.write(`ha-tinh-2024-phu-luc.${ext}: ${out.data.length} bytes\n`);
}
