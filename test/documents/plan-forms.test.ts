import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../helpers/agency-directory.js';
import { PLAN_FORMS, TRACKING_PERSONAL, XLSX_FORMS, scoreForm, type PlanForm } from '../helpers/plan-forms.js';
import { createTestApp } from '../helpers/test-app.js';

/**
 * Plan tables written the way provinces, communes and districts publish them (test/helpers/plan-forms.ts,
 * files made by scripts/make-plan-forms.ts), each imported as .docx, as the .pdf LibreOffice exports
 * and, for three, as .xlsx, and checked task by task against what the document means. No agency or
 * date the plan does not state may be stored; what the directory cannot answer is reported.
 */
const DIR = join(process.cwd(), 'test', 'fixtures', 'plans', 'forms');

/**
 * What an .xlsx cannot carry, and so is left to a person rather than read: the sheet has no
 * letterhead, so "Trong 15 ngày kể từ ngày Kế hoạch được ban hành" waits for Sở Nội vụ to date it
 * (chờ sự kiện). (A lead or deadline merged down over several tasks is each task's, as in Word.)
 */
const LEFT_TO_A_PERSON: Record<string, string[]> = { 'qd-phu-luc-3-dong.xlsx': ['I.1.1'] };

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

async function importForm(form: PlanForm, ext: string) {
  const data = readFileSync(join(DIR, `${form.file}.${ext}`));
  const result = await t.app.services.plans.importFile(`${form.file}.${ext}`, data, { name: `Kế hoạch thử ${form.file}`, year: form.year }, { dryRun: true, rows: Array.from({ length: 200 }, (_, i) => i + 1) });
  if (!result.ok) throw new Error(`${form.file}.${ext}: ${JSON.stringify(result.error)}`);
  return result.value;
}

const cases = PLAN_FORMS.flatMap((form) => ['docx', 'pdf', ...(XLSX_FORMS.includes(form.file) ? ['xlsx'] : [])].map((ext) => [`${form.file}.${ext}`, form, ext] as const));

describe('plan tables as provinces, communes and districts publish them', () => {
  it.each(cases)('%s: every task as the plan means it, nothing wrong stored', async (name, form, ext) => {
    const report = await importForm(form, ext);
    const scored = scoreForm(
      form,
      { rows: report.selected!.rows, unresolvedRows: report.unresolvedAgencies.map((u) => u.row), unknownDeadlineRows: report.unknownDeadlines.map((u) => u.row) },
      codesOf(form.year),
    );
    // No task the plan does not have (a parent counted twice, a row read as a task of its own).
    expect(scored.extra).toEqual([]);
    // Never a wrong agency or date, never a task or agency dropped without a word.
    expect(scored.verdicts.filter((v) => v.verdict === 'wrong')).toEqual([]);
    // Every task read as meant, but for what the format cannot carry (reported, not guessed).
    expect(scored.verdicts.filter((v) => v.verdict !== 'right').map((v) => v.code)).toEqual(LEFT_TO_A_PERSON[name] ?? []);
  }, 120_000);

  it('never reads or stores the person following a task or their phone number', async () => {
    const form = PLAN_FORMS.find((f) => f.file === 'nguoi-theo-doi')!;
    for (const ext of ['docx', 'pdf']) {
      const report = await importForm(form, ext);
      // The two columns are named as not read; no name or number is in the preview or its JSON.
      expect(report.columns.unused).toEqual(['Người theo dõi', 'Số điện thoại']);
      const said = JSON.stringify(report);
      expect(TRACKING_PERSONAL.filter((p) => said.includes(p))).toEqual([]);
    }
    const written = await t.app.services.plans.importFile('nguoi-theo-doi.docx', readFileSync(join(DIR, 'nguoi-theo-doi.docx')), { name: 'Danh mục nhiệm vụ 2026', year: 2026 });
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    const stored = JSON.stringify(t.app.store.db.prepare('SELECT * FROM tasks').all());
    expect(stored).toContain('Xây dựng Đề án vị trí việc làm');
    expect(TRACKING_PERSONAL.filter((p) => stored.includes(p))).toEqual([]);
  }, 120_000);
});
