import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayjs } from '../../../src/domain/time.js';
import { FakeZaloApi, zaloText } from '../../helpers/fake-zalo-api.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
let zalo: FakeZaloApi;
let h: TelegramHarness;

beforeEach(async () => {
  zalo = new FakeZaloApi();
  const root = await zalo.start();
  h = await TelegramHarness.start({ start: '2024-06-24T00:30:00Z', env: { ZALO_BOT_TOKEN: 'zalo-test-token-123456', ZALO_API_ROOT: root, DONDOC_ZALO_CHAT_GAP_MS: '0' } });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi'))[0]!));
  await h.app.services.plans.importFile('p.csv', Buffer.from('\ufeffSTT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\n2.5,Kiểm tra văn bản,Sở Tư pháp,,Quý II/2024\r\n'), { name: 'KH', year: 2024 });
});

afterEach(async () => {
  await h.close();
  await zalo.stop();
});

describe('one member on Telegram and Zalo', () => {
  it('links Zalo with a code from /lienket, chooses the channel with /kenh, and gets each reminder on one channel only', async () => {
    const code = codeIn((await h.send(focal, '/lienket'))[0]!);
    await h.app.zalo!.handleUpdate(zaloText('zalo-trang', code, 'Trang'));
    expect(zalo.sent.at(-1)!.text).toBe('Đã liên kết thêm tài khoản Zalo. Bạn có thể dùng dondoc trên cả hai nền tảng.');
    const [ask] = await h.send(focal, '/kenh');
    expect(ask).toContain('Nhắc việc đang gửi qua: Telegram.');
    expect(h.lastButtons(focal.id).map((b) => b.text)).toEqual(['Telegram', 'Zalo']);
    expect(await h.press(focal, '/kenh zalo')).toEqual(['Từ nay nhắc việc sẽ gửi qua Zalo.']);
    h.clock.set(dayjs.tz('2024-06-24 08:00', 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());
    const before = h.calls.length;
    h.app.scheduler.tick();
    await h.app.worker.drain();
    expect(h.messagesSince(before, focal.id)).toEqual([]);
    const digest = zalo.sent.filter((m) => m.chatId === 'zalo-trang' && m.text.startsWith('🔔'));
    expect(digest).toHaveLength(1);
    const line = digest[0]!.text.split('\n').find((l) => l.endsWith('. ✅ 2.5'))!;
    await h.app.zalo!.handleUpdate(zaloText('zalo-trang', line.split('.')[0]!, 'Trang'));
    expect(zalo.sent.at(-1)!.text).toBe('✅ Đã ghi nhận: 2.5 hoàn thành. dondoc sẽ không nhắc việc này nữa.');
    expect(await h.send(focal, '/kenh viber')).toEqual(['Bạn chưa liên kết tài khoản viber. Gõ /lienket để lấy mã liên kết.']);
  });
});
