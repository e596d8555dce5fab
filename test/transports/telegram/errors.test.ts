import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const other: TgUser = { id: 1002, first_name: 'Lan' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
});

afterEach(async () => {
  await h.close();
});

const sendsTo = (chatId: number) => h.api.served.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === String(chatId));

describe('Telegram errors on the interactive path (grammY client against the fake Bot API)', () => {
  it('a reply answered 429 is sent again after retry_after, once', async () => {
    h.api.failNext.set('sendMessage', [{ status: 429, description: 'Too Many Requests: retry after 0', retryAfter: 0 }]);
    const before = sendsTo(admin.id).length;
    await h.send(admin, '/trogiup');
    const attempts = sendsTo(admin.id).slice(before);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(h.api.received.filter((m) => m.chatId === String(admin.id)).at(-1)?.text).toContain('/tonghop');
  });

  it('a user who blocked the bot (403) does not break the update loop: the next user is answered', async () => {
    h.api.failNext.set('sendMessage', [{ status: 403, description: 'Forbidden: bot was blocked by the user' }]);
    await expect(h.send(admin, '/trogiup')).resolves.toBeDefined();
    expect(sendsTo(admin.id).at(-1)?.status).toBe(403);
    const [answer] = await h.send(other, '/trogiup');
    expect(answer).toContain('Xin chào');
    expect(sendsTo(other.id).at(-1)?.status).toBe(200);
  });

  it('a file Telegram will not hand over (getFile fails) gets a Vietnamese answer, and nothing is imported', async () => {
    h.api.failNext.set('getFile', [{ status: 400, description: 'Bad Request: file is too big' }]);
    const csv = Buffer.from('STT,Nội dung,Cơ quan chủ trì,Thời gian hoàn thành\n1,Rà soát thủ tục,Sở Tư pháp,Quý III/2024\n');
    const [answer] = await h.sendDocument(admin, 'ke-hoach.csv', csv, 'Kế hoạch CCHC 2024');
    expect(answer).toBe('dondoc không tải được tệp từ nền tảng chat. Hãy gửi lại tệp sau ít phút.');
    expect(h.app.store.plans.plans()).toHaveLength(0);
  });

  it('the same file, once Telegram serves it, is downloaded through getFile and the file URL and previewed', async () => {
    const csv = Buffer.from('STT,Nội dung,Cơ quan chủ trì,Thời gian hoàn thành\n1,Rà soát thủ tục,Sở Tư pháp,Quý III/2024\n');
    const [answer] = await h.sendDocument(admin, 'ke-hoach.csv', csv, 'Kế hoạch CCHC 2024');
    expect(answer).toContain('Xem trước (chưa ghi)');
    expect(h.api.served.some((c) => c.method === 'getFile' && c.status === 200)).toBe(true);
  });
});

describe('logging', () => {
  it('every line about an update carries its platform, update id and sender (as a member id), down to the command; no info line holds message text or personal data', async () => {
    await h.close();
    const logs: Record<string, unknown>[] = [];
    h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z', logs });
    await h.join(admin, h.invite('SNV', 'admin'));
    const csv = Buffer.from('STT,Nội dung,Cơ quan chủ trì,Thời gian hoàn thành\n1,Rà soát thủ tục,Sở Tư pháp,Quý III/2024\n');
    await h.sendDocument(admin, 'ke-hoach.csv', csv, 'Kế hoạch CCHC 2024');
    const confirm = h.lastButtons(admin.id).find((b) => b.callback_data.startsWith('/nhapkehoach'))!;
    await h.press(admin, confirm.callback_data);
    const imported = logs.find((l) => l.msg === 'plan imported from chat');
    const memberId = h.app.store.members.byAccount('telegram', String(admin.id))!.id;
    expect(imported).toMatchObject({ platform: 'telegram', member: memberId, tasks: 1 });
    expect(imported!.update).toMatch(/^\d+$/);
    const command = logs.find((l) => l.msg === 'command' && l.command === 'nhapkehoach');
    expect(command?.update).toBe(imported!.update);
    expect(logs.find((l) => l.msg === 'file received')).toMatchObject({ fileType: 'csv', size: csv.length });
    // At info level (the level a province runs at, into journald): not the account, the name, the file name or the text.
    const values = logs.flatMap((l) => Object.values(l).map(String));
    expect(values).not.toContain(String(admin.id));
    expect(values).not.toContain(admin.first_name);
    const everything = JSON.stringify(logs);
    // The file's name and its rows' text stay out (the plan's name, an official document's, is logged with the import).
    for (const personal of ['ke-hoach.csv', 'Rà soát thủ tục']) expect(everything).not.toContain(personal);
  });
});
