import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { haTinhCells } from '../../fixtures/seed-deadlines.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';
import { buildDocx, para, row, table } from '../../helpers/docx-builder.js';
import { PLAN_2026_TASKS, plan2026Docx } from '../../helpers/plan-2026-docx.js';
import { plan2026Pdf } from '../../helpers/plan-2026-pdf.js';
import { buildPdf } from '../../helpers/pdf-builder.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
const stranger: TgUser = { id: 9009, first_name: 'Lạ' };
const haTinhXlsx = readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.xlsx'));

let h: TelegramHarness;
const taskCount = () => (h.app.store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;

async function importHaTinh(): Promise<void> {
  await h.sendDocument(admin, 'ha-tinh-2024-phu-luc.xlsx', haTinhXlsx, '2024 Kế hoạch CCHC năm 2024');
  const confirm = h.lastButtons(admin.id).find((b) => b.text === '✅ Nhập kế hoạch này')!;
  await h.press(admin, confirm.callback_data);
}

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-01-02T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  const [invite] = await h.send(admin, '/moi STP dau_moi Phạm Thu Trang');
  await h.join(focal, codeIn(invite!));
});

afterEach(async () => {
  await h.close();
});

/** Sends the Hà Tĩnh plan: its dry run first (nothing written), then the confirm button writes it; returns that button. */
async function previewThenImport(): Promise<{ text: string; callback_data: string }> {
  const [preview] = await h.sendDocument(admin, 'ha-tinh-2024-phu-luc.xlsx', haTinhXlsx, '2024 Kế hoạch CCHC năm 2024');
  expect(preview).toContain('Xem trước (chưa ghi) kế hoạch “Kế hoạch CCHC năm 2024”: 76 nhiệm vụ');
  // Every "có liên quan", narrowed group and unknown body of the table, each with its reason (issue 27 item 7).
  expect(preview).toContain('Cần xem lại 51 chỗ trong ô Chủ trì/Phối hợp');
  expect(taskCount()).toBe(0);
  const confirm = h.lastButtons(admin.id).find((b) => b.text === '✅ Nhập kế hoạch này')!;
  const [done] = await h.press(admin, confirm.callback_data);
  expect(done).toContain('Đã nhập kế hoạch “Kế hoạch CCHC năm 2024”: 76 nhiệm vụ');
  expect(taskCount()).toBe(76);
  return confirm;
}

describe('importing a plan by sending its file in chat', () => {
  it('shows a dry run first, writes only after the confirm button, and a used button does nothing more', async () => {
    const confirm = await previewThenImport();
    const [again] = await h.press(admin, confirm.callback_data);
    expect(again).toContain('hết hạn');
    expect(taskCount()).toBe(76);
  });

  it('in the running bot, reads and writes the file in a worker thread: the same preview, the same tasks, the same refusal of a broken file', async () => {
    h.app.startBackground();
    const offThread = h.app.services.plans.offThread!;
    expect(offThread).toBeDefined();
    const jobs: boolean[] = [];
    h.app.services.plans.offThread = (fileName, data, meta, options) => {
      jobs.push(options.dryRun === true);
      return offThread(fileName, data, meta, options);
    };
    await previewThenImport();
    const [broken] = await h.sendDocument(admin, 'ke-hoach.xlsx', Buffer.from('không phải xlsx'));
    expect(broken).toContain('Không đọc được tệp');
    expect(jobs).toEqual([true, false, true]);
    expect(taskCount()).toBe(76);
  });

  it('refuses a broken file with the reason and keeps nothing pending', async () => {
    const [reply] = await h.sendDocument(admin, 'ke-hoach.xlsx', Buffer.from('không phải xlsx'));
    expect(reply).toContain('Không đọc được tệp');
    expect(h.lastButtons(admin.id)).toEqual([]);
    const [wrong] = await h.sendDocument(admin, 'ke-hoach.csv', Buffer.from('A,B,C\n1,2,3\n'));
    expect(wrong).toContain('Không tìm thấy dòng tiêu đề');
    expect(taskCount()).toBe(0);
  });

  it("takes plan files only from admins (a focal point's file is evidence, not a plan)", async () => {
    const [fromFocal] = await h.sendDocument(focal, 'ha-tinh.xlsx', haTinhXlsx);
    expect(fromFocal).toContain('chưa biết tệp này là minh chứng cho việc nào');
    const [fromStranger] = await h.sendDocument(stranger, 'ha-tinh.xlsx', haTinhXlsx);
    expect(fromStranger).toContain('chưa được liên kết');
    expect(taskCount()).toBe(0);
  });
});

describe('/viec and /nhiemvu', () => {
  beforeEach(importHaTinh);

  it("lists the focal point's agency tasks, lead tasks first, by next due date, paged with buttons", async () => {
    const [page1] = await h.send(focal, '/viec');
    expect(page1).toMatch(/^<b>Việc còn mở của Sở Tư pháp \(\d+ nhiệm vụ, trang 1\/\d+\)<\/b>/);
    const lines = page1!.split('\n').slice(1, -1);
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => l.includes('chủ trì'))).toBe(true);
    const dates = lines.map((l) => /; hạn (\d{2})\/(\d{2})\/(\d{4})/.exec(l)).filter(Boolean).map((m) => `${m![3]}-${m![2]}-${m![1]}`);
    // Each line says where the agency stands: nothing reported yet, or late by so many working days.
    expect(lines.every((l) => /<b>(◻️ chưa báo|⏰ quá hạn \d+ ngày làm việc)<\/b>; (hạn \d{2}\/\d{2}\/\d{4}|chưa có hạn)/.test(l))).toBe(true);
    expect(dates).toEqual([...dates].sort());
    expect(lines[0]).toContain('<code>II.3.3</code>');
    const buttons = h.lastButtons(focal.id);
    expect(buttons.map((b) => b.text)).toContain('Trang sau ›');
    const [page2] = await h.press(focal, '/viec 2');
    expect(page2).toContain('trang 2/');
    expect(await h.send(focal, '/viec 99')).toEqual([expect.stringMatching(/^Chỉ có \d+ trang\./)]);
    expect(await h.send(focal, '/viec hai')).toEqual([expect.stringContaining('số trang phải là số')]);
  });

  it('shows one task with its raw and computed deadline', async () => {
    const [details] = await h.send(focal, '/nhiemvu I.3.17');
    expect(details).toContain('<b>Thời gian (theo kế hoạch): </b>Quý II, III/2024');
    expect(details).toContain('<b>Hạn dondoc theo dõi: </b>01/07/2024; 30/09/2024');
    expect(details).toContain('30/06/2024 là ngày nghỉ nên lùi sang 01/07/2024');
    expect(details).toContain('<b>Chủ trì: </b>Sở Nội vụ');
    const [pressed] = await h.press(focal, '/nhiemvu II.3.3');
    expect(pressed).toContain('Nhiệm vụ II.3.3');
    expect(await h.send(focal, '/nhiemvu 9.9.9')).toEqual(['Không có nhiệm vụ mã “9.9.9”. Gõ /viec để xem mã các nhiệm vụ của cơ quan bạn.']);
  });
});

describe('/kehoach and /dathan for Sở Nội vụ', () => {
  beforeEach(importHaTinh);

  it('lists tasks waiting for a date until one is set; refuses an impossible date', async () => {
    const [overview] = await h.send(admin, '/kehoach');
    expect(overview).toContain('Kế hoạch CCHC năm 2024: 76 nhiệm vụ');
    // The counts follow from each task's "Thời gian" cell and its meaning as written down by hand in
    // test/fixtures/seed-deadlines.ts (not from the grammar under test).
    const kinds = { due: 0, recurring: 0, ongoing: 0, event: 0, unknown: 0 };
    const cells = h.app.store.db.prepare('SELECT deadline_text AS cell FROM tasks').all() as { cell: string }[];
    for (const { cell } of cells) kinds[haTinhCells.find(([text]) => text === cell)![1]] += 1;
    expect(overview).toContain(`có hạn ${kinds.due}, định kỳ ${kinds.recurring}, thường xuyên ${kinds.ongoing}, chờ sự kiện ${kinds.event}`);
    expect(overview).toContain('<code>I.3.7</code>');
    // The example is a date ahead (the end of the month two months after today, 2/1/2024), never one already past (issue 26 item 10).
    expect(await h.send(admin, '/dathan I.3.7 30/2/2024')).toEqual(['Ngày “30/2/2024” không hợp lệ. Hãy gõ dạng ngày/tháng/năm, ví dụ 31/03/2024.']);
    const [set] = await h.send(admin, '/dathan I.3.7 30/06/2024 Bộ Nội vụ ban hành kế hoạch');
    expect(set).toContain('Đã đặt hạn cho nhiệm vụ I.3.7: 01/07/2024.');
    expect(set).toContain('30/06/2024 là ngày nghỉ');
    // Setting a date is an admin action: in the audit log with who, through which platform, the date as
    // typed (a Sunday) and as set (the next working day), and the reason given.
    const task = h.app.store.db.prepare("SELECT id FROM tasks WHERE code = 'I.3.7'").get() as { id: number };
    expect(h.app.store.audit.list({}).filter((e) => e.action === 'date_set')).toEqual([
      expect.objectContaining({ via: 'telegram', target: `task:${task.id}`, detail: { code: 'I.3.7', typed: '2024-06-30', due: '2024-07-01', reason: 'Bộ Nội vụ ban hành kế hoạch' } }),
    ]);
    const [after] = await h.send(admin, '/kehoach');
    expect(after).not.toContain('<code>I.3.7</code>');
    const [details] = await h.send(admin, '/nhiemvu I.3.7');
    expect(details).toContain('Sở Nội vụ đã đặt hạn: 01/07/2024');
    expect(await h.send(focal, '/dathan I.3.7 01/07/2024')).toEqual([expect.stringContaining('chỉ dành cho quản trị')]);
  });

  it('never dates several tasks from one ambiguous code: lists them with full codes and plans, writes nothing until one is chosen', async () => {
    // Issue 26: "/dathan 7 …" set the date on every task whose code ends in ".7". A bare "7" names
    // no task in full; the Hà Tĩnh plan has I.3.7, II.3.7, … so the admin must pick one.
    const overrides = () => h.app.store.db.prepare('SELECT task_id AS taskId, due_date AS due FROM task_deadline_overrides').all() as { taskId: number; due: string }[];
    const tails = (h.app.store.db.prepare("SELECT code FROM tasks WHERE code LIKE '%.7' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
    expect(tails.length, 'the plan has several codes ending in .7').toBeGreaterThan(1);
    const [asked] = await h.send(admin, '/dathan 7 30/09/2024 chờ hướng dẫn');
    expect(asked).toContain(`Mã “7” khớp với ${tails.length} nhiệm vụ; dondoc chưa đặt hạn cho nhiệm vụ nào.`);
    for (const code of tails) expect(asked).toContain(`• ${code} — Kế hoạch CCHC năm 2024`);
    expect(overrides()).toEqual([]);
    // A tail that names a single task is still not its full code: asked back too.
    const [one] = await h.send(admin, '/dathan 3.7 30/09/2024');
    expect(one).toContain('dondoc chưa đặt hạn cho nhiệm vụ nào');
    expect(overrides()).toEqual([]);
    // Choosing one (the button carries the task id, the date and the reason) dates that task only.
    const [again] = await h.send(admin, '/dathan 7 30/09/2024 chờ hướng dẫn');
    expect(again).toContain('chưa đặt hạn');
    const button = h.lastButtons(admin.id).find((b) => b.text.startsWith('II.3.7 — '))!;
    const [set] = await h.press(admin, button.callback_data);
    expect(set).toContain('Đã đặt hạn cho nhiệm vụ II.3.7: 30/09/2024.');
    const ii37 = h.app.store.db.prepare("SELECT id FROM tasks WHERE code = 'II.3.7'").get() as { id: number };
    expect(overrides()).toEqual([{ taskId: ii37.id, due: '2024-09-30' }]);
  });
});

describe('an overdue recurring task shows the date it missed', () => {
  it('names the missed date, and the next one only as the next', async () => {
    // Issue 26 item 8: "quá hạn 173 ngày làm việc; hạn 31/12/2026" — the overdue line showed the
    // next, future date. Quý I's date (31/3/2024, a Sunday → Monday 01/04/2024) was missed; Quý IV's is next.
    const csv = Buffer.from(['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '8.1,Tự kiểm tra công tác CCHC,Sở Tư pháp,"Quý I, IV/2024"'].join('\n'));
    expect((await h.app.services.plans.importFile('kh.csv', csv, { name: 'KH kiểm tra', year: 2024 })).ok).toBe(true);
    h.clock.set('2024-06-03T02:00:00Z');
    const [list] = await h.send(focal, '/viec');
    const line = list!.split('\n').find((l) => l.includes('8.1'))!;
    expect(line).toMatch(/quá hạn \d+ ngày làm việc<\/b>; hạn 01\/04\/2024 \(kỳ tiếp theo: 31\/12\/2024\)/);
  });
});

describe('/viec and /nhiemvu show where the agency stands', () => {
  beforeEach(importHaTinh);

  it('lists open work first with its state, sums up finished work, and shows an extension with the original date', async () => {
    const [before] = await h.send(focal, '/viec');
    const total = Number(/\((\d+) nhiệm vụ/.exec(before!)![1]);
    expect(await h.send(focal, 'II.3.3 xong')).toEqual([expect.stringMatching(/^Đã ghi nhận: II\.3\.3 hoàn thành/)]);
    expect(await h.send(focal, 'II.3.4 đang làm 40%')).toEqual([expect.stringMatching(/^Đã ghi nhận: II\.3\.4 đang thực hiện/)]);
    const [after] = await h.send(focal, '/viec');
    expect(after).toContain(`(${total - 1} nhiệm vụ,`);
    expect(after).not.toContain('<code>II.3.3</code>');
    expect(after).toContain('1 việc đã xong — /viec xong để xem.');
    expect(after).toMatch(/<code>II\.3\.4<\/code> [^\n]*<b>🔄 đang thực hiện 40%[^<]*<\/b>/);
    const [finished] = await h.send(focal, '/viec xong');
    expect(finished).toContain('Việc đã xong của Sở Tư pháp: 1');
    expect(finished).toMatch(/<code>II\.3\.3<\/code> [^\n]*<b>✅ đã xong \d{2}\/\d{2}\/\d{4} \((đúng hạn|muộn \d+ ngày làm việc)\)<\/b>/);

    // An approved extension: the new date, the original in parentheses, in /viec and /nhiemvu.
    const [asked] = await h.send(focal, 'Xin gia hạn II.3.4 đến 30/12/2024 vì chờ hướng dẫn');
    expect(asked).toContain('Đã ghi nhận');
    // Asked, not yet decided: the request shows, the date stays.
    const [waiting] = await h.send(focal, '/viec');
    expect(waiting).toMatch(/<code>II\.3\.4<\/code> [^\n]*<b>⏳ đã xin gia hạn, chờ Sở Nội vụ duyệt[^<]*<\/b>/);
    expect(waiting).not.toMatch(/<code>II\.3\.4<\/code> [^\n]*gia hạn, gốc/);
    await h.app.worker.drain();
    const request = h.lastButtons(admin.id).find((b) => b.callback_data.startsWith('/duyetgiahan'))!;
    await h.press(admin, request.callback_data);
    const [extended] = await h.send(focal, '/viec');
    expect(extended).toMatch(/<code>II\.3\.4<\/code> [^\n]*hạn 30\/12\/2024 \(gia hạn, gốc \d{2}\/\d{2}\/2024\)/);
    const [details] = await h.send(focal, '/nhiemvu II.3.4');
    expect(details).toMatch(/<b>Tình trạng của cơ quan bạn: <\/b>[^\n]*hạn 30\/12\/2024 \(gia hạn, gốc \d{2}\/\d{2}\/2024\); báo lần cuối \d{2}\/\d{2}\/2024 \d{2}:\d{2} — Phạm Thu Trang/);
  });

});

describe('importing a plan sent as a Word file', () => {
  it('reads a plan sent as a Word file: the preview names the tables read, the confirm writes the tasks the document means', async () => {
    const [preview] = await h.sendDocument(admin, 'ke-hoach-cchc-2026.docx', await plan2026Docx(), '2026 Kế hoạch CCHC năm 2026');
    expect(preview).toContain('Xem trước (chưa ghi) kế hoạch “Kế hoạch CCHC năm 2026”: 10 nhiệm vụ');
    // Tables 3 and 4 are the Phụ lục (split by a page break); letterhead, indicators and signature are not read.
    expect(preview).toContain('Tệp Word: đọc các bảng 3 và 4 (trong 5 bảng của tệp) làm bảng nhiệm vụ');
    // The letterhead and title above the Phụ lục: number, place and date, issuer, kind and title.
    expect(preview).toContain('Văn bản ban hành: Kế hoạch số 45/KH-UBND — Hà Tĩnh, ngày 8/1/2026 — ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH — “KẾ HOẠCH Cải cách hành chính năm 2026”.');
    expect(taskCount()).toBe(0);
    const confirm = h.lastButtons(admin.id).find((b) => b.text === '✅ Nhập kế hoạch này')!;
    const [done] = await h.press(admin, confirm.callback_data);
    expect(done).toContain('Đã nhập kế hoạch “Kế hoạch CCHC năm 2026”: 10 nhiệm vụ');
    const stored = h.app.store.db
      .prepare(`SELECT t.code, t.lead_text AS lead, t.deadline_text AS deadline FROM tasks t ORDER BY t.source_row`)
      .all() as { code: string; lead: string; deadline: string }[];
    expect(stored).toEqual(PLAN_2026_TASKS.map(({ code, lead, deadline }) => ({ code, lead, deadline })));
    expect(h.app.store.plans.planByName('Kế hoạch CCHC năm 2026')).toMatchObject({ documentNo: '45/KH-UBND', docKind: 'Kế hoạch', docDate: '2026-01-08', docIssuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' });
  });

  it('offers the document title as the plan name when the caption gives none, and /kehoach shows where and when it was signed', async () => {
    // The caption gives only the year: the name comes from the title "KẾ HOẠCH Cải cách hành chính năm 2026".
    const [preview] = await h.sendDocument(admin, 'ke-hoach-cchc-2026.docx', await plan2026Docx(), '2026');
    expect(preview).toContain('Tên kế hoạch lấy từ tiêu đề văn bản');
    expect(preview).toContain('Tên kế hoạch: “Kế hoạch Cải cách hành chính năm 2026”, năm 2026.');
    const confirm = h.lastButtons(admin.id).find((b) => b.text === '✅ Nhập kế hoạch này')!;
    const [done] = await h.press(admin, confirm.callback_data);
    expect(done).toContain('Đã nhập kế hoạch “Kế hoạch Cải cách hành chính năm 2026”: 10 nhiệm vụ');
    expect(h.app.store.plans.planByName('Kế hoạch Cải cách hành chính năm 2026')).toMatchObject({ docPlace: 'Hà Tĩnh', documentNo: '45/KH-UBND' });
    const [plans] = await h.send(admin, '/kehoach');
    expect(plans).toContain('Văn bản: Kế hoạch số 45/KH-UBND, Hà Tĩnh, ngày 08/01/2026');
  });

  it('says what it looked for when a Word file has no task table, and stores nothing', async () => {
    const letter = await buildDocx(table(2, [row(['ỦY BAN NHÂN DÂN TỈNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'])]) + para('Kính gửi: các sở, ban, ngành'));
    const [reply] = await h.sendDocument(admin, 'cong-van.docx', letter, '2026 Công văn');
    expect(reply).toContain('Không tìm thấy bảng nhiệm vụ trong tệp (đã xem 1 bảng)');
    expect(reply).toContain('không có gì được lưu');
    expect(h.lastButtons(admin.id).some((b) => b.text === '✅ Nhập kế hoạch này')).toBe(false);
    const [locked] = await h.sendDocument(admin, 'mat-khau.docx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect(locked).toContain('Tệp có mật khẩu');
    expect(taskCount()).toBe(0);
  });

  it('reads the plan saved as PDF with its table borders off, and refuses one whose columns cannot be told apart, naming the page', async () => {
    const borderless = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'plan-2026-borderless.pdf'));
    const [preview] = await h.sendDocument(admin, 'ke-hoach-khong-ke.pdf', borderless, '2026 Kế hoạch CCHC năm 2026');
    // The ten tasks of the plan (PLAN_2026_TASKS), from the table on pages 2 and 3.
    expect(preview).toContain('Xem trước (chưa ghi) kế hoạch “Kế hoạch CCHC năm 2026”: 10 nhiệm vụ');
    expect(preview).toContain('Tệp PDF (3 trang)');
    // A table without rules on page 1: its task header, then a row whose lead runs past where the coordinating column starts.
    const at = (x: number, y: number, text: string) => ({ x, y, text });
    const unclear = buildPdf([
      {
        lines: [],
        texts: [
          ...['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'].map((t, i) => at([40, 70, 330, 450, 570][i]!, 500, t)),
          at(40, 488, '1.'), at(70, 488, 'Quan trắc môi trường'), at(330, 488, 'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh'), at(570, 488, 'Năm 2026'),
          at(40, 476, '2.'), at(70, 476, 'Số hóa hồ sơ'), at(330, 476, 'Sở Nội vụ'), at(450, 476, 'Sở Tư pháp'), at(570, 476, 'Năm 2026'),
        ],
      },
    ]);
    const [refused] = await h.sendDocument(admin, 'ke-hoach-lech-cot.pdf', unclear, '2026 Kế hoạch CCHC năm 2026');
    expect(refused).toContain('Bảng trong tệp PDF không có đường kẻ và không tách được các cột ở trang 1');
    expect(refused).toContain('không có gì được lưu');
    expect(taskCount()).toBe(0);
  });

  it('reads the same plan exported to PDF: the preview names the pages and tables read', async () => {
    const [preview] = await h.sendDocument(admin, 'ke-hoach-cchc-2026.pdf', plan2026Pdf(), '2026 Kế hoạch CCHC năm 2026');
    // Four tasks (I.1, II.1, II.2 cut by the page break, III.1), from both pages' ruled tables.
    expect(preview).toContain('Xem trước (chưa ghi) kế hoạch “Kế hoạch CCHC năm 2026”: 4 nhiệm vụ');
    expect(preview).toContain('Tệp PDF (2 trang): đọc các bảng 1 và 2 (trong 2 bảng của tệp) làm bảng nhiệm vụ');
    // This PDF is the Phụ lục alone: no letterhead, so nothing of the document is claimed.
    expect(preview).toContain('Không đọc được phần đầu văn bản (số hiệu, ngày ban hành, cơ quan ban hành, tiêu đề): để trống, không đoán.');
    expect(taskCount()).toBe(0);
  });
});
