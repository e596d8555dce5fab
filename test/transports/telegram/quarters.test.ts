import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

/**
 * Issue 26 item 7: quarters count by the plan's date, and "đúng hạn" means done by the date in force.
 * A Sở Tư pháp plan for 2024: 7.1 "Quý II/2024" (30/6 is a Sunday: due Monday 01/07/2024), 7.2
 * "Quý I, II/2024" (31/3 is a Sunday: due 01/04/2024, then 01/07/2024).
 */
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-03-01T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi'))[0]!));
  const csv = Buffer.from(['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '7.1,Rà soát thủ tục nội bộ,Sở Tư pháp,Quý II/2024', '7.2,Báo cáo kiểm soát thủ tục,Sở Tư pháp,"Quý I, II/2024"'].join('\n'));
  expect((await h.app.services.plans.importFile('kh.csv', csv, { name: 'KH quý', year: 2024 })).ok).toBe(true);
});

afterEach(async () => {
  await h.close();
});

/** 8.1 "Quý I, II, III/2024" (due 01/04 — 31/3 is a Sunday —, 01/07 — 30/6 is a Sunday —, 30/09), reported done on 20/03. */
async function quarterlyDoneInMarch(): Promise<void> {
  const csv = Buffer.from(['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '8.1,Tự kiểm tra công tác CCHC,Sở Tư pháp,"Quý I, II, III/2024"'].join('\n'));
  expect((await h.app.services.plans.importFile('kh2.csv', csv, { name: 'KH kiểm tra', year: 2024 })).ok).toBe(true);
  h.clock.set('2024-03-20T02:00:00Z');
  expect((await h.send(focal, '8.1 xong'))[0]).toContain('Đã ghi nhận: 8.1 hoàn thành');
}

describe('quarters count by the plan date', () => {
  it('an approved extension into the next quarter leaves the task in its own quarter', async () => {
    h.clock.set('2024-06-10T02:00:00Z');
    // Quý II owes two dates: 7.1's and 7.2's second one.
    expect((await h.send(admin, '/tonghop'))[0]).toContain('Nhiệm vụ đến hạn trong quý: 2;');
    expect((await h.send(focal, 'Xin gia hạn 7.1 đến 15/08/2024 vì chờ hướng dẫn của Bộ'))[0]).toContain('Đã ghi nhận');
    await h.app.worker.drain();
    const approve = h.lastButtons(admin.id).find((b) => b.text === 'Đồng ý')!;
    expect((await h.press(admin, approve.callback_data))[0]).toContain('Đã đồng ý gia hạn 7.1 đến 15/08/2024');
    // Still two: the extension moves 7.1's date, not its quarter.
    expect((await h.send(admin, '/tonghop'))[0]).toContain('Nhiệm vụ đến hạn trong quý: 2;');
  });
});

describe('a quarterly task carries its state per date', () => {
  it("quý I's done is history in quý II: a new done and an extension are about quý II, and the extension moves only quý II's date", async () => {
    await quarterlyDoneInMarch();
    // 5/6: quý I's date has passed, quý II's is next. An extension request is about quý II: it was
    // taken for a contradiction with quý I's done ("đã báo hoàn thành… mở lại?") before.
    h.clock.set('2024-06-05T02:00:00Z');
    const [asked] = await h.send(focal, 'Xin gia hạn 8.1 đến 15/08/2024 vì chờ hướng dẫn của Bộ');
    expect(asked).toContain('Đã ghi nhận');
    expect(asked).not.toContain('mở lại');
    await h.app.worker.drain();
    const approve = h.lastButtons(admin.id).find((b) => b.text === 'Đồng ý')!;
    expect((await h.press(admin, approve.callback_data))[0]).toContain('Đã đồng ý gia hạn 8.1 đến 15/08/2024');
    // Quý II counts 7.1, 7.2's second date and 8.1's (extended, still quý II's): 3. Quý III keeps
    // 8.1's own 30/09 date: the extension replaced quý II's date only (it replaced every date before).
    expect((await h.send(admin, '/tonghop'))[0]).toContain('Nhiệm vụ đến hạn trong quý: 3;');
    const [task] = await h.send(focal, '/nhiemvu 8.1');
    expect(task).toContain('15/08/2024');
    expect(task).toContain('30/09/2024');
    h.clock.set('2024-07-15T02:00:00Z');
    expect((await h.send(admin, '/tonghop'))[0]).toContain('Nhiệm vụ đến hạn trong quý: 1;');
    // 1/8: done for quý II (by its extended date): recorded, not "đã được báo hoàn thành trước đó".
    h.clock.set('2024-08-01T02:00:00Z');
    expect((await h.send(focal, '8.1 xong'))[0]).toContain('Đã ghi nhận: 8.1 hoàn thành');
    const dones = h.app.store.db.prepare("SELECT COUNT(*) AS n FROM status_events e JOIN tasks t ON t.id = e.item_id WHERE t.code = '8.1' AND e.status = 'done'").get() as { n: number };
    expect(dones.n).toBe(2);
    // Quý III's date is still open: nothing overdue for 8.1, and its next date is 30/09.
    const [list] = await h.send(focal, '/viec');
    const line = list!.split('\n').find((l) => l.includes('8.1'))!;
    expect(line).toContain('30/09/2024');
    expect(line).not.toContain('quá hạn');
  });
});

describe('"đang làm" about the next date leaves the earlier done standing', () => {
  it("quý I done, then in quý II 'đang làm 40%' and a problem: recorded without asking, quý I stays done on time, quý II is what is open", async () => {
    await quarterlyDoneInMarch();
    // 10/5: quý I's date (01/04) has passed; the reply is about quý II. It was asked back as a
    // contradiction ("mở lại?"), and confirming it undid quý I's done: 01/04 turned overdue.
    h.clock.set('2024-05-10T02:00:00Z');
    const [progress] = await h.send(focal, '8.1 đang làm 40%');
    expect(progress).toContain('Đã ghi nhận');
    expect(progress).not.toContain('mở lại');
    const [problem] = await h.send(focal, '8.1 đang vướng vì chưa có kinh phí');
    expect(problem).toContain('Đã ghi nhận');
    // 8.1 is not overdue: 01/04 is covered by the March done; 01/07 has not come (7.2's 01/04 is, not done).
    const [overdue] = await h.send(admin, '/quahan STP');
    expect(overdue).toContain('7.2');
    expect(overdue).not.toContain('8.1');
    const [list] = await h.send(focal, '/viec');
    const line = list!.split('\n').find((l) => l.includes('8.1'))!;
    expect(line).toContain('01/07/2024');
    expect(line).not.toContain('quá hạn');
    // The score of quý I as of today: 8.1's quý I date done on time (the only date of 8.1 in quý I; 7.2's 01/04 is not done).
    const [q1] = await h.send(focal, '/diem 2024-Q1');
    expect(q1).toContain('Hoàn thành 1/2 nhiệm vụ đến hạn');
    expect(q1).toContain('Đúng hạn 1/2 nhiệm vụ đến hạn');
    // Quý II passes with 8.1 not done: its 01/07 date is overdue, 01/04 still is not.
    h.clock.set('2024-07-03T02:00:00Z');
    const [late] = await h.send(admin, '/quahan STP');
    expect(late).toMatch(/8\.1[^\n]*01\/07\/2024/);
    expect(late).not.toMatch(/8\.1[^\n]*01\/04\/2024/);
    // Folding the events again gives the same states (the choice was stored with the event).
    expect(h.app.store.statuses.replay().differences).toEqual([]);
  });
  it('quý I done in March, quý II and III in July: quý I stays done on time; the lateness counts from quý II’s date, not quý I’s', async () => {
    await quarterlyDoneInMarch();
    // 15/7: quý II's date (01/07, 30/6 being a Sunday) has passed; the done covers quý II and III (30/09).
    h.clock.set('2024-07-15T02:00:00Z');
    expect((await h.send(focal, '8.1 xong'))[0]).toContain('Đã ghi nhận: 8.1 hoàn thành');
    h.clock.set('2024-10-07T02:00:00Z');
    const stp = h.app.store.agencies.byCode('STP')!.id;
    const task = h.app.services.tasks.forAgency(stp).find((t) => t.code === '8.1')!;
    // Finished, late against 01/07 only: from Mon 01/07 to Mon 15/07 are 10 working days (2–5, 8–12 and 15 July).
    // Counted from quý I's 01/04, which the March done met, it was 72 — the task shown far later than it was.
    expect(task.view.finished).toBe(true);
    expect(task.view.lateAgainst).toBe('2024-07-01');
    expect(task.view.doneLateDays).toBe(10);
    // The periodic report's list: each date with the day it was done (quý I in March, on time), as the scores have it.
    const rows = h.app.store.progress
      .deadlineRows('2024-01-01', '2024-12-31', { today: '2024-10-07', shift: '+420 minutes', agencyId: stp })
      .filter((r) => r.taskId === task.id)
      .map((r) => [r.dueDate, r.state, r.doneDay]);
    expect(rows).toEqual([
      ['2024-04-01', 'done', '2024-03-20'],
      ['2024-07-01', 'done', '2024-07-15'],
      ['2024-09-30', 'done', '2024-07-15'],
    ]);
    const [q1] = await h.send(focal, '/diem 2024-Q1');
    expect(q1).toContain('Đúng hạn 1/2 nhiệm vụ đến hạn');
    expect(h.app.store.statuses.replay().differences).toEqual([]);
  });

  it('while the done still answers, "đang làm" is asked back, and confirmed it undoes the done', async () => {
    h.clock.set('2024-03-20T02:00:00Z');
    expect((await h.send(focal, '7.2 xong'))[0]).toContain('Đã ghi nhận: 7.2 hoàn thành');
    h.clock.set('2024-03-25T02:00:00Z');
    const [asked] = await h.send(focal, '7.2 đang làm 70%');
    expect(asked).not.toContain('Đã ghi nhận');
    expect(h.app.store.db.prepare("SELECT COUNT(*) AS n FROM status_events WHERE status = 'in_progress'").get()).toEqual({ n: 0 });
  });
});

describe('/tonghop of one agency', () => {
  it('says nothing of a report the agency does not owe (no "đã nộp 0/0 cơ quan")', async () => {
    // Issue 26 item 10: Sở Nội vụ collects the periodic reports, it owes none of them.
    h.clock.set('2024-06-10T02:00:00Z');
    h.app.scheduler.planIfNewDay(); // the 2024 report calendar (the 6-month report, due 17/6, owed by Sở Tư pháp)
    const [snv] = await h.send(admin, '/tonghop SNV');
    expect(snv).not.toContain('0/0');
    const [stp] = await h.send(admin, '/tonghop STP');
    expect(stp).toMatch(/: đã nộp \d+\/1 cơ quan\./);
  });
});

describe('"đúng hạn" only when done by the date in force', () => {
  it('a task done in June that covers its missed April date is done late, in /viec and in the score', async () => {
    h.clock.set('2024-06-20T02:00:00Z');
    expect((await h.send(focal, '7.2 xong'))[0]).toContain('Đã ghi nhận: 7.2 hoàn thành');
    const [finished] = await h.send(focal, '/viec xong');
    const line = finished!.split('\n').find((l) => l.includes('7.2'))!;
    // 01/04/2024 was missed: the done of 20/06 is late for it, whatever the June date.
    expect(line).toMatch(/đã xong 20\/06\/2024 \(muộn \d+ ngày làm việc\)/);
    h.clock.set('2024-07-02T02:00:00Z');
    // The year as of today: 7.2's April date (covered by the June done, but late) and its July date
    // (on time); 7.1's date (01/07) not done: 2 of 3 done, 1 of the 3 on time (7.1's date, not done, is not on time).
    const [year] = await h.send(focal, '/diem 2024');
    expect(year).toContain('Hoàn thành 2/3 nhiệm vụ đến hạn');
    expect(year).toContain('Đúng hạn 1/3 nhiệm vụ đến hạn');
    // Quý II ended on Sunday 30/6, so its dates fell due on Monday 01/07: scored as of that day.
    const [q2] = await h.send(focal, '/diem 2024-Q2');
    expect(q2).toContain('tính đến 01/07/2024');
    expect(q2).toContain('Hoàn thành 1/2 nhiệm vụ đến hạn');
    // Quý II's two dates: 7.2's done on time, 7.1's not done.
    expect(q2).toContain('Đúng hạn 1/2 nhiệm vụ đến hạn');
  });
});
