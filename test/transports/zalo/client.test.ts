import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zaloText } from '../../helpers/fake-zalo-api.js';
import { linkedMember } from '../../helpers/members.js';
import { ZaloHarness } from '../../helpers/zalo-harness.js';
import { waitFor } from '../../helpers/wait.js';

let z: ZaloHarness;
afterEach(async () => {
  await z.close();
});

/** Zalo's client as its error table and real deployments behave: token check, 401, a stuck update. */
describe('the Zalo client at start and while polling', () => {
  it('checks the token with getMe first and logs the bot', async () => {
    const logs: Record<string, unknown>[] = [];
    z = await new ZaloHarness().start({ env: { DONDOC_HTTP_PORT: '0' }, logs });
    await z.app.start();
    expect(z.api.calls[0]).toBe('getMe');
    expect(logs.find((l) => l.msg === 'zalo bot token accepted')).toMatchObject({ bot: 'dondoc' });
    expect(await waitFor(() => z.api.calls.includes('getUpdates'))).toBe(true);
  });

  it('a token Zalo refuses (401) is one clear error line, not a loop; dondoc runs on and Zalo messages wait', async () => {
    const logs: Record<string, unknown>[] = [];
    z = await new ZaloHarness().start({ env: { DONDOC_HTTP_PORT: '0' }, logs });
    z.api.rejectToken = true;
    await z.app.start();
    const { store, services } = z.app;
    const focal = linkedMember(store, { displayName: 'Lan', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'zalo', chatId: 'u-lan' }, z.clock.now());
    services.notifyMember('t:1', focal.id, { text: ['Thông báo'] });
    await z.app.worker.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(z.api.calls).toEqual(['getMe']);
    const errors = logs.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(String(errors[0]!.msg)).toContain('Zalo từ chối ZALO_BOT_TOKEN (401)');
    expect(store.outbox.countByStatus()).toEqual({ pending: 1 });
  });

  it('a 401 while polling stops polling with one line', async () => {
    const logs: Record<string, unknown>[] = [];
    z = await new ZaloHarness().start({ env: { DONDOC_HTTP_PORT: '0' }, logs });
    await z.app.start();
    expect(await waitFor(() => z.api.calls.includes('getUpdates'))).toBe(true);
    z.api.rejectToken = true;
    expect(await waitFor(() => !z.app.zalo!.isPolling, 3_000)).toBe(true);
    const before = z.api.calls.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(z.api.calls.length).toBe(before);
    expect(logs.filter((l) => l.level === 50 && String(l.msg).includes('401'))).toHaveLength(1);
  });

  it('the same update handed back on every call is handled once and polled ever more slowly, not in a tight loop', async () => {
    z = await new ZaloHarness().start({ env: { DONDOC_HTTP_PORT: '0' } });
    await z.app.start();
    z.api.stuckUpdate = zaloText('u-7', '/start');
    expect(await waitFor(() => z.sentTo('u-7').length === 1)).toBe(true);
    const start = z.api.calls.filter((c) => c === 'getUpdates').length;
    await new Promise((r) => setTimeout(r, 1_600));
    // Waits of 0.5 s, 1 s, 2 s…: at most 3 more calls in 1.6 s (a tight loop makes hundreds).
    expect(z.api.calls.filter((c) => c === 'getUpdates').length - start).toBeLessThanOrEqual(3);
    expect(z.sentTo('u-7')).toHaveLength(1);
  });
});

describe('Zalo groups (beta): the bot sees only messages that mention it or reply to it', () => {
  it('such a message from a linked focal point is a status reply for their agency, answered in the group', async () => {
    z = await new ZaloHarness().start({ start: '2024-06-24T02:00:00Z' });
    const { services, store } = z.app;
    const imported = await services.plans.importFile('ha-tinh-2024-phu-luc.csv', readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.csv')), { name: 'Kế hoạch CCHC năm 2024', year: 2024 });
    expect(imported.ok).toBe(true);
    linkedMember(store, { displayName: 'Trang', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'zalo', chatId: 'u-trang' }, z.clock.now());
    const update = zaloText('u-trang', '@dondoc II.3.3 đã hoàn thành');
    update.message!.chat = { id: 'g-cchc', chat_type: 'GROUP' };
    await z.app.zalo!.handleUpdate(update);
    expect(z.sentTo('g-cchc')[0]).toMatch(/^Đã ghi nhận: II\.3\.3 hoàn thành/);
    const task = store.plans.tasksByRef('II.3.3')[0]!;
    expect(store.statuses.state('task', task.id, store.agencies.byCode('STP')!.id)?.status).toBe('done');
    expect(z.sentTo('u-trang')).toEqual([]);
  });
});
