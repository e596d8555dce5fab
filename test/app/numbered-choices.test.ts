import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import type { IncomingMessage } from '../../commands/dispatcher.js';
import { TelegramHarness } from '../helpers/telegram-harness.js';

/** A platform without buttons (Zalo's shape): choices are answered by number. */
const NO_BUTTONS = { buttons: false, links: { startLink: () => null } };

let h: TelegramHarness;
const say = async (text: string) => {
  const message: IncomingMessage = { platform: 'plain', platformUserId: 'u-1', chatId: 'c-1', chatType: 'private', senderName: 'Lê Văn Minh', text };
  const outcome = await h.app.dispatcher.handle(message, NO_BUTTONS);
  return outcome.replies.map((r) => plainText(r.text));
};

beforeEach(async () => {
  h = await TelegramHarness.start();
  await say(h.invite('UBNDT', 'leader'));
  // The privacy notice comes before the account is linked: accepted by its command.
  await say('/dongy');
});

afterEach(async () => {
  await h.close();
});

describe('numbered choices on a platform without buttons', () => {
  it('answers a number with the chosen command, and keeps the list for another pick', async () => {
    await say('/coquan');
    const kinds = h.app.store.agencies.kinds();
    const pick = kinds.findIndex((k) => k.code === 'co_quan_tw') + 1;
    const [listing] = await say(String(pick));
    expect(listing).toContain('THUE — Thuế tỉnh');
    const [second] = await say(String(kinds.findIndex((k) => k.code === 'ubnd_xa') + 1));
    expect(second).toContain('UBND xã Cẩm Bình');
  });

  it('refuses a number out of range, and says when nothing is pending', async () => {
    expect(await say('7')).toEqual(['Không có lựa chọn nào đang chờ trả lời. Gõ /trogiup để xem các lệnh.']);
    await say('/coquan');
    const [out] = await say('42');
    expect(out).toMatch(/^Chỉ có \d+ lựa chọn\. Hãy trả lời một số từ 1 đến \d+\.$/);
  });

  it('answers a stale number with a fresh list instead of acting on it', async () => {
    await say('/coquan');
    h.clock.advance(25 * 3_600_000);
    const replies = await say('1');
    expect(replies[0]).toBe('Lựa chọn trước đã hết hạn. Đây là danh sách mới:');
    expect(replies[1]).toBe('Chọn loại cơ quan muốn xem:');
    const [fresh] = await say('3');
    expect(fresh).toContain('Cơ quan Trung ương');
  });
});
