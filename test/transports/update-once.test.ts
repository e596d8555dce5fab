import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/create-app.js';
import { TelegramHarness, type TgUser } from '../helpers/telegram-harness.js';
import { ZaloHarness } from '../helpers/zalo-harness.js';
import { zaloText } from '../helpers/fake-zalo-api.js';

/** #28: an update is handled once, whatever the platform delivers again and whenever the process stopped. */
const REQUEST = 'gia hạn 1.6 đến 30/9 vì chờ hướng dẫn của Bộ';
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

async function importPlan(app: App): Promise<void> {
  const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
  expect((await app.services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2024 })).ok).toBe(true);
}

const count = (app: App, sql: string) => (app.store.db.prepare(sql).get() as { n: number }).n;
const requests = (app: App) => count(app, "SELECT COUNT(*) AS n FROM status_events WHERE status = 'extension_requested'");
const notices = (app: App) => count(app, "SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE 'extension:%'");

describe('Telegram long polling', () => {
  async function start(): Promise<TelegramHarness> {
    const h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
    close = () => h.close();
    await h.join(admin, h.invite('SNV', 'admin'));
    await h.join(focal, h.invite('STP', 'focal'));
    await importPlan(h.app);
    return h;
  }

  const request = (id: number): Update =>
    ({ update_id: id, message: { message_id: id, date: 0, chat: { id: focal.id, type: 'private', first_name: focal.first_name }, from: { ...focal, is_bot: false }, text: REQUEST } }) as Update;

  it('skips an update Telegram delivers again after it was handled (getUpdates had not confirmed it when dondoc stopped)', async () => {
    const h = await start();
    await h.app.bot!.handleUpdate(request(900));
    await h.app.bot!.handleUpdate(request(900));
    // One request, one notice to Sở Nội vụ, one answer (the old code handled the second delivery too: 2 of each).
    expect(requests(h.app)).toBe(1);
    expect(notices(h.app)).toBe(1);
    expect(h.messagesSince(0, focal.id).filter((c) => String(c.payload.text).includes('Yêu cầu đã gửi Sở Nội vụ'))).toHaveLength(1);
  });

  it('handles an update recorded but not handled when dondoc stopped, when Telegram delivers it again', async () => {
    const h = await start();
    h.app.store.updates.record('telegram', '901', JSON.stringify(request(901)), h.clock.now());
    await h.app.bot!.handleUpdate(request(901));
    expect(requests(h.app)).toBe(1);
    expect(h.app.store.updates.handledAt('telegram', '901')).not.toBeNull();
  });
});

describe('Zalo', () => {
  it('does not handle again at the next start an update whose request was recorded before its answer failed', async () => {
    const h = await new ZaloHarness().start();
    close = () => h.close();
    const invite = (agency: string, role: 'admin' | 'focal') => {
      const issued = h.app.services.onboarding.issueInvite({ agencyCode: agency, role });
      if (!issued.ok) throw new Error(issued.error);
      return issued.value.code;
    };
    await h.join('z-admin', invite('SNV', 'admin'));
    await h.join('z-focal', invite('STP', 'focal'));
    await importPlan(h.app);
    // The answer cannot be sent (as when the process dies between the record and the answer).
    h.api.failNext.push({ status: 500, errorCode: 500, description: 'Internal Server Error' });
    await h.app.zalo!.handleUpdate(zaloText('z-focal', REQUEST)).catch(() => undefined);
    expect(requests(h.app)).toBe(1);
    // What start() does with updates left unhandled: nothing is left, so nothing is recorded again
    // (the old code marked the update handled only after the answer: a second request and notice).
    expect(await h.app.zalo!.replay()).toBe(0);
    expect(requests(h.app)).toBe(1);
    expect(notices(h.app)).toBe(1);
  });
});
