/**
 * Writes the text-PDF fixtures of plans whose task table has a two-row header, exported by
 * LibreOffice headless (dondoc's own converter: private profile, time limit) from the .docx files
 * the tests build, so the PDF tests read what a province's "Save as PDF" gives:
 *   npx tsx scripts/make-pdf-fixtures.ts [<output directory>]   (default: test/fixtures/plans)
 * - plan-2026.pdf: the 2026 plan (test/helpers/plan-2026-docx.ts, `portable` and `ruled`);
 * - plan-group-thuc-hien.pdf, plan-group-tien-do.pdf: test/helpers/plan-group-header.ts;
 * - plan-2026-borderless.pdf, plan-2026-borderless-flowing.pdf: the 2026 plan with its table borders
 *   off (`borderless`), page 3 repeating the header or going straight on with the rows;
 * - plan-group-thuc-hien-borderless.pdf, plan-group-tien-do-borderless.pdf: the group-header plans with their borders off;
 * - plan-narrow-columns.pdf: a table whose narrow columns cut words (test/helpers/narrow-columns-docx.ts).
 * The PDFs are committed (LibreOffice is what makes them); the tests check each reads to the same
 * tasks as the .docx it came from.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';
import { plan2026Docx } from '../test/helpers/plan-2026-docx.js';
import { narrowColumnsDocx } from '../test/helpers/narrow-columns-docx.js';
import { groupHeaderDocx } from '../test/helpers/plan-group-header.js';

const dir = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans');
const sources: [string, Buffer][] = [
  ['plan-2026.pdf', await plan2026Docx({ portable: true, ruled: true })],
  ['plan-group-thuc-hien.pdf', await groupHeaderDocx('thuc-hien')],
  ['plan-group-tien-do.pdf', await groupHeaderDocx('tien-do')],
  ['plan-2026-borderless.pdf', await plan2026Docx({ portable: true, borderless: 'repeated' })],
  ['plan-2026-borderless-flowing.pdf', await plan2026Docx({ portable: true, borderless: 'flowing' })],
  ['plan-group-thuc-hien-borderless.pdf', await groupHeaderDocx('thuc-hien', { borderless: true })],
  ['plan-group-tien-do-borderless.pdf', await groupHeaderDocx('tien-do', { borderless: true })],
  ['plan-narrow-columns.pdf', await narrowColumnsDocx()],
];
for (const [name, docx] of sources) {
  const converted = await convertWithLibreOffice(docx, { from: 'docx', to: 'pdf', outputExtension: 'pdf' });
  if (!converted.ok) {
    process.stderr.write(`LibreOffice could not write ${name}: ${JSON.stringify(converted.problem)}\n`);
    process.exit(1);
  }
  writeFileSync(join(dir, name), converted.data);
  process.stdout.write(`${join(dir, name)}: ${converted.data.length} bytes\n`);
}
