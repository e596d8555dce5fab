/**
 * Writes the old-Word (.doc) fixture from the 2026 plan .docx that the tests build
 * (test/helpers/plan-2026-docx.ts), converted by LibreOffice headless through dondoc's own
 * converter (private profile, time limit):
 *   npx tsx scripts/make-doc-fixture.ts [<output file>]   (default: test/fixtures/plans/plan-2026.doc)
 * The source is the plan's `portable` form (tracked changes accepted, each section's numbering a
 * list of its own: LibreOffice 7.4 loses a tracked row deletion and a list's startOverride when it
 * writes a .doc; those are tested on the .docx). The .doc is committed (a binary .doc cannot be written without Word or LibreOffice); the test
 * checks that it reads to the same tasks as the .docx it came from.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';
import { plan2026Docx } from '../test/helpers/plan-2026-docx.js';

const output = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans', 'plan-2026.doc');
const converted = await convertWithLibreOffice(await plan2026Docx({ portable: true }), { from: 'docx', to: 'doc:MS Word 97', outputExtension: 'doc' });
if (!converted.ok) {
  process.stderr.write(`LibreOffice could not write the .doc: ${JSON.stringify(converted.problem)}\n`);
  process.exit(1);
}
writeFileSync(output, converted.data);
process.stdout.write(`${output}: ${converted.data.length} bytes\n`);
