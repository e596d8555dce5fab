/**
 * Writes the probe plans (test/helpers/probe-plans-docx.ts: layouts provinces publish in 2026 — a
 * landscape section with a wide table, a table over several pages with its header repeated and rows
 * cut by the breaks, a lead merged across a page break, sub-items inside a task cell, the signature
 * right after the table, an indicator table after the task table) as text PDFs exported by
 * LibreOffice headless through dondoc's own converter (the .docx is built again from the helper each run):
 *   npx tsx scripts/make-pdf-probe-fixtures.ts [<output directory>]   (default: test/fixtures/plans/probe)
 * The test (test/documents/pdf/probe-plans.test.ts) checks each PDF reads to the tasks its plan means.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';
import { PROBE_PLANS, probePlanDocx } from '../test/helpers/probe-plans-docx.js';

const dir = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans', 'probe');
mkdirSync(dir, { recursive: true });
for (const plan of PROBE_PLANS) {
  const docx = await probePlanDocx(plan);
  const converted = await convertWithLibreOffice(docx, { from: 'docx', to: 'pdf', outputExtension: 'pdf' });
  if (!converted.ok) {
    process.stderr.write(`LibreOffice could not write ${plan.name}.pdf: ${JSON.stringify(converted.problem)}\n`);
    process.exit(1);
  }
  writeFileSync(join(dir, `${plan.name}.pdf`), converted.data);
  process.stdout.write(`${join(dir, `${plan.name}.pdf`)}: ${converted.data.length} bytes\n`);
}
