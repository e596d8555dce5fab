import { afterEach, describe, expect, it } from 'vitest';
import { TelegramHarness } from '../helpers/telegram-harness.js';
import { ZaloHarness } from '../helpers/zalo-harness.js';
import { linkedMember } from '../helpers/members.js';

/** "typing…" before a slow answer (a chart, a workbook), on both platforms; not before quick ones. */
describe('typing before slow replies', () => {
  let close: () => Promise<void> = async () => undefined;
  afterEach(async () => {
    await close();
  });

  it('Telegram: sendChatAction typing comes before /tonghop\'s chart, not before /trogiup', async () => {
    const h = await TelegramHarness.start({ start: '2026-11-23T02:00:00Z' });
    close = () => h.close();
    const admin = { id: 501, first_name: 'Hoa' };
    await h.join(admin, h.invite('SNV', 'admin'));
    const before = h.api.served.length;
    await h.send(admin, '/trogiup');
    expect(h.api.served.slice(before).map((c) => c.method)).not.toContain('sendChatAction');
    const from = h.api.served.length;
    await h.send(admin, '/tonghop');
    const methods = h.api.served.slice(from).map((c) => c.method);
    expect(methods[0]).toBe('sendChatAction');
    expect(h.api.served[from]!.body).toMatchObject({ chat_id: 501, action: 'typing' });
    expect(methods.slice(1)).toContain('sendMessage');
  });

  it('Zalo: sendChatAction typing before /xuhuong, and a typing failure never stops the answer', async () => {
    const z = await new ZaloHarness().start({ start: '2026-11-23T02:00:00Z' });
    close = () => z.close();
    const { store } = z.app;
    linkedMember(store, { displayName: 'Minh', agencyId: store.agencies.byCode('UBNDT')!.id, role: 'leader' }, { platform: 'zalo', chatId: 'u-leader' }, z.clock.now());
    const from = z.api.calls.length;
    const said = await z.send('u-leader', '/xuhuong');
    expect(said.join('\n')).toContain('Cập nhật của các cơ quan');
    const calls = z.api.calls.slice(from);
    expect(calls[0]).toBe('sendChatAction');
    expect(calls).toContain('sendMessage');
    z.api.failChatAction = true;
    expect((await z.send('u-leader', '/tonghop')).join('\n')).toContain('Tổng hợp CCHC');
  });
});
