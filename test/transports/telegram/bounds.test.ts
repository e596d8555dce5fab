import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2001, first_name: 'Lan' };
let h: TelegramHarness;

/** A code of 71 bytes (a plan numbering sub-items deeply) and one typed with spaces, as PDFs extract them. */
const LONG_CODE = 'II.3.3.1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24';
const csv = Buffer.from(
  [
    'STT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian hoàn thành',
    `${LONG_CODE},Rà soát quy trình nội bộ giải quyết thủ tục hành chính,Sở Tư pháp,,Quý IV/2026`,
    'IV. 2 .1,Số hóa hồ sơ kết quả giải quyết thủ tục hành chính,Sở Tư pháp,,Trước 30/12/2026',
  ].join('\n'),
);

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2026-11-23T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, h.invite('STP', 'focal'));
  const imported = await h.app.services.plans.importFile('kh.csv', csv, { name: 'Kế hoạch CCHC năm 2026', year: 2026 });
  expect(imported.ok).toBe(true);
});

afterEach(async () => {
  await h.close();
});

describe('bounds: button data, codes, dates', () => {
  it('lists a task whose code is over 64 bytes with buttons that fit, and the button opens it', async () => {
    expect(Buffer.byteLength(LONG_CODE)).toBeGreaterThan(64);
    const [list] = await h.send(focal, '/viec');
    expect(list).toContain(LONG_CODE);
    const buttons = h.lastButtons(focal.id);
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    // Every call Telegram got was accepted (the fake rejects nothing, but a silent drop would show here).
    expect(h.api.served.filter((c) => c.status !== 200)).toEqual([]);
    const button = buttons.find((b) => b.text === LONG_CODE)!;
    const [details] = await h.press(focal, button.callback_data);
    expect(details).toContain('Rà soát quy trình nội bộ giải quyết thủ tục hành chính');
  });

  it('stores a code typed with spaces as one code, found however it is typed', async () => {
    expect(h.app.store.plans.tasksByCode('IV.2.1')).toHaveLength(1);
    for (const typed of ['/nhiemvu IV.2.1', '/nhiemvu IV. 2 .1', '/nhiemvu iv.2.1.', '/nhiemvu NV IV.2.1']) {
      const [details] = await h.send(focal, typed);
      expect(details, typed).toContain('Số hóa hồ sơ kết quả giải quyết thủ tục hành chính');
    }
  });

  it('refuses a deadline date outside 2000 … plan year + 10 with a message, and changes nothing', async () => {
    for (const date of ['01/01/0001', '31/12/1900', '30/09/9999', '30/09/2037']) {
      const [answer] = await h.send(admin, `/dathan IV.2.1 ${date}`);
      expect(answer, date).toBe(`Ngày “${date}” nằm ngoài khoảng hợp lý (từ năm 2000 đến năm 2036); có lẽ gõ nhầm năm. Hãy gõ lại, ví dụ 30/09/2026.`);
    }
    const task = h.app.store.plans.tasksByCode('IV.2.1')[0]!;
    expect(h.app.store.plans.override(task.id)).toBeUndefined();
    const [ok] = await h.send(admin, '/dathan IV.2.1 15/01/2027');
    expect(ok).toContain('15/01/2027');
    expect(h.app.store.plans.override(task.id)?.dueDate).toBe('2027-01-15');
  });

  it('asks again for an extension to a year that is a typo, storing nothing', async () => {
    const [answer] = await h.send(focal, 'Xin gia hạn IV.2.1 đến 30/9/9999 vì chờ hướng dẫn');
    expect(answer).toContain('cách hôm nay hơn 10 năm, có lẽ gõ nhầm năm');
    const task = h.app.store.plans.tasksByCode('IV.2.1')[0]!;
    expect(h.app.store.statuses.history('task', task.id)).toEqual([]);
  });
});
