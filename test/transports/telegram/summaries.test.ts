import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayjs } from '../../../src/domain/time.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
const leader: TgUser = { id: 3003, first_name: 'Minh' };
let h: TelegramHarness;
const at = (local: string) => h.clock.set(dayjs.tz(local, 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi'))[0]!));
  await h.join(leader, codeIn((await h.send(admin, '/moi UBNDT lanh_dao'))[0]!));
  const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
  await h.app.services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2024 });
  h.app.scheduler.planIfNewDay();
  // 24/6: 2.5 done, the 6-month report submitted (after its 17/6 due date).
  await h.send(focal, '2.5 xong');
  await h.send(focal, '/nopbaocao 6T');
  // 2/7 (quý III): progress on 2.3, 2.4 blocked; 3.7 (due 1/7) is now overdue.
  at('2024-07-02 09:00');
  await h.send(focal, '2.3 đang làm 40%');
  await h.send(focal, '2.4 vướng: thiếu người');
});

afterEach(async () => {
  await h.close();
});

/** /xuatexcel 2024 as the leader: one message, the workbook with the fixture's numbers. */
async function checkWorkbook(): Promise<void> {
  const before = h.calls.length;
  // One message: the workbook, the text as its caption.
  const [text] = await h.send(leader, '/xuatexcel 2024');
  expect(text).toContain('Tệp Excel năm 2024');
  expect(h.calls.slice(before).filter((c) => c.payload.chat_id === leader.id).map((c) => c.method)).toEqual(['sendChatAction', 'sendDocument']);
  const doc = h.calls.slice(before).find((c) => c.method === 'sendDocument')!;
  const data = Buffer.from((doc.payload.document as { fileData: Uint8Array }).fileData);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Nhiệm vụ', 'Báo cáo', 'Điểm']);
  const tasks = workbook.getWorksheet('Nhiệm vụ')!;
  expect(tasks.getRow(1).getCell(2).value).toBe('Mã');
  expect(tasks.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(tasks.getColumn(4).width).toBe(60);
  const row25 = tasks.getRows(2, tasks.rowCount - 1)!.find((r) => r.getCell(2).value === '2.5')!;
  expect(row25.getCell(5).value).toBe('Sở Tư pháp');
  expect(row25.getCell(6).value).toBe('Quý II/2024');
  expect(row25.getCell(7).value).toEqual(new Date('2024-07-01T00:00:00Z'));
  expect(row25.getCell(8).value).toBe('Hoàn thành');
  const row24 = tasks.getRows(2, tasks.rowCount - 1)!.find((r) => r.getCell(2).value === '2.4')!;
  expect(row24.getCell(8).value).toBe('Vướng mắc');
  const reports = workbook.getWorksheet('Báo cáo')!;
  const stp6t = reports.getRows(2, reports.rowCount - 1)!.find((r) => String(r.getCell(1).value).includes('6 tháng') && r.getCell(4).value === 'Sở Tư pháp')!;
  expect(stp6t.getCell(5).value).toEqual(new Date('2024-06-24T00:00:00Z'));
  expect(stp6t.getCell(6).value).toBe('Muộn');
  const scores = workbook.getWorksheet('Điểm')!;
  expect(scores.getRows(2, scores.rowCount - 1)!.some((r) => r.getCell(1).value === 'Sở Tư pháp')).toBe(true);
}

describe('summaries for leaders (hand-computed fixture)', () => {
  it('/tonghop: the quarter in one message', async () => {
    const owed = h.app.store.reports.obligationsOf(h.app.store.reports.byCode('6T', 2024)!.id).length;
    const [summary] = await h.send(leader, '/tonghop');
    // Quý III/2024: 1.6, 2.3, 2.4 (Sở Tư pháp), 4.1 (Sở Nội vụ), 4.2 (Sở Tài chính) → 5 due, none done,
    // none of them past yet. 2.5 and 3.7 say "Quý II/2024": they belong to quý II although 30/6 is a
    // Sunday and they are due on Monday 1/7 (that day decides only lateness: 3.7 is overdue below).
    expect(summary).toContain('<b>Tổng hợp CCHC — Tỉnh Hà Tĩnh, quý III/2024</b>');
    expect(summary).toContain('Nhiệm vụ đến hạn trong quý: 5; đã hoàn thành 0 (0%); hạn trong quý đã qua mà chưa xong 0.');
    expect(summary).toContain('• Sở, ban, ngành: 0/5 (0%)');
    // All overdue work, whatever its quarter, as /quahan lists it: the headline and the list agree.
    const [overdueList] = await h.send(leader, '/quahan');
    const total = Number(/Việc quá hạn \((\d+)\)/.exec(overdueList!)![1]);
    expect(summary).toContain(`Tổng số việc còn quá hạn (kể cả từ các quý trước, gồm báo cáo): ${total} — gõ /quahan để xem.`);
    expect(summary).toContain(`Báo cáo CCHC 6 tháng năm 2024: đã nộp 1/${owed} cơ quan.`);
    expect(summary).toContain('7 ngày qua: 0 việc báo hoàn thành, 1 cập nhật tiến độ, 1 báo vướng mắc, 0 xin gia hạn.');
    const [one] = await h.send(leader, '/tonghop STP');
    expect(one).toContain('Tổng hợp CCHC — Sở Tư pháp, quý III/2024');
    expect(one).toContain('Nhiệm vụ đến hạn trong quý: 3; đã hoàn thành 0 (0%); hạn trong quý đã qua mà chưa xong 0.');
    expect(one).toContain('Báo cáo CCHC 6 tháng năm 2024: đã nộp 1/1 cơ quan.');
  });

  it("/tonghop's chart early in a quarter: the year so far, sorted as the text's slowest agencies", async () => {
    // Issue 26 item 9: on 2/7/2024 no date of quý III has come (they are all 30/9), so a quarter
    // chart would be grey bars at 0%. The chart shows the year up to the quarter's end instead, and
    // its order is the text's: most overdue items first. Every agency owes the quý I and 6-month
    // reports (2 overdue); Sở Tư pháp sent 6T but 3.7 is overdue (2 too), and its 2.5 is done, so the
    // agencies that did nothing come before it (ties: the smaller share done first, then the name).
    const before = h.calls.length;
    const [summary] = await h.send(leader, '/tonghop');
    const photo = h.calls.slice(before).find((c) => c.method === 'sendPhoto')!;
    expect(String(photo.payload.caption)).toBe('Tiến độ nhiệm vụ năm 2024 (từ đầu năm đến hết quý III/2024; chưa đến hạn nào của quý) — Tỉnh Hà Tĩnh');
    const slowest = summary!.split('Năm cơ quan chậm nhất')[1]!.split('\n').slice(1, 6).map((l) => /^\d+\. (.+?): \d+ việc/.exec(l)?.[1]);
    expect(slowest).toHaveLength(5);
    expect(slowest).not.toContain('Sở Tư pháp');
    const chart = h.app.services.summaries.province().chart;
    const names = new Map(h.app.store.agencies.list().map((a) => [a.id, a.name]));
    expect(chart.rows.slice(0, 5).map((r) => names.get(r.agencyId))).toEqual(slowest);
    // Sở Tư pháp's bar, January to September: 2.5 done; 3.7 (quý II, due 1/7) overdue; 1.6, 2.3, 2.4 open.
    const stp = h.app.store.agencies.list().find((a) => a.name === 'Sở Tư pháp')!;
    expect(chart.rows.find((r) => r.agencyId === stp.id)).toEqual({ agencyId: stp.id, done: 1, overdue: 1, open: 3, overdueAll: 2 });
    // On 30/9 (Monday) the quarter's dates have come: the chart is the quarter's again.
    at('2024-09-30 09:00');
    const later = h.calls.length;
    await h.send(leader, '/tonghop');
    expect(String(h.calls.slice(later).find((c) => c.method === 'sendPhoto')!.payload.caption)).toBe('Tiến độ nhiệm vụ quý III/2024 — Tỉnh Hà Tĩnh');
  });

  it('/quahan lists overdue work by agency, oldest first; /baocao shows who submitted', async () => {
    const [overdue] = await h.send(admin, '/quahan');
    const stp = overdue!.split('<b>Sở Tư pháp')[1]!.split('<b>')[0]!;
    expect(stp).toContain('Q1 Báo cáo CCHC quý I năm 2024 — hạn 15/03/2024');
    expect(stp).toContain('3.7 Ban hành kế hoạch rà soát thủ tục — hạn 01/07/2024, quá 1 ngày làm việc');
    expect(stp.indexOf('Q1')).toBeLessThan(stp.indexOf('3.7'));
    expect(stp).not.toContain('6T');
    const [report] = await h.send(admin, '/baocao 6t');
    expect(report).toContain('Báo cáo CCHC 6 tháng năm 2024 — hạn 17/06/2024');
    expect(report).toMatch(/Đã nộp \(1\/\d+\):\n• Sở Tư pháp — 24\/06\/2024 \(muộn\)/);
    expect(report).toContain('• Sở Tài chính');
    expect(await h.send(admin, '/baocao XX')).toEqual([expect.stringContaining('Không có báo cáo “XX” năm nay')]);
    // The same report named the way officials say it: "6 tháng", "sáu tháng đầu năm", with the year.
    for (const words of ['6 tháng', 'sáu tháng đầu năm', '6T 2024', '6 thang 2024']) expect(await h.send(admin, `/baocao ${words}`)).toEqual([report]);
    // The year report and Q1, by their everyday names; a word it cannot place is refused, not dropped.
    expect((await h.send(admin, '/baocao NĂM'))[0]).toEqual((await h.send(admin, '/baocao NAM'))[0]);
    expect((await h.send(admin, '/baocao quý I'))[0]).toEqual((await h.send(admin, '/baocao Q1'))[0]);
    expect((await h.send(admin, '/baocao quý 1'))[0]).toContain('Báo cáo CCHC quý I năm 2024');
    expect(await h.send(admin, '/baocao 6T gấp')).toEqual([expect.stringContaining('Không có báo cáo “6T gấp” năm nay')]);
    expect(await h.send(focal, '/tonghop')).toEqual([expect.stringContaining('chỉ dành cho')]);
  });

  it('/xuhuong: replies per week for 12 weeks, with a chart', async () => {
    const before = h.calls.length;
    const [trend] = await h.send(leader, '/xuhuong');
    // 24/6–30/6: 2.5 done and the 6-month report submitted; 1/7–7/7 (today is 2/7): 2.3 progress, 2.4 blocked.
    expect(trend).toContain('<b>Cập nhật của các cơ quan 12 tuần gần đây — Tỉnh Hà Tĩnh</b>');
    expect(trend).toContain('• 24/06–30/06: 2 hoàn thành, 0 cập nhật tiến độ, 0 vướng mắc/xin gia hạn');
    expect(trend).toContain('• 01/07–07/07: 0 hoàn thành, 1 cập nhật tiến độ, 1 vướng mắc/xin gia hạn');
    expect(trend).toContain('Tuần này 0 việc báo hoàn thành, ít hơn tuần trước 2.');
    expect(h.calls.slice(before).filter((c) => c.method === 'sendPhoto')).toHaveLength(1);
    const [other] = await h.send(leader, '/xuhuong STC');
    expect(other).toContain('• 24/06–30/06: 0 hoàn thành, 0 cập nhật tiến độ, 0 vướng mắc/xin gia hạn');
    expect(await h.send(leader, '/xuhuong Sở Không Có')).toEqual([expect.stringContaining('Không tìm thấy cơ quan “Sở Không Có”')]);
    expect(await h.send(focal, '/xuhuong')).toEqual([expect.stringContaining('chỉ dành cho')]);
  });

  it('/xuatexcel sends a workbook the report desk can use: three sheets, Vietnamese headers, frozen header, real dates', async () => {
    await checkWorkbook();
  });

  it('/xuatexcel in the running bot builds the same workbook in a worker thread', async () => {
    h.app.startBackground();
    const offThread = h.app.services.scoring.offThread!;
    expect(offThread).toBeDefined();
    let jobs = 0;
    h.app.services.scoring.offThread = (period, asOf) => {
      jobs += 1;
      return offThread(period, asOf);
    };
    await checkWorkbook();
    expect(jobs).toBe(1);
  });

  it('sends leaders a weekly digest on Monday morning, once', async () => {
    at('2024-07-08 08:00');
    const before = h.calls.length;
    h.app.scheduler.tick();
    await h.app.scheduler.settled();
    await h.app.worker.drain();
    const weekly = h.messagesSince(before, leader.id).map((c) => String(c.payload.text));
    expect(weekly).toHaveLength(1);
    expect(weekly[0]).toContain('<b>Tổng hợp CCHC — Tỉnh Hà Tĩnh, quý III/2024</b>');
    // Two pictures: completion by agency, and the 12-week trend.
    expect(h.calls.slice(before).filter((c) => c.method === 'sendPhoto' && c.payload.chat_id === leader.id)).toHaveLength(2);
    at('2024-07-08 10:00');
    h.app.scheduler.tick();
    await h.app.scheduler.settled();
    at('2024-07-09 08:00');
    h.app.scheduler.tick();
    await h.app.scheduler.settled();
    await h.app.worker.drain();
    expect(h.messagesSince(before, leader.id)).toHaveLength(1);
  });
});
