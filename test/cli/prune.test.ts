import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createStore } from '../../src/store/store.js';
import { applyRegistry, readRegistry } from '../../src/app/agency-registry.js';
import { OLD_CHAT, seedRetentionRows } from '../helpers/retention-rows.js';
import { cliOn, cliOnOwnDatabase } from '../helpers/cli-child.js';

const { dir, cli } = cliOnOwnDatabase('prune');

function withStore<T>(db: string, fn: (store: ReturnType<typeof createStore>) => T): T {
  const store = createStore(openDatabase(db));
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

let databases = 0;

/**
 * A database of the test's own (each test runs alone, in any order): the agency directory and rows past
 * their retention period. The CLI runs on the wall clock: the rows are dated from now, a minute back so
 * "now" in the CLI is later still.
 */
function seededDatabase() {
  databases += 1;
  const db = join(dir, `prune-${databases}.sqlite`);
  const seeded = withStore(db, (store) => {
    applyRegistry(store, readRegistry(join(process.cwd(), 'data', 'agencies.json')), new Date(), 'Asia/Ho_Chi_Minh');
    return seedRetentionRows(store, new Date(Date.now() - 60_000));
  });
  return {
    seeded,
    cli: (...args: string[]) => cliOn(db, ...args),
    oldChatRows: () => withStore(db, (s) => (s.db.prepare('SELECT (SELECT COUNT(*) FROM outbox WHERE chat_id = ?) + (SELECT COUNT(*) FROM pending_choices WHERE chat_id = ?) AS n').get(OLD_CHAT, OLD_CHAT) as { n: number }).n),
    pruneEntries: () => withStore(db, (s) => s.audit.list({}).filter((e) => e.action === 'prune')),
    evidenceOf: (eventId: number) => withStore(db, (s) => s.statuses.evidenceOf(eventId)),
  };
}

describe('npm run cli -- prune', () => {
  it('--dry-run --json counts per kind what is past its period and changes nothing', () => {
    const { seeded, cli, oldChatRows, pruneEntries } = seededDatabase();
    const result = cli('prune', '--dry-run', '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ dryRun: true, counts: seeded.counts, days: { outbox: 30, incomingUpdates: 7, heldEvidence: 1, webSessions: 30, numberedChoices: 7 } });
    expect(oldChatRows()).toBe(3);
    expect(pruneEntries()).toEqual([]);
  });

  it('prunes the same rows, records it in the audit log as the command line, and a second run finds nothing', () => {
    const { seeded, cli, oldChatRows, pruneEntries, evidenceOf } = seededDatabase();
    const result = cli('prune', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ dryRun: false, counts: seeded.counts });
    expect(oldChatRows()).toBe(0);
    expect(evidenceOf(seeded.eventId)).toHaveLength(1);
    expect(pruneEntries()).toEqual([expect.objectContaining({ actorMemberId: null, via: 'cli', detail: expect.objectContaining({ counts: seeded.counts }) })]);
    const again = cli('prune');
    expect(again.out).toBe('Không có dữ liệu nào quá thời gian lưu.\n');
    // Nothing removed: no audit entry.
    expect(pruneEntries()).toHaveLength(1);
    expect(cli('audit').out).toContain('dòng lệnh · cli · xoá dữ liệu quá thời gian lưu');
  });

  it('is in the help, with its --json shape', () => {
    const help = cli('help').out;
    expect(help).toContain('prune [--dry-run] [--json]');
    expect(help).toContain('"counts":{"outbox","incomingUpdates","heldEvidence","webSessions","numberedChoices"}');
    expect(cli('prune', '--now').err).toContain('không có tùy chọn “--now”');
  });
});
