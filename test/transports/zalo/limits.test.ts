import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZaloHarness } from '../../helpers/zalo-harness.js';
import { linkedMember } from '../../helpers/members.js';

let z: ZaloHarness;
afterEach(async () => {
  await z.close();
});

describe('Zalo message limits', () => {
  it('splits a long answer into messages of at most 2,000 characters, on line boundaries, losing nothing', async () => {
    z = await new ZaloHarness().start({ start: '2026-11-23T02:00:00Z' });
    const { store } = z.app;
    linkedMember(store, { displayName: 'Minh', agencyId: store.agencies.byCode('UBNDT')!.id, role: 'leader' }, { platform: 'zalo', chatId: 'u-leader' }, z.clock.now());
    // The whole directory of Hà Tĩnh: 89 agencies, several thousand characters.
    const parts = await z.send('u-leader', '/coquan tatca');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    const all = parts.join('\n');
    for (const agency of store.agencies.list()) expect(all).toContain(`${agency.code} — ${agency.name}`);
    // No line is cut in two.
    for (const part of parts) expect(part.startsWith(' ')).toBe(false);
  });

  it('paces messages to one chat by the configured gap', async () => {
    z = await new ZaloHarness().start({ start: '2026-11-23T02:00:00Z', env: { DONDOC_ZALO_CHAT_GAP_MS: '500' } });
    const { store } = z.app;
    linkedMember(store, { displayName: 'Minh', agencyId: store.agencies.byCode('UBNDT')!.id, role: 'leader' }, { platform: 'zalo', chatId: 'u-leader' }, z.clock.now());
    const admin = linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'zalo', chatId: 'u-admin' }, z.clock.now());
    // Three notices to one chat through the outbox. The worker waits on the app's (fake) clock, so
    // each send is stamped on that clock as it leaves (the fetch call), not when it arrives: the
    // gap is exact whatever the machine's load.
    const times: number[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      if (String(input).endsWith('/sendMessage') && String(init?.body).includes('u-admin')) times.push(z.clock.now().getTime());
      return realFetch(input, init);
    });
    for (let i = 0; i < 3; i += 1) z.app.services.notifyMember(`test:${i}`, admin.id, { text: [`Thông báo ${i}`] });
    await z.app.worker.drain({ untilIdle: true, timeoutMs: 10_000 });
    spy.mockRestore();
    expect(z.api.sent.filter((m) => m.chatId === 'u-admin')).toHaveLength(3);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  it("retries Zalo's 403 (an internal server error in its table) instead of reporting the member unreachable", async () => {
    z = await new ZaloHarness().start({ start: '2026-11-23T02:00:00Z' });
    const { store } = z.app;
    const admin = linkedMember(store, { displayName: 'Hoa', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'zalo', chatId: 'u-admin' }, z.clock.now());
    const focal = linkedMember(store, { displayName: 'Lan', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'zalo', chatId: 'u-lan' }, z.clock.now());
    z.api.failNext.push({ status: 403, errorCode: 403, description: 'Internal server error' });
    z.app.services.notifyMember('test:403', focal.id, { text: ['Thông báo thử'] });
    await z.app.worker.drain();
    expect(store.outbox.countByStatus()).toEqual({ pending: 1 });
    z.clock.advance(10 * 60_000);
    await z.app.worker.drain();
    expect(z.sentTo('u-lan')).toEqual(['Thông báo thử']);
    expect(store.members.unreachable()).toEqual([]);
    expect(z.sentTo('u-admin')).toEqual([]);
    void admin;
  });
});

