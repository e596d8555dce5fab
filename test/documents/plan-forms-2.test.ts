import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../helpers/agency-directory.js';
import { scoreForm } from '../helpers/plan-forms.js';
import { PLAN_FORMS_2, XLSX_FORMS_2, type PlanForm2 } from '../helpers/plan-forms-2.js';
import { createTestApp } from '../helpers/test-app.js';

/**
 * Plan tables, round 2 (test/helpers/plan-forms-2.ts, files made by scripts/make-plan-forms.ts):
 * the shapes 2025–2026 provincial plans take after the merger — Word's multilevel numbering with a
 * parent "1." and a top-level "2." after its "a)", "b)"; "a)" and "-" mixed; "Không" in a
 * coordinating cell; "Sản phẩm" and "Ghi chú" columns; lead and coordinators in one cell; a table
 * continued in a second Word table — each as .docx, as the .pdf LibreOffice exports and, for five, as
 * .xlsx, checked task
 * by task against what the document means.
 */
const DIR = join(process.cwd(), 'test', 'fixtures', 'plans', 'forms2');

let t: ReturnType<typeof createTestApp>;
beforeAll(() => {
  t = createTestApp({ start: '2026-01-05T02:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

/** The departments or the communes in force on the plan's first day, as the plan's group phrases mean them. */
const codesOf = (year: number) => (group: '@so' | '@xa') => {
  const day = `${year}-01-01`;
  const kind = group === '@so' ? 'so_ban_nganh' : 'ubnd_xa';
  return registry.agencies.filter((a) => a.kind === kind && (a.until === undefined || a.until > day) && (a.from === undefined || a.from <= day)).map((a) => a.code);
};

async function importForm(form: PlanForm2, ext: string) {
  const data = readFileSync(join(DIR, `${form.file}.${ext}`));
  const result = await t.app.services.plans.importFile(`${form.file}.${ext}`, data, { name: `Kế hoạch thử ${form.file}`, year: form.year }, { dryRun: true, rows: Array.from({ length: 200 }, (_, i) => i + 1) });
  if (!result.ok) throw new Error(`${form.file}.${ext}: ${JSON.stringify(result.error)}`);
  return result.value;
}

const cases = PLAN_FORMS_2.flatMap((form) => ['docx', 'pdf', ...(XLSX_FORMS_2.includes(form.file) ? ['xlsx'] : [])].map((ext) => [`${form.file}.${ext}`, form, ext] as const));

describe('plan tables of 2026, round 2', () => {
  it.each(cases)('%s: every task as the plan means it, nothing wrong stored, nothing reported the plan settles', async (_name, form, ext) => {
    const report = await importForm(form, ext);
    const rows = report.selected!.rows;
    const unresolvedRows = report.unresolvedAgencies.map((u) => u.row);
    const scored = scoreForm(form, { rows, unresolvedRows, unknownDeadlineRows: report.unknownDeadlines.map((u) => u.row) }, codesOf(form.year));
    // No task the plan does not have (a parent counted as a task, "2." read as "1.2", a dash under "b)" coded beside it).
    expect(scored.extra).toEqual([]);
    expect(scored.verdicts.filter((v) => v.verdict !== 'right')).toEqual([]);
    // A row the plan settles is not sent to a person: "Không" in a Phối hợp cell says nobody coordinates.
    const settled = form.expected.filter((task) => !task.review?.lead && !task.review?.coord).map((task) => rows.find((r) => r.code === task.code)?.row);
    expect(report.unresolvedAgencies.filter((u) => settled.includes(u.row)).map((u) => `${u.row}: ${u.text}`)).toEqual([]);
  }, 120_000);

  it('reads the second Word table under the repeated header as the same table, not a table of its own', async () => {
    const report = await importForm(PLAN_FORMS_2.find((f) => f.file === 'bang-noi-tiep')!, 'docx');
    // Table 1 is the letterhead; 2 and 3 are the task table and its continuation.
    expect((report.source as { tables?: unknown }).tables).toEqual({ read: [2, 3], total: 3 });
  }, 120_000);
});
