import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { addDays, civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { dayjs } from '../domain/time.js';
import type { Store } from '../store/store.js';
import { backupDatabase, checkDatabase } from './backup.js';
import type { Notifier } from './notifier.js';
import type { Reply } from './reply.js';

/** The service mark of the last good daily backup (its detail: the file). */
export const BACKUP_MARK = 'backup.daily';
const FILE = /^dondoc-(\d{4}-\d{2}-\d{2})\.sqlite$/;
/** After a failed backup, the next try waits this long (not every minute). */
const RETRY_MS = 30 * 60_000;

export interface BackupSettings {
  dbPath: string;
  dir: string;
  /** "HH:mm" in the province's time. */
  at: string;
  keepDays: number;
  keepMonths: number;
  timeZone: string;
}

/** The words admins get when a daily backup fails (the chat layer writes them). */
export interface BackupMessages {
  backupFailed(day: CivilDate, reason: string, dir: string): Reply;
}

/**
 * Which of the daily backups (by day) to keep: every one of the last `keepDays` days up to today,
 * and the first one of each of the last `keepMonths` months (this month included).
 */
export function backupsToKeep(days: readonly CivilDate[], today: CivilDate, keepDays: number, keepMonths: number): Set<CivilDate> {
  const keep = new Set<CivilDate>();
  const firstDay = addDays(today, -(keepDays - 1));
  for (const day of days) if (day >= firstDay && day <= today) keep.add(day);
  const months = new Set<string>();
  for (let i = 0; i < keepMonths; i += 1) months.add(dayjs(`${today.slice(0, 7)}-01`).subtract(i, 'month').format('YYYY-MM'));
  const firstOfMonth = new Map<string, CivilDate>();
  for (const day of [...days].sort()) if (months.has(day.slice(0, 7)) && !firstOfMonth.has(day.slice(0, 7))) firstOfMonth.set(day.slice(0, 7), day);
  for (const day of firstOfMonth.values()) keep.add(day);
  return keep;
}

/**
 * The running bot's daily backup (DONDOC_BACKUP_DIR, DONDOC_BACKUP_AT): once a day, at or after the
 * set time, the same VACUUM INTO copy `npm run cli -- backup` makes, checked (integrity, schema,
 * rows), named dondoc-YYYY-MM-DD.sqlite; then older copies beyond the kept days and months are
 * deleted. A failure is logged and told to the admins in chat (once a day); the next minute's
 * check tries again. Run by the process holding the scheduler lease. Restoring stays the CLI's.
 */
export class BackupSchedule {
  private timer: NodeJS.Timeout | undefined;
  private failedAt = -Infinity;

  constructor(
    private readonly settings: BackupSettings,
    private readonly deps: { store: Store; clock: Clock; logger: Logger; notifier: Notifier; messages: BackupMessages },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.runIfDue(), 60_000);
    this.timer.unref();
    this.runIfDue();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Makes today's backup if its time has come and it is not made yet; returns what happened. */
  runIfDue(): 'not_yet' | 'done_already' | 'waiting_to_retry' | 'made' | 'failed' {
    const { clock, store, logger, notifier, messages } = this.deps;
    const { dir, timeZone } = this.settings;
    const now = clock.now();
    const today = civilDateOf(now, timeZone);
    if (dayjs(now).tz(timeZone).format('HH:mm') < this.settings.at) return 'not_yet';
    const target = join(dir, `dondoc-${today}.sqlite`);
    let made = false;
    try {
      if (store.marks.get(BACKUP_MARK)?.detail === target) return 'done_already';
      if (Date.now() - this.failedAt < RETRY_MS) return 'waiting_to_retry';
      mkdirSync(dir, { recursive: true });
      // A sound copy already there (made before a restart) is today's backup; anything else is redone.
      if (existsSync(target) && checkDatabase(target).integrity !== 'ok') rmSync(target, { force: true });
      made = !existsSync(target);
      const result = backupDatabase(this.settings.dbPath, target);
      if (!result.ok && result.error.code !== 'target_exists') {
        throw new Error(result.error.code === 'bad_copy' ? `bản sao không toàn vẹn (${result.error.integrity})` : `không có cơ sở dữ liệu ${this.settings.dbPath}`);
      }
      store.marks.set(BACKUP_MARK, now, target);
      const files = readdirSync(dir).flatMap((name) => {
        const match = FILE.exec(name);
        return match ? [match[1]!] : [];
      });
      const keep = backupsToKeep(files, today, this.settings.keepDays, this.settings.keepMonths);
      const removed = files.filter((day) => !keep.has(day));
      for (const day of removed) rmSync(join(dir, `dondoc-${day}.sqlite`), { force: true });
      logger.info({ file: target, bytes: result.ok ? result.value.bytes : undefined, removed: removed.length }, 'daily backup made');
      return 'made';
    } catch (error) {
      // A half-written copy (a full disk) is not left to pass for a backup.
      if (made) rmSync(target, { force: true });
      this.failedAt = Date.now();
      const reason = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, dir }, 'daily backup failed');
      try {
        notifier.toAdmins(`backup-failed:${today}`, 'notice', messages.backupFailed(today, reason, dir), now);
      } catch (notifyError) {
        logger.error({ err: notifyError }, 'could not tell the admins that the backup failed');
      }
      return 'failed';
    }
  }
}
