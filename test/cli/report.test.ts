import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readZipEntries } from '../../src/documents/zip-entries.js';
import { openDatabase } from '../../src/store/database.js';
import { demoPlanYear } from '../../src/app/demo-seed.js';
import { cliOnOwnDatabase } from '../helpers/cli-child.js';

const { dir, db, cli, cliWithEnv } = cliOnOwnDatabase('report');

describe('npm run cli -- report draft', () => {
  it('writes the .docx and prints the stable --json shape, its overdue the number /quahan gives on the demo', async () => {
    expect(cli('demo', 'reset').code).toBe(0);
    // The demo's year is the year in Việt Nam (UTC+7).
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const out = join(dir, 'q3.docx');
    const result = cli('report', 'draft', '--period', `${year}-Q3`, '--out', out, '--xlsx', join(dir, 'q3.xlsx'), '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as Record<string, unknown> & { counts: Record<string, number>; missingReports: { code: string; name: string }[] };
    // "xlsx" was added last: the fields before it keep their order.
    expect(Object.keys(json)).toEqual(['file', 'period', 'window', 'agency', 'counts', 'missingReports', 'xlsx']);
    expect(json).toMatchObject({ file: out, period: `${year}-Q3`, window: { from: `${year}-06-15`, to: `${year}-09-14` }, agency: null, xlsx: join(dir, 'q3.xlsx') });
    // The workbook's first sheet holds the same counts as the JSON.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'q3.xlsx'));
    const summary = workbook.getWorksheet('Tổng hợp')!;
    expect([summary.getRow(2).values, summary.getRow(4).values].map((v) => (v as unknown[])[2])).toEqual([json.counts.due, json.counts.doneOnTime]);
    expect(Object.keys(json.counts)).toEqual(['due', 'doneOnTime', 'doneLate', 'inProgress', 'overdue', 'extended']);
    // The demo has a year of replies: the Q3 window holds work and some of it is done.
    expect(json.counts.due).toBeGreaterThan(0);
    expect(json.counts.doneOnTime! + json.counts.doneLate!).toBeGreaterThan(0);
    const docx = readZipEntries(readFileSync(out), () => true);
    expect(docx.ok && docx.entries.has('word/document.xml')).toBe(true);
    // The same day through the chat path: an admin's /quahan.
    const store = openDatabase(db);
    const adminId = (store.prepare("SELECT id FROM members WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number }).id;
    store.close();
    const said = cli('say', '--as', String(adminId), '/quahan', '--json');
    expect(said.code).toBe(0);
    const replies = JSON.parse(said.out) as { text: string }[];
    const overdue = Number(/Việc quá hạn \((\d+)\)/.exec(replies[0]!.text)![1]);
    expect(json.counts.overdue).toBe(overdue);
    // One agency, as of an earlier day.
    const stp = cli('report', 'draft', '--period', `${year}-NAM`, '--agency', 'STP', '--as-of', `${year}-06-30`, '--out', join(dir, 'stp.docx'), '--json');
    expect(stp.code).toBe(0);
    expect(JSON.parse(stp.out)).toMatchObject({ agency: 'STP', period: `${year}-NAM` });
  }, 240_000);

  it('cites the plan from its document fields: what the source seed states, the rest set by `plan doc`', () => {
    // The demo afresh: this test stands alone, in any order.
    expect(cli('demo', 'reset', '--force').code).toBe(0);
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const planYear = demoPlanYear(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
    const shown = cli('plan', 'doc', '--plan', '1', '--json');
    expect(shown.code).toBe(0);
    const before = JSON.parse(shown.out) as { plan: { id: number }; document: Record<string, unknown>; citation: string };
    expect(Object.keys(before)).toEqual(['plan', 'document', 'citation']);
    expect(Object.keys(before.document)).toEqual(['number', 'date', 'issuer', 'kind', 'title']);
    // The demo plan is Hà Tĩnh's (seed 004): published by a Quyết định of UBND tỉnh "về việc ban hành
    // Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm …"; the seed is the unsigned draft ("Số: /QĐ-UBND",
    // "ngày tháng năm 2023"), so number and date are visible blanks, not guesses.
    expect(before.citation).toBe(`Căn cứ Quyết định số [bổ sung] ngày [bổ sung] của Ủy ban nhân dân tỉnh Hà Tĩnh về việc ban hành Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm ${planYear}`);
    const set = cli('plan', 'doc', '--plan', '1', '--number', '45/QĐ-UBND', '--date', `08/01/${year}`, '--issuer', 'UBND tỉnh Hà Tĩnh', '--json');
    expect(set.err).toBe('');
    const cited = `Căn cứ Quyết định số 45/QĐ-UBND ngày 08/01/${year} của UBND tỉnh Hà Tĩnh về việc ban hành Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm ${planYear}`;
    expect(JSON.parse(set.out).citation).toBe(cited);
    const out = join(dir, 'cited.docx');
    expect(cli('report', 'draft', '--period', `${year}-Q3`, '--out', out).code).toBe(0);
    const docx = readZipEntries(readFileSync(out), () => true);
    const xml = docx.ok ? docx.entries.get('word/document.xml')!.toString('utf8') : '';
    expect(xml).toContain(`${cited};`);
    // A title made unknown is a blank, not the plan's name in dondoc.
    expect(JSON.parse(cli('plan', 'doc', '--plan', '1', '--clear', 'title', '--json').out).citation).toBe(`Căn cứ Quyết định số 45/QĐ-UBND ngày 08/01/${year} của UBND tỉnh Hà Tĩnh về [bổ sung]`);
    // A wrong date is refused and nothing changes; --clear makes a field unknown again.
    const bad = cli('plan', 'doc', '--plan', '1', '--date', '31/04/2026');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('ngày “31/04/2026” không có thật');
    const cleared = cli('plan', 'doc', '--plan', '1', '--clear', 'issuer', '--json');
    expect(JSON.parse(cleared.out).document).toMatchObject({ number: '45/QĐ-UBND', date: `${year}-01-08`, issuer: null });
    expect(cli('plan', 'doc', '--plan', '99').err).toContain('không có kế hoạch “99”');
  }, 240_000);

  it('sets an agency\'s signer and recipients (`report settings`), the draft then signs with them', () => {
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const set = cli('report', 'settings', '--agency', 'STP', '--title', 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', '--name', 'Lê Thị Bình', '--recipients', 'Sở Nội vụ; Giám đốc Sở', '--json');
    expect(set.err).toBe('');
    expect(JSON.parse(set.out)).toEqual({ agency: { code: 'STP', name: 'Sở Tư pháp' }, signerTitle: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signerName: 'Lê Thị Bình', recipients: ['Sở Nội vụ', 'Giám đốc Sở', 'Lưu: VT'] });
    const out = join(dir, 'signed.docx');
    expect(cli('report', 'draft', '--period', `${year}-Q3`, '--agency', 'STP', '--out', out).code).toBe(0);
    const docx = readZipEntries(readFileSync(out), () => true);
    const xml = docx.ok ? docx.entries.get('word/document.xml')!.toString('utf8') : '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('- Sở Nội vụ;- Giám đốc Sở;- Lưu: VT.KT. GIÁM ĐỐCPHÓ GIÁM ĐỐCLê Thị Bình');
    // A Sở does not sign "TM." (for a collective body): refused, exit 2.
    const refused = cli('report', 'settings', '--agency', 'STP', '--title', 'TM. SỞ TƯ PHÁP / GIÁM ĐỐC');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('“TM.” (thay mặt) chỉ dùng cho tập thể');
  }, 240_000);

  it('refuses a wrong call with a Vietnamese line', () => {
    const noOut = cli('report', 'draft', '--period', '2026-Q3');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('cần --out <tệp.docx>');
    expect(cli('report', 'draft', '--period', '2026-Q3', '--out', join(dir, 'x.docx'), '--xlsx', join(dir, 'x.csv')).err).toContain('--xlsx cần tên tệp .xlsx');
    const badPeriod = cli('report', 'draft', '--period', '2026-Q2', '--out', join(dir, 'x.docx'));
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.err).toContain('cần --period dạng năm-kỳ (Q1, 6T, Q3, 9T, NAM)');
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  }, 120_000);

  it('a province draft longer than DONDOC_REPORT_MAX_LINES: no .docx written, the figures in the .xlsx, the message says how long and what to do', async () => {
    expect(cli('demo', 'reset', '--force').code).toBe(0);
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const [docx, xlsx] = [join(dir, 'long.docx'), join(dir, 'long.xlsx')];
    // The demo's year holds more than 100 lines for the province (each task three lines: section II,
    // Phụ lục I and III, plus the overdue ones): over a limit of 100, under the default 5,000.
    const over = cliWithEnv({ DONDOC_REPORT_MAX_LINES: '100' }, 'report', 'draft', '--period', `${year}-NAM`, '--out', docx, '--xlsx', xlsx, '--json');
    expect(over.code).toBe(2);
    expect(over.out).toBe('');
    expect(over.err).toMatch(/bản Word sẽ quá dài \((\d+) dòng, giới hạn 100\) nên không ghi .*long\.docx; đã ghi số liệu các phụ lục vào .*long\.xlsx, hoặc soạn cho từng cơ quan \(--agency <mã>\)/);
    expect(Number(/\((\d+) dòng/.exec(over.err)![1])).toBeGreaterThan(100);
    expect(existsSync(docx)).toBe(false);
    // The workbook is whole: its summary sheet opens.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.getWorksheet('Tổng hợp')).toBeDefined();
    // Without --xlsx the message says how to get the figures.
    const bare = cliWithEnv({ DONDOC_REPORT_MAX_LINES: '100' }, 'report', 'draft', '--period', `${year}-NAM`, '--out', docx);
    expect(bare.err).toContain('thêm --xlsx <tệp.xlsx> để lấy số liệu các phụ lục');
    // One agency stays under the limit and is written.
    const one = cliWithEnv({ DONDOC_REPORT_MAX_LINES: '100' }, 'report', 'draft', '--period', `${year}-NAM`, '--agency', 'STP', '--out', docx);
    expect(one.code).toBe(0);
    expect(existsSync(docx)).toBe(true);
    // A limit outside its range stops with the variable named.
    const wrong = cliWithEnv({ DONDOC_REPORT_MAX_LINES: '5' }, 'report', 'draft', '--period', `${year}-NAM`, '--out', docx);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('DONDOC_REPORT_MAX_LINES');
  }, 240_000);
});
