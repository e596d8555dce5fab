import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import { renderPlainMessages } from '../../src/transports/render.js';
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
  it('answers a number with the chosen command; a number after a message without a list is asked about', async () => {
    await say('/coquan');
    const kinds = h.app.store.agencies.kinds();
    const pick = kinds.findIndex((k) => k.code === 'co_quan_tw') + 1;
    const [listing] = await say(String(pick));
    expect(listing).toContain('THUE — Thuế tỉnh');
    // The listing offered no numbered list: the kinds list is out of view, a number picks nothing from it.
    const xa = String(kinds.findIndex((k) => k.code === 'ubnd_xa') + 1);
    expect(await say(xa)).toEqual([expect.stringContaining(`nên chưa rõ số “${xa}” là chọn gì`)]);
    await say('/coquan');
    const [second] = await say(xa);
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

describe('numbers a focal point types on Zalo (new-user trial)', () => {
  const focalSay = async (text: string) => {
    const message: IncomingMessage = { platform: 'plain', platformUserId: 'u-2', chatId: 'c-2', chatType: 'private', senderName: 'Phạm Thu Trang', text };
    const outcome = await h.app.dispatcher.handle(message, NO_BUTTONS);
    // As Zalo shows it: the text, then the choices as numbered lines.
    return outcome.replies.map((r) => renderPlainMessages(r, 100_000).join('\n'));
  };
  beforeEach(async () => {
    await focalSay(h.invite('STP', 'focal'));
    await focalSay('/dongy');
    const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
    expect((await h.app.services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2026 })).ok).toBe(true);
  });

  it('refers a number to the list last shown: after /nhiemvu shows a coordinating task (no list), "4" is asked about', async () => {
    const [list] = await focalSay('/viec');
    // The /viec list is numbered: "4" would open one of its tasks.
    expect(list).toMatch(/\n4\. /);
    const [coordinating] = await focalSay('/nhiemvu 4.1');
    expect(coordinating).toContain('4.1');
    const before = (h.app.store.db.prepare('SELECT COUNT(*) AS n FROM status_events').get() as { n: number }).n;
    expect(await focalSay('4')).toEqual([
      'Tin gần nhất dondoc gửi bạn không có danh sách đánh số, nên chưa rõ số “4” là chọn gì. dondoc chưa làm gì. Gõ lại lệnh để xem danh sách (ví dụ /viec) rồi trả lời bằng số trong danh sách đó.',
    ]);
    expect((h.app.store.db.prepare('SELECT COUNT(*) AS n FROM status_events').get() as { n: number }).n).toBe(before);
    // The question changed nothing: the next number is asked about too, and /viec makes the list answerable again.
    expect(await focalSay('4')).toEqual([expect.stringContaining('chưa rõ số “4”')]);
    await focalSay('/viec');
    const [fourth] = await focalSay('4');
    expect(fourth).not.toContain('chưa rõ số');
  });

  it('reads "50" at the 25% / 50% / 75% choice as 50%, and "2" as the second choice', async () => {
    const [task] = await focalSay('/nhiemvu 2.3');
    // The status choices, numbered: 2 is "🔄 Đang thực hiện", which asks for the progress.
    expect(task).toMatch(/2\. 🔄 Đang thực hiện/);
    const [asked] = await focalSay('2');
    expect(asked).toMatch(/^Tiến độ nhiệm vụ 2\.3 đến nay\?/);
    expect(asked).toMatch(/1\. 25%.*\n2\. 50%.*\n3\. 75%/s);
    expect(await focalSay('50')).toEqual(['Đã ghi nhận: 2.3 đang thực hiện (50%).']);
    await focalSay('/nhiemvu 2.3');
    await focalSay('2');
    expect(await focalSay('3')).toEqual(['Đã ghi nhận: 2.3 đang thực hiện (75%).']);
    await focalSay('/nhiemvu 2.3');
    await focalSay('2');
    // A number that is neither a position nor a label: refused, and the list still answers.
    expect(await focalSay('60')).toEqual(['Chỉ có 3 lựa chọn. Hãy trả lời một số từ 1 đến 3.']);
    // 25% after 75%: progress going back is asked first (numbered on Zalo), then "1" records it.
    const [back] = await focalSay('25');
    expect(back).toMatch(/^Lần trước cơ quan báo nhiệm vụ 2\.3 đạt 75%, tin này ghi 25%\./);
    expect(back).toMatch(/1\. Ghi 25%\n2\. Giữ 75%/);
    expect(await focalSay('1')).toEqual(['Đã ghi nhận: 2.3 đang thực hiện (25%).']);
  });
});
