import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/create-app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { listMigrations } from '../../src/store/database.js';
import type { HealthReport } from '../../src/app/health.js';
import { waitFor } from '../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'dondoc-health-'));
const dbPath = join(dir, 'health.sqlite');
const TOKEN = 'metrics-token-0123456789';
let app: App;
let base: string;

async function healthz(): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`${base}healthz`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}

beforeAll(async () => {
  // Long polling with no chat token would serve no HTTP at all: DONDOC_HEALTH_HTTP starts it for these two routes.
  app = createApp(
    loadConfig({
      DONDOC_DB_PATH: dbPath,
      DONDOC_HTTP_PORT: '0',
      DONDOC_LOG_LEVEL: 'silent',
      DONDOC_LOCAL_CHAT: 'false',
      DONDOC_DEMO_DATA: 'false',
      DONDOC_HEALTH_HTTP: 'true',
      DONDOC_METRICS_TOKEN: TOKEN,
    }),
    { logger: createLogger('silent'), clock: systemClock },
  );
  base = (await app.start()).httpUrl!;
  // The scheduler ticks once at start (its lease taken at once: no other process on this file).
  expect(await waitFor(() => app.store.marks.get('scheduler.tick') !== undefined, 20_000, 50)).toBe(true);
});

afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /healthz', () => {
  it('healthy: 200, the database took a write, schema current, this process holds both leases, empty outbox, a recent tick', async () => {
    const { status, body } = await healthz();
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.failing).toEqual([]);
    expect(body.database).toEqual({ ok: true, writable: true });
    // Every numbered migration file is applied: the database's version is the last file's.
    const latest = listMigrations().at(-1)!.version;
    expect(body.migrations).toEqual({ ok: true, current: latest, latest });
    expect(body.leases.outbox?.pid).toBe(process.pid);
    expect(body.leases.scheduler?.pid).toBe(process.pid);
    expect(body.outbox).toMatchObject({ ok: true, backlog: 0, oldestAgeSeconds: null });
    // It ticked during beforeAll: well within the 5 minutes after which a scheduler counts as stuck.
    expect(body.scheduler.ok).toBe(true);
    expect(body.scheduler.ageSeconds).toBeLessThan(300);
    // No chat token: no platform to ask.
    expect(body.platforms).toEqual({});
  });

  it('database locked by another writer: 503 naming the database, within the check’s own short wait; 200 once released', async () => {
    const other = new Database(dbPath);
    try {
      other.exec('BEGIN IMMEDIATE');
      const { status, body } = await healthz();
      expect(status).toBe(503);
      expect(body.failing).toContain('database');
      expect(body.database.writable).toBe(false);
      expect(body.database.error).toMatch(/locked|busy/i);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await healthz()).status).toBe(200);
  });

  it('outbox stuck: a row unsent for 20 minutes (no sender for its platform) gives 503 with the backlog and its age', async () => {
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000);
    const id = app.store.outbox.enqueue({ dedupeKey: 'health-stuck', purpose: 'test', memberId: null, platform: 'telegram', chatId: '42', payload: '[]' }, twentyMinutesAgo);
    try {
      const { status, body } = await healthz();
      expect(status).toBe(503);
      expect(body.failing).toEqual(['outbox']);
      expect(body.outbox.backlog).toBe(1);
      // 20 minutes = 1200 s, past the 15-minute (900 s) limit; a second or two passed since.
      expect(body.outbox.oldestAgeSeconds).toBeGreaterThanOrEqual(1200);
      expect(body.outbox.byPlatform).toEqual([{ platform: 'telegram', rows: 1, oldestAgeSeconds: body.outbox.oldestAgeSeconds, budgetStopped: false }]);
    } finally {
      app.store.outbox.finish(id, 'failed', 'test');
    }
    expect((await healthz()).status).toBe(200);
  });

  it('lease lost: when the outbox lease lapsed (nobody sends), 503 naming the leases; when another live process holds it, 200 naming that process', async () => {
    const lease = app.store.leases.get('outbox')!;
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    app.store.db.prepare('UPDATE leases SET expires_at = ? WHERE name = ?').run(past, 'outbox');
    try {
      const lapsed = await healthz();
      expect(lapsed.status).toBe(503);
      expect(lapsed.body.failing).toEqual(['leases']);
      expect(lapsed.body.leases.outbox).toBeNull();
      // Another machine's process took it: the work is done, just not here.
      app.store.db.prepare('UPDATE leases SET owner = ?, pid = ?, expires_at = ? WHERE name = ?').run('may-chu-2:4242:abcd', 4242, future, 'outbox');
      const elsewhere = await healthz();
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.leases.outbox).toMatchObject({ owner: 'may-chu-2:4242:abcd', pid: 4242 });
    } finally {
      app.store.db.prepare('UPDATE leases SET owner = ?, pid = ?, expires_at = ? WHERE name = ?').run(lease.owner, lease.pid, future, 'outbox');
    }
  });
});

describe('GET /metrics', () => {
  it('gives Prometheus text to a loopback caller: counters, the outbox backlog, leases, event-loop delay', async () => {
    app.metrics.outcome('zalo', 'sent');
    app.metrics.outcome('zalo', 'sent');
    app.metrics.outcome('telegram', 'rate_limited');
    app.metrics.outcome('zalo', 'unreachable');
    app.metrics.replyRecorded('done');
    app.metrics.reminderLag(42);
    const response = await fetch(`${base}metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('dondoc_messages_sent_total{platform="zalo"} 2');
    expect(text).toContain('dondoc_rate_limited_total{platform="telegram"} 1');
    expect(text).toContain('dondoc_messages_failed_total{platform="zalo",outcome="unreachable"} 1');
    expect(text).toContain('dondoc_replies_recorded_total{kind="done"} 1');
    // 42 s falls in the 60 s bucket, not in the 30 s one.
    expect(text).toContain('dondoc_reminder_lag_seconds_bucket{le="30"} 0');
    expect(text).toContain('dondoc_reminder_lag_seconds_bucket{le="60"} 1');
    expect(text).toContain('dondoc_healthy 1');
    expect(text).toContain('dondoc_lease_held{lease="outbox"} 1');
    expect(text).toMatch(/^dondoc_nodejs_eventloop_lag_p99_seconds \d/m);
  });

  it('refuses a caller through a proxy without the token (403, in Vietnamese), and serves one with it', async () => {
    const proxied = await fetch(`${base}metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { error: string }).error).toContain('DONDOC_METRICS_TOKEN');
    const wrong = await fetch(`${base}metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer wrong-token-0123456789' } });
    expect(wrong.status).toBe(403);
    const withToken = await fetch(`${base}metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('dondoc_outbox_backlog');
  });
});
