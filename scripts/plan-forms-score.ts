/**
 * Prints how dondoc reads the plan-form fixtures (test/helpers/plan-forms.ts, plan-forms-2.ts): per file and format,
 * the tasks read right, reported for a person, and wrong (an agency or date the plan does not state,
 * or a task missing), and the tasks the plan does not have:
 *   npx tsx scripts/plan-forms-score.ts [<part of a file name>] [-v]   (-v: every task not right, and what was reported)
 * The test (test/documents/plan-forms.test.ts) holds the same check; this prints the figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp } from '../test/helpers/test-app.js';
import { PLAN_FORMS, XLSX_FORMS, scoreForm, TRACKING_PERSONAL } from '../test/helpers/plan-forms.js';
import { PLAN_FORMS_2, XLSX_FORMS_2 } from '../test/helpers/plan-forms-2.js';
import { registry } from '../test/helpers/agency-directory.js';

const only = process.argv.slice(2).find((a) => a !== '-v');
const verbose = process.argv.includes('-v');
const say = (line: string) => process.stdout.write(`${line}\n`);
const codesOf = (year: number) => (g: '@so' | '@xa') => {
  const day = `${year}-01-01`;
  return registry.agencies.filter((a) => a.kind === (g === '@so' ? 'so_ban_nganh' : 'ubnd_xa') && (a.until === undefined || a.until > day) && (a.from === undefined || a.from <= day)).map((a) => a.code);
};
const total = { right: 0, reported: 0, wrong: 0, extra: 0 };
// Round 1 under forms/, round 2 (test/helpers/plan-forms-2.ts) under forms2/.
const sets = [...PLAN_FORMS.map((form) => ({ form, dir: 'forms' })), ...PLAN_FORMS_2.map((form) => ({ form, dir: 'forms2' }))];
for (const { form, dir: sub } of sets) {
  if (only && !form.file.includes(only)) continue;
  const dir = join(process.cwd(), 'test', 'fixtures', 'plans', sub);
  for (const ext of ['docx', 'pdf', ...([...XLSX_FORMS, ...XLSX_FORMS_2].includes(form.file) ? ['xlsx'] : [])]) {
    const t = createTestApp({ start: '2026-01-05T02:00:00Z' });
    const data = readFileSync(join(dir, `${form.file}.${ext}`));
    const res = await t.app.services.plans.importFile(`${form.file}.${ext}`, data, { name: 'KH thử', year: form.year }, { dryRun: true, rows: Array.from({ length: 200 }, (_, i) => i + 1) });
    await t.close();
    if (!res.ok) {
      say(`${form.file}.${ext}: not imported ${JSON.stringify(res.error)}`);
      continue;
    }
    const r = res.value;
    const s = scoreForm(form, { rows: r.selected!.rows, unresolvedRows: r.unresolvedAgencies.map((u) => u.row), unknownDeadlineRows: r.unknownDeadlines.map((u) => u.row) }, codesOf(form.year));
    const c = { right: 0, reported: 0, wrong: 0 };
    for (const v of s.verdicts) c[v.verdict] += 1;
    total.right += c.right; total.reported += c.reported; total.wrong += c.wrong; total.extra += s.extra.length;
    const leak = TRACKING_PERSONAL.filter((p) => JSON.stringify(r).includes(p));
    say(`${form.file}.${ext}: right ${c.right} reported ${c.reported} wrong ${c.wrong} extra [${s.extra.join(' ')}]${leak.length ? ' LEAK ' + leak.join(',') : ''} tables ${JSON.stringify((r.source as { tables?: unknown }).tables)} unused ${JSON.stringify(r.columns.unused)}`);
    for (const v of s.verdicts) if (v.verdict !== 'right' && (verbose || v.verdict === 'wrong')) say(`   ${v.verdict} ${v.code}: ${v.why}`);
    if (verbose) {
      for (const u of r.unresolvedAgencies) say(`   ? row ${u.row} ${u.reason} "${u.text}" in "${u.cell}"`);
      for (const u of r.unknownDeadlines) say(`   ?d row ${u.row} "${u.text}"`);
    }
  }
}
say(`TOTAL ${JSON.stringify(total)}`);
