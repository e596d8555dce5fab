import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { HealthCheck, OUTBOX_STUCK_SECONDS, SCHEDULER_STALE_SECONDS, type HealthReport, type LeaseState } from './app/health.js';
import { MessageBudget, monthlyQuotas } from './app/message-budget.js';
import { Notifier } from './app/notifier.js';
import { REMINDER_MESSAGES } from '../commands/reminder-messages.js';
import { formatDateTime } from './domain/time.js';
import { openDatabase } from './store/database.js';
import { createStore } from './store/store.js';

const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** One getMe on a Telegram-style Bot API (Telegram's and Zalo's answer `{ ok, result }`): throws unless ok. */
async function getMe(root: string, token: string, signal: AbortSignal): Promise<void> {
  const response = await fetch(`${root}/bot${token}/getMe`, { method: 'POST', signal });
  const body = (await response.json().catch(() => ({}))) as { ok?: boolean; description?: string };
  if (!response.ok || body.ok !== true) throw new Error(`HTTP ${response.status}${body.description ? `: ${body.description}` : ''}`);
}

/** "3 phút", "2 giờ 5 phút", "40 giây". */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} phút`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} giờ` : `${hours} giờ ${minutes % 60} phút`;
}

const holder = (lease: LeaseState) => `tiến trình ${lease.pid} (${lease.owner.split(':')[0]}), gia hạn lúc ${formatDateTime(new Date(lease.heartbeat))}`;

/** The report as an operator reads it: one Vietnamese line per check, ✓ or ✗ first. */
export function describeHealth(report: HealthReport, dbPath: string, timeZone: string): string[] {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const lines: string[] = [];
  const { database, migrations, leases, outbox, scheduler } = report;
  lines.push(`${mark(database.ok)} Cơ sở dữ liệu ${dbPath}: ${database.ok ? 'ghi được' : `không ghi được (${database.error ?? 'không rõ lỗi'})`}.`);
  lines.push(
    `${mark(migrations.ok)} Lược đồ: phiên bản ${migrations.current}/${migrations.latest}${migrations.ok ? ', đã cập nhật' : ': còn bản nâng cấp chưa áp dụng (npm run cli -- migrate, hoặc khởi động lại dondoc)'}.`,
  );
  lines.push(`${mark(leases.outbox !== null)} Gửi tin (hàng đợi): ${leases.outbox ? holder(leases.outbox) : 'không tiến trình dondoc nào đang giữ: không tin nào được gửi'}.`);
  if (leases.scheduler || leases.schedulerExpected) {
    lines.push(`${mark(leases.scheduler !== null)} Bộ lập lịch nhắc việc: ${leases.scheduler ? holder(leases.scheduler) : 'không tiến trình dondoc nào đang giữ: không nhắc việc nào được gửi'}.`);
  }
  if (outbox.backlog === 0) lines.push('✓ Hàng đợi gửi: trống.');
  else {
    const parts = outbox.byPlatform.map((p) => `${p.platform} ${p.rows} tin, cũ nhất ${duration(p.oldestAgeSeconds)}${p.budgetStopped ? ' (đã hết hạn mức tháng)' : ''}`);
    lines.push(`${mark(outbox.ok)} Hàng đợi gửi: ${outbox.backlog} tin chờ gửi (${parts.join('; ')})${outbox.ok ? '' : `: có tin chờ quá ${duration(OUTBOX_STUCK_SECONDS)}`}.`);
  }
  if (scheduler.lastTick) {
    lines.push(
      `${mark(scheduler.ok)} Lần chạy gần nhất của bộ lập lịch: ${formatDateTime(new Date(scheduler.lastTick), timeZone)} (${duration(scheduler.ageSeconds ?? 0)} trước)${scheduler.ok ? '' : `: quá ${duration(SCHEDULER_STALE_SECONDS)}, bộ lập lịch có thể bị treo`}.`,
    );
  } else if (!scheduler.ok) {
    lines.push('✗ Bộ lập lịch chưa chạy lần nào trên cơ sở dữ liệu này.');
  }
  for (const [platform, state] of Object.entries(report.platforms)) {
    const name = platform === 'telegram' ? 'Telegram' : platform === 'zalo' ? 'Zalo' : platform;
    lines.push(state.reachable ? `✓ ${name}: kết nối được.` : `✗ ${name}: không kết nối được (${state.error ?? 'không rõ lỗi'}); tin chờ trong hàng đợi.`);
  }
  for (const b of report.budget) {
    if (b.quota === 0) continue;
    lines.push(`${mark(!b.stopped)} Hạn mức ${b.platform} tháng ${b.month}: đã gửi ${b.sent}/${b.quota} tin${b.stopped ? ', đã dừng gửi (quản trị gõ /kenh ' + b.platform + ' tieptuc để gửi tiếp)' : b.tight ? ', đã quá 80%: tin không khẩn được tiết kiệm' : ''}.`);
  }
  lines.push(report.ok ? 'Kết luận: mọi kiểm tra đều đạt.' : `Kết luận: ${report.failing.length} mục cần xử lý.`);
  return lines;
}

/**
 * `npm run cli -- doctor [--json]`: the checks /healthz makes, from outside the running bot (on the
 * same database), plus a getMe to each configured platform. Exit code 0 when all pass, 1 otherwise.
 */
export async function doctorCommand(config: Config, rest: string[], print: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
  const path = config.DONDOC_DB_PATH;
  if (path !== ':memory:' && !existsSync(path)) {
    print(`✗ Không có cơ sở dữ liệu ${path}: kiểm tra DONDOC_DB_PATH (dondoc tạo tệp này ở lần chạy đầu).`);
    return 1;
  }
  // Not migrated here: whether the schema is current is one of the checks.
  const store = createStore(openDatabase(path, { migrate: false }));
  try {
    const notifier = new Notifier(store, systemClock, REMINDER_MESSAGES);
    const budget = new MessageBudget(store, systemClock, config.DONDOC_TIMEZONE, monthlyQuotas(config), notifier, REMINDER_MESSAGES);
    const probes: Record<string, (signal: AbortSignal) => Promise<unknown>> = {};
    const { telegram, zalo } = config;
    if (telegram) probes.telegram = (signal) => getMe(telegram.apiRoot ?? TELEGRAM_API_ROOT, telegram.token, signal);
    if (zalo) probes.zalo = (signal) => getMe(zalo.apiRoot ?? config.ZALO_API_ROOT, zalo.token, signal);
    const health = new HealthCheck({ store, clock: systemClock, schedulerExpected: config.DONDOC_SCHEDULER, budget, probes });
    const report = await health.check();
    if (values.json) print(JSON.stringify(report));
    else for (const line of describeHealth(report, path, config.DONDOC_TIMEZONE)) print(line);
    return report.ok ? 0 : 1;
  } finally {
    store.close();
  }
}
