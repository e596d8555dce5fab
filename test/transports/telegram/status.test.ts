import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureReportYear } from '../../../src/app/report-calendar.js';
import { dayjs } from '../../../src/domain/time.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
const leader: TgUser = { id: 2003, first_name: 'Minh' };
const other: TgUser = { id: 3003, first_name: 'Lan' };
const snvFocal: TgUser = { id: 4004, first_name: 'Nam' };
const stranger: TgUser = { id: 9009, first_name: 'Lạ' };
let h: TelegramHarness;

const events = () => h.app.store.db.prepare('SELECT status, progress, reason, evidence, requested_date AS requestedDate FROM status_events ORDER BY id').all();
const eventCount = () => (h.app.store.db.prepare('SELECT COUNT(*) AS n FROM status_events').get() as { n: number }).n;
const state = (code: string, agency = 'STP') =>
  h.app.store.statuses.state('task', h.app.store.plans.tasksByCode(code)[0]!.id, h.app.store.agencies.byCode(agency)!.id);

async function join_(user: TgUser, agency: string, role: string): Promise<void> {
  const [invite] = await h.send(admin, `/moi ${agency} ${role}`);
  await h.join(user, codeIn(invite!));
}

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await join_(focal, 'STP', 'dau_moi');
  await join_(leader, 'STP', 'lanh_dao');
  await join_(other, 'STC', 'dau_moi');
  await join_(snvFocal, 'SNV', 'dau_moi');
  const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
  const result = await h.app.services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2024 });
  expect(result.ok).toBe(true);
});

afterEach(async () => {
  await h.close();
});

describe('status replies by text through the real bot', () => {
  it.each([
    ['2.5 xong', 'done', { status: 'done', progress: 100 }],
    ['NV 3.7 đã hoàn thành - QĐ số 123/QĐ-UBND', 'done', { status: 'done', evidence: '123/QĐ-UBND' }],
    ['NV 3.7 da hoan thanh - QD so 123/QD-UBND', 'done', { status: 'done', evidence: '123/QD-UBND' }],
    ['2.3 đang làm 60%', 'in_progress', { status: 'in_progress', progress: 60 }],
    ['2.3 dang lam 60%', 'in_progress', { status: 'in_progress', progress: 60 }],
    ['2.4 vướng: chưa có kinh phí', 'blocked', { status: 'blocked', reason: 'chưa có kinh phí' }],
    ['2.4 vuong: chua co kinh phi', 'blocked', { status: 'blocked', reason: 'chua co kinh phi' }],
    ['gia hạn 1.6 đến 30/9 vì chờ hướng dẫn của Bộ', 'extension_requested', { status: 'extension_requested', requestedDate: '2024-09-30', reason: 'chờ hướng dẫn của Bộ' }],
    ['gia han 1.6 den 30/9 vi cho huong dan cua Bo', 'extension_requested', { status: 'extension_requested', requestedDate: '2024-09-30' }],
  ])('%j is stored as %s', async (text, _status, stored) => {
    const [reply] = await h.send(focal, text);
    expect(reply).toMatch(/^Đã ghi nhận: /);
    expect(events().at(-1)).toMatchObject(stored);
    // The leader sends the same line with /capnhat: recorded again, except a second "done" (already done)
    // and a second extension request while the first still waits (one pending request per task).
    const [viaCommand] = await h.send(leader, `/capnhat ${text}`);
    const code = text.match(/\d\.\d/)![0];
    if (stored.status === 'done') expect(viaCommand).toBe(`Nhiệm vụ ${code} đã được báo hoàn thành trước đó.`);
    else if (stored.status === 'extension_requested') expect(viaCommand).toContain(`đã có đề nghị gia hạn nhiệm vụ ${code} đang chờ`);
    else expect(viaCommand).toMatch(new RegExp(`^Đã ghi nhận: ${code.replace('.', '\\.')} `));
  });

  it('a lower progress than the last one reported is asked about, stored only on "Ghi …"; "Giữ …" changes nothing; a rise is stored at once', async () => {
    await h.send(focal, '2.3 đang làm 84%');
    expect(events().at(-1)).toMatchObject({ status: 'in_progress', progress: 84 });
    const count = events().length;
    // 84% → 60%: a slip (64%? 86%?) or real work undone; dondoc does not pick one.
    const [asked] = await h.send(focal, '2.3 dang lam duoc 60%');
    expect(asked).toBe('Lần trước cơ quan báo nhiệm vụ 2.3 đạt 84%, tin này ghi 60%. Tiến độ giảm là do gõ nhầm hay công việc phải làm lại? Chọn một, dondoc chưa ghi gì.');
    expect(h.lastButtons(focal.id).map((b) => b.text)).toEqual(['Ghi 60%', 'Giữ 84%']);
    expect(events()).toHaveLength(count);
    const keep = h.lastButtons(focal.id).find((b) => b.text === 'Giữ 84%')!;
    expect((await h.press(focal, keep.callback_data))[0]).toBe('Giữ nguyên: nhiệm vụ 2.3 đạt 84%. Không thay đổi gì.');
    expect(events()).toHaveLength(count);
    await h.send(focal, '2.3 đang làm 60%');
    const record = h.lastButtons(focal.id).find((b) => b.text === 'Ghi 60%')!;
    expect((await h.press(focal, record.callback_data))[0]).toMatch(/^Đã ghi nhận: 2\.3 /);
    expect(events().at(-1)).toMatchObject({ status: 'in_progress', progress: 60 });
    // Up again: nothing to ask.
    expect((await h.send(focal, '2.3 đang làm 70%'))[0]).toMatch(/^Đã ghi nhận: 2\.3 /);
    expect(events().at(-1)).toMatchObject({ progress: 70 });
  });

  it('asks back when a code matches several tasks, and lists the asker\'s tasks for an unknown code', async () => {
    const csv = Buffer.from('\ufeffSTT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\n2.5,Việc khác cùng số,Sở Tư pháp,,Năm 2024\r\n');
    await h.app.services.plans.importFile('khac.csv', csv, { name: 'KH khác', year: 2024 });
    const [ask] = await h.send(focal, '2.5 đang làm 40%');
    expect(ask).toContain('khớp với nhiều nhiệm vụ');
    expect(h.lastButtons(focal.id).map((b) => b.text).sort()).toEqual(['2.5 — KH khác', '2.5 — KH thử']);
    expect(eventCount()).toBe(0);
    const other = h.lastButtons(focal.id).find((b) => b.text === '2.5 — KH khác')!;
    expect(await h.press(focal, other.callback_data)).toEqual(['Đã ghi nhận: 2.5 đang thực hiện (40%).']);
    const otherTask = h.app.store.plans.tasksByCode('2.5').find((t) => t.planName === 'KH khác')!;
    expect(h.app.store.statuses.state('task', otherTask.id, h.app.store.agencies.byCode('STP')!.id)).toMatchObject({ progress: 40 });
    expect(await h.send(focal, '9.9 xong')).toEqual(['Không có nhiệm vụ mã “9.9”. Gõ /viec để xem mã các nhiệm vụ của cơ quan bạn.']);
  });
});

describe('negation, hedges, several codes and doubt, through the real bot', () => {
  it.each([
    ['II.3.2 style: 2.3 chưa hoàn thành, đang làm 60%', '2.3 chưa hoàn thành, đang làm 60%', { status: 'in_progress', progress: 60 }],
    ['informal negation', '2.3 chua xong ạ', { status: 'in_progress', progress: null }],
    ['negated with a reason', '2.4 không hoàn thành được vì thiếu kinh phí', { status: 'blocked', reason: 'thiếu kinh phí' }],
    ['hedge', '2.3 gần xong 90%', { status: 'in_progress', progress: 90 }],
    ['contrast', '2.3 đã xong bước 1, đang làm bước 2', { status: 'in_progress' }],
  ])('%s is never stored as done', async (_name, text, stored) => {
    const [reply] = await h.send(focal, text);
    expect(reply).toMatch(/^Đã ghi nhận: /);
    expect(reply).not.toContain('hoàn thành.');
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject(stored);
    expect(state(text.slice(0, 3))?.status).not.toBe('done');
  });

  it('records every code of "2.5, 3.7 xong" in one answer', async () => {
    const replies = await h.send(focal, 'Dạ 2.5, 3.7 xong rồi ạ');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Đã ghi nhận: 2.5 hoàn thành.');
    expect(replies[0]).toContain('Đã ghi nhận: 3.7 hoàn thành.');
    expect(state('2.5')?.status).toBe('done');
    expect(state('3.7')?.status).toBe('done');
  });

  it('asks back with the status buttons instead of guessing, and stores nothing until a button is pressed', async () => {
    const [ask] = await h.send(focal, '2.5 xong chưa ạ?');
    expect(ask).toContain('có vẻ là câu hỏi về nhiệm vụ 2.5');
    expect(ask).toContain('dondoc chưa ghi gì');
    expect(eventCount()).toBe(0);
    const buttons = h.lastButtons(focal.id);
    expect(buttons.map((b) => b.text)).toEqual(['✅ Hoàn thành', '🔄 Đang thực hiện', '⚠️ Vướng mắc', '📅 Xin gia hạn']);
    const [progressAsk] = await h.press(focal, buttons[1]!.callback_data);
    expect(progressAsk).toContain('Tiến độ nhiệm vụ 2.5');
    expect(eventCount()).toBe(0);
  });

  it('reads each task of a message on its own: the progress is stored, a done whose words come before its code is confirmed with one tap first', async () => {
    // "xong 2.5 rồi, 2.3 đang làm 50%": two tasks, two states. 2.3 is plainly in progress (stored);
    // 2.5's "xong" stands before its code in a message with two states, so dondoc asks before storing it.
    // ("2.5 xong, 2.3 đang làm 50%", each code first and its words after it, is stored at once: see below.)
    const replies = await h.send(focal, 'xong 2.5 rồi, 2.3 đang làm 50%');
    expect(replies.join('\n')).toContain('Ghi nhận 2.5 đã hoàn thành?');
    expect(replies.join('\n')).toContain('Đã ghi nhận: 2.3 đang thực hiện (50%)');
    expect(events()).toEqual([expect.objectContaining({ status: 'in_progress', progress: 50 })]);
    const asked = h.messagesSince(0, focal.id).find((m) => String(m.payload.text).includes('Ghi nhận 2.5 đã hoàn thành?'))!;
    const markup = asked.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const yes = markup.inline_keyboard.flat().find((b) => b.text.startsWith('✅ Đúng'))!;
    expect(await h.press(focal, yes.callback_data)).toEqual([expect.stringContaining('Đã ghi nhận: 2.5 hoàn thành.')]);
    expect(state('2.5')!.status).toBe('done');
  });

  it('never stores done against the words: negated, future, partial, rhetorical and hedged replies', async () => {
    // Each of these says 2.5 is NOT finished (or is not sure): nothing is stored as done.
    for (const text of ['2.5 xong đâu anh', 'mai em xong 2.5', '2.5 mới xong một nửa', '2.5 xong rồi mà chưa gửi', 'tưởng 2.5 xong rồi nhưng Sở trả lại', 'chắc 2.5 xong rồi', 'nghe nói 2.5 xong rồi', '2.5 làm gì đã xong']) {
      await h.send(focal, text);
      expect(state('2.5')?.status, text).not.toBe('done');
    }
    expect(events().filter((e) => (e as { status: string }).status === 'done')).toEqual([]);
  });

  it('asks to confirm a done with words it cannot place, and stores it only on "Đúng"; "Chưa xong" and "Khác…" store nothing done', async () => {
    // "dzô" is not a word dondoc knows: the done is asked back with the word named.
    const [question] = await h.send(focal, '2.5 xong rồi, dzô hệ thống iOffice - QĐ 12/QĐ-UBND');
    expect(question).toContain('Ghi nhận 2.5 đã hoàn thành?');
    expect(question).toContain('“dzô”');
    expect(eventCount()).toBe(0);
    const buttons = h.lastButtons(focal.id).map((b) => b.text);
    expect(buttons).toEqual(['✅ Đúng, đã xong', '🔄 Chưa xong', 'Khác…']);
    const other_ = h.lastButtons(focal.id).find((b) => b.text === 'Khác…')!;
    expect((await h.press(focal, other_.callback_data))[0]).toContain('Chọn tình trạng đúng của nhiệm vụ 2.5');
    expect(eventCount()).toBe(0);
    await h.send(focal, '2.5 xong rồi, dzô hệ thống iOffice - QĐ 12/QĐ-UBND');
    const yes = h.lastButtons(focal.id).find((b) => b.text.startsWith('✅ Đúng'))!;
    await h.press(focal, yes.callback_data);
    expect(events()).toEqual([expect.objectContaining({ status: 'done', evidence: '12/QĐ-UBND' })]);
  });

  it('stores the documents a confirmed done named exactly as a plain done stores them ("a, b")', async () => {
    // The same two documents, once in a plain done (stored at once) and once beside a word dondoc
    // cannot place (stored on "Đúng"): both must read "12/QĐ-UBND, 15/BC-STP" in the history.
    await h.send(focal, '2.3 xong rồi, QĐ 12/QĐ-UBND và BC 15/BC-STP');
    await h.send(focal, '2.5 xong rồi, dzô hệ thống - QĐ 12/QĐ-UBND và BC 15/BC-STP');
    const yes = h.lastButtons(focal.id).find((b) => b.text.startsWith('✅ Đúng'))!;
    await h.press(focal, yes.callback_data);
    expect(events()).toEqual([
      expect.objectContaining({ status: 'done', evidence: '12/QĐ-UBND, 15/BC-STP' }),
      expect.objectContaining({ status: 'done', evidence: '12/QĐ-UBND, 15/BC-STP' }),
    ]);
  });

  it('records "A xong rồi, còn B thì chưa" as A done and B not done, at once: each code is followed by its own words', async () => {
    const replies = await h.send(focal, '2.3 xong rồi, còn 2.5 thì chưa');
    expect(replies.join('\n')).not.toContain('Ghi nhận 2.3 đã hoàn thành?');
    expect(state('2.5')!.status).toBe('in_progress');
    expect(state('2.3')!.status).toBe('done');
  });

  // Several tasks in one message, from the third held-out corpus (test/fixtures/corpus/replies-heldout3.jsonl):
  // each task gets what its own words say. Where every code comes first and its words after it, no word can belong to
  // another task, so a plain done is stored at once; a done whose words stand before its code is stored only after
  // the tap; a task whose words do not settle it (a question, hearsay, "not started") gets nothing.
  it.each([
    ['2.3 xong r, 2.4 chưa', { '2.3': 'done', '2.4': 'in_progress' }, [], 'done; "chưa" alone after it = not finished yet'],
    ['2.3 - xong\n2.4 - đang làm\n2.5 - chưa làm', { '2.3': 'done', '2.4': 'in_progress' }, [], 'one line per task: a line break ends a clause; 2.5 not started is asked'],
    ['2.3 xong, 2.4 đang làm, 2.5 vướng kinh phí', { '2.3': 'done', '2.4': 'in_progress', '2.5': 'blocked' }, [], 'three states'],
    ['2.3 chưa xong, 2.4 xong rồi', { '2.3': 'in_progress', '2.4': 'done' }, [], 'not finished; finished'],
    ['Dạ em báo cáo: 1. NV 2.3 đã hoàn thành; 2. NV 2.4 đang thực hiện', { '2.3': 'done', '2.4': 'in_progress' }, [], 'a numbered list: "1." and "2." are not tasks'],
    ['2.3 xong chưa? 2.4 em xong rồi', { '2.4': 'done' }, [], 'a question about 2.3, a report on 2.4'],
    ['xong 2.3 rồi, còn 2.4 đang làm 50%', { '2.4': 'in_progress' }, ['2.3'], '"xong" before the code: asked'],
    ['2.3 thì anh A bảo xong rồi, 2.4 em đang làm', { '2.4': 'in_progress' }, [], 'hearsay about 2.3 is asked, never offered as done'],
    ['họp xong em làm 2.3 luôn, 2.4 mai xong', { '2.4': 'in_progress' }, [], '"họp xong" finishes the meeting, not 2.3'],
  ] as [string, Record<string, string>, string[], string][])('%j: stores %j, offers done for %j (%s)', async (text, stored, offered) => {
    const replies = (await h.send(focal, text)).join('\n');
    for (const code of ['2.3', '2.4', '2.5']) {
      expect(state(code)?.status ?? null, code).toBe(stored[code] ?? null);
      if (offered.includes(code)) expect(replies).toContain(`Ghi nhận ${code} đã hoàn thành?`);
      else expect(replies).not.toContain(`Ghi nhận ${code} đã hoàn thành?`);
    }
    expect(events().filter((e) => (e as { status: string }).status === 'done')).toHaveLength(Object.values(stored).filter((v) => v === 'done').length);
    // The tap on "✅ Đúng, đã xong" stores the done it offered, and nothing else changes.
    if (offered.length === 1) {
      const asked = h.messagesSince(0, focal.id).find((m) => String(m.payload.text).includes(`Ghi nhận ${offered[0]} đã hoàn thành?`))!;
      const markup = asked.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
      const yes = markup.inline_keyboard.flat().find((b) => b.text.startsWith('✅ Đúng'))!;
      await h.press(focal, yes.callback_data);
      expect(state(offered[0]!)!.status).toBe('done');
      for (const code of ['2.3', '2.4', '2.5'].filter((c) => c !== offered[0])) expect(state(code)?.status ?? null, code).toBe(stored[code] ?? null);
    }
  });
});

describe('who may update what', () => {
  it('keeps each agency to its own tasks; a coordinating agency contributes without closing', async () => {
    expect(await h.send(other, '2.5 xong')).toEqual(['Nhiệm vụ 2.5 không giao cho cơ quan bạn, nên bạn không cập nhật được.']);
    expect(await h.send(focal, '4.1 xong')).toEqual([
      'Đã ghi nhận phần việc của cơ quan bạn (phối hợp) cho nhiệm vụ 4.1; cơ quan chủ trì vẫn chịu trách nhiệm báo hoàn thành.',
    ]);
    expect(state('4.1', 'SNV')).toBeUndefined();
    expect(state('4.1', 'STP')!.status).toBe('contributing');
    expect(await h.send(focal, 'gia hạn 4.1 đến 30/9 vì chờ')).toEqual(['Chỉ cơ quan chủ trì mới xin gia hạn nhiệm vụ 4.1.']);
    expect(await h.send(stranger, '2.5 xong')).toEqual([expect.stringContaining('chưa được liên kết')]);
    expect(events().filter((e) => (e as { status: string }).status === 'done')).toEqual([]);
  });

  it('sends an extension request to Sở Nội vụ with buttons; only an admin decides; approval moves the date and re-plans', async () => {
    await h.send(focal, 'gia hạn 2.5 đến 15/7 vì chờ hướng dẫn của Bộ');
    await h.app.worker.drain();
    const request = h.messagesSince(0, admin.id).at(-1)!;
    expect(String(request.payload.text)).toContain('Sở Tư pháp xin gia hạn nhiệm vụ 2.5');
    // Sở Nội vụ decides against the date in force: 2.5 is "Quý II/2024", 30/6 a Sunday → 01/07/2024 (issue 26 item 10).
    expect(String(request.payload.text)).toContain('Hạn hiện tại: 01/07/2024.');
    const approve = h.lastButtons(admin.id).find((b) => b.text === 'Đồng ý')!;
    expect(await h.press(leader, approve.callback_data)).toEqual([expect.stringContaining('chỉ dành cho quản trị')]);
    const [decided] = await h.press(admin, approve.callback_data);
    expect(decided).toBe('Đã đồng ý gia hạn 2.5 đến 15/07/2024. dondoc đã báo cơ quan và lập lại lịch nhắc.');
    expect(await h.press(admin, approve.callback_data)).toEqual(['Đề nghị này đã được quyết định trước đó.']);
    await h.app.worker.drain();
    expect(h.messagesSince(0, focal.id).map((m) => String(m.payload.text))).toContain('✅ Sở Nội vụ đồng ý gia hạn nhiệm vụ 2.5 đến 15/07/2024.');
    expect(state('2.5')!.dueOverride).toBe('2024-07-15');
    const planned = h.app.store.db.prepare("SELECT DISTINCT due_date AS due FROM reminders WHERE item_id = ? AND status = 'planned'").all(h.app.store.plans.tasksByCode('2.5')[0]!.id);
    expect(planned).toEqual([{ due: '2024-07-15' }]);
  });
});

describe('a second extension request while the first waits', () => {
  it('is not stored nor sent: it says a request waits (its date, the day asked) and offers to replace it; replaced, one request waits', async () => {
    // New-user trial: the second request was accepted and Sở Nội vụ got both, either of which could be approved.
    await h.send(focal, 'gia hạn 2.5 đến 15/7 vì chờ hướng dẫn của Bộ');
    await h.app.worker.drain();
    const first = h.lastButtons(admin.id);
    const noticesToAdmin = () => h.messagesSince(0, admin.id).filter((m) => String(m.payload.text).includes('xin gia hạn nhiệm vụ 2.5')).length;
    expect(noticesToAdmin()).toBe(1);
    // Two days later (Wednesday 26/6/2024), the leader of the same agency asks again for a later date.
    h.clock.advance(2 * 86_400_000);
    const before = eventCount();
    const [asked] = await h.send(leader, 'gia hạn 2.5 đến 31/7 vì chờ kinh phí');
    // The waiting request: asked for 15/07/2024, sent on Monday 24/06/2024 (the harness day).
    expect(asked).toBe(
      'Cơ quan bạn đã có đề nghị gia hạn nhiệm vụ 2.5 đang chờ Sở Nội vụ quyết định: xin đến 15/07/2024, gửi ngày 24/06/2024. dondoc chưa ghi gì. Mỗi nhiệm vụ chỉ có một đề nghị chờ duyệt: thay đề nghị đó bằng đề nghị mới (đến 31/07/2024), hay giữ đề nghị cũ?',
    );
    expect(eventCount()).toBe(before);
    const choice = h.lastButtons(leader.id);
    expect(choice.map((b) => b.text)).toEqual(['Thay bằng đề nghị mới', 'Giữ đề nghị cũ']);
    expect(await h.press(leader, choice[1]!.callback_data)).toEqual(['Giữ nguyên đề nghị gia hạn nhiệm vụ 2.5 đến 15/07/2024 đang chờ Sở Nội vụ. dondoc không ghi gì.']);
    // The held request was dropped with "Giữ": a later press of "Thay" stores nothing.
    expect(await h.press(leader, choice[0]!.callback_data)).toEqual([expect.stringContaining('không còn được giữ')]);
    expect(eventCount()).toBe(before);
    await h.app.worker.drain();
    expect(noticesToAdmin()).toBe(1);

    await h.send(leader, 'gia hạn 2.5 đến 31/7 vì chờ kinh phí');
    const [replaced] = await h.press(leader, h.lastButtons(leader.id)[0]!.callback_data);
    expect(replaced).toContain('Đã ghi nhận: 2.5 xin gia hạn đến 31/07/2024 (chờ kinh phí).');
    await h.app.worker.drain();
    expect(noticesToAdmin()).toBe(2);
    expect(String(h.messagesSince(0, admin.id).at(-1)!.payload.text)).toContain('Thay đề nghị trước (xin đến 15/07/2024, gửi ngày 24/06/2024)');
    // Never two pending requests for one item: only the new one waits.
    const waiting = h.app.services.statuses.undecidedExtensions();
    expect(waiting.map((e) => e.requestedDate)).toEqual(['2024-07-31']);
    // The old notice's buttons no longer decide anything; the new one's do.
    const second = h.lastButtons(admin.id);
    expect(await h.press(admin, first.find((b) => b.text === 'Đồng ý')!.callback_data)).toEqual(['Cơ quan đã thay đề nghị này bằng một đề nghị mới; hãy quyết định đề nghị mới.']);
    expect(state('2.5')!.dueOverride).toBeNull();
    const [approved] = await h.press(admin, second.find((b) => b.text === 'Đồng ý')!.callback_data);
    expect(approved).toBe('Đã đồng ý gia hạn 2.5 đến 31/07/2024. dondoc đã báo cơ quan và lập lại lịch nhắc.');
    expect(state('2.5')!.dueOverride).toBe('2024-07-31');
    // Decided, the item has no request waiting: a new one is accepted as it is.
    expect(await h.send(focal, 'gia hạn 2.5 đến 15/8 vì chờ kinh phí')).toEqual([expect.stringMatching(/^Đã ghi nhận: 2\.5 xin gia hạn đến 15\/08\/2024/)]);
  });
});

describe('a task of several dates done late', () => {
  it('/viec xong and /nhiemvu give the date it was late against, not a later date the done also covered', async () => {
    // New-user trial: "muộn 142 ngày; hạn 31/12/2026" where the missed date was 31/03/2026.
    const csv = Buffer.from('\ufeffSTT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\n5.1,Tự kiểm tra công tác CCHC,Sở Tư pháp,,"Quý I, III/2024"\r\n');
    expect((await h.app.services.plans.importFile('hai-quy.csv', csv, { name: 'KH hai quý', year: 2024 }, { chasePast: true })).ok).toBe(true);
    // Quý I/2024 ends on Sunday 31/3: due Monday 01/04/2024. Quý III: 30/09/2024 (a Monday).
    h.clock.set(dayjs.tz('2024-07-10 09:00', 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());
    expect(await h.send(focal, '5.1 xong')).toEqual([expect.stringMatching(/^Đã ghi nhận: 5\.1 hoàn thành\./)]);
    // Done on 10/07 it covers both dates (the next date on or after it is 30/09), so it is finished —
    // late against 01/04/2024, the date in force when it was done; 30/09 had not come yet.
    const [finished] = await h.send(focal, '/viec xong');
    const line = finished!.split('\n').find((l) => l.includes('5.1'))!;
    expect(line).toContain('✅ đã xong 10/07/2024 (muộn');
    expect(line).toContain('hạn 01/04/2024');
    expect(line).not.toContain('30/09/2024');
    const [detail] = await h.send(focal, '/nhiemvu 5.1');
    expect(detail).toMatch(/Tình trạng của cơ quan bạn: (?:<\/b>)?✅ đã xong 10\/07\/2024 \(muộn \d+ ngày làm việc\); hạn 01\/04\/2024/);
  });
});

describe('status buttons under a task', () => {
  it('✅, 🔄 with a percentage, ⚠️ then the reason, 📅 then the date and reason', async () => {
    await h.send(focal, '/nhiemvu 2.3');
    const buttons = h.lastButtons(focal.id);
    expect(buttons.map((b) => b.text)).toEqual(['✅ Hoàn thành', '🔄 Đang thực hiện', '⚠️ Vướng mắc', '📅 Xin gia hạn']);
    await h.press(focal, buttons[1]!.callback_data);
    const fifty = h.lastButtons(focal.id).find((b) => b.text === '50%')!;
    expect(await h.press(focal, fifty.callback_data)).toEqual(['Đã ghi nhận: 2.3 đang thực hiện (50%).']);
    expect(await h.press(focal, buttons[2]!.callback_data)).toEqual(['Gửi lý do vướng mắc của nhiệm vụ 2.3 (một tin nhắn).']);
    expect(await h.send(focal, 'Chưa có hướng dẫn của Bộ Nội vụ')).toEqual(['Đã ghi nhận: 2.3 vướng mắc: Chưa có hướng dẫn của Bộ Nội vụ.']);
    // Today is 24/6/2024: the example date is ahead of it (end of August), not a fixed date long past (issue 26 item 10).
    expect(await h.press(focal, buttons[3]!.callback_data)).toEqual(['Gửi ngày mới và lý do xin gia hạn 2.3, ví dụ: 31/08/2024 vì chờ hướng dẫn của Bộ.']);
    expect(await h.send(focal, '30/09/2024 vì chờ kinh phí')).toEqual([
      'Đã ghi nhận: 2.3 xin gia hạn đến 30/09/2024 (chờ kinh phí).\nYêu cầu đã gửi Sở Nội vụ; bạn sẽ nhận kết quả khi có quyết định.',
    ]);
    await h.press(focal, buttons[0]!.callback_data);
    expect(state('2.3')).toMatchObject({ status: 'done', progress: 100 });
    const [history] = await h.send(admin, '/lichsu 2.3');
    expect(history).toContain('đang thực hiện — 50%');
    expect(history).toContain('vướng mắc — Chưa có hướng dẫn của Bộ Nội vụ');
    expect(history).toContain('xin gia hạn — đến 30/09/2024; chờ kinh phí');
  });
});

describe('evidence files', () => {
  it('keeps a document sent with a status caption, or just after a reply, as evidence; refuses other files', async () => {
    const pdf = Buffer.from('%PDF-1.4 quyết định');
    expect(await h.sendDocument(focal, 'QD-123.pdf', pdf, '2.5 xong - QĐ số 123/QĐ-UBND')).toEqual([
      'Đã ghi nhận: 2.5 hoàn thành. Minh chứng: 123/QĐ-UBND.\ndondoc sẽ không nhắc việc này nữa.',
      '📎 Đã lưu “QD-123.pdf” làm minh chứng cho nhiệm vụ 2.5.',
    ]);
    await h.send(focal, '2.3 đang làm 50%');
    h.clock.advance(10 * 60_000);
    expect(await h.sendDocument(focal, 'bien-ban.docx', Buffer.from('docx'))).toEqual(['📎 Đã lưu “bien-ban.docx” làm minh chứng cho nhiệm vụ 2.3.']);
    expect(await h.sendDocument(focal, 'virus.exe', Buffer.from('MZ'))).toEqual([expect.stringContaining('không nhận làm minh chứng')]);
    expect(await h.sendDocument(focal, 'lon.pdf', Buffer.alloc(25 * 1024 * 1024))).toEqual([expect.stringContaining('Tệp quá lớn (25.0 MB)')]);
    h.clock.advance(60 * 60_000);
    expect(await h.sendDocument(focal, 'muon.pdf', pdf)).toEqual([expect.stringContaining('chưa biết tệp này là minh chứng cho việc nào')]);
    expect(await h.sendDocument(focal, 'sai.pdf', pdf, '8.8 xong')).toEqual(['Không có nhiệm vụ mã “8.8”. Gõ /viec để xem mã các nhiệm vụ của cơ quan bạn.']);
    const files = h.app.store.db.prepare('SELECT file_name AS name, file_ref AS ref FROM evidence_files ORDER BY id').all();
    expect(files).toEqual([{ name: 'QD-123.pdf', ref: 'file-1' }, { name: 'bien-ban.docx', ref: 'file-2' }]);
    const [history] = await h.send(admin, '/lichsu 2.3');
    expect(history).toContain('tệp bien-ban.docx');
  });
});

describe('a file whose caption is asked back', () => {
  it('is held, not lost: attached to the answer the member taps within 30 minutes, and to nothing else', async () => {
    // "dzô" is not a word dondoc knows, so the caption's done is asked back; the scan belongs to 2.5.
    const replies = await h.sendDocument(focal, 'QD-12.pdf', Buffer.from('%PDF-1.4'), '2.5 xong rồi, dzô hệ thống - QĐ 12/QĐ-UBND');
    expect(replies.join('\n')).toContain('Ghi nhận 2.5 đã hoàn thành?');
    expect(replies[0]).toContain('dondoc giữ tệp “QD-12.pdf”');
    const evidence = () => h.app.store.db.prepare('SELECT f.file_name AS name, e.status FROM evidence_files f JOIN status_events e ON e.id = f.event_id ORDER BY f.id').all();
    expect(evidence()).toEqual([]);
    h.clock.advance(5 * 60_000);
    const yes = h.lastButtons(focal.id).find((b) => b.text.startsWith('✅ Đúng'))!;
    const answer = await h.press(focal, yes.callback_data);
    expect(answer.join('\n')).toContain('Đã lưu “QD-12.pdf” làm minh chứng cho nhiệm vụ 2.5');
    expect(evidence()).toEqual([{ name: 'QD-12.pdf', status: 'done' }]);
    // Attached once: a later reply does not take it again.
    await h.send(focal, '2.3 đang làm 50%');
    expect(evidence()).toEqual([{ name: 'QD-12.pdf', status: 'done' }]);
  });

  it('expires after 30 minutes, and a caption that is refused (an unknown code) holds nothing', async () => {
    await h.sendDocument(focal, 'cu.pdf', Buffer.from('%PDF-1.4'), '2.5 xong rồi, dzô hệ thống');
    h.clock.advance(31 * 60_000);
    const yes = h.lastButtons(focal.id).find((b) => b.text.startsWith('✅ Đúng'))!;
    expect((await h.press(focal, yes.callback_data)).join('\n')).not.toContain('cu.pdf');
    expect(await h.sendDocument(focal, 'sai.pdf', Buffer.from('%PDF-1.4'), '8.8 xong')).toEqual(['Không có nhiệm vụ mã “8.8”. Gõ /viec để xem mã các nhiệm vụ của cơ quan bạn.']);
    await h.send(focal, '2.3 đang làm 50%');
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM evidence_files').get()).toEqual({ n: 0 });
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM held_evidence').get()).toEqual({ n: 0 });
  });
});

describe('bad replies change nothing', () => {
  it.each([
    ['x'.repeat(5000), 'Tin quá dài (5000 ký tự)'],
    ['🙂🙂🙂', 'chưa thấy mã nhiệm vụ'],
    ["2.5'; DROP TABLE status_events; --", 'chưa thấy tình trạng của nhiệm vụ 2.5'],
    ["'; DELETE FROM tasks; --", 'chưa thấy mã nhiệm vụ'],
    ['7.7 xong', 'Không có nhiệm vụ mã “7.7”'],
    ['gia hạn 2.5 đến 30/2 vì chờ', 'Ngày 30/2 không có trong lịch'],
    ['2.3 đang làm 150%', 'Tiến độ 150% không hợp lệ'],
  ])('%j', async (text, answer) => {
    const tasks = (h.app.store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;
    const [reply] = await h.send(focal, text);
    expect(reply).toContain(answer);
    expect(eventCount()).toBe(0);
    expect((h.app.store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n).toBe(tasks);
  });
});

describe('reports and scores', () => {
  it('/nopbaocao records a submission on time or late; /diem and /xephang explain the points', async () => {
    h.clock.set(dayjs.tz('2024-06-24 09:00', 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());
    h.app.scheduler.planIfNewDay();
    await h.send(focal, '/nopbaocao');
    const sixMonths = h.lastButtons(focal.id).find((b) => b.text.startsWith('6T 2024'))!;
    expect(await h.press(focal, sixMonths.callback_data)).toEqual(['✅ Đã ghi nhận nộp “Báo cáo CCHC 6 tháng năm 2024” sau hạn (17/06/2024).']);
    await h.send(focal, '2.5 xong');
    h.clock.set(dayjs.tz('2024-07-02 09:00', 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());
    await h.send(focal, '3.7 xong');
    // Quý II/2024 ends on Sunday 30/6, so both tasks were due Monday 1/7: 2.5 on time, 3.7 a day late.
    const [score] = await h.send(focal, '/diem 2024');
    expect(score).toContain('Điểm CCHC (phần dondoc theo dõi) — Sở Tư pháp, năm 2024, tính đến 02/07/2024');
    expect(score).toContain('Hoàn thành 2/2 nhiệm vụ đến hạn (100%, trên 90%)');
    expect(score).toContain('Thiếu hoặc nộp muộn: Q1/2024, 6T/2024');
    expect(score).toContain('Đúng hạn 1/2 nhiệm vụ đến hạn (50%, dưới 70%); tính theo hạn gốc.');
    expect(score).toContain('Tổng: 2/4 điểm');
    expect(await h.send(focal, '/diem STC')).toEqual(['Đầu mối chỉ xem được điểm của cơ quan mình. Gõ /diem.']);
    const [leaderView] = await h.send(leader, '/diem STC 2024');
    expect(leaderView).toContain('Sở Tài chính, năm 2024');
    const [ranking] = await h.send(leader, '/xephang so_ban_nganh 2024');
    expect(ranking).toContain('Xếp hạng Sở, ban, ngành — năm 2024');
    expect(ranking).toMatch(/\d+\. Sở Tư pháp: /);
    expect(await h.send(focal, '/xephang')).toEqual([expect.stringContaining('chỉ dành cho')]);
  });
});

describe('/diem on the day a task is finished', () => {
  it.each(['00:00:30', '06:59:30', '23:59:30'])('counts a done sent at %s (province time) as done as of that day', async (time) => {
    // New-user trial: /diem listed a task finished that day under "Chưa xong". Any time of the
    // province's day counts, including before 07:00 (still the previous day in UTC) and just before midnight.
    h.clock.set(dayjs.tz(`2024-07-10 ${time}`, 'YYYY-MM-DD HH:mm:ss', 'Asia/Ho_Chi_Minh').toDate());
    const [before] = await h.send(focal, '/diem');
    expect(before).toContain('Chưa xong: 2.5, 3.7.');
    expect(await h.send(focal, '2.5 xong')).toEqual([expect.stringMatching(/^Đã ghi nhận: 2\.5 hoàn thành\./)]);
    const [after] = await h.send(focal, '/diem');
    expect(after).toContain('tính đến 10/07/2024');
    expect(after).toContain('Hoàn thành 1/2 nhiệm vụ đến hạn');
    expect(after).toContain('Chưa xong: 3.7.');
  });
});

describe('an extension for an ongoing task', () => {
  it('is refused with what to send instead: a "Thường xuyên" task has no deadline to move, and nothing is stored', async () => {
    const csv = Buffer.from(['STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện', '9.1,Tuyên truyền cải cách hành chính,Sở Tư pháp,,Thường xuyên'].join('\n'));
    expect((await h.app.services.plans.importFile('thuong-xuyen.csv', csv, { name: 'KH thường xuyên', year: 2024 })).ok).toBe(true);
    const before = eventCount();
    for (const text of ['9.1 xin gia hạn đến 31/12/2024 vì thiếu kinh phí', 'cho em lùi hạn 9.1 sang tháng sau nhé']) {
      const [reply] = await h.send(focal, text);
      expect(reply).toContain('Nhiệm vụ 9.1 là nhiệm vụ thường xuyên, không có hạn để gia hạn. dondoc chưa ghi gì.');
    }
    expect(eventCount()).toBe(before);
    // Progress on it is still recorded as usual.
    expect(await h.send(focal, '9.1 đang làm 40%')).toEqual([expect.stringContaining('Đã ghi nhận')]);
    expect(eventCount()).toBe(before + 1);
  });
});

describe('/nopbaocao when a code is owed for two years', () => {
  it('asks which year instead of recording the older report; with the year typed it records that one, the number as its document', async () => {
    // 6/12/2024: last year's yearly report (NAM 2023, due 15/12/2023) was never sent, and this year's
    // (NAM 2024, due 15/12/2024) is coming. "NĂM" names both: recording it against 2023 (as dondoc did)
    // would leave 2024 missing and move the report criterion of the wrong year.
    h.clock.set(dayjs.tz('2024-12-06 09:00', 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());
    const reportState = (year: number) => {
      const report = h.app.store.reports.byCode('NAM', year)!;
      return h.app.store.statuses.state('report', report.id, h.app.store.agencies.byCode('STP')!.id) ?? null;
    };
    // The reports of both years, as a bot running since 2023 has them (its scheduler makes this year's and next).
    for (const year of [2023, 2024]) ensureReportYear(h.app.store, h.app.services.reportConfig, h.app.services.calendar, h.clock, year);
    const lastReportEvidence = () => (h.app.store.db.prepare("SELECT evidence FROM status_events WHERE item_kind = 'report' ORDER BY id DESC LIMIT 1").get() as { evidence: string | null }).evidence;
    const before = eventCount();
    const [ask] = await h.send(focal, '/nopbaocao NĂM 900/BC-STP');
    expect(ask).toContain('còn nhiều báo cáo “NĂM” chưa nộp. dondoc chưa ghi gì');
    expect(eventCount()).toBe(before);
    const buttons = h.lastButtons(focal.id);
    expect(buttons.map((b) => b.text)).toEqual(['NAM 2023 — hạn 15/12/2023', 'NAM 2024 — hạn 16/12/2024'] /* 15/12/2024 is a Sunday */);
    // The chosen button carries the document number typed with the command.
    expect(await h.press(focal, buttons[1]!.callback_data)).toEqual([expect.stringContaining('Đã ghi nhận nộp “Báo cáo')]);
    expect(reportState(2024)).toMatchObject({ status: 'done' });
    expect(lastReportEvidence()).toBe('900/BC-STP');
    expect(reportState(2023)).toBeNull();
    // Typed with its year: that year's report, and "2023" is not taken for the document number.
    const [late] = await h.send(focal, '/nopbaocao NAM 2023 55/BC-STP');
    expect(late).toContain('sau hạn (15/12/2023)');
    expect(reportState(2023)).toMatchObject({ status: 'done' });
    expect(lastReportEvidence()).toBe('55/BC-STP');
  });
});

describe('a reply that contradicts "hoàn thành"', () => {
  it('asks before changing anything, and changes only when the member confirms', async () => {
    await h.send(focal, '2.5 xong');
    const before = eventCount();
    const [ask] = await h.send(focal, '2.5 đang làm 70%');
    expect(ask).toBe('Nhiệm vụ 2.5 đã được báo hoàn thành ngày 24/06/2024. Tin này nói “đang thực hiện (70%)”. dondoc chưa ghi gì: đổi lại tình trạng, hay giữ “hoàn thành”?');
    expect(eventCount()).toBe(before);
    expect(state('2.5')?.status).toBe('done');
    const buttons = h.lastButtons(focal.id);
    expect(buttons.map((b) => b.text)).toEqual(['Đổi thành đang thực hiện (70%)', 'Giữ “hoàn thành”']);
    // Keeping it changes nothing.
    expect(await h.press(focal, buttons[1]!.callback_data)).toEqual(['Giữ nguyên: nhiệm vụ 2.5 hoàn thành. Không thay đổi gì.']);
    expect(eventCount()).toBe(before);
    // Confirming records the new state.
    const [changed] = await h.press(focal, buttons[0]!.callback_data);
    expect(changed).toBe('Đã ghi nhận: 2.5 đang thực hiện (70%).');
    expect(state('2.5')).toMatchObject({ status: 'in_progress', progress: 70 });
  });

  it('a problem reported after "hoàn thành" is asked about too; reopening lets the member report it', async () => {
    await h.send(focal, '2.4 xong');
    const [ask] = await h.send(focal, '2.4 vướng: chưa có kinh phí');
    expect(ask).toContain('Tin này nói “vướng mắc: chưa có kinh phí”');
    expect(state('2.4')?.status).toBe('done');
    const reopen = h.lastButtons(focal.id).find((b) => b.text === 'Mở lại nhiệm vụ')!;
    const [reopened] = await h.press(focal, reopen.callback_data);
    expect(reopened).toContain('Đã mở lại nhiệm vụ 2.4 (đang thực hiện)');
    expect(state('2.4')?.status).toBe('in_progress');
    const [again] = await h.send(focal, '2.4 vướng: chưa có kinh phí');
    expect(again).toBe('Đã ghi nhận: 2.4 vướng mắc: chưa có kinh phí.');
  });
});
