import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { plan2026Docx } from '../helpers/plan-2026-docx.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-cli-'));
const db = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return cliOn(db, ...args);
}

function cliOn(database: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, DONDOC_DB_PATH: database, DONDOC_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run cli', () => {
  it('issues the first admin invite, stored only as a hash', () => {
    // A database of its own: the first invite of a new installation (other tests here add theirs).
    const fresh = join(dir, 'first-admin.sqlite');
    const result = cliOn(fresh, 'invite', '--agency', 'SNV', '--role', 'quan_tri', '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const issued = JSON.parse(result.out) as { code: string; agency: string; role: string; expiresAt: string };
    expect(issued).toMatchObject({ agency: 'SNV', role: 'admin' });
    expect(issued.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const store = openDatabase(fresh);
    const rows = store.prepare('SELECT code_hash FROM invites').all() as { code_hash: string }[];
    store.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).not.toContain(issued.code.replace(/-/g, ''));
  });

  it('prints the invite in Vietnamese for a person', () => {
    const result = cli('invite', '--agency', 'Sở Tư pháp', '--role', 'dau_moi');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Mã mời đầu mối CCHC của Sở Tư pháp: /);
  });

  it.each([
    [['invite', '--role', 'quan_tri'], /thiếu --agency/],
    [['invite', '--agency', 'SNV', '--role', 'boss'], /--role phải là/],
    [['invite', '--agency', 'KHONGCO', '--role', 'dau_moi'], /không có cơ quan “KHONGCO”/],
    [['lamgido'], /không có lệnh “lamgido”/],
    [['backup'], /thiếu tên tệp sao lưu/],
    [['invite', '--agnecy', 'SNV'], /không có tùy chọn “--agnecy” cho lệnh này/],
  ])('refuses %j with exit code 2, one Vietnamese line and the usage of that command only', (args, message) => {
    // Issue 26 item 11: every error printed the whole 40-line usage.
    const result = cli(...args);
    expect(result.code).toBe(2);
    const [first, ...rest] = result.err.trim().split('\n');
    expect(first).toMatch(/^Lỗi: /);
    expect(first).toMatch(message);
    const usage = rest.join('\n');
    if (args[0] === 'lamgido') expect(usage.trim()).toBe('Gõ npm run cli -- help để xem các lệnh.');
    else {
      expect(usage).toContain(`  ${args[0]} `);
      expect(usage).not.toContain('  province list');
      // One command's usage, not the whole help: `invite` has two forms (one person, a list file).
      expect(rest.length).toBeLessThan(12);
    }
  });

  it('lists the registry with aliases as JSON', () => {
    const result = cli('agencies', '--json');
    const agencies = JSON.parse(result.out) as { code: string; aliases: string[]; kind: string; parent: string | null; officialCode: string | null }[];
    expect(agencies.find((a) => a.code === 'SKHCN')!.aliases).toContain('Sở KH&CN');
    expect(agencies.find((a) => a.code === 'X18073')).toMatchObject({ kind: 'ubnd_xa', officialCode: '18073', aliases: expect.arrayContaining(['Phường Thành Sen']) });
    // The shipped directory is Hà Tĩnh as it stands: no district (they ceased on 1/7/2025), no merged department.
    expect(new Set(agencies.map((a) => a.kind))).toEqual(new Set(['ubnd_tinh', 'so_ban_nganh', 'co_quan_tw', 'ubnd_xa']));
    expect(agencies.map((a) => a.code)).not.toContain('STTTT');
    expect(agencies.filter((a) => a.kind === 'ubnd_xa')).toHaveLength(69);
  });

  it('backs up the database online into a file that opens with the same rows, and never overwrites', () => {
    // Its own database and rows: the test does not depend on what earlier tests wrote.
    const source = join(dir, 'backup-source.sqlite');
    for (const agency of ['SNV', 'STP']) expect(cliOn(source, 'invite', '--agency', agency, '--role', 'dau_moi').code).toBe(0);
    const target = join(dir, 'backup.sqlite');
    const result = cliOn(source, 'backup', target);
    expect(result.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = openDatabase(target, { migrate: false });
    expect((copy.prepare('SELECT COUNT(*) AS n FROM invites').get() as { n: number }).n).toBe(2);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(cliOn(source, 'backup', target).code).toBe(2);
  });
});

describe('npm run cli — plans and deadlines', () => {
  it('prints a deadline as the documented JSON shape, after the working-day shift', () => {
    const result = cli('deadline', 'Quý II, III/2024', '--year', '2024', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      kind: 'due',
      dates: ['2024-07-01', '2024-09-30'],
      note: expect.stringContaining('30/06/2024 là ngày nghỉ'),
      unexplained: [],
    });
    // A word no construction places ("nhé") makes the cell unknown and is listed, never a date.
    expect(JSON.parse(cli('deadline', 'Quý II/2024 nhé', '--year', '2024', '--json').out)).toMatchObject({ kind: 'unknown', dates: [], unexplained: ['nhé'] });
    expect(JSON.parse(cli('deadline', 'Hàng năm', '--year', '2021', '--period', '2021-2023', '--json').out)).toMatchObject({
      kind: 'recurring',
      dates: ['2021-12-31', '2023-01-03', '2024-01-02'],
    });
    // Counted from the plan's date: 8/1/2026 + 30 days is Saturday 7/2, due Monday 9/2; without --issued it waits for an event.
    expect(JSON.parse(cli('deadline', 'Trong 30 ngày kể từ ngày ban hành Kế hoạch', '--year', '2026', '--issued', '2026-01-08', '--json').out)).toMatchObject({ kind: 'due', dates: ['2026-02-09'] });
    expect(JSON.parse(cli('deadline', 'Trong 30 ngày kể từ ngày ban hành Kế hoạch', '--year', '2026', '--json').out)).toMatchObject({ kind: 'event', dates: [] });
    expect(cli('deadline', 'Trong 30 ngày kể từ ngày ban hành Kế hoạch', '--year', '2026', '--issued', '08/01/2026').code).toBe(2);
  });

  it('reads a status reply without storing anything: the documented JSON shape, exit 0', () => {
    const read = (text: string) => {
      const result = cli('reply', text, '--today', '2024-06-24', '--json');
      expect(result.code).toBe(0);
      return JSON.parse(result.out) as Record<string, unknown>;
    };
    const item = { date: null, reason: null, doubt: null, confirm: false };
    expect(read('2.5 xong')).toEqual({
      codes: ['2.5'], status: 'done', progress: 100, date: null, reason: null, evidence: [], confirm: false, unexplained: [],
      items: [{ ...item, codes: ['2.5'], status: 'done', progress: 100 }],
    });
    expect(read('II.3.2 chưa hoàn thành, đang làm 60%')).toEqual({
      codes: ['II.3.2'], status: 'progress', progress: 60, date: null, reason: null, evidence: [], confirm: false, unexplained: [],
      items: [{ ...item, codes: ['II.3.2'], status: 'progress', progress: 60 }],
    });
    // A word the grammar cannot place is listed, and the done is only stored after a confirm tap.
    expect(read('2.5 xong rồi, dzô hệ thống')).toMatchObject({ status: 'done', confirm: true, unexplained: ['dzô'] });
    // Two tasks, two states: each item says its own. Each code first and its words after it, the done is plain;
    // with "xong" before its code it is confirmed first.
    expect(read('2.5 xong rồi, còn 2.6 thì chưa')).toMatchObject({
      status: 'unclear',
      items: [{ codes: ['2.5'], status: 'done', confirm: false }, { codes: ['2.6'], status: 'progress' }],
    });
    expect(read('xong 2.5 rồi, còn 2.6 thì chưa')).toMatchObject({
      status: 'unclear',
      items: [{ codes: ['2.5'], status: 'done', confirm: true }, { codes: ['2.6'], status: 'progress' }],
    });
    expect(read('NV 3.7 đã hoàn thành - QĐ số 45/QĐ-UBND')).toMatchObject({ status: 'done', evidence: ['45/QĐ-UBND'] });
    expect(read('gia hạn 1.6 đến 30/9 vì chờ hướng dẫn')).toMatchObject({ status: 'extension', date: '2024-09-30', reason: 'chờ hướng dẫn' });
    expect(read('2.4 vướng: chưa có kinh phí')).toMatchObject({ status: 'problem', reason: 'chưa có kinh phí' });
    expect(read('2.5 xong chưa?')).toMatchObject({ codes: ['2.5'], status: 'unclear' });
    expect(read('xin gia hạn 2.5')).toMatchObject({ codes: ['2.5'], status: 'unclear' });
    expect(read('xong rồi')).toMatchObject({ codes: [], status: 'unclear' });
    const human = cli('reply', '2.5 chua xong', '--today', '2024-06-24');
    expect(human.out).toContain('Tình trạng: đang thực hiện');
    expect(cli('reply', '2.5 xong', '--today', '24/06/2024').code).toBe(2);
  }, 120_000);

  it('imports with exit 3 when items need review, 0 when clean, 2 when nothing could be written; --dry-run writes nothing', () => {
    const dry = cli('import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--plan', 'KH 2024', '--year', '2024', '--dry-run', '--json');
    expect(dry.code).toBe(3);
    const report = JSON.parse(dry.out);
    expect(Object.keys(report)).toEqual(['rows', 'tasks', 'assignments', 'unresolvedAgencies', 'unknownDeadlines', 'successions', 'pastChecks', 'source', 'document', 'selected', 'columns', 'startProblems']);
    expect(report.selected).toBeNull();
    expect(report.source).toEqual({ format: 'csv' });
    // A CSV has no letterhead and no --doc was given: no document.
    expect(report.document).toBeNull();
    expect(report).toMatchObject({ rows: 76, tasks: 76, unknownDeadlines: [] });
    // Read today, every 2024 date of the plan had passed: none is chased or scored unless --chase-past.
    expect(report.pastChecks.count).toBeGreaterThan(50);
    expect(report.successions.map((s: { text: string }) => s.text)).toContain('Sở TTTT');
    const chased = JSON.parse(cli('import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--plan', 'KH 2024', '--year', '2024', '--dry-run', '--chase-past', '--json').out);
    expect(chased.pastChecks).toMatchObject({ count: 0 });
    const db1 = openDatabase(db);
    expect((db1.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n).toBe(0);
    db1.close();
    expect(cli('import', 'data/plans/soc-trang-163-phu-luc-3.xlsx', '--plan', 'PL3', '--year', '2021', '--period', '2021-2030', '--json').code).toBe(0);
    const bad = cli('import', 'README.md', '--plan', 'X', '--year', '2024', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).message).toContain('Chỉ nhận tệp .csv, .xlsx, Word (.docx, .doc), PDF (có lớp chữ hoặc bản quét) hay ảnh chụp bảng (.png, .jpg)');
    expect(cli('import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--plan', 'X').code).toBe(2);
  });

  it('imports a plan published as a Word file: --json names the format and the tables read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-docx-'));
    const path = join(dir, 'ke-hoach-cchc-2026.docx');
    writeFileSync(path, await plan2026Docx());
    const dry = cli('import', path, '--plan', 'KH CCHC 2026', '--year', '2026', '--dry-run', '--json');
    const report = JSON.parse(dry.out);
    // Ten tasks (see PLAN_2026_TASKS), read from tables 3 and 4 of the five in the file.
    expect(report).toMatchObject({ tasks: 10, source: { format: 'docx', tables: { read: [3, 4], total: 5 } } });
    // "document": the letterhead and title read from the file.
    expect(report.document).toEqual({ number: '45/KH-UBND', place: 'Hà Tĩnh', date: '2026-01-08', issuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', kind: 'Kế hoạch', title: 'KẾ HOẠCH Cải cách hành chính năm 2026' });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('npm run cli -- reminders', () => {
  it('prints the planned schedule as documented, in Hà Nội time, without sending or storing anything', () => {
    const other = join(dir, 'reminders.sqlite');
    expect(cliOn(other, 'import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--plan', 'KH 2024', '--year', '2024', '--chase-past').code).toBe(3);
    expect(cliOn(other, 'invite', '--agency', 'STP', '--role', 'dau_moi').code).toBe(0);
    const result = cliOn(other, 'reminders', '--from', '2024-06-24', '--to', '2024-06-28', '--plan', 'KH 2024', '--json');
    expect(result.code).toBe(0);
    const schedule = JSON.parse(result.out) as { at: string; member: string | null; agency: string; items: { kind: string; ref: string; due: string; step: string }[] }[];
    expect(schedule.length).toBeGreaterThan(10);
    for (const entry of schedule) {
      expect(entry.at).toMatch(/^2024-06-2[4-8]T08:00:00\+07:00$/);
      expect(Object.keys(entry)).toEqual(['at', 'member', 'agency', 'items']);
      for (const item of entry.items) {
        expect(item.kind).toBe('task');
        expect(item.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(item.step).toMatch(/^(before|overdue|leader):\d+$|^checkin$/);
      }
    }
    const stp = schedule.filter((e) => e.agency === 'STP');
    expect(stp.flatMap((e) => e.items.map((i) => `${i.ref}@${i.step}`))).toContain('II.3.4@before:5');
    const check = openDatabase(other);
    expect((check.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n).toBe(0);
    check.close();
    expect(cliOn(other, 'reminders', '--from', '2024-06-28', '--to', '2024-06-01').code).toBe(2);
  });
});

describe('npm run cli -- score and replay', () => {
  it('prints every agency with criteria, points and total; replay finds nothing to fix on a clean store', () => {
    const other = join(dir, 'score.sqlite');
    expect(cliOn(other, 'import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--plan', 'KH 2024', '--year', '2024', '--chase-past').code).toBe(3);
    const result = cliOn(other, 'score', '--period', '2024', '--as-of', '2024-12-31', '--json');
    expect(result.code).toBe(0);
    const scores = JSON.parse(result.out) as { agency: string; name: string; total: number; criteria: { code: string; points: number; maxPoints: number; why: string }[] }[];
    expect(scores.length).toBeGreaterThan(20);
    const stp = scores.find((s) => s.agency === 'STP')!;
    expect(stp.criteria.map((c) => c.code)).toEqual(['completion', 'reports', 'timeliness']);
    expect(stp.criteria[0]!.why).toMatch(/^Hoàn thành 0\/\d+ nhiệm vụ đến hạn/);
    expect(stp.total).toBe(stp.criteria.reduce((n, c) => n + c.points, 0));
    expect(cliOn(other, 'score', '--period', '2024-Q9').code).toBe(2);
    const replay = cliOn(other, 'replay');
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.out)).toMatchObject({ differences: 0, rebuilt: false });
  });

  it('replay rebuilds a derived state that drifted from the events and says so', () => {
    const other = join(dir, 'drift.sqlite');
    const store = openDatabase(other);
    store.prepare("INSERT INTO agency_kinds (code, label, level) VALUES ('so_ban_nganh', 'Sở', 'tinh')").run();
    store.prepare("INSERT INTO agencies (code, name, kind, created_at) VALUES ('STP', 'Sở Tư pháp', 'so_ban_nganh', 'x')").run();
    store.prepare("INSERT INTO status_events (item_kind, item_id, agency_id, status, progress, created_at) VALUES ('task', 1, 1, 'done', 100, '2024-05-01T02:00:00.000Z')").run();
    store.close();
    const replay = cliOn(other, 'replay');
    expect(replay.code).toBe(1);
    expect(JSON.parse(replay.out)).toMatchObject({ checked: 1, differences: 1, rebuilt: true });
    expect(cliOn(other, 'replay').code).toBe(0);
  });
});

describe('npm run cli -- score and export without --as-of', () => {
  it('score as of today, as the chat does (/diem, /xuatexcel): a date later this year is not yet due', () => {
    // Issue 26 item 4: the CLI scored the running year as of 31/12, so work due later this year
    // counted as missed. Without --as-of it scores as of today (the last day of a past period).
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    const other = join(dir, 'asof.sqlite');
    const csv = join(dir, 'asof.csv');
    writeFileSync(csv, ['TT,Nội dung,Chủ trì,Phối hợp,Thời gian hoàn thành', `1,"Rà soát thủ tục hành chính",Sở Tư pháp,,"Trước 02/01/${year}"`, `2,"Báo cáo kết quả rà soát",Sở Tư pháp,,"Trước 31/12/${year}"`].join('\n'));
    expect(cliOn(other, 'import', csv, '--plan', 'KH thử', '--year', year, '--chase-past').code).toBe(0);
    const completion = (...asOf: string[]) => {
      const result = cliOn(other, 'score', '--period', year, ...asOf, '--json');
      expect(result.code, result.err).toBe(0);
      return (JSON.parse(result.out) as { agency: string; criteria: { code: string; why: string }[] }[]).find((s) => s.agency === 'STP')!.criteria.find((c) => c.code === 'completion')!.why;
    };
    // Due by today: the 02/01 task (31/12 is not due before the year's last day, unless today is it).
    const dueToday = 1 + (today >= `${year}-12-31` ? 1 : 0);
    const byDefault = completion();
    expect(byDefault).toMatch(new RegExp(`^Hoàn thành 0/${dueToday} nhiệm vụ đến hạn`));
    expect(byDefault).toBe(completion('--as-of', today));
    expect(completion('--as-of', `${year}-12-31`)).toMatch(/^Hoàn thành 0\/2 nhiệm vụ đến hạn/);
    const exported = cliOn(other, 'export', '--period', year, '--out', join(dir, 'asof.xlsx'));
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain(`số liệu năm ${year} đến ${today.slice(8, 10)}/${today.slice(5, 7)}/${year}`);
    // Six child processes, each a full CLI start: a budget that holds on a loaded 2-core machine.
  }, 120_000);
});
