import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PLAN_TEXTS } from '../../commands/plans.texts.js';
import { readPlanDocument, readPlanWordDoc } from '../../src/documents/document-reader.js';
import { convertWithLibreOffice } from '../../src/documents/office-converter.js';
import { findHeader, readPlanRows } from '../../src/domain/plan-table.js';
import { PLAN_2026_TASKS, plan2026Docx } from '../helpers/plan-2026-docx.js';
import { createTestApp } from '../helpers/test-app.js';

/** Made by scripts/make-doc-fixture.ts from plan2026Docx({ portable: true }) with LibreOffice. */
const DOC = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'plan-2026.doc'));
const META = { name: 'Kế hoạch CCHC năm 2026', year: 2026 };
const hasSoffice = !spawnSync('soffice', ['--version']).error;
// CI installs LibreOffice (.ci/run): there a missing soffice fails these tests instead of skipping them.
const withSoffice = it.runIf(hasSoffice || Boolean(process.env.CI));

function tasksOf(rows: string[][]) {
  const header = findHeader(rows);
  if (!header.ok) throw new Error('no header');
  const tasks = readPlanRows(rows, header.value, { wrapped: false });
  if (!tasks.ok) throw new Error(tasks.error.code);
  return tasks.value.map(({ code, lead, coord, deadline, task }) => ({ code, lead, coord, deadline, task }));
}

/** A process that exists and is not a zombie waiting for its parent to reap it. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp({ start: '2026-01-12T02:00:00Z' });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await t.close();
});

describe('an old Word (.doc) plan, converted by LibreOffice', () => {
  withSoffice('reads the same tasks as the .docx it was made from', { timeout: 120_000 }, async () => {
    const read = await readPlanWordDoc(DOC);
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    const docx = readPlanDocument(await plan2026Docx({ portable: true }));
    if (!docx.ok) throw new Error('docx unread');
    // Same codes, leads, coordinators, deadlines and task texts as the Word file the .doc came from,
    // and those are the plan's meaning (PLAN_2026_TASKS).
    expect(tasksOf(read.rows)).toEqual(tasksOf(docx.rows));
    expect(tasksOf(read.rows).map(({ code, lead, coord, deadline }) => ({ code, lead, coord, deadline }))).toEqual(PLAN_2026_TASKS);
    expect(read.source.format).toBe('doc');
  });

  withSoffice('imports through the plan import as the .docx does, and the preview says the file was converted', { timeout: 120_000 }, async () => {
    const fromDoc = await t.app.services.plans.importFile('ke-hoach-2026.doc', DOC, META, { dryRun: true });
    const fromDocx = await t.app.services.plans.importFile('ke-hoach-2026.docx', await plan2026Docx({ portable: true }), META, { dryRun: true });
    if (!fromDoc.ok || !fromDocx.ok) throw new Error('not imported');
    const { source: docSource, ...doc } = fromDoc.value;
    const { source: _docxSource, ...docx } = fromDocx.value;
    expect(doc).toEqual(docx);
    expect(doc.tasks).toBe(PLAN_2026_TASKS.length);
    expect(docSource.format).toBe('doc');
    expect(PLAN_TEXTS.importSummary(fromDoc.value).join('\n')).toContain('Tệp Word cũ (.doc, LibreOffice chuyển sang .docx)');
  });

  it('without LibreOffice on PATH: a Vietnamese message to save it as .docx or install libreoffice-writer-nogui; nothing stored', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dondoc-nopath-'));
    vi.stubEnv('PATH', empty);
    try {
      const result = await t.app.services.plans.importFile('ke-hoach-2026.doc', DOC, META);
      expect(result).toMatchObject({ ok: false, error: { code: 'file', reason: 'no_converter' } });
      if (result.ok) return;
      const message = PLAN_TEXTS.importError(result.error);
      expect(message).toContain('“Lưu thành” định dạng .docx');
      expect(message).toContain('libreoffice-writer-nogui');
      expect(t.app.store.plans.planByName(META.name)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('kills a conversion that passes its time limit, with everything it started, and says so', async () => {
    // A stand-in soffice that hangs and starts a helper of its own, as soffice.bin does.
    const bin = mkdtempSync(join(tmpdir(), 'dondoc-fake-soffice-'));
    const pids = join(bin, 'pids');
    writeFileSync(join(bin, 'soffice'), `#!/bin/sh\nsleep 60 &\necho "$$ $!" > '${pids}'\nwait\n`);
    chmodSync(join(bin, 'soffice'), 0o755);
    try {
      const started = Date.now();
      const result = await convertWithLibreOffice(Buffer.from('doc'), { from: 'doc', to: 'docx', outputExtension: 'docx', limits: { timeoutMs: 500 }, env: { PATH: `${bin}:/usr/bin:/bin` } });
      expect(result).toEqual({ ok: false, problem: { code: 'timeout', ms: 500 } });
      expect(Date.now() - started).toBeLessThan(5_000);
      // The script and its helper are both gone: the whole process group was killed.
      const [script, helper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
      for (const pid of [script!, helper!]) expect(running(pid)).toBe(false);
      expect(PLAN_TEXTS.importError({ code: 'file', reason: 'convert_timeout', size: 3 })).toMatch(/quá thời gian cho phép.*lưu thành \.docx/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('hands LibreOffice only a Word (OLE) or RTF file: plain text named .doc is unreadable, never read as a text document', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dondoc-nopath-'));
    // No soffice on PATH: had the text been handed over, the answer would be "no converter".
    vi.stubEnv('PATH', empty);
    try {
      expect(await readPlanWordDoc(Buffer.from('STT,Nhiệm vụ,Chủ trì,Thời gian\n1,Việc,Sở Nội vụ,Quý I/2026\n'))).toEqual({ ok: false, problem: { code: 'unreadable' } });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('does not hand LibreOffice a file over the input cap', async () => {
    const result = await convertWithLibreOffice(Buffer.alloc(2048), { from: 'doc', to: 'docx', outputExtension: 'docx', limits: { maxInputBytes: 1024 } });
    expect(result).toEqual({ ok: false, problem: { code: 'too_large' } });
  });
});
