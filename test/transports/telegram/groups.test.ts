import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const GROUP = -1001234567890;
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const stranger: TgUser = { id: 3003, first_name: 'Nam' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.send(admin, `/start ${h.invite('SNV', 'admin')}`);
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
    const [welcome] = await h.send(stranger, `/start ${code}`);
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
});
