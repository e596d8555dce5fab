import type { Clock } from '../clock.js';
import { dayjs } from '../domain/time.js';
import type { Store } from '../store/store.js';
import type { Notifier } from './notifier.js';
import type { Reply } from './reply.js';

/** Share of the monthly quota at which admins are told once and non-urgent Zalo messages are saved. */
export const BUDGET_WARN_SHARE = 0.8;

/** The outbox purpose of the budget's own notes to admins: they go out even past the budget (at most three a month). */
export const BUDGET_PURPOSE = 'budget';

/** The monthly quotas of the configured platforms (Zalo's, when Zalo is set up). */
export function monthlyQuotas(config: { zalo: { monthlyQuota: number } | undefined }): ReadonlyMap<string, number> {
  return new Map(config.zalo ? [['zalo', config.zalo.monthlyQuota]] : []);
}

/** What the budget says to admins (the chat layer writes the words). */
export interface BudgetMessages {
  budgetWarning(platform: string, sent: number, quota: number): Reply;
  budgetExhausted(platform: string, sent: number, quota: number, byPlatform: boolean): Reply;
}

export interface BudgetUsage {
  platform: string;
  month: string;
  sent: number;
  /** 0: no monthly limit. */
  quota: number;
  /** The platform refused for quota, or the configured budget is used up (and no admin resumed). */
  stopped: boolean;
  /** Past the warning share: non-urgent messages are saved. */
  tight: boolean;
  resumed: boolean;
}

/**
 * A monthly message budget per chat platform (Zalo's plans limit outbound messages a month). Counted
 * in SQLite per calendar month in the province's time; at 80% admins are told once and non-urgent
 * messages are saved (reminders go to a member's Telegram when they linked one, the leaders' weekly
 * digest is not sent on Zalo); at 100%, or when the platform answers "quota exceeded", sending on
 * that platform stops until the month turns or an admin resumes it (`/kenh zalo tieptuc`).
 */
export class MessageBudget {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly quotas: ReadonlyMap<string, number>,
    private readonly notifier: Notifier,
    private readonly messages: BudgetMessages,
  ) {}

  private month(): string {
    return dayjs(this.clock.now()).tz(this.timeZone).format('YYYY-MM');
  }

  usage(platform: string): BudgetUsage {
    const quota = this.quotas.get(platform) ?? 0;
    const row = this.store.budget.get(platform, this.month());
    const resumed = row.resumedAt !== null;
    const stopped = row.exhaustedAt !== null || (quota > 0 && !resumed && row.sent >= quota);
    return { platform, month: row.month, sent: row.sent, quota, stopped, tight: stopped || (quota > 0 && !resumed && row.sent >= quota * BUDGET_WARN_SHARE), resumed };
  }

  /** The platforms with a monthly quota (what /kenh shows admins). */
  limited(): BudgetUsage[] {
    return [...this.quotas.keys()].map((p) => this.usage(p));
  }

  /** May `cost` more messages go out on the platform now? */
  allows(platform: string, cost: number): boolean {
    const u = this.usage(platform);
    if (u.stopped) return false;
    return u.quota === 0 || u.resumed || u.sent + cost <= u.quota;
  }

  /** Is the platform's budget tight (past 80%, or stopped)? Non-urgent messages are then saved. */
  tight(platform: string): boolean {
    return this.usage(platform).tight;
  }

  /** Counts messages that went out; admins are told once when the month passes 80%, and once at 100%. */
  spent(platform: string, n: number): void {
    const quota = this.quotas.get(platform) ?? 0;
    if (n <= 0) return;
    const month = this.month();
    const sent = this.store.budget.add(platform, month, n);
    if (quota === 0) return;
    const now = this.clock.now();
    if (sent >= quota * BUDGET_WARN_SHARE && sent < quota && this.store.budget.markWarned(platform, month, now.toISOString())) {
      this.notifier.toAdmins(`budget80:${platform}:${month}`, BUDGET_PURPOSE, this.messages.budgetWarning(platform, sent, quota), now);
    }
    if (sent >= quota && !this.store.budget.get(platform, month).resumedAt) {
      this.notifier.toAdmins(`budget100:${platform}:${month}`, BUDGET_PURPOSE, this.messages.budgetExhausted(platform, sent, quota, false), now);
    }
  }

  /** The platform refused for quota: stop sending there this month (admins told once, on another platform if they can). */
  exhausted(platform: string): void {
    const month = this.month();
    const now = this.clock.now();
    if (this.store.budget.markExhausted(platform, month, now.toISOString())) {
      const u = this.usage(platform);
      this.notifier.toAdmins(`budget-quota:${platform}:${month}`, BUDGET_PURPOSE, this.messages.budgetExhausted(platform, u.sent, u.quota, true), now);
    }
  }

  /** An admin resumes sending on the platform for the rest of the month. */
  resume(platform: string): void {
    this.store.budget.resume(platform, this.month(), this.clock.now().toISOString());
  }
}
