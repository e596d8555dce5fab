import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/app/agency-registry.js';
import { loadCalendar, loadPolicy } from '../../src/app/province-data.js';
import { plainText } from '../../src/app/reply.js';
import { loadRubric } from '../../src/app/scoring-service.js';
import { loadRetention } from '../../src/app/retention.js';
import { scoreAgency } from '../../src/domain/scoring.js';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

/** Promises the README makes that no other test checked. */
const PLAN = 'STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\n1,Rà soát văn bản,Sở Tư pháp,Sở Tài chính,Quý III/2024\r\n2,Theo dõi thi hành pháp luật,Sở Tư pháp,,Thường xuyên\r\n';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function app(start: string, dataDir?: string) {
  const t = createTestApp({ start, ...(dataDir ? { dataDir } : {}) });
  cleanups.push(() => t.close());
  return t;
}

function dataCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-data-'));
  cpSync(join(process.cwd(), 'data'), dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function say(t: ReturnType<typeof createTestApp>, chat: string, text: string): Promise<string> {
  const out = await t.app.dispatcher.handle({ platform: 'local', platformUserId: chat, chatId: chat, chatType: 'private', senderName: chat, text }, { buttons: true } as never);
  return out.replies.map((r) => plainText(r.text)).join('\n');
}

describe('reminders', () => {
  it('asks for progress on an ongoing ("Thường xuyên") task 5 working days before each quarter ends', async () => {
    const t = app('2024-09-02T01:00:00Z');
    await t.app.services.plans.importFile('p.csv', Buffer.from(PLAN), { name: 'P', year: 2024 });
    const task = t.app.store.plans.tasksByCode('2')[0]!;
    const rows = t.app.services.planner.desired('2024-09-02', '2024-10-15').filter((r) => r.itemKind === 'task' && r.itemId === task.id);
    // 30/9/2024 is a Monday: 5 working days before is Monday 23/9.
    expect(rows.map((r) => `${r.sendDay} ${r.step}`)).toEqual(['2024-09-23 checkin']);
  });

  it('reminds coordinating agencies only when remindCoordinating is on, and applies a per-plan override', async () => {
    const data = dataCopy();
    const policy = JSON.parse(readFileSync(join(data, 'reminder-policy.json'), 'utf8'));
    policy.remindCoordinating = true;
    policy.planOverrides = { 'P ngắn': { leadDays: [3] } };
    writeFileSync(join(data, 'reminder-policy.json'), JSON.stringify(policy));
    const t = app('2024-09-02T01:00:00Z', data);
    await t.app.services.plans.importFile('p.csv', Buffer.from(PLAN), { name: 'P ngắn', year: 2024 });
    const task = t.app.store.plans.tasksByCode('1')[0]!;
    const rows = t.app.services.planner.desired('2024-09-02', '2024-09-30').filter((r) => r.itemKind === 'task' && r.itemId === task.id);
    const stc = t.app.store.agencies.byCode('STC')!.id;
    // Only 3 working days before 30/9 (Wed 25/9) and on the day, for the lead and the coordinating agency.
    expect(rows.filter((r) => r.agencyId === stc).map((r) => `${r.sendDay} ${r.step}`)).toEqual(['2024-09-25 before:3']);
    const defaults = app('2024-09-02T01:00:00Z');
    await defaults.app.services.plans.importFile('p.csv', Buffer.from(PLAN), { name: 'P', year: 2024 });
    const other = defaults.app.services.planner.desired('2024-09-02', '2024-09-30').filter((r) => r.itemKind === 'task');
    expect(other.some((r) => r.agencyId === defaults.app.store.agencies.byCode('STC')!.id)).toBe(false);
  });

  it('after downtime sends what is late by at most the grace window once, marks older ones missed, and tells Sở Nội vụ once', async () => {
    const t = app('2024-09-02T01:00:00Z');
    const { store } = t.app;
    linkedMember(store, { displayName: 'Trang', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'local', chatId: 'focal' }, t.clock.now());
    linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, t.clock.now());
    await t.app.services.plans.importFile('p.csv', Buffer.from(PLAN), { name: 'P', year: 2024 });
    t.app.services.planner.replan();
    // dondoc was down from Monday 16/9 (before:10) to Thursday 26/9 09:00: the before:5 reminder of Mon 23/9
    // is 3 working days late (missed), before:2 of Thu 26/9 is due today (sent).
    t.clock.set('2024-09-26T02:00:00Z');
    t.app.scheduler.tick();
    const task = store.plans.tasksByCode('1')[0]!;
    const rows = store.db.prepare("SELECT step, status FROM reminders WHERE item_kind = 'task' AND item_id = ? ORDER BY send_day").all(task.id) as { step: string; status: string }[];
    expect(rows.filter((r) => ['before:10', 'before:5', 'before:2'].includes(r.step))).toEqual([
      { step: 'before:10', status: 'missed' },
      { step: 'before:5', status: 'missed' },
      { step: 'before:2', status: 'sent' },
    ]);
    const missed = store.db.prepare("SELECT payload FROM outbox WHERE purpose = 'missed'").all() as { payload: string }[];
    expect(missed).toHaveLength(1);
    t.app.scheduler.tick();
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE purpose = 'missed'").get()).toEqual({ n: 1 });
  });
});

describe('extensions', () => {
  it('a rejected request keeps the old date and tells the agency why', async () => {
    const t = app('2024-09-02T01:00:00Z');
    const { store } = t.app;
    const focal = linkedMember(store, { displayName: 'Trang', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'local', chatId: 'focal' }, t.clock.now());
    linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, t.clock.now());
    await t.app.services.plans.importFile('p.csv', Buffer.from(PLAN), { name: 'P', year: 2024 });
    expect(await say(t, 'focal', 'gia hạn NV 1 đến 31/10 vì chờ hướng dẫn')).toContain('Đã ghi nhận: 1 xin gia hạn đến 31/10/2024');
    const request = store.db.prepare("SELECT id FROM status_events WHERE status = 'extension_requested'").get() as { id: number };
    expect(await say(t, 'admin', `/tuchoigiahan ${request.id} Nhiệm vụ trọng tâm, không lùi`)).toBe('Đã không đồng ý gia hạn 1. dondoc đã báo cơ quan.');
    const task = store.plans.tasksByCode('1')[0]!;
    expect(store.statuses.state('task', task.id, focal.agencyId)).toMatchObject({ status: 'not_started', dueOverride: null });
    const notice = store.db.prepare("SELECT payload FROM outbox WHERE purpose = 'notice' AND member_id = ?").get(focal.id) as { payload: string };
    expect(notice.payload).toContain('Sở Nội vụ không đồng ý gia hạn nhiệm vụ 1. Lý do: Nhiệm vụ trọng tâm, không lùi. Hạn cũ vẫn giữ nguyên.');
    expect(await say(t, 'admin', `/duyetgiahan ${request.id}`)).toBe('Đề nghị này đã được quyết định trước đó.');
  });
});

describe('data files are validated on load, with one Vietnamese line naming the file and the field', () => {
  it.each([
    ['reminder-policy.json', (j: Record<string, unknown>) => ({ ...j, leadDays: 'mười' }), /Chính sách nhắc việc .*reminder-policy\.json sai ở leadDays/, (dir: string) => loadPolicy(dir)],
    ['holidays.json', (j: Record<string, unknown>) => ({ ...j, years: { '2024': { daysOff: ['31/12/2024'] } } }), /Lịch nghỉ lễ .*holidays\.json sai ở years\.2024\.daysOff\.0: ngày dạng YYYY-MM-DD/, (dir: string) => loadCalendar(dir)],
    ['rubric.json', (j: Record<string, unknown>) => ({ ...j, criteria: 'không' }), /rubric\.json sai ở criteria/, (dir: string) => loadRubric(dir)],
    // A day of received updates only: a platform re-sending an update a day later would be answered twice.
    [
      'retention.json',
      (j: Record<string, unknown>) => ({ ...j, days: { ...(j.days as object), incomingUpdates: 1 } }),
      /Thời gian lưu dữ liệu .*retention\.json sai ở days\.incomingUpdates: cần số ngày nguyên từ 2 đến 365 \(ít nhất 2 ngày/,
      (dir: string) => loadRetention(dir),
    ],
    [
      'agencies.json',
      (j: Record<string, unknown>) => ({ ...j, agencies: (j.agencies as { isStanding?: boolean }[]).map((a) => ({ ...a, isStanding: false })) }),
      /Danh bạ cơ quan .*agencies\.json sai ở agencies: cần đúng một cơ quan thường trực CCHC/,
      (dir: string) => readRegistry(join(dir, 'agencies.json')),
    ],
  ] as const)('%s', (file, breakIt, message, load) => {
    const dir = dataCopy();
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, file), JSON.stringify(breakIt(json)));
    expect(() => load(dir)).toThrow(message);
    writeFileSync(join(dir, file), '{ not json');
    expect(() => load(dir)).toThrow(/Không đọc được/);
  });
});

describe('scoring: the optional responsiveness criterion', () => {
  it('counts reminders answered within N working days when the rubric enables it', () => {
    const rubric = loadRubric(join(process.cwd(), 'data'));
    const enabled = { ...rubric, criteria: rubric.criteria.map((c) => (c.type === 'responsiveness' ? { ...c, enabled: true } : c)) };
    const obligations = [{ itemKind: 'task' as const, itemId: 1, dueDate: '2024-09-30', label: '1' }];
    const answer = (day: string) => [{ itemKind: 'task' as const, itemId: 1, agencyId: 1, status: 'in_progress' as const, progress: 50, requestedDate: null, day, createdAt: `${day}T02:00:00.000Z` }];
    const reminder = [{ itemKind: 'task' as const, itemId: 1, sentDay: '2024-09-16', answerBy: '2024-09-18' }];
    const within = scoreAgency(1, enabled, obligations, answer('2024-09-17'), '2024-09-30', reminder).criteria.find((c) => c.code === 'responsiveness')!;
    const late = scoreAgency(1, enabled, obligations, answer('2024-09-24'), '2024-09-30', reminder).criteria.find((c) => c.code === 'responsiveness')!;
    expect(within.points).toBe(0.5);
    expect(late.points).toBe(0);
    expect(scoreAgency(1, rubric, obligations, [], '2024-09-30', reminder).criteria.map((c) => c.code)).not.toContain('responsiveness');
  });
});

describe('npm run cli -- export and migrate', () => {
  it('writes a workbook with the tasks, reports and scores sheets, and applies migrations idempotently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-cli-export-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = join(dir, 'x.sqlite');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent' }, encoding: 'utf8' });
    expect(cli('migrate').stdout).toMatch(/^Đã áp dụng \d+ bản nâng cấp lược đồ\./);
    expect(cli('migrate').stdout).toBe('Đã áp dụng 0 bản nâng cấp lược đồ.\n');
    expect(cli('import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--plan', 'KH 2024', '--year', '2024', '--chase-past').status).toBe(3);
    const out = join(dir, 'bao-cao.xlsx');
    const result = cli('export', '--period', '2024', '--out', out, '--as-of', '2024-12-31');
    expect(result.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.length).toBe(3);
    expect(workbook.worksheets[0]!.rowCount).toBeGreaterThan(76);
    expect(cli('export', '--period', '2024-Q9', '--out', join(dir, 'x.xlsx')).status).toBe(2);
  });
});

describe('broadcast audiences that follow the work', () => {
  it('"Cơ quan có việc quá hạn" and "Chưa nộp <báo cáo>" reach exactly the agencies concerned', async () => {
    const t = app('2024-09-02T01:00:00Z');
    const { store, services } = t.app;
    const now = t.clock.now();
    linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, now);
    linkedMember(store, { displayName: 'Trang', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'local', chatId: 'stp' }, now);
    linkedMember(store, { displayName: 'Lan', agencyId: store.agencies.byCode('STC')!.id, role: 'focal' }, { platform: 'local', chatId: 'stc' }, now);
    linkedMember(store, { displayName: 'Nam', agencyId: store.agencies.byCode('SXD')!.id, role: 'focal' }, { platform: 'local', chatId: 'sxd' }, now);
    const plan = 'STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\n1,Rà soát văn bản,Sở Tư pháp; Sở Tài chính,,Quý III/2024\r\n';
    await services.plans.importFile('p.csv', Buffer.from(plan), { name: 'P', year: 2024 });
    const { ensureReportYear } = await import('../../src/app/report-calendar.js');
    ensureReportYear(store, services.reportConfig, services.calendar, t.clock, 2024);
    // Sở Tài chính finishes the task and submits its reports; Sở Tư pháp does neither; Sở Xây dựng owes no task.
    expect(await say(t, 'stc', 'NV 1 xong')).toContain('Đã ghi nhận: 1 hoàn thành.');
    t.clock.set('2024-09-10T02:00:00Z');
    // Both had also let the 6-month report (due 17/6) slip: they submit it now, late.
    for (const chat of ['stc', 'sxd']) {
      expect(await say(t, chat, '/nopbaocao 6T')).toContain('sau hạn');
      expect(await say(t, chat, '/nopbaocao Q3')).toContain('đúng hạn');
    }
    t.clock.set('2024-10-14T02:00:00Z');
    expect(await say(t, 'admin', '/thongbao Đề nghị hoàn thành việc quá hạn')).toContain('Thông báo #1 đã soạn');
    expect(await say(t, 'admin', '/tb_doituong 1 overdue')).toContain('gửi tới: Cơ quan có việc quá hạn — 1 người của 1 cơ quan.');
    const audience = services.broadcasts.resolve('overdue', store.members.byAccount('local', 'admin')!);
    expect(audience.ok && audience.value.recipients.map((r) => store.agencies.byId(r.agencyId)!.code)).toEqual(['STP']);
    const q3 = store.reports.byCode('Q3', 2024)!;
    const owing = services.broadcasts.resolve(`report:${q3.id}`, store.members.byAccount('local', 'admin')!);
    expect(owing.ok && owing.value.recipients.map((r) => store.agencies.byId(r.agencyId)!.code)).toEqual(['STP']);
    expect(services.broadcasts.audiences().map((a) => a.label)).toContain('Chưa nộp Q3/2024');
  });
});
