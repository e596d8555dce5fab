import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/create-app.js';
import { FakeClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/store/database.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { linkedMember } from '../helpers/members.js';
import { waitFor } from '../helpers/wait.js';

const MEMBERS = 400;
const KILLS = 20;
const BASE = '2024-07-03T02:00:00Z'; // Wednesday 09:00 in Hà Nội: office hours, a working day.
const dir = mkdtempSync(join(tmpdir(), 'dondoc-reminder-crash-'));
const db = join(dir, 'crash.sqlite');
let api: FakeBotApi;
let root: string;

/** Prepares the database: 400 focal points of Sở Tư pháp and one report due in two working days. */
async function prepare(): Promise<void> {
  const clock = new FakeClock(BASE);
  const config = loadConfig({ DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent', DONDOC_SCHEDULER: 'false', DONDOC_DEMO_DATA: 'false', DONDOC_LOCAL_CHAT: 'false' });
  const app = createApp(config, { logger: createLogger('silent'), clock });
  const { store, services } = app;
  const stp = store.agencies.byCode('STP')!;
  store.transaction(() => {
    for (let i = 0; i < MEMBERS; i += 1) {
      linkedMember(store, { displayName: `Đầu mối ${i}`, agencyId: stp.id, role: 'focal' }, { platform: 'telegram', chatId: String(10_000 + i) }, clock.now());
    }
    store.reports.ensure(
      { code: 'DX1', year: 2024, kind: 'adhoc', title: 'Báo cáo đột xuất về số hóa hồ sơ', cutoffDate: null, nominalDueDate: '2024-07-05', dueDate: '2024-07-05' },
      [stp.id],
      null,
      clock.now(),
    );
  });
  services.planner.replan();
  await app.stop();
}

function startChild(): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/scheduler-child.ts', db, root, BASE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<string>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', () => resolve('exited'));
  });
  return { child, ready };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  api = new FakeBotApi({ perSecond: 200, perChatGapMs: 0, latencyMs: 3 });
  root = await api.start();
  await prepare();
});

afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("killing dondoc while a day's reminders go out", () => {
  it(`after ${KILLS} SIGKILLs and restarts, every member got the digest exactly once, except messages in flight at a kill`, async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let kills = 0;
    let inFlightAtKills = 0;
    const started = async (ready: Promise<string>) => {
      const line = await ready;
      expect(line).toMatch(/^started \d+$/);
      inFlightAtKills += Number(line.split(' ')[1]);
    };
    // Distinct members reached so far; each kill lands after a few more, and always before the last.
    const reached = () => new Set(api.received.map((m) => m.chatId)).size;
    while (kills < KILLS) {
      const { child, ready } = startChild();
      await started(ready);
      const target = Math.min(reached() + 5 + Math.floor(random() * 10), MEMBERS - 2 * (KILLS - kills));
      expect(await waitFor(() => reached() >= target, 20_000)).toBe(true);
      await kill(child);
      // The precondition of the whole test: the kill landed mid-send, with members still waiting.
      expect(reached()).toBeLessThan(MEMBERS);
      kills += 1;
    }
    const { child, ready } = startChild();
    await started(ready);
    const check = openDatabase(db);
    const done = () => (check.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'").get() as { n: number }).n === MEMBERS;
    expect(await waitFor(done, 30_000)).toBe(true);
    const second = startChild();
    expect(await second.ready).toBe('locked');
    await kill(second.child);
    await kill(child);

    const perChat = new Map<string, number>();
    for (const m of api.received) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    const duplicates = [...perChat.values()].reduce((n, c) => n + (c - 1), 0);
    process.stdout.write(
      `crash test: ${kills} kills, ${inFlightAtKills} messages in flight at the kills, ${api.received.length} messages for ${MEMBERS} members, ${duplicates} sent twice\n`,
    );
    // Everyone got it; a second copy only ever comes from a message that was in flight at a kill.
    expect(perChat.size).toBe(MEMBERS);
    expect(duplicates).toBeLessThanOrEqual(inFlightAtKills);
    expect(inFlightAtKills).toBeLessThanOrEqual(kills * 8);
    expect(check.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all()).toEqual([{ status: 'sent', n: MEMBERS }]);
    // The report's reminder was claimed once, and nothing due today is left unsettled.
    expect(check.prepare("SELECT r.status FROM reminders r JOIN reports p ON p.id = r.item_id WHERE r.item_kind = 'report' AND p.code = 'DX1' AND r.send_day = '2024-07-03'").all()).toEqual([{ status: 'sent' }]);
    expect(check.prepare("SELECT COUNT(*) AS n FROM reminders WHERE send_day <= '2024-07-03' AND status = 'planned'").get()).toEqual({ n: 0 });
    expect(api.ignored429).toBe(0);
    check.close();
  }, 600_000);
});
