import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';
import { waitFor } from '../helpers/wait.js';

let apps: ReturnType<typeof createTestApp>[] = [];
afterEach(async () => {
  for (const t of apps) await t.close();
  apps = [];
});

describe('who sends and schedules: leases in SQLite', () => {
  it('with DONDOC_SCHEDULER=false the process still sends broadcasts and notices (it holds the outbox lease)', async () => {
    const t = createTestApp({ start: '2026-11-23T02:00:00Z', env: { DONDOC_SCHEDULER: 'false', DONDOC_LOCAL_CHAT: 'true' } });
    apps.push(t);
    const { store, services } = t.app;
    const member = linkedMember(store, { displayName: 'Lan', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'local', chatId: 'lan' }, t.clock.now());
    expect(t.app.startBackground()).toEqual({ outbox: true, scheduler: false });
    services.notifyMember('test:1', member.id, { text: ['Thông báo thử'] });
    expect(await waitFor(() => t.app.localChat!.history('lan').length === 1)).toBe(true);
    expect(store.outbox.countByStatus()).toEqual({ sent: 1 });
  });

  it('a second process on the same database waits while the first holds the leases, and the first gives them up when it stops', async () => {
    const a = createTestApp({ start: '2026-11-23T02:00:00Z' });
    apps.push(a);
    const b = createTestApp({ start: '2026-11-23T02:00:00Z', env: { DONDOC_DB_PATH: a.app.store.db.name } });
    apps.push(b);
    expect(a.app.startBackground()).toEqual({ outbox: true, scheduler: false });
    expect(b.app.startBackground()).toEqual({ outbox: false, scheduler: false });
    await a.app.stop();
    expect(b.app.store.leases.get('outbox')).toBeUndefined();
  });
});
