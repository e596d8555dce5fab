import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
let h: TelegramHarness;

const memberOf = (user: TgUser) => h.app.store.members.byAccount('telegram', String(user.id))!;
const outboxTo = (user: TgUser) => (h.app.store.db.prepare('SELECT payload FROM outbox WHERE chat_id = ?').all(String(user.id)) as { payload: string }[]).map((r) => r.payload);

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi Phạm Thu Trang'))[0]!));
});

afterEach(async () => {
  await h.close();
});

describe('/doivaitro: an admin changes a member’s role', () => {
  it('asks with a confirm button, then changes it, logs it, tells the member, and the new role’s commands work', async () => {
    const id = memberOf(focal).id;
    // /thanhvien shows the number the command takes.
    expect((await h.send(admin, '/thanhvien STP'))[0]).toContain(`#${id} Phạm Thu Trang — Sở Tư pháp — đầu mối CCHC`);
    // A focal point may not rank agencies (leaders and admins only).
    expect((await h.send(focal, '/xephang'))[0]).toContain('Lệnh /xephang chỉ dành cho');

    const [ask] = await h.send(admin, `/doivaitro ${id} lanh_dao`);
    expect(ask).toContain('Đổi vai trò của Phạm Thu Trang (Sở Tư pháp) từ đầu mối CCHC thành lãnh đạo?');
    expect(h.lastButtons(admin.id).map((b) => b.callback_data)).toEqual([`/doivaitro ${id} lanh_dao chac`]);
    // Nothing changes before the button.
    expect(memberOf(focal).role).toBe('focal');

    const [done] = await h.press(admin, `/doivaitro ${id} lanh_dao chac`);
    expect(done).toBe('Đã đổi vai trò của Phạm Thu Trang từ đầu mối CCHC thành lãnh đạo. dondoc đã báo cho người này.');
    expect(memberOf(focal).role).toBe('leader');
    // The member is told through the outbox, in their own chat.
    expect(outboxTo(focal).filter((p) => p.includes('Sở Nội vụ đã đổi vai trò của bạn trong dondoc từ đầu mối CCHC thành lãnh đạo'))).toHaveLength(1);
    // The audit log: who, through what, on which member (by number, not name), from and to.
    const entry = h.app.store.audit.list({}).at(-1)!;
    expect(entry).toMatchObject({ actorMemberId: memberOf(admin).id, via: 'telegram', action: 'role_change', target: `member:${id}`, detail: { agency: 'STP', from: 'focal', to: 'leader' } });
    expect((await h.send(admin, '/nhatky 1'))[0]).toContain(`đổi vai trò · member:${id}`);

    // The leader's command runs now; /trogiup lists it and brings the Telegram menu up to date.
    expect((await h.send(focal, '/xephang'))[0]).not.toContain('chỉ dành cho');
    const before = h.calls.length;
    expect((await h.send(focal, '/trogiup'))[0]).toContain('vai trò: lãnh đạo');
    const menu = h.calls.slice(before).find((c) => c.method === 'setMyCommands')!;
    expect(menu.payload.scope).toEqual({ type: 'chat', chat_id: focal.id });
    expect((menu.payload.commands as { command: string }[]).map((c) => c.command)).toContain('xephang');
  });

  it('refuses to leave the province without an admin, even from the confirm button; with a second admin the first may step down', async () => {
    const adminId = memberOf(admin).id;
    const lastAdmin = 'Đây là quản trị duy nhất của dondoc nên không đổi sang vai trò khác được';
    expect((await h.send(admin, `/doivaitro ${adminId} dau_moi`))[0]).toContain(lastAdmin);
    expect(h.lastButtons(admin.id)).toEqual([]);
    expect((await h.press(admin, `/doivaitro ${adminId} dau_moi chac`))[0]).toContain(lastAdmin);
    expect(memberOf(admin).role).toBe('admin');
    expect(h.app.store.audit.list({}).filter((e) => e.action === 'role_change')).toEqual([]);

    await h.press(admin, `/doivaitro ${memberOf(focal).id} quan_tri chac`);
    expect(memberOf(focal).role).toBe('admin');
    expect((await h.press(admin, `/doivaitro ${adminId} dau_moi chac`))[0]).toBe('Đã đổi vai trò của bạn thành đầu mối CCHC. Gõ /trogiup để xem các lệnh bạn dùng được.');
    expect(memberOf(admin).role).toBe('focal');
    // Now the other one is the last admin.
    expect((await h.send(focal, `/doivaitro ${memberOf(focal).id} lanh_dao`))[0]).toContain(lastAdmin);
  });

  it('says what is wrong with the input, in Vietnamese, and only admins may use it', async () => {
    const id = memberOf(focal).id;
    expect((await h.send(admin, '/doivaitro'))[0]).toContain('Chưa đúng cú pháp');
    expect((await h.send(admin, '/doivaitro Trang lanh_dao'))[0]).toContain('số thành viên phải là số nguyên dương (gõ /thanhvien để xem)');
    expect((await h.send(admin, `/doivaitro ${id} giamdoc`))[0]).toContain('vai trò “giamdoc” không có; hãy dùng dau_moi, lanh_dao hoặc quan_tri');
    expect((await h.send(admin, `/doivaitro ${id} lanh_dao ngay`))[0]).toContain('chỉ cần số thành viên và vai trò mới');
    expect((await h.send(admin, '/doivaitro 999 lanh_dao'))[0]).toBe('Không có thành viên số này. Gõ /thanhvien để xem danh sách (số sau dấu #).');
    expect((await h.send(admin, `/doivaitro ${id} dau_moi`))[0]).toBe('Thành viên này đã là đầu mối CCHC; không có gì để đổi.');
    expect((await h.send(focal, `/doivaitro ${id} quan_tri`))[0]).toContain('Lệnh /doivaitro chỉ dành cho quản trị');
    expect(memberOf(focal).role).toBe('focal');
    // An erased member keeps their row, not a role to change.
    await h.press(admin, `/xoathanhvien ${id} chac`);
    expect((await h.send(admin, `/doivaitro ${id} lanh_dao`))[0]).toBe('Thành viên này đã được xoá khỏi dondoc nên không đổi được vai trò.');
  });
});

describe('/tenminh: a member corrects their own name', () => {
  it('stores the tidied name, shows it everywhere, records the correction without either name, and refuses what is not a name', async () => {
    const id = memberOf(focal).id;
    // Tone marks sent decomposed and extra spaces: stored as one composed, single-spaced name.
    const [done] = await h.send(focal, '/tenminh  Pha\u0323m Thi\u0323  Thu Trang');
    expect(done).toBe('Đã sửa họ tên của bạn thành “Phạm Thị Thu Trang”. Từ nay dondoc và Sở Nội vụ thấy tên này.');
    expect(memberOf(focal).displayName).toBe('Phạm Thị Thu Trang');
    expect((await h.send(focal, '/toi'))[0]).toContain('Họ tên: Phạm Thị Thu Trang');
    expect((await h.send(admin, '/thanhvien STP'))[0]).toContain(`#${id} Phạm Thị Thu Trang — Sở Tư pháp`);
    // The invite the account used carried the old spelling: it carries the corrected one.
    const hints = (h.app.store.db.prepare('SELECT display_hint AS hint FROM invites WHERE used_by_user_id = ?').all(String(focal.id)) as { hint: string }[]).map((r) => r.hint);
    expect(hints).toEqual(['Phạm Thị Thu Trang']);
    // One audit entry by the member, on their number; neither name is in the log.
    const entries = h.app.store.audit.list({}).filter((e) => e.action === 'name_correction');
    expect(entries).toEqual([expect.objectContaining({ actorMemberId: id, via: 'telegram', target: `member:${id}`, detail: null })]);
    const log = (await h.send(admin, '/nhatky 1'))[0]!;
    expect(log).toContain(`tự sửa họ tên · member:${id}`);
    expect(h.app.store.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE instr(COALESCE(detail, '') || COALESCE(target, ''), 'Trang') > 0").get()).toEqual({ n: 0 });

    // Refused, each with what was wrong and an example; the name stays as it was.
    expect((await h.send(focal, '/tenminh'))[0]).toBe('Hãy gõ họ và tên sau lệnh, ví dụ /tenminh Nguyễn Thị Hoa.');
    expect((await h.send(focal, '/tenminh Trang'))[0]).toBe('Cần đủ họ và tên (ít nhất hai chữ), ví dụ /tenminh Nguyễn Thị Hoa.');
    expect((await h.send(focal, '/tenminh Trang 2002 :)'))[0]).toContain('hãy bỏ “2”, “0”, “:”, “)” rồi gửi lại');
    expect((await h.send(focal, `/tenminh ${'Nguyễn Thị Hoa '.repeat(5)}`))[0]).toContain('Họ tên dài quá 60 ký tự');
    expect((await h.send(focal, '/tenminh Phạm Thị Thu Trang'))[0]).toBe('Họ tên của bạn đã là “Phạm Thị Thu Trang”; không có gì để sửa.');
    expect(memberOf(focal).displayName).toBe('Phạm Thị Thu Trang');
    expect(h.app.store.audit.list({}).filter((e) => e.action === 'name_correction')).toHaveLength(1);
  });

  it('runs only in a private chat', async () => {
    const [answer] = await h.sendInGroup(focal, -100123, '/tenminh Phạm Thị Thu Trang');
    expect(answer).toContain('/tenminh');
    expect(memberOf(focal).displayName).toBe('Phạm Thu Trang');
  });
});
