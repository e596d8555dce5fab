/**
 * Writes the round-2 plan-form fixtures (test/helpers/plan-forms-2.ts) under
 * test/fixtures/plans/forms2/: each as .docx (the `docx` library, Word's multilevel numbering and a
 * table continued in a second Word table included) and as .pdf (exported from that .docx by
 * LibreOffice headless, through dondoc's own converter) and, for XLSX_FORMS_2, as .xlsx (exceljs):
 *   npx tsx scripts/make-plan-forms-2.ts [<output directory>]
 * The files are committed; test/documents/plan-forms-2.test.ts imports each and checks it against
 * what the plan means.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';
import { formXlsx } from '../test/helpers/plan-forms.js';
import { form2Docx, PLAN_FORMS_2, XLSX_FORMS_2 } from '../test/helpers/plan-forms-2.js';

const dir = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans', 'forms2');
mkdirSync(dir, { recursive: true });
const write = (name: string, data: Buffer) => {
  writeFileSync(join(dir, name), data);
  process.stdout.write(`${join(dir, name)}: ${data.length} bytes\n`);
};
for (const form of PLAN_FORMS_2) {
  const docx = await form2Docx(form);
  write(`${form.file}.docx`, docx);
  const pdf = await convertWithLibreOffice(docx, { from: 'docx', to: 'pdf', outputExtension: 'pdf' });
  if (!pdf.ok) {
    process.stderr.write(`LibreOffice could not write ${form.file}.pdf: ${JSON.stringify(pdf.problem)}\n`);
    process.exit(1);
  }
  write(`${form.file}.pdf`, pdf.data);
  if (XLSX_FORMS_2.includes(form.file)) write(`${form.file}.xlsx`, await formXlsx(form));
}
