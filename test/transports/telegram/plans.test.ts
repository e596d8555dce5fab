import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { haTinhCells } from '../../fixtures/seed-deadlines.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

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
  expect(preview).toContain('Cần xem lại 15 tên cơ quan');
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
    expect(await h.send(admin, '/dathan I.3.7 30/2/2024')).toEqual(['Ngày “30/2/2024” không hợp lệ. Hãy gõ dạng ngày/tháng/năm, ví dụ 30/09/2024.']);
    const [set] = await h.send(admin, '/dathan I.3.7 30/06/2024 Bộ Nội vụ ban hành kế hoạch');
    expect(set).toContain('Đã đặt hạn cho nhiệm vụ I.3.7: 01/07/2024.');
    expect(set).toContain('30/06/2024 là ngày nghỉ');
    const [after] = await h.send(admin, '/kehoach');
    expect(after).not.toContain('<code>I.3.7</code>');
    const [details] = await h.send(admin, '/nhiemvu I.3.7');
    expect(details).toContain('Sở Nội vụ đã đặt hạn: 01/07/2024');
    expect(await h.send(focal, '/dathan I.3.7 01/07/2024')).toEqual([expect.stringContaining('chỉ dành cho quản trị')]);
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
