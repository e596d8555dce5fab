/**
 * Writes the plan-form fixtures (test/helpers/plan-forms.ts: plan tables as provinces, communes and
 * districts publish them) under test/fixtures/plans/forms/: each as .docx (the `docx` library),
 * as .pdf (exported from that .docx by LibreOffice headless, through dondoc's own converter) and,
 * for XLSX_FORMS, as .xlsx (exceljs):
 *   npx tsx scripts/make-plan-forms.ts [<output directory>]
 * The files are committed (the PDFs need LibreOffice); test/documents/plan-forms.test.ts imports
 * each and checks it against what the plan means.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';
import { formDocx, formXlsx, PLAN_FORMS, XLSX_FORMS } from '../test/helpers/plan-forms.js';

const dir = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans', 'forms');
mkdirSync(dir, { recursive: true });
const write = (name: string, data: Buffer) => {
  writeFileSync(join(dir, name), data);
  process.stdout.write(`${join(dir, name)}: ${data.length} bytes\n`);
};
for (const form of PLAN_FORMS) {
  const docx = await formDocx(form);
  write(`${form.file}.docx`, docx);
  const pdf = await convertWithLibreOffice(docx, { from: 'docx', to: 'pdf', outputExtension: 'pdf' });
  if (!pdf.ok) {
    process.stderr.write(`LibreOffice could not write ${form.file}.pdf: ${JSON.stringify(pdf.problem)}\n`);
    process.exit(1);
  }
  write(`${form.file}.pdf`, pdf.data);
  if (XLSX_FORMS.includes(form.file)) write(`${form.file}.xlsx`, await formXlsx(form));
}
