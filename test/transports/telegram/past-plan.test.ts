import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

// A province's 2024 plan stays in the database beside its 2026 plan. Both have "II.3.5" for Sở Tư pháp:
// 2024's is "Thường xuyên" (a duty for 2024, over with its plan), 2026's is the work of this year.
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
const haTinh2024 = readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.xlsx'));
const plan2026 = Buffer.from(
  [
    'TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian hoàn thành',
    'II,CẢI CÁCH THỂ CHẾ,,,',
    '3.5,Tăng cường công tác kiểm tra văn bản QPPL năm 2026,Sở Tư pháp,,Quý IV/2026',
    '3.8,Rà soát văn bản QPPL do HĐND, UBND tỉnh ban hành,Sở Tư pháp,,Thường xuyên',
  ].join('\n'),
  'utf8',
);

let h: TelegramHarness;

async function importPlan(name: string, data: Buffer, caption: string): Promise<void> {
  await h.sendDocument(admin, name, data, caption);
  const confirm = h.lastButtons(admin.id).find((b) => b.text === '✅ Nhập kế hoạch này');
  expect(confirm, `no import button for ${name}`).toBeDefined();
  await h.press(admin, confirm!.callback_data);
}

const taskOf = (year: number, code: string) =>
  (h.app.store.db.prepare('SELECT t.id FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.year = ? AND t.code = ?').get(year, code) as { id: number } | undefined)?.id;

beforeEach(async () => {
  // Thursday 3/12/2026.
  h = await TelegramHarness.start({ start: '2026-12-03T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi Phạm Thu Trang'))[0]!));
  await importPlan('ha-tinh-2024-phu-luc.xlsx', haTinh2024, '2024 Kế hoạch CCHC năm 2024');
  await importPlan('ke-hoach-2026.csv', plan2026, '2026 Kế hoạch CCHC năm 2026');
});

afterEach(async () => {
  await h.close();
});

describe('a past plan beside this year\'s', () => {
  it('a reply naming a code both plans have goes to this year\'s task, not to the past plan\'s duty; nothing is asked', async () => {
    expect(taskOf(2024, 'II.3.5')).toBeDefined();
    expect(taskOf(2026, 'II.3.5')).toBeDefined();
    const [answer] = await h.send(focal, 'II.3.5 đang thực hiện được 60%');
    expect(answer).not.toMatch(/nhiệm vụ nào|Chọn/i);
    const stored = h.app.store.db.prepare("SELECT item_id AS id, progress FROM status_events WHERE item_kind = 'task'").all() as { id: number; progress: number }[];
    expect(stored).toEqual([{ id: taskOf(2026, 'II.3.5')!, progress: 60 }]);
  });

  it('/viec lists this year\'s work, not 2024\'s "Thường xuyên" duties nor its dates already past when it was imported', async () => {
    const [list] = await h.send(focal, '/viec');
    // 2026: II.3.5 (Quý IV/2026) and II.3.8 (Thường xuyên, 2026's).
    expect(list).toContain('Việc còn mở của Sở Tư pháp (2 nhiệm vụ');
    expect(list).toContain('II.3.5');
    expect(list).toContain('II.3.8');
    // 2024's "Tăng cường công tác kiểm tra văn bản QPPL" (without "năm 2026") and its Quý II II.3.4 are not there.
    expect(list).not.toContain('II.3.4');
    expect(list).not.toMatch(/Tăng cường công tác kiểm tra văn bản QPPL —/);
  });
});
