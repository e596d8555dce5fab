import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupSchedule, backupsToKeep } from '../../src/app/backup-schedule.js';
import { checkDatabase } from '../../src/app/backup.js';
import { BACKUP_MESSAGES, REMINDER_MESSAGES } from '../../commands/reminder-messages.js';
import { addDays } from '../../src/domain/civil-date.js';
import { createLogger } from '../../src/logger.js';
import { Notifier } from '../../src/app/notifier.js';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('backupsToKeep', () => {
  it('keeps the last N days up to today and the first backup of each of the last M months', () => {
    // Daily backups from 1/10/2026 to 4/12/2026.
    const days: string[] = [];
    for (let d = '2026-10-01'; d <= '2026-12-04'; d = addDays(d, 1)) days.push(d);
    const keep = backupsToKeep(days, '2026-12-04', 7, 3);
    // 7 days: 28/11 … 4/12; months: the first of December, November and October.
    expect([...keep].sort()).toEqual(['2026-10-01', '2026-11-01', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    // A month with a gap: its first backup is the 15th; September is past the 3 months kept.
    expect([...backupsToKeep(['2026-09-01', '2026-11-15', '2026-11-20'], '2026-12-04', 1, 3)].sort()).toEqual(['2026-11-15']);
  });
});

describe('the daily backup of the running bot', () => {
  function setUp(dir: (appDir: string) => string) {
    // 19:00 UTC on 3/12/2026 = 02:00 on 4/12 in Hà Nội time, half an hour before the backup time.
    const t = createTestApp({ start: '2026-12-03T19:00:00Z' });
    close = t.close;
    const backupDir = dir(t.dir);
    const logger = createLogger('silent');
    const notifier = new Notifier(t.app.store, t.clock, REMINDER_MESSAGES);
    const schedule = new BackupSchedule(
      { dbPath: join(t.dir, 'dondoc.sqlite'), dir: backupDir, at: '02:30', keepDays: 2, keepMonths: 1, timeZone: 'Asia/Ho_Chi_Minh' },
      { store: t.app.store, clock: t.clock, logger, notifier, messages: BACKUP_MESSAGES },
    );
    return { t, schedule, backupDir };
  }

  it('makes one checked copy a day at the set time, named by the day, and deletes copies beyond those kept', () => {
    const { t, schedule, backupDir } = setUp((d) => join(d, 'sao-luu'));
    expect(schedule.runIfDue()).toBe('not_yet');
    expect(existsSync(backupDir)).toBe(false);
    t.clock.advance(30 * 60_000);
    expect(schedule.runIfDue()).toBe('made');
    const made = join(backupDir, 'dondoc-2026-12-04.sqlite');
    expect(checkDatabase(made)).toMatchObject({ integrity: 'ok' });
    expect(schedule.runIfDue()).toBe('done_already');
    for (const day of ['2026-11-01', '2026-11-02', '2026-12-02', '2026-12-03']) writeFileSync(join(backupDir, `dondoc-${day}.sqlite`), '');
    writeFileSync(join(backupDir, 'ghi-chu.txt'), 'not a backup: left alone');
    // The next day: keep 2 days (4/12, 5/12) and December's first copy (2/12); 1/11 is past the one month kept.
    t.clock.advance(24 * 3_600_000);
    expect(schedule.runIfDue()).toBe('made');
    expect(readdirSync(backupDir).sort()).toEqual(['dondoc-2026-12-02.sqlite', 'dondoc-2026-12-04.sqlite', 'dondoc-2026-12-05.sqlite', 'ghi-chu.txt']);
  });

  it('tells the admins in chat, in Vietnamese, when the backup cannot be written, and tries again 30 minutes later, not every minute', () => {
    const { t, schedule } = setUp((d) => {
      // A file where the directory should be: nothing can be written under it.
      writeFileSync(join(d, 'khong-phai-thu-muc'), '');
      return join(d, 'khong-phai-thu-muc', 'sao-luu');
    });
    linkedMember(t.app.store, { displayName: 'Quản trị', agencyId: t.app.store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'telegram', chatId: '900' }, t.clock.now());
    t.clock.advance(30 * 60_000);
    expect(schedule.runIfDue()).toBe('failed');
    const told = t.app.store.db.prepare("SELECT payload FROM outbox WHERE dedupe_key LIKE 'backup-failed:2026-12-04:%'").all() as { payload: string }[];
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toContain('Sao lưu tự động ngày 04/12/2026 không thành công');
    expect(told[0]!.payload).toContain('npm run cli -- backup');
    expect(schedule.runIfDue()).toBe('waiting_to_retry');
  });
});
