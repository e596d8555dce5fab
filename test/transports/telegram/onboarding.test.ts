import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa', last_name: 'Nguyễn Thị' };
const focal: TgUser = { id: 2002, first_name: 'Trang', last_name: 'Phạm Thu' };
const leader: TgUser = { id: 3003, first_name: 'Minh', last_name: 'Lê Văn' };
const stranger: TgUser = { id: 9009, first_name: 'Người', last_name: 'Lạ' };
const other: TgUser = { id: 4004, first_name: 'Khác' };

/** Agency names that must never reach someone who is not linked. */
const REGISTRY_WORDS = ['Sở Tư pháp', 'Sở Tài chính', 'Văn phòng UBND', 'STP', 'Thành viên', 'Mã mời'];

let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start();
  const [welcome] = await h.join(admin, h.invite('SNV', 'admin'));
  expect(welcome).toContain('Sở Nội vụ');
});

afterEach(async () => {
  await h.close();
});

async function inviteVia(adminUser: TgUser, args: string): Promise<string> {
  const [reply] = await h.send(adminUser, `/moi ${args}`);
  return codeIn(reply!);
}

describe('onboarding through the real grammY bot', () => {
  it('links a focal point with a valid code from /moi, sets their menu, and /toi shows their agency', async () => {
    const code = await inviteVia(admin, 'STP dau_moi');
    const [welcome] = await h.join(focal, code);
    expect(welcome).toContain('Chào mừng');
    expect(welcome).toContain('Sở Tư pháp');
    expect(welcome).toContain('đầu mối CCHC');
    const menu = h.calls.filter((c) => c.method === 'setMyCommands').at(-1)!;
    expect(menu.payload.scope).toEqual({ type: 'chat', chat_id: focal.id });
    const names = (menu.payload.commands as { command: string }[]).map((c) => c.command);
    expect(names).toContain('toi');
    expect(names).not.toContain('moi');
    const [me] = await h.send(focal, '/toi');
    expect(me).toContain('Sở Tư pháp (STP)');
    expect(me).toContain('Telegram');
  });

  it('accepts the code sent on its own, in lower case and without dashes (platforms without deep links)', async () => {
    const code = await inviteVia(admin, 'STC dau_moi');
    // The code is read, then the privacy notice comes first; "Đồng ý" links.
    const [notice] = await h.send(focal, code.replace(/-/g, '').toLowerCase());
    expect(notice).toContain('Thông báo xử lý dữ liệu cá nhân');
    const [welcome] = await h.press(focal, '/dongy');
    expect(welcome).toContain('Sở Tài chính');
  });

  it('refuses a reused code and leaves the second account unlinked', async () => {
    const code = await inviteVia(admin, 'STP dau_moi');
    await h.join(focal, code);
    const [again] = await h.send(other, `/start ${code}`);
    expect(again).toContain('đã được dùng');
    const [after] = await h.send(other, '/toi');
    expect(after).toContain('chưa được liên kết');
  });

  it('refuses an expired code', async () => {
    const code = await inviteVia(admin, 'STP dau_moi');
    h.clock.advance(73 * 3_600_000);
    const [reply] = await h.send(focal, `/start ${code}`);
    expect(reply).toContain('đã hết hạn');
    expect(h.app.store.members.byAccount('telegram', String(focal.id))).toBeUndefined();
  });

  it('refuses a forged code, and stops listening after five wrong codes even if a real one follows', async () => {
    const [forged] = await h.send(stranger, '/start ABCD-EFGH-JK');
    expect(forged).toContain('Mã mời không đúng');
    for (let i = 0; i < 4; i += 1) await h.send(stranger, `/start ZZZZ-ZZZZ-Z${i}`);
    const real = await inviteVia(admin, 'STP dau_moi');
    const [blocked] = await h.send(stranger, `/start ${real}`);
    expect(blocked).toContain('quá nhiều lần');
    h.clock.advance(16 * 60_000);
    const [welcome] = await h.join(stranger, real);
    expect(welcome).toContain('Chào mừng');
  });

  it('tells a stranger only how to join, whatever they send', async () => {
    for (const text of ['/trogiup', '/toi', '/coquan', '/thanhvien', '/moi STP dau_moi', 'xin chào', '/khonglenh', '/start']) {
      const replies = await h.send(stranger, text);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain('chưa được liên kết');
      for (const word of REGISTRY_WORDS) expect(replies[0]).not.toContain(word);
    }
  });

  it('answers a sticker or photo with a short Vietnamese note, not silence', async () => {
    await h.app.bot!.handleUpdate({
      update_id: 99,
      message: { message_id: 5, date: 0, chat: { id: admin.id, type: 'private', first_name: 'Hoa' }, from: { ...admin, is_bot: false }, sticker: { file_id: 'x', file_unique_id: 'x', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } },
    } as never);
    const last = h.messagesSince(0, admin.id).at(-1)!;
    expect(String(last.payload.text)).toContain('chỉ đọc được tin nhắn chữ');
  });
});

describe('role-filtered help and corrections', () => {
  it('lists exactly the commands of each role', async () => {
    await h.join(focal, await inviteVia(admin, 'STP dau_moi'));
    await h.join(leader, await inviteVia(admin, 'UBNDT lanh_dao'));
    const commandsIn = (text: string) => [...text.matchAll(/^\/([a-z_]+)/gm)].map((m) => m[1]).sort();
    const [focalHelp] = await h.send(focal, '/trogiup');
    const [leaderHelp] = await h.send(leader, '/help');
    const [adminHelp] = await h.send(admin, '/trogiup');
    expect(commandsIn(focalHelp!)).toEqual([
      'batnhac', 'capnhat', 'diem', 'dulieu', 'kenh', 'lich', 'lienket', 'nhacsau', 'nhiemvu', 'nopbaocao', 'soanbaocao', 'tatnhac', 'tenminh', 'toi', 'trogiup', 'viec', 'web', 'xong',
    ]);
    expect(commandsIn(leaderHelp!)).toEqual([
      'baocao', 'batnhac', 'capnhat', 'coquan', 'diem', 'dulieu', 'kenh', 'lich', 'lichsu', 'lienket', 'nhacsau', 'nhiemvu', 'nopbaocao', 'quahan', 'soanbaocao', 'tatnhac', 'tenminh', 'toi',
      'tonghop', 'trogiup', 'viec', 'web', 'xephang', 'xong', 'xuatexcel', 'xuhuong',
    ]);
    expect(commandsIn(adminHelp!)).toEqual([
      'baocao', 'batnhac', 'caidatbaocao', 'chinhsach', 'coquan', 'dathan', 'diem', 'doivaitro', 'dulieu', 'kehoach', 'kenh', 'lich', 'lichsu', 'lienket', 'moi', 'moi_danhsach', 'nhatky', 'nhiemvu', 'nhom', 'quahan', 'soanbaocao', 'tatnhac', 'tenminh',
      'thanhvien', 'thongbao', 'thongbao_ds', 'thongbao_tt', 'toi', 'tonghop', 'trogiup', 'viec', 'web', 'xephang', 'xoathanhvien', 'xuatexcel', 'xuhuong', 'yeucaubaocao',
    ]);
    // Confirmation commands behind buttons are not listed.
    expect(adminHelp).not.toContain('/nhapkehoach');
    expect(focalHelp).toContain('đầu mối CCHC');
  });

  it('corrects a wrong command, a forbidden command and wrong arguments in one Vietnamese line', async () => {
    await h.join(focal, await inviteVia(admin, 'STP dau_moi'));
    expect(await h.send(focal, '/khongco')).toEqual(['Không có lệnh /khongco. Gõ /trogiup để xem các lệnh bạn dùng được.']);
    const [forbidden] = await h.send(focal, '/moi STP dau_moi');
    expect(forbidden).toContain('chỉ dành cho quản trị');
    const [noArgs] = await h.send(admin, '/moi');
    expect(noArgs).toMatch(/^Chưa đúng cú pháp: .+ Cách dùng: \/moi/);
    const [badRole] = await h.send(admin, '/moi STP sep');
    expect(badRole).toContain('vai trò “sep” không có');
    const [badAgency] = await h.send(admin, '/moi KHONGCO dau_moi');
    expect(badAgency).toContain('Không tìm thấy cơ quan “KHONGCO”');
    const [plain] = await h.send(focal, 'chào bot');
    expect(plain).toContain('chưa thấy mã nhiệm vụ');
    const [adminPlain] = await h.send(admin, 'chào bot');
    expect(adminPlain).toContain('chưa hiểu');
  });

  it('accepts /moi with an agency alias and a person name, and the code links that name', async () => {
    const code = await inviteVia(admin, 'VPUBND dau_moi Hoàng Văn Nam');
    const [welcome] = await h.join(other, code);
    expect(welcome).toContain('Hoàng Văn Nam');
    expect(welcome).toContain('Văn phòng UBND tỉnh');
  });

  it('links a second platform with /lienket, and the code cannot create a second member', async () => {
    await h.join(focal, await inviteVia(admin, 'STP dau_moi'));
    const [linkReply] = await h.send(focal, '/lienket');
    const code = codeIn(linkReply!);
    const outcome = await h.app.dispatcher.handle(
      { platform: 'local', platformUserId: 'zalo-like-1', chatId: 'zalo-like-1', chatType: 'private', senderName: 'Trang', text: code },
      { buttons: false, links: { startLink: () => null } },
    );
    expect(outcome.replies[0]!.text.join('')).toContain('Đã liên kết thêm tài khoản');
    const [me] = await h.send(focal, '/toi');
    expect(me).toContain('Telegram');
    expect(me).toContain('trò chuyện thử trên máy');
    expect(h.app.store.members.count()).toBe(2);
  });
});
