import { afterEach, describe, expect, it } from 'vitest';
import { HealthCheck } from '../../src/app/health.js';
import { createTestApp } from '../helpers/test-app.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('HealthCheck', () => {
  it('reports a platform that does not answer as unreachable, with its error, without failing the check for it; asks each at most once a minute', async () => {
    const t = createTestApp();
    close = t.close;
    t.app.startBackground();
    const calls = { telegram: 0, zalo: 0 };
    const health = new HealthCheck({
      store: t.app.store,
      clock: t.clock,
      schedulerExpected: false,
      probes: {
        telegram: async () => {
          calls.telegram += 1;
          throw new Error('connect ECONNREFUSED 127.0.0.1:9');
        },
        zalo: async () => {
          calls.zalo += 1;
          return { id: 'bot' };
        },
      },
    });
    const report = await health.check();
    expect(report.platforms.telegram).toMatchObject({ reachable: false, error: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(report.platforms.zalo).toMatchObject({ reachable: true });
    // A restart cannot bring Telegram back; the messages wait in the outbox (which fails the check once stuck).
    expect(report.ok).toBe(true);
    await health.check();
    expect(calls).toEqual({ telegram: 1, zalo: 1 });
  });

  it('a Zalo backlog held by a used-up monthly budget is not "stuck": it waits for the month or an admin', async () => {
    const t = createTestApp();
    close = t.close;
    t.app.startBackground();
    const id = t.app.store.outbox.enqueue({ dedupeKey: 'z', purpose: 'test', memberId: null, platform: 'zalo', chatId: 'u1', payload: '[]' }, new Date(t.clock.now().getTime() - 3_600_000));
    const usage = (stopped: boolean) => [{ platform: 'zalo', month: '2024-01', sent: 3000, quota: 3000, stopped, tight: true, resumed: false }];
    const stopped = new HealthCheck({ store: t.app.store, clock: t.clock, schedulerExpected: false, budget: { limited: () => usage(true) } }).report();
    expect(stopped.outbox).toMatchObject({ ok: true, backlog: 1, oldestAgeSeconds: 3600 });
    const sending = new HealthCheck({ store: t.app.store, clock: t.clock, schedulerExpected: false, budget: { limited: () => usage(false) } }).report();
    expect(sending.failing).toEqual(['outbox']);
    t.app.store.outbox.finish(id, 'failed', 'test');
  });

  it('expects a scheduler tick only when some process runs the scheduler', async () => {
    const t = createTestApp();
    close = t.close;
    t.app.startBackground();
    // DONDOC_SCHEDULER=false in the test app and no scheduler lease held: nothing to expect.
    expect(new HealthCheck({ store: t.app.store, clock: t.clock, schedulerExpected: false }).report().scheduler).toEqual({ ok: true, lastTick: null, ageSeconds: null });
    // This process should run it but never ticked (and holds no scheduler lease): both fail.
    expect(new HealthCheck({ store: t.app.store, clock: t.clock, schedulerExpected: true }).report().failing).toEqual(['leases', 'scheduler']);
  });
});
