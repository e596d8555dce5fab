/**
 * Writes the plan-form fixtures: round 1 (test/helpers/plan-forms.ts: plan tables as provinces,
 * communes and districts publish them) under test/fixtures/plans/forms/, round 2
 * (test/helpers/plan-forms-2.ts: Word's multilevel numbering, a table continued in a second Word
 * table, 2026 agencies) under test/fixtures/plans/forms2/. Each as .docx (the `docx` library), as
 * .pdf (exported from that .docx by LibreOffice headless, through dondoc's own converter) and, for
 * XLSX_FORMS / XLSX_FORMS_2, as .xlsx (exceljs):
 *   npx tsx scripts/make-plan-forms.ts [<output directory of round 1>] [<output directory of round 2>]
 * The files are committed (the PDFs need LibreOffice); test/documents/plan-forms.test.ts and
 * plan-forms-2.test.ts import each and check it against what the plan means.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';
import { formDocx, formXlsx, PLAN_FORMS, XLSX_FORMS, type PlanForm } from '../test/helpers/plan-forms.js';
import { form2Docx, PLAN_FORMS_2, XLSX_FORMS_2 } from '../test/helpers/plan-forms-2.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'plans');

async function writeForms<F extends PlanForm>(dir: string, forms: readonly F[], xlsxForms: readonly string[], docxOf: (form: F) => Promise<Buffer>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, data: Buffer) => {
    writeFileSync(join(dir, name), data);
    process.stdout.write(`${join(dir, name)}: ${data.length} bytes\n`);
  };
  for (const form of forms) {
    const docx = await docxOf(form);
    write(`${form.file}.docx`, docx);
    const pdf = await convertWithLibreOffice(docx, { from: 'docx', to: 'pdf', outputExtension: 'pdf' });
    if (!pdf.ok) {
      process.stderr.write(`LibreOffice could not write ${form.file}.pdf: ${JSON.stringify(pdf.problem)}\n`);
      process.exit(1);
    }
    write(`${form.file}.pdf`, pdf.data);
    if (xlsxForms.includes(form.file)) write(`${form.file}.xlsx`, await formXlsx(form));
  }
}

await writeForms(process.argv[2] ?? join(fixtures, 'forms'), PLAN_FORMS, XLSX_FORMS, formDocx);
await writeForms(process.argv[3] ?? join(fixtures, 'forms2'), PLAN_FORMS_2, XLSX_FORMS_2, form2Docx);
