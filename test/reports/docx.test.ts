import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentVi, renderDraft } from '../../src/reports/docx.js';
import type { DraftTask, ReportDraft } from '../../src/reports/draft.js';
import { documentLines } from '../../src/reports/task-groups.js';
import { checkLayout, mmToTwips, REPORT_LAYOUT } from '../../src/reports/layout.js';
import { OUTLINE } from '../../src/reports/outline.js';

/** A hand-made draft: 7 dates due, 5 done on time, 1 late, 1 in progress. */
const draft: ReportDraft = {
  scope: { kind: 'agency', agencyId: 3, code: 'STP', name: 'Sở Tư pháp' },
  provinceName: 'Tỉnh Hà Tĩnh',
  issuer: { parent: 'UBND TỈNH HÀ TĨNH', name: 'Sở Tư pháp', code: 'STP', kind: 'so_ban_nganh' },
  signature: { signerTitle: null, signerName: null, recipients: null },
  period: { code: 'Q3', year: 2026, label: 'quý III', window: { from: '2026-06-15', to: '2026-09-14' }, agencyDue: '2026-09-15', provinceDue: '2026-09-20', reportCode: 'Q3' },
  asOf: '2026-09-15',
  plans: [],
  citations: [],
  counts: { due: 7, doneOnTime: 5, doneLate: 1, inProgress: 1, overdue: 0, extended: 0 },
  overdueInWindow: 0,
  tasks: Array.from({ length: 7 }, (_, i) => ({
    taskId: i + 1,
    code: `1.${i + 1}`,
    title: `Nhiệm vụ thử ${i + 1}`,
    area: 'Cải cách thể chế',
    agency: 'Sở Tư pháp',
    dueDate: '2026-09-01',
    state: i < 6 ? ('done' as const) : ('open' as const),
    doneDay: i < 6 ? (i < 5 ? '2026-08-20' : '2026-09-03') : null,
    onTime: i < 6 ? i < 5 : null,
    extended: false,
    progress: i < 6 ? 100 : 40,
    evidence: i === 0 ? '12/QĐ-STP' : null,
    problem: null,
    pendingExtension: null,
    lastReply: i < 6 ? { day: i < 5 ? '2026-08-20' : '2026-09-03', status: 'done' } : { day: '2026-08-25', status: 'in_progress' },
    // Task 1.1's done reply came with the signed decision as a file; 1.7, still open, with a draft.
    files: i === 0 ? [{ name: 'QD-12-STP.pdf', day: '2026-08-20' }] : i === 6 ? [{ name: 'du-thao-de-an.docx', day: '2026-08-25' }] : [],
  })),
  overdueItems: [],
  next: [],
  reportTitle: 'Báo cáo CCHC quý III năm 2026',
  submissions: [],
  missingReports: [],
  indicators: [],
};

function documentXml(data: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-docx-'));
  try {
    writeFileSync(join(dir, 'd.docx'), data);
    const out = spawnSync('unzip', ['-p', join(dir, 'd.docx'), 'word/document.xml'], { encoding: 'utf8' });
    return out.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the report as a Word file', () => {
  it('suggests the usual signature for the issuer\'s kind (shown by /caidatbaocao, never put in a draft); else none', async () => {
    const { signerLines } = await import('../../src/reports/outline.js');
    expect(signerLines('so_ban_nganh', 'Sở Tư pháp')).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(signerLines('ubnd_xa', 'UBND xã Hương Sơn')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    // Thanh tra tỉnh is headed by a Chánh Thanh tra: dondoc does not guess the title.
    expect(signerLines('so_ban_nganh', 'Thanh tra tỉnh')).toBeNull();
  });

  it('says "năm" once: "năm 2026", "6 tháng đầu năm 2026", "quý III năm 2026"', async () => {
    const { periodPhrase } = await import('../../src/reports/outline.js');
    expect(periodPhrase('năm', 2026)).toBe('năm 2026');
    expect(periodPhrase('6 tháng đầu năm', 2026)).toBe('6 tháng đầu năm 2026');
    expect(periodPhrase('quý III', 2026)).toBe('quý III năm 2026');
  });

  it('writes shares the Vietnamese way', () => {
    // 6 of 7 = 85.714…% → "85,71%"; nothing due is not 0%.
    expect(percentVi(6, 7)).toBe('85,71%');
    expect(percentVi(0, 3)).toBe('0,00%');
    expect(percentVi(0, 0)).toBe('—');
  });

  it('keeps the measures of Nghị định 30/2020 and converts them to twips', () => {
    expect(checkLayout(REPORT_LAYOUT)).toEqual([]);
    // 20 mm = 20 / 25.4 inch × 1440 = 1133.9 → 1134 twips; 30 mm → 1701; 15 mm → 850.
    expect([mmToTwips(20), mmToTwips(30), mmToTwips(15)]).toEqual([1134, 1701, 850]);
    const small = { ...REPORT_LAYOUT, sizes: { ...REPORT_LAYOUT.sizes, body: { ...REPORT_LAYOUT.sizes.body, value: 12 } } };
    expect(checkLayout(small)).toEqual(['cỡ chữ body = 12 ngoài khoảng 13–14 (Nghị định 30/2020/NĐ-CP, Phụ lục I, II.7)']);
  });

  it('follows the outline, figures in the text, judgment sections marked for a person', async () => {
    const xml = documentXml(await renderDraft(draft));
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    const headings = OUTLINE.filter((s) => s.key !== 'basis' && !s.provinceOnly).map((s) => text.indexOf(s.heading));
    expect(headings.every((at) => at > 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    // 5 + 1 = 6 of 7 done: 85,71%; on time 5 of 7: 71,43%.
    expect(text).toContain('đã hoàn thành 6 (85,71%), trong đó đúng hạn 5 (71,43%), chậm hạn 1 (14,29%)');
    expect(text).toContain('1.1 Nhiệm vụ thử 1 (Sở Tư pháp; hạn 01/09/2026): Hoàn thành ngày 20/08/2026; tài liệu kiểm chứng: 12/QĐ-STP.');
    // Done without a named document: a visible blank, not a guess.
    expect(text).toContain('1.2 Nhiệm vụ thử 2 (Sở Tư pháp; hạn 01/09/2026): Hoàn thành ngày 20/08/2026; tài liệu kiểm chứng: [bổ sung].');
    expect(text).toContain('1.6 Nhiệm vụ thử 6 (Sở Tư pháp; hạn 01/09/2026): Hoàn thành ngày 03/09/2026 (chậm so với hạn)');
    expect(text).toContain('1.7 Nhiệm vụ thử 7 (Sở Tư pháp; hạn 01/09/2026): Đang thực hiện; đạt 40%.');
    // The body: justified, first-line indent 12.7 mm = 720 twips.
    expect(xml).toContain('<w:jc w:val="both"/>');
    expect(xml).toContain('w:firstLine="720"');
    // A section break before the landscape appendix: two sectPr, the first inside a paragraph.
    expect(xml.match(/<w:sectPr/g)).toHaveLength(2);
    expect(xml).toMatch(/<w:pPr><w:sectPr[^]*?<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    // Phụ lục I's columns: "TT" narrow, "Nhiệm vụ" the widest, all together the landscape text width
    // (297 mm less the left and right margins, in twips; a few twips lost to rounding down). Without a
    // grid Word and LibreOffice split the width evenly.
    const appendixGrid = xml.slice(xml.indexOf('DANH MỤC NHIỆM VỤ')).match(/<w:tblGrid>(.*?)<\/w:tblGrid>/)![1]!;
    const cols = [...appendixGrid.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(cols).toHaveLength(6);
    expect(cols[0]! * 5).toBeLessThan(cols[1]!);
    expect(Math.max(...cols)).toBe(cols[1]);
    const textWidth = Math.round(((297 - REPORT_LAYOUT.margins.left.value - REPORT_LAYOUT.margins.right.value) * 1440) / 25.4);
    expect(cols.reduce((a, b) => a + b, 0)).toBeGreaterThan(textWidth - 10);
    expect(cols.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(textWidth);
  });

  it('names the files attached to the replies in Phụ lục III (name and day sent), beside the document the done reply named', async () => {
    const xml = documentXml(await renderDraft(draft));
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    const appendixIII = text.slice(text.indexOf('Phụ lục III'));
    // 1.1: done with 12/QĐ-STP named, its scan attached the same day.
    expect(appendixIII).toContain('1.1 Nhiệm vụ thử 1\nSở Tư pháp\nBáo hoàn thành ngày 20/08/2026 (đúng hạn)\n12/QĐ-STP; tệp: QD-12-STP.pdf (20/08/2026)');
    // 1.7: not done, but a file came with its progress reply: named, not counted as done.
    expect(appendixIII).toContain('1.7 Nhiệm vụ thử 7\nSở Tư pháp\nBáo đang thực hiện ngày 25/08/2026, đạt 40%; chưa hoàn thành\ntệp: du-thao-de-an.docx (25/08/2026)');
    // 1.2: done, no document named, no file: the visible blank alone.
    expect(appendixIII).toContain('1.2 Nhiệm vụ thử 2\nSở Tư pháp\nBáo hoàn thành ngày 20/08/2026 (đúng hạn)\n[bổ sung]');
  });

  it('the province draft lists each task once, its agencies summarised and the ones to act on named', async () => {
    // One commune-wide task (4.1) led by four communes: two done (one late), one overdue with a
    // problem, one still open that asked for an extension; and a task (4.2) with a single lead, which keeps its own line.
    const commune = (name: string, over: Partial<DraftTask>): DraftTask => ({
      taskId: 41, code: '4.1', title: 'Số hóa hồ sơ', area: 'Chuyển đổi số', agency: name, dueDate: '2026-08-31', state: 'open', doneDay: null, onTime: null,
      extended: false, progress: null, evidence: null, problem: null, pendingExtension: null, lastReply: null, files: [], ...over,
    });
    const tasks: DraftTask[] = [
      commune('UBND xã An', { state: 'done', doneDay: '2026-08-20', onTime: true, progress: 100, evidence: '3/QĐ-UBND', lastReply: { day: '2026-08-20', status: 'done' }, files: [{ name: 'qd3.pdf', day: '2026-08-20' }] }),
      commune('UBND xã Bình', { state: 'done', doneDay: '2026-09-02', onTime: false, progress: 100, lastReply: { day: '2026-09-02', status: 'done' } }),
      commune('UBND xã Cẩm', { state: 'overdue', problem: 'thiếu máy quét', lastReply: { day: '2026-08-25', status: 'blocked' } }),
      commune('UBND xã Đông', { dueDate: '2026-09-10', state: 'open', pendingExtension: '2026-09-30', lastReply: { day: '2026-09-01', status: 'extension_requested' } }),
      { ...commune('Sở Tư pháp', { state: 'done', doneDay: '2026-08-01', onTime: true, progress: 100, evidence: '9/KH-STP' }), taskId: 42, code: '4.2', title: 'Rà soát thủ tục' },
    ];
    const province: ReportDraft = {
      ...draft,
      scope: { kind: 'province' },
      issuer: { parent: 'UBND TỈNH HÀ TĨNH', name: 'Sở Nội vụ', code: 'SNV', kind: 'so_ban_nganh' },
      counts: { due: 5, doneOnTime: 2, doneLate: 1, inProgress: 1, overdue: 1, extended: 0 },
      overdueInWindow: 1,
      tasks,
      overdueItems: [{ label: '4.1', title: 'Số hóa hồ sơ', agency: 'UBND xã Cẩm', dueDate: '2026-08-31' }],
    };
    const xml = documentXml(await renderDraft(province));
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    // Section II: 4.1 once, with its four communes' states; the late, overdue and blocked ones named.
    expect(text).toContain(
      '- 4.1 Số hóa hồ sơ (4 cơ quan; hạn 31/08/2026, 10/09/2026): hoàn thành 2 (đúng hạn 1, chậm hạn 1: UBND xã Bình); đang thực hiện 1; quá hạn 1: UBND xã Cẩm; vướng mắc 1: UBND xã Cẩm (thiếu máy quét); chờ quyết định gia hạn 1: UBND xã Đông (đến 30/09/2026).',
    );
    // A single-lead task keeps its own line, as in an agency's draft.
    expect(text).toContain('- 4.2 Rà soát thủ tục (Sở Tư pháp; hạn 31/08/2026): Hoàn thành ngày 01/08/2026; tài liệu kiểm chứng: 9/KH-STP.');
    // Each task once in section II, Phụ lục I and Phụ lục III — not once per commune; plus the one
    // overdue commune in section III's /quahan list, and section V's one line for the problem and
    // the extension waiting: 5 mentions in all.
    expect(text.match(/4\.1 Số hóa hồ sơ/g)).toHaveLength(5);
    expect(text).toContain('- 4.1 Số hóa hồ sơ — UBND xã Cẩm, hạn 31/08/2026.');
    expect(text).toContain('- 4.1 Số hóa hồ sơ (2 cơ quan): vướng mắc: UBND xã Cẩm (thiếu máy quét); đề nghị gia hạn chờ Sở Nội vụ quyết định: UBND xã Đông (đến 30/09/2026).');
    // No line per commune that is simply done or open.
    expect(text).not.toMatch(/4\.1 Số hóa hồ sơ \(UBND xã (An|Bình|Đông)/);
    // Phụ lục III names the commune whose reply carried a file, the rest in the .xlsx.
    expect(text).toContain('1/2 lượt hoàn thành nêu văn bản; 1 tệp đính kèm của UBND xã An (qd3.pdf, 20/08/2026); chi tiết theo cơ quan: tệp Excel kèm theo');
    // The line count the size limit is set in: 2 tasks × (section II, Phụ lục I, III), 1 overdue line, 1 open-problem line.
    expect(documentLines(province)).toBe(3 * 2 + 1 + 1);
  });

  it('opens in LibreOffice: converted to PDF, page 1 rendered (pdftoppm) with its text, the appendix on its own landscape page', async (ctx) => {
    const missing = ['soffice', 'pdftoppm', 'pdftotext'].filter((tool) => {
      const probe = spawnSync(tool, ['-v'], { encoding: 'utf8' });
      return probe.error !== undefined;
    });
    if (missing.length > 0) {
      // CI installs LibreOffice and poppler-utils (.ci/run): there a missing tool is a failure, not a skip.
      if (process.env.CI) expect.fail(`${missing.join(', ')} missing in CI (CI=${process.env.CI}): .ci/run installs libreoffice-writer and poppler-utils; the render test must run there`);
      ctx.skip(`${missing.join(', ')} (Debian packages libreoffice-writer, poppler-utils) not installed here; the main suite does not need them`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-pdf-'));
    try {
      writeFileSync(join(dir, 'draft.docx'), await renderDraft(draft));
      // A profile of its own: another soffice running on the machine does not take the conversion over.
      const converted = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'draft.docx')], { encoding: 'utf8', timeout: 120_000 });
      expect(converted.status).toBe(0);
      const pdf = readFileSync(join(dir, 'draft.pdf')).toString('latin1');
      // At least the report (one or two A4 pages) and the landscape appendix on a page of its own.
      const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pdf).toMatch(/\/MediaBox\s*\[0 0 841\.\d+ 595\.\d+\]|\/MediaBox\s*\[0 0 842 595\]/);
      // Page 1 as LibreOffice lays it out: the decree's header block and the title, Vietnamese intact.
      // (Lines may wrap where Times New Roman is missing and a wider serif stands in: words, not lines.)
      const page1 = spawnSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'draft.pdf'), '-'], { encoding: 'utf8' }).stdout;
      for (const words of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT', 'Độc lập - Tự do - Hạnh', 'SỞ TƯ PHÁP', 'Số: …/BC-STP', 'BÁO CÁO', 'Kính gửi: Sở Nội vụ tỉnh Hà Tĩnh.']) expect(page1).toContain(words);
      expect(page1).not.toContain('DANH MỤC NHIỆM VỤ');
      const all = spawnSync('pdftotext', [join(dir, 'draft.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      expect(all).toContain('DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ III NĂM 2026');
      // Page 1 and the appendix's first page rendered to PNG (page 1 is what the README shows): image files,
      // not empty ones; page 1 portrait (A4 upright), the appendix landscape (its own section). The PNG's
      // IHDR holds width and height at bytes 16–23. Kept for a person to look at when DONDOC_ARTIFACTS_DIR is set (CI).
      const pageTexts = Array.from({ length: pages }, (_, i) =>
        spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), join(dir, 'draft.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' '));
      const appendixPage = pageTexts.findIndex((text) => text.includes('DANH MỤC NHIỆM VỤ')) + 1;
      expect(appendixPage).toBeGreaterThan(1);
      const render = (page: number, name: string): { width: number; height: number; png: Buffer } => {
        const rendered = spawnSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '60', '-png', '-singlefile', join(dir, 'draft.pdf'), join(dir, name)], { encoding: 'utf8' });
        expect(rendered.status).toBe(0);
        const png = readFileSync(join(dir, `${name}.png`));
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(png.length).toBeGreaterThan(5_000);
        return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), png };
      };
      const first = render(1, 'trang-1');
      expect(first.height).toBeGreaterThan(first.width);
      const appendix = render(appendixPage, 'phu-luc-i');
      expect(appendix.width).toBeGreaterThan(appendix.height);
      const artefacts = process.env.DONDOC_ARTIFACTS_DIR;
      if (artefacts) {
        const kept = join(artefacts, 'report-draft', `node${process.versions.node.split('.')[0]}`);
        mkdirSync(kept, { recursive: true });
        writeFileSync(join(kept, 'trang-1.png'), first.png);
        writeFileSync(join(kept, 'phu-luc-i.png'), appendix.png);
        writeFileSync(join(kept, 'du-thao.pdf'), readFileSync(join(dir, 'draft.pdf')));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
