import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayjs } from '../../../src/domain/time.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
let h: TelegramHarness;

const at = (local: string) => h.clock.set(dayjs.tz(local, 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());
async function tickAndDeliver(): Promise<string[]> {
  const before = h.calls.length;
  h.app.scheduler.tick();
  await h.app.worker.drain();
  return h.messagesSince(before, focal.id).map((c) => String(c.payload.text));
}

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-21T03:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi'))[0]!));
  const csv = readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv'));
  await h.app.services.plans.importFile('ha-tinh.csv', csv, { name: 'KH CCHC 2024', year: 2024 });
  at('2024-06-24 07:00');
  h.app.scheduler.replan();
});

afterEach(async () => {
  await h.close();
});

describe('reminder digests on Telegram', () => {
  it('sends the morning digest with ✅/⏰ buttons; ✅ stops the item at once', async () => {
    at('2024-06-24 08:00');
    const [digest] = await tickAndDeliver();
    expect(digest).toContain('🔔 Nhắc việc CCHC — thứ Hai, 24/06/2024');
    expect(digest).toContain('<b>II.3.4</b>');
    expect(digest).toContain('còn 5 ngày làm việc (hạn 01/07/2024)');
    const done = h.lastButtons(focal.id).find((b) => b.text === '✅ II.3.4')!;
    expect(done.callback_data).toMatch(/^\/xong t\d+$/);
    expect(await h.press(focal, done.callback_data)).toEqual(['✅ Đã ghi nhận: II.3.4 hoàn thành. dondoc sẽ không nhắc việc này nữa.']);
    expect(await h.press(focal, done.callback_data)).toEqual(['II.3.4 đã được báo hoàn thành trước đó.']);
    at('2024-06-27 08:00');
    const later = (await tickAndDeliver()).join('\n');
    expect(later).not.toContain('II.3.4');
  });

  it('offers the periodic report due as a draft in one tap (📝), the agency\'s own', async () => {
    // The Q3 report is due Monday 16/9/2024 (15/9 a Sunday): reminded 2 working days before, on 12/9.
    at('2024-09-12 07:00');
    h.app.scheduler.replan();
    at('2024-09-12 08:00');
    const digest = (await tickAndDeliver()).join('\n');
    expect(digest).toContain('<b>Q3</b> Báo cáo CCHC quý III');
    const buttons = h.lastButtons(focal.id);
    const draft = buttons.find((b) => b.text === '📝 Soạn Q3')!;
    expect(draft.callback_data).toBe('/soanbaocao Q3 2024');
    // A task has no such button: only ✅ and ⏰.
    expect(buttons.filter((b) => !b.text.endsWith('Q3')).every((b) => /^[✅⏰] /.test(b.text))).toBe(true);
    const before = h.calls.length;
    const [summary] = await h.press(focal, draft.callback_data);
    expect(summary).toContain('Dự thảo báo cáo CCHC quý III năm 2024 — Sở Tư pháp');
    const files = h.calls.slice(before).filter((c) => c.method === 'sendDocument').map((c) => (c.payload.document as { filename?: string }).filename);
    expect(files).toEqual(['bao-cao-cchc-2024-Q3-STP.docx', 'bao-cao-cchc-2024-Q3-STP.xlsx']);
  });

  it('snoozes one item for 1 working day with ⏰', async () => {
    at('2024-06-24 08:00');
    await tickAndDeliver();
    const later = h.lastButtons(focal.id).find((b) => b.text === '⏰ II.3.4')!;
    const [ask] = await h.press(focal, later.callback_data);
    expect(ask).toBe('Nhắc lại II.3.4 sau bao lâu?');
    const oneDay = h.lastButtons(focal.id).find((b) => b.text === '1 ngày làm việc')!;
    expect(await h.press(focal, oneDay.callback_data)).toEqual(['⏰ Sẽ nhắc lại II.3.4 vào sáng thứ Ba, 25/06/2024.']);
    at('2024-06-25 08:00');
    expect((await tickAndDeliver()).join('\n')).toContain('II.3.4');
    expect(await h.send(focal, '/nhacsau II.3.4 7')).toEqual(['Chỉ hoãn được 1 hoặc 3 ngày làm việc.']);
  });

  it("does not let a coordinating agency close the lead's task", async () => {
    expect(await h.send(focal, '/xong I.3.3')).toEqual([
      'Việc I.3.3 không do cơ quan bạn chủ trì nên bạn không thể báo hoàn thành. Cơ quan phối hợp báo phần việc của mình cho cơ quan chủ trì.',
    ]);
    expect(await h.send(focal, '/xong 9.9.9')).toEqual([expect.stringContaining('Không tìm thấy việc “9.9.9”')]);
  });

  it('never closes or snoozes one of several tasks a code names: lists them, writes nothing until one is chosen', async () => {
    // Issue 26: /xong and /nhacsau took the first task a code named. The same table imported as a
    // second plan makes "II.3.4" (Sở Tư pháp leads it) name two tasks, one per plan; the focal
    // point must say which, and nothing is stored before the choice.
    const csv = readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv'));
    expect((await h.app.services.plans.importFile('ha-tinh.csv', csv, { name: 'KH CCHC 2024 bổ sung', year: 2024 })).ok).toBe(true);
    const events = () => (h.app.store.db.prepare("SELECT COUNT(*) AS n FROM status_events WHERE item_kind = 'task'").get() as { n: number }).n;
    const snoozes = () => (h.app.store.db.prepare('SELECT COUNT(*) AS n FROM snoozes').get() as { n: number }).n;
    const [asked] = await h.send(focal, '/xong II.3.4');
    expect(asked).toContain('Mã “II.3.4” khớp với 2 nhiệm vụ; dondoc chưa báo hoàn thành nhiệm vụ nào.');
    expect(asked).toContain('• II.3.4 — KH CCHC 2024 —');
    expect(asked).toContain('• II.3.4 — KH CCHC 2024 bổ sung —');
    expect(events()).toBe(0);
    const second = h.lastButtons(focal.id).find((b) => b.text === 'II.3.4 — KH CCHC 2024 bổ sung')!;
    expect(await h.press(focal, second.callback_data)).toEqual(['✅ Đã ghi nhận: II.3.4 hoàn thành. dondoc sẽ không nhắc việc này nữa.']);
    const done = h.app.store.db.prepare("SELECT p.name FROM status_events e JOIN tasks t ON t.id = e.item_id JOIN plans p ON p.id = t.plan_id WHERE e.item_kind = 'task'").all();
    expect(done).toEqual([{ name: 'KH CCHC 2024 bổ sung' }]);
    // The snooze keeps its number of days on the buttons; nothing is snoozed before the choice.
    const [later] = await h.send(focal, '/nhacsau II.3.4 3');
    expect(later).toContain('Mã “II.3.4” khớp với 2 nhiệm vụ; dondoc chưa hoãn nhắc nhiệm vụ nào.');
    expect(snoozes()).toBe(0);
    const first = h.lastButtons(focal.id).find((b) => b.text === 'II.3.4 — KH CCHC 2024')!;
    expect(first.callback_data).toMatch(/^\/nhacsau t\d+ 3$/);
    expect(await h.press(focal, first.callback_data)).toEqual([expect.stringMatching(/^⏰ Sẽ nhắc lại II\.3\.4 vào sáng /)]);
    expect(snoozes()).toBe(1);
    // A leader's read of the history asks too, rather than showing one plan's history as the code's.
    const [history] = await h.send(admin, '/lichsu II.3.4');
    expect(history).toContain('Mã “II.3.4” khớp với 2 nhiệm vụ. Xem lịch sử nhiệm vụ nào?');
  });

  it('mutes non-urgent reminders but still sends urgent and overdue ones', async () => {
    expect(await h.send(focal, '/tatnhac')).toEqual([expect.stringContaining('Đã tắt các lời nhắc chưa gấp')]);
    at('2024-06-24 08:00');
    const muted = (await tickAndDeliver()).join('\n');
    expect(muted).not.toContain('còn 5 ngày làm việc');
    expect(muted).toContain('Quá hạn');
    await h.send(focal, '/batnhac');
    at('2024-06-25 08:00');
    expect((await tickAndDeliver()).join('\n')).toContain('🔔 Nhắc việc CCHC');
  });
});

describe('calendar, policy and ad hoc reports', () => {
  it('/yeucaubaocao creates a report for the chosen agencies that appears in their /lich and reminders', async () => {
    const [created] = await h.send(admin, '/yeucaubaocao 05/07/2024 so_ban_nganh Báo cáo kết quả số hóa hồ sơ');
    expect(created).toMatch(/^Đã tạo yêu cầu báo cáo “Báo cáo kết quả số hóa hồ sơ”, hạn 05\/07\/2024, gửi \d+ cơ quan/);
    const [calendar] = await h.send(focal, '/lich');
    expect(calendar).toContain('Các hạn trong 30 ngày tới — Sở Tư pháp');
    expect(calendar).toContain('<b>05/07/2024</b> DX1 — Báo cáo kết quả số hóa hồ sơ');
    expect(calendar).toContain('<b>01/07/2024</b> II.3.4');
    // The agency's part on each line: a task it coordinates says so; one it leads does not.
    const stp = h.app.store.agencies.byCode('STP')!.id;
    const coordinated = new Set(h.app.store.plans.tasksForAgency(stp).filter((t) => t.role === 'coord').map((t) => t.code));
    const lines = calendar!.split('\n').filter((l) => /^<b>\d/.test(l));
    for (const line of lines) {
      const code = /<\/b> (\S+) —/.exec(line)![1]!;
      expect(line.endsWith(' (phối hợp)') || line.includes(' (phối hợp) — '), line).toBe(coordinated.has(code));
    }
    expect(lines.filter((l) => l.includes('(phối hợp)')).length).toBeGreaterThan(0);
    // Done shows on its line: II.3.4 (due 1/7) reported done today.
    expect(calendar).not.toContain('đã xong');
    await h.send(focal, '/xong II.3.4');
    const [after] = await h.send(focal, '/lich');
    expect(after).toMatch(/<b>01\/07\/2024<\/b> II\.3\.4 — [^\n]* — ✅ đã xong/);
    expect(after!.match(/đã xong/g)).toHaveLength(1);
    expect(await h.send(admin, '/yeucaubaocao 31/02/2024 tatca X')).toEqual([expect.stringContaining('không hợp lệ')]);
    expect(await h.send(admin, '/yeucaubaocao 05/07/2024 ai_do X')).toEqual([expect.stringContaining('Không rõ đối tượng “ai_do”')]);
    expect(await h.send(focal, '/yeucaubaocao 05/07/2024 tatca X')).toEqual([expect.stringContaining('chỉ dành cho quản trị')]);
    // One admin action in the audit log (the refused ones wrote nothing): the report, its title, due date and how many agencies.
    const agencies = Number(/gửi (\d+) cơ quan/.exec(created!)![1]);
    expect(h.app.store.audit.list({}).filter((e) => e.action === 'report_request')).toEqual([
      expect.objectContaining({ via: 'telegram', target: 'report:DX1/2024', detail: { title: 'Báo cáo kết quả số hóa hồ sơ', due: '2024-07-05', audience: 'so_ban_nganh', agencies } }),
    ]);
  });

  it("re-plans the day's reminders at night, sending nothing then, so office hours start with the plan made", async () => {
    // Sở Nội vụ moves II.3.4 (due 1/7) to 15/7 without a re-plan; the next night picks it up.
    const task = h.app.store.db.prepare("SELECT id FROM tasks WHERE code = 'II.3.4'").get() as { id: number };
    const planned = () =>
      (h.app.store.db.prepare("SELECT DISTINCT due_date AS due FROM reminders WHERE item_id = ? AND status = 'planned' AND send_day >= '2024-06-25'").all(task.id) as { due: string }[]).map((r) => r.due);
    expect(planned()).toEqual(['2024-07-01']);
    h.app.store.plans.setOverride(task.id, '2024-07-15', null, 'lùi hạn', h.clock.now());
    at('2024-06-25 01:00');
    expect(h.app.scheduler.tick().open).toBe(false);
    expect(planned()).toEqual(['2024-07-01']);
    at('2024-06-25 02:00');
    const night = h.app.scheduler.tick();
    expect(night.open).toBe(false);
    expect(night.claimed).toBe(0);
    expect(planned()).toEqual(['2024-07-15']);
    await h.app.worker.drain();
    expect(h.messagesSince(0, focal.id).filter((c) => String(c.payload.text).includes('Nhắc việc'))).toEqual([]);
  });

  it('/chinhsach shows the policy in Vietnamese', async () => {
    const [policy] = await h.send(admin, '/chinhsach');
    expect(policy).toContain('Nhắc trước hạn: 10, 5, 2, 1 ngày làm việc và đúng ngày hạn.');
    expect(policy).toContain('sau 3 ngày báo lãnh đạo cơ quan; sau 10 ngày nêu tên trong bản tin hằng ngày của Sở Nội vụ');
  });
});
