import { afterEach, describe, expect, it } from 'vitest';
import { plainText } from '../../../src/app/reply.js';
import { ZaloHarness } from '../../helpers/zalo-harness.js';
import { linkedMember } from '../../helpers/members.js';

let z: ZaloHarness;
afterEach(async () => {
  await z.close();
});

/** Zalo's plans limit outbound messages a month: counted in SQLite, shown to admins, never exceeded silently. */
describe('the monthly Zalo message budget', () => {
  async function setUp(quota: string) {
    z = await new ZaloHarness().start({ start: '2026-11-23T02:00:00Z', env: { DONDOC_ZALO_MONTHLY_QUOTA: quota } });
    const { store } = z.app;
    const now = z.clock.now();
    const admin = linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'zalo', chatId: 'u-admin' }, now);
    const focal = Array.from({ length: 12 }, (_, i) => linkedMember(store, { displayName: `Đầu mối ${i}`, agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'zalo', chatId: `u-${i}` }, now));
    return { admin, focal };
  }

  it('tells admins once at 80%, stops at the quota with the rest kept, counts answers too, and resumes when an admin says so', async () => {
    const { focal } = await setUp('10');
    const { services, store } = z.app;
    // An answer in chat counts: /kenh for the admin is 1 message.
    const [first] = await z.send('u-admin', '/kenh');
    expect(first).toContain('Zalo: đã gửi 0/10 tin nhắn tháng này');
    for (const [i, m] of focal.entries()) services.notifyMember(`test:${i}`, m.id, { text: [`Thông báo ${i}`] });
    await z.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
    const toFocal = z.api.sent.filter((m) => m.chatId.startsWith('u-') && m.chatId !== 'u-admin');
    // 1 answer + 7 notices = 8 (80%): the warning is queued; two more notices make 10. Then nothing but the budget's own notes.
    const toAdmin = z.sentTo('u-admin');
    // dondoc's two notes about the budget (80%, then stopped) reach the admin even past it.
    const notes = toAdmin.filter((t) => t.includes('Hạn mức tin nhắn Zalo tháng này'));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('đã gửi 8/10 tin nhắn Zalo tháng này (80%)');
    expect(notes[1]).toContain('Đã dùng hết hạn mức 10 tin nhắn');
    expect(toFocal).toHaveLength(9);
    expect(store.budget.get('zalo', '2026-11').sent).toBe(12);
    expect(store.outbox.countByStatus()).toMatchObject({ pending: 3 });
    // Zalo answers to chat still go out (dondoc cannot stay silent to a question); the admin sees why the rest wait.
    const kenh = await z.send('u-admin', '/kenh');
    expect(kenh.join('\n')).toContain('đang tạm dừng gửi (hết hạn mức)');
    // The stop notice was queued, kept like the rest.
    expect(z.app.store.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE 'budget100:zalo:2026-11%'").get()).toEqual({ n: 1 });
    const resumed = await z.send('u-admin', '/kenh zalo tieptuc');
    expect(resumed.join('\n')).toContain('Đã cho gửi tiếp qua Zalo đến hết tháng này');
    await z.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
    expect(z.api.sent.filter((m) => m.chatId !== 'u-admin')).toHaveLength(12);
    expect(store.outbox.countByStatus()).toEqual({ sent: 14 });
  });

  it("Zalo's 429 (quota exceeded in its table) stops Zalo sending for the month instead of retrying every 5 s; a focal point cannot resume", async () => {
    const { focal } = await setUp('3000');
    const { services, store } = z.app;
    for (let i = 0; i < 3; i += 1) z.api.failNext.push({ status: 429, errorCode: 429, description: 'Quota exceeded' });
    for (const [i, m] of focal.slice(0, 3).entries()) services.notifyMember(`q:${i}`, m.id, { text: [`Tin ${i}`] });
    await z.app.worker.drain({ untilIdle: true, timeoutMs: 5_000 });
    const toMembers = () => z.api.sent.filter((m) => m.chatId !== 'u-admin');
    expect(toMembers()).toHaveLength(0);
    z.clock.advance(60 * 60_000);
    await z.app.worker.drain({ untilIdle: true, timeoutMs: 5_000 });
    expect(toMembers()).toHaveLength(0);
    // The admin was told once that Zalo reported the quota used up.
    expect(z.sentTo('u-admin').filter((t) => t.includes('Zalo báo đã hết hạn mức tin nhắn của gói'))).toHaveLength(1);
    expect(store.budget.get('zalo', '2026-11').exhaustedAt).not.toBeNull();
    const said = await z.send('u-admin', '/kenh');
    expect(said.join('\n')).toContain('đang tạm dừng gửi (hết hạn mức)');
    const outcome = await z.app.dispatcher.handle({ platform: 'zalo', platformUserId: 'u-0', chatId: 'u-0', chatType: 'private', senderName: 'x', text: '/kenh zalo tieptuc' }, { buttons: false, links: { startLink: () => null } });
    expect(plainText(outcome.replies[0]!.text)).toContain('Chỉ quản trị');
    // The month turns: sending resumes by itself.
    z.clock.set('2026-12-01T01:00:00Z');
    await z.app.worker.drain({ untilIdle: true, timeoutMs: 5_000 });
    expect(z.api.sent.filter((m) => m.chatId !== 'u-admin').map((m) => m.text).sort()).toEqual(['Tin 0', 'Tin 1', 'Tin 2']);
  });

  it('when tight, reminders go to a member\'s Telegram if linked; 0 means no limit', async () => {
    const { focal } = await setUp('10');
    const { store, services } = z.app;
    store.members.linkAccount({ memberId: focal[0]!.id, platform: 'telegram', platformUserId: '77', chatId: '77', displayName: null }, z.clock.now());
    store.members.setPreferredPlatform(focal[0]!.id, 'zalo');
    expect(services.notifier.accountFor(store.members.byId(focal[0]!.id)!)?.platform).toBe('zalo');
    store.budget.add('zalo', '2026-11', 8);
    expect(services.budget.tight('zalo')).toBe(true);
    expect(services.notifier.accountFor(store.members.byId(focal[0]!.id)!)?.platform).toBe('telegram');
    // A Zalo-only member is still reached on Zalo.
    expect(services.notifier.accountFor(store.members.byId(focal[1]!.id)!)?.platform).toBe('zalo');
  });
});

describe('a broadcast against the Zalo budget', () => {
  it('the preview says how many Zalo messages it uses; past the budget it needs the admin\'s word, then goes out', async () => {
    z = await new ZaloHarness().start({ start: '2026-11-23T02:00:00Z', env: { DONDOC_ZALO_MONTHLY_QUOTA: '10' } });
    const { store } = z.app;
    const now = z.clock.now();
    linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'zalo', chatId: 'u-admin' }, now);
    for (let i = 0; i < 12; i += 1) linkedMember(store, { displayName: `Đầu mối ${i}`, agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'zalo', chatId: `u-${i}` }, now);
    await z.send('u-admin', '/thongbao Họp giao ban CCHC sáng thứ Hai');
    const preview = (await z.send('u-admin', '/tb_doituong 1 coquan STP')).join('\n');
    expect(preview).toContain('Qua Zalo: khoảng 12 tin nhắn (tháng này đã gửi 1/10)');
    expect(preview).toContain('Vượt hạn mức tin nhắn Zalo tháng này (chỉ còn 9 tin)');
    expect(preview).toContain('Gửi, vượt hạn mức');
    // "Gửi" without the word: asked again, nothing queued.
    const plain = (await z.send('u-admin', '/tb_gui 1')).join('\n');
    expect(plain).toContain('cần nhiều tin Zalo hơn hạn mức còn lại');
    expect(store.outbox.countByStatus()).toEqual({});
    const sent = (await z.send('u-admin', '/tb_gui 1 vuot')).join('\n');
    expect(sent).toContain('Đang gửi thông báo #1 tới 12 người');
    await z.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
    expect(z.api.sent.filter((m) => m.chatId !== 'u-admin')).toHaveLength(12);
  });
});
