import type { Clock } from '../clock.js';
import { listMigrations } from '../store/database.js';
import type { Store } from '../store/store.js';
import { leaseHolder } from './lease.js';
import type { BudgetUsage } from './message-budget.js';
import { SCHEDULER_TICK_MARK } from './scheduler.js';

/** A row waiting longer than this in the outbox (on a platform whose monthly budget is not used up) means sending is stuck. */
export const OUTBOX_STUCK_SECONDS = 15 * 60;
/** The scheduler ticks every minute: no good tick for this long means it is stuck (or its holder is). */
export const SCHEDULER_STALE_SECONDS = 5 * 60;
/** A platform is asked (getMe) at most this often, however often /healthz is called. */
export const PROBE_EVERY_MS = 60_000;
/** A platform that does not answer getMe within this is unreachable. */
export const PROBE_TIMEOUT_MS = 5_000;
/** The health check's own write waits at most this long for a busy database (not the store's 5 s). */
const WRITE_TIMEOUT_MS = 1_000;
export const HEALTH_WRITE_MARK = 'health.write';

export interface LeaseState {
  owner: string;
  pid: number;
  heartbeat: string;
  expiresAt: string;
}

export interface PlatformState {
  reachable: boolean | null;
  checkedAt: string | null;
  error?: string;
}

export interface HealthReport {
  /** False when a check that an operator must act on failed: /healthz answers 503. */
  ok: boolean;
  checkedAt: string;
  /** The names of the failed checks, in the order below. */
  failing: string[];
  database: { ok: boolean; writable: boolean; error?: string };
  migrations: { ok: boolean; current: number; latest: number };
  leases: {
    ok: boolean;
    /** Which process holds each lease (null: nobody holds it, so nobody does that work). */
    outbox: LeaseState | null;
    scheduler: LeaseState | null;
    /** Whether the scheduler lease must be held (some process was started with DONDOC_SCHEDULER). */
    schedulerExpected: boolean;
  };
  outbox: {
    ok: boolean;
    backlog: number;
    oldestAgeSeconds: number | null;
    byPlatform: { platform: string; rows: number; oldestAgeSeconds: number; budgetStopped: boolean }[];
  };
  scheduler: { ok: boolean; lastTick: string | null; ageSeconds: number | null };
  /** Informational: an unreachable platform does not fail the check (a restart cannot fix it; its messages wait in the outbox, which fails the check once stuck). */
  platforms: Record<string, PlatformState>;
  budget: BudgetUsage[];
}

export interface HealthDeps {
  store: Store;
  clock: Clock;
  /** This process runs the scheduler when it holds the lease (DONDOC_SCHEDULER). */
  schedulerExpected: boolean;
  /** The platforms' monthly budgets (Zalo's quota). */
  budget?: { limited(): BudgetUsage[] };
  /** One getMe per chat platform: resolves when the platform answered, rejects otherwise. */
  probes?: Record<string, (signal: AbortSignal) => Promise<unknown>>;
}

const seconds = (from: string, now: Date) => Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 1_000));

function leaseState(store: Store, name: string): LeaseState | null {
  const lease = leaseHolder(store, name);
  return lease ? { owner: lease.owner, pid: lease.pid, heartbeat: lease.heartbeat, expiresAt: lease.expiresAt } : null;
}

/**
 * What /healthz, /metrics and `npm run cli -- doctor` report: the database takes a write, its schema
 * is current, a live process holds the outbox (and scheduler) lease, the outbox is not stuck, the
 * scheduler ticked lately; and, for information, whether Telegram and Zalo answer and the budgets.
 */
export class HealthCheck {
  private readonly platformStates = new Map<string, PlatformState & { at: number }>();
  private readonly probing = new Map<string, Promise<void>>();

  constructor(private readonly deps: HealthDeps) {}

  /** The checks, with the platforms asked again when their last answer is older than PROBE_EVERY_MS. */
  async check(): Promise<HealthReport> {
    await this.probePlatforms();
    return this.report();
  }

  /** The checks without asking the platforms again (their last answers, or null when never asked). */
  report(): HealthReport {
    const { store, clock } = this.deps;
    const now = clock.now();
    const failing: string[] = [];
    const database = this.writeCheck(now);
    if (!database.ok) failing.push('database');

    let migrations: HealthReport['migrations'];
    try {
      const current = store.db.pragma('user_version', { simple: true }) as number;
      const latest = listMigrations().at(-1)?.version ?? 0;
      migrations = { ok: current === latest, current, latest };
    } catch {
      migrations = { ok: false, current: 0, latest: listMigrations().at(-1)?.version ?? 0 };
    }
    if (!migrations.ok) failing.push('migrations');

    let outboxLease: LeaseState | null = null;
    let schedulerLease: LeaseState | null = null;
    let leasesReadable = true;
    try {
      outboxLease = leaseState(store, 'outbox');
      schedulerLease = leaseState(store, 'scheduler');
    } catch {
      leasesReadable = false;
    }
    const schedulerExpected = this.deps.schedulerExpected;
    const leases = { ok: leasesReadable && outboxLease !== null && (!schedulerExpected || schedulerLease !== null), outbox: outboxLease, scheduler: schedulerLease, schedulerExpected };
    if (!leases.ok) failing.push('leases');

    const budget = this.deps.budget?.limited() ?? [];
    let outbox: HealthReport['outbox'];
    try {
      const rows = store.outbox.backlog();
      const byPlatform = rows.map((r) => ({ platform: r.platform, rows: r.rows, oldestAgeSeconds: seconds(r.oldestAt, now), budgetStopped: budget.some((b) => b.platform === r.platform && b.stopped) }));
      const ages = byPlatform.map((p) => p.oldestAgeSeconds);
      outbox = {
        ok: byPlatform.every((p) => p.budgetStopped || p.oldestAgeSeconds <= OUTBOX_STUCK_SECONDS),
        backlog: byPlatform.reduce((sum, p) => sum + p.rows, 0),
        oldestAgeSeconds: ages.length > 0 ? Math.max(...ages) : null,
        byPlatform,
      };
    } catch {
      outbox = { ok: false, backlog: 0, oldestAgeSeconds: null, byPlatform: [] };
    }
    if (!outbox.ok) failing.push('outbox');

    let lastTick: string | null = null;
    try {
      lastTick = store.marks.get(SCHEDULER_TICK_MARK)?.at ?? null;
    } catch {
      lastTick = null;
    }
    const ageSeconds = lastTick ? seconds(lastTick, now) : null;
    // Checked when some process runs the scheduler (holds its lease) or this one should.
    const schedulerRuns = schedulerLease !== null || schedulerExpected;
    const scheduler = { ok: !schedulerRuns || (ageSeconds !== null && ageSeconds <= SCHEDULER_STALE_SECONDS), lastTick, ageSeconds };
    if (!scheduler.ok) failing.push('scheduler');

    const platforms: Record<string, PlatformState> = {};
    for (const name of Object.keys(this.deps.probes ?? {})) {
      const state = this.platformStates.get(name);
      platforms[name] = state ? { reachable: state.reachable, checkedAt: state.checkedAt, ...(state.error ? { error: state.error } : {}) } : { reachable: null, checkedAt: null };
    }
    return { ok: failing.length === 0, checkedAt: now.toISOString(), failing, database, migrations, leases, outbox, scheduler, platforms, budget };
  }

  /** A real write (the health mark), waiting at most WRITE_TIMEOUT_MS for a lock: a locked or read-only database fails. */
  private writeCheck(now: Date): HealthReport['database'] {
    const { db } = this.deps.store;
    const previous = db.pragma('busy_timeout', { simple: true }) as number;
    try {
      db.pragma(`busy_timeout = ${WRITE_TIMEOUT_MS}`);
      this.deps.store.marks.set(HEALTH_WRITE_MARK, now);
      return { ok: true, writable: true };
    } catch (error) {
      return { ok: false, writable: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      db.pragma(`busy_timeout = ${previous}`);
    }
  }

  private async probePlatforms(): Promise<void> {
    const probes = this.deps.probes ?? {};
    await Promise.all(
      Object.entries(probes).map(([name, probe]) => {
        const last = this.platformStates.get(name);
        if (last && Date.now() - last.at < PROBE_EVERY_MS) return undefined;
        const running = this.probing.get(name);
        if (running) return running;
        const started = (async () => {
          const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
          try {
            await probe(signal);
            this.platformStates.set(name, { reachable: true, checkedAt: this.deps.clock.now().toISOString(), at: Date.now() });
          } catch (error) {
            const message = signal.aborted ? `không trả lời trong ${PROBE_TIMEOUT_MS / 1_000} giây` : error instanceof Error ? error.message : String(error);
            this.platformStates.set(name, { reachable: false, checkedAt: this.deps.clock.now().toISOString(), error: message, at: Date.now() });
          } finally {
            this.probing.delete(name);
          }
        })();
        this.probing.set(name, started);
        return started;
      }),
    );
  }
}
