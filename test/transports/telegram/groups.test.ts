import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const GROUP = -1001234567890;
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const stranger: TgUser = { id: 3003, first_name: 'Nam' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
});

afterEach(async () => {
  await h.close();
});

const PRIVATE_ONLY = (name: string) =>
  `Lệnh /${name} chỉ dùng khi nhắn riêng với dondoc, để mã mời, mã liên kết và thông tin cá nhân không lộ trong nhóm. Hãy nhắn riêng cho bot rồi gõ lại lệnh.`;

describe('group chats never carry private flows', () => {
  it('joining with an invite code in a group is refused there, the code stays unused, and works in private', async () => {
    const code = h.invite('STP', 'focal');
    expect(await h.sendInGroup(stranger, GROUP, `/start ${code}`)).toEqual([PRIVATE_ONLY('start')]);
    expect(h.app.store.members.byAccount('telegram', String(stranger.id))).toBeUndefined();
    const [welcome] = await h.join(stranger, code);
    expect(welcome).toContain('Sở Tư pháp');
    // Notices and digests go to the private chat, never to the group.
    const member = h.app.store.members.byAccount('telegram', String(stranger.id))!;
    expect(h.app.store.members.deliveryAccount(member)?.chatId).toBe(String(stranger.id));
  });

  it('/lienket and /moi answer "nhắn riêng" in a group and print no code there', async () => {
    for (const text of ['/lienket', '/moi STP dau_moi Lan']) {
      const answers = await h.sendInGroup(admin, GROUP, text);
      expect(answers).toEqual([PRIVATE_ONLY(text.split(' ')[0]!.slice(1))]);
      expect(answers.join('')).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}/);
    }
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM invites WHERE created_by IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('province-wide summaries answer in the group', async () => {
    const [summary] = await h.sendInGroup(admin, GROUP, '/tonghop');
    expect(summary).toBeDefined();
    expect(summary).not.toContain('nhắn riêng');
  });

  it('plain text in a group is not read as a status reply', async () => {
    expect(await h.sendInGroup(admin, GROUP, 'II.3.3 đã xong')).toEqual([]);
  });

  it('a status reply that mentions the bot, or replies to it, is recorded for the sender\'s own agency; talk is left alone', async () => {
    const { services, store } = h.app;
    const imported = await services.plans.importFile('ha-tinh-2024-phu-luc.csv', readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv')), { name: 'Kế hoạch CCHC năm 2024', year: 2024 });
    expect(imported.ok).toBe(true);
    const focal: TgUser = { id: 2002, first_name: 'Trang' };
    await h.join(focal, h.invite('STP', 'focal'));
    const stp = store.agencies.byCode('STP')!.id;
    const task = store.plans.tasksByRef('II.3.3')[0]!;
    const state = () => store.statuses.state('task', task.id, stp)?.status ?? null;
    // Talk in the group, even with a code and a status word: not for dondoc.
    expect(await h.sendInGroup(focal, GROUP, 'II.3.3 bên em xong rồi nhé mọi người')).toEqual([]);
    expect(state()).toBeNull();
    // "Chưa xong" with a mention: read as not done, for Sở Tư pháp.
    const [progress] = await h.sendInGroup(focal, GROUP, '@dondoc_test_bot II.3.3 chưa xong, đang làm 60%');
    expect(progress).toMatch(/^Đã ghi nhận: II\.3\.3 đang thực hiện/);
    expect(state()).toBe('in_progress');
    const [done] = await h.sendInGroup(focal, GROUP, 'II.3.3 xong rồi ạ', { replyToBot: true });
    expect(done).toMatch(/^Đã ghi nhận: II\.3\.3 hoàn thành/);
    expect(state()).toBe('done');
    // Someone dondoc does not know is told to join in private; nothing stored.
    const [unknown] = await h.sendInGroup(stranger, GROUP, '@dondoc_test_bot II.3.4 xong');
    expect(unknown).toContain('nhắn riêng cho bot');
  });
});

describe('linking a group (/nhom) and broadcasts in it', () => {
  it('an admin links the group to the province in the group; a broadcast posts there once, acks stay private; unlinking stops it', async () => {
    const focal: TgUser = { id: 2002, first_name: 'Trang' };
    await h.join(focal, h.invite('STP', 'focal'));
    expect((await h.sendInGroup(admin, GROUP, '/nhom'))[0]).toContain('Nhóm này chưa liên kết với dondoc');
    // Only admins link groups; a focal point is told so, in the group.
    expect((await h.sendInGroup(focal, GROUP, '/nhom tinh'))[0]).toContain('chỉ dành cho');
    expect((await h.sendInGroup(admin, GROUP, '/nhom tinh'))[0]).toContain('Đã liên kết nhóm này với cả tỉnh');
    expect((await h.sendInGroup(admin, GROUP, '/nhom'))[0]).toContain('đang liên kết với: cả tỉnh');
    expect((await h.send(admin, '/nhom'))[0]).toContain(`Telegram ${GROUP} — cả tỉnh`);
    expect((await h.send(admin, '/nhom tinh'))[0]).toContain('Gõ /nhom ngay trong nhóm');

    await h.send(admin, '/thongbao Họp giao ban CCHC sáng thứ Hai tại Sở Nội vụ');
    const [preview] = await h.send(admin, '/tb_doituong 1 focal');
    expect(preview).toContain('Cũng đăng một lần vào 1 nhóm đã liên kết.');
    await h.send(admin, '/tb_gui 1');
    await h.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
    const inGroup = h.api.received.filter((m) => m.chatId === String(GROUP) && m.text.includes('Thông báo của Sở Nội vụ'));
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]!.text).toContain('Họp giao ban CCHC sáng thứ Hai');
    expect(inGroup[0]!.text).toContain('Mỗi người xác nhận đã nhận trong tin nhắn riêng');
    expect(h.api.served.find((c) => c.method === 'sendMessage' && String(c.body.chat_id) === String(GROUP) && String(c.body.text).includes('Họp giao ban'))!.body.reply_markup).toBeUndefined();
    expect(h.api.received.filter((m) => m.chatId === String(focal.id)).some((m) => m.text.includes('Họp giao ban'))).toBe(true);

    expect((await h.sendInGroup(admin, GROUP, '/nhom huy'))[0]).toContain('Đã bỏ liên kết');
    // Linking and unlinking are admin actions in the audit log; the refused /nhom by a focal point is not. The group's chat id is not written there.
    const groupEntries = h.app.store.audit.list({}).filter((e) => e.action === 'group_link');
    expect(groupEntries.map((e) => [e.via, e.target, e.detail])).toEqual([['telegram', 'province', { op: 'link' }], ['telegram', 'province', { op: 'unlink' }]]);
    expect(JSON.stringify(groupEntries)).not.toContain(String(GROUP));
    await h.send(admin, '/thongbao Lần hai');
    await h.send(admin, '/tb_doituong 2 focal');
    await h.send(admin, '/tb_gui 2');
    await h.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
    expect(h.api.received.filter((m) => m.chatId === String(GROUP) && m.text.includes('Thông báo của Sở Nội vụ'))).toHaveLength(1);
    expect(h.api.received.some((m) => m.text.includes('Lần hai') && m.chatId === String(focal.id))).toBe(true);
  });
});
