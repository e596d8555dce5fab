import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';
import { OLD_CHAT, seedRetentionRows } from '../helpers/retention-rows.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const HOUR = 3_600_000;

describe('the nightly retention prune of the running bot (data/retention.json)', () => {
  it('runs once a day at 03:00 through the scheduler: blanks or deletes only rows past their period, never the agency record or the audit log, and logs what it removed', () => {
    // 19:00 UTC on 4/12/2026 = 02:00 on Saturday 5/12 in Hà Nội time: an hour before the prune (a day off: it runs all the same).
    const t = createTestApp({ start: '2026-12-04T19:00:00Z' });
    close = t.close;
    const { store, scheduler } = t.app;
    const db = store.db;
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    const pruneEntries = () => store.audit.list({}).filter((e) => e.action === 'prune');
    // Periods are measured from 03:00, when the prune runs.
    const seeded = seedRetentionRows(store, new Date('2026-12-04T20:00:00Z'));
    const table = (name: string) => count(`SELECT COUNT(*) AS n FROM ${name}`);
    const before = { updates: table('incoming_updates'), held: table('held_evidence'), sessions: table('web_sessions'), choices: table('pending_choices'), events: table('status_events'), evidence: table('evidence_files'), audit: table('audit_log') };

    scheduler.tick();
    expect(pruneEntries()).toEqual([]);
    expect(count('SELECT COUNT(*) AS n FROM outbox WHERE chat_id = ?', OLD_CHAT)).toBe(2);

    t.clock.advance(HOUR);
    scheduler.tick();
    // Outbox: the two finished rows older than 30 days keep their status, not their chat, text or error.
    expect(db.prepare("SELECT dedupe_key AS k, status, chat_id AS chat, payload, last_error AS error FROM outbox WHERE dedupe_key LIKE 'old-%' ORDER BY id").all()).toEqual([
      { k: 'old-sent', status: 'sent', chat: '-', payload: '[]', error: null },
      { k: 'old-unreachable', status: 'unreachable', chat: '-', payload: '[]', error: null },
      // Still waiting to be sent (not finished): untouched, whatever its age.
      { k: 'old-pending', status: 'pending', chat: '556', payload: '[{"text":"Nhắc việc"}]', error: null },
    ]);
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key = 'recent-sent' AND chat_id = '555'")).toBe(1);
    expect(db.prepare('SELECT update_id AS id FROM incoming_updates').all()).toEqual([{ id: 'u-new' }]);
    expect(db.prepare('SELECT file_ref AS ref FROM held_evidence').all()).toEqual([{ ref: 'held-new' }]);
    expect((db.prepare('SELECT cookie_hash AS h FROM web_sessions ORDER BY id').all() as { h: string }[]).map((r) => r.h)).toEqual(['expired-recently', 'live']);
    expect(db.prepare('SELECT chat_id AS chat FROM pending_choices').all()).toEqual([{ chat: '557' }]);
    expect([table('incoming_updates'), table('held_evidence'), table('web_sessions'), table('pending_choices')]).toEqual([
      before.updates - seeded.counts.incomingUpdates!,
      before.held - seeded.counts.heldEvidence!,
      before.sessions - seeded.counts.webSessions!,
      before.choices - seeded.counts.numberedChoices!,
    ]);
    // The agency's record is older than every period and stays whole.
    expect([table('status_events'), table('evidence_files')]).toEqual([before.events, before.evidence]);
    expect(store.statuses.evidenceOf(seeded.eventId)).toEqual([{ fileName: 'bao-cao.pdf', size: 10, platform: 'telegram' }]);
    // One audit entry, by dondoc itself, with the counts per kind and the periods applied.
    expect(table('audit_log')).toBe(before.audit + 1);
    expect(pruneEntries()).toEqual([
      expect.objectContaining({ actorMemberId: null, via: 'scheduler', target: null, detail: { counts: seeded.counts, days: { outbox: 30, incomingUpdates: 7, heldEvidence: 1, webSessions: 30, numberedChoices: 7 } } }),
    ]);

    // Once a day: an update now past its period waits for tomorrow's prune.
    store.updates.record('telegram', 'u-late', '{}', new Date(t.clock.now().getTime() - 8 * 24 * HOUR));
    t.clock.advance(HOUR / 2);
    scheduler.tick();
    expect(count("SELECT COUNT(*) AS n FROM incoming_updates WHERE update_id = 'u-late'")).toBe(1);
    t.clock.advance(23.5 * HOUR);
    scheduler.tick();
    expect(count("SELECT COUNT(*) AS n FROM incoming_updates WHERE update_id = 'u-late'")).toBe(0);
    expect(pruneEntries()).toHaveLength(2);
    // A night with nothing past its period removes nothing and writes no audit entry.
    t.clock.advance(24 * HOUR);
    scheduler.tick();
    expect(pruneEntries()).toHaveLength(2);
  });
});
