import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HealthCheck } from './health.js';

/**
 * dondoc's Prometheus metrics (GET /metrics), through prom-client: counters the outbox, the status
 * service and the scheduler feed as things happen; gauges read from the database at each scrape
 * (outbox backlog, the oldest row's age, leases, monthly budgets); and Node's own process metrics
 * (event-loop delay, memory, GC; from the first scrape on). One registry per app, so two apps in one process never mix.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly sent = new Counter({ name: 'dondoc_messages_sent_total', help: 'Outbox rows delivered, by platform.', labelNames: ['platform'], registers: [this.registry] });
  private readonly failed = new Counter({
    name: 'dondoc_messages_failed_total',
    help: 'Outbox rows that ended without delivery, by platform and outcome (failed: retries used up; unreachable: the member blocked the bot).',
    labelNames: ['platform', 'outcome'],
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({ name: 'dondoc_rate_limited_total', help: 'Sends refused with 429 (too many requests), by platform.', labelNames: ['platform'], registers: [this.registry] });
  private readonly replies = new Counter({
    name: 'dondoc_replies_recorded_total',
    help: 'Status replies read and recorded, by kind (done, in_progress, blocked, extension_requested, contribution, report).',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly lag = new Histogram({
    name: 'dondoc_reminder_lag_seconds',
    help: 'How late each reminder went out against its planned time.',
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600, 4 * 3600, 24 * 3600],
    registers: [this.registry],
  });

  constructor(health: HealthCheck, holding: () => { outbox: boolean; scheduler: boolean }) {
    // Read at scrape time from the same report /healthz gives (without asking the platforms again),
    // made once per scrape: the gauges below all collect within the same second.
    let report: ReturnType<HealthCheck['report']> | undefined;
    let reportAt = 0;
    const fresh = () => {
      if (!report || Date.now() - reportAt > 1_000) {
        report = health.report();
        reportAt = Date.now();
      }
      return report;
    };
    new Gauge({
      name: 'dondoc_healthy',
      help: '1 when every /healthz check passes, else 0.',
      registers: [this.registry],
      collect() {
        this.set(fresh().ok ? 1 : 0);
      },
    });
    new Gauge({
      name: 'dondoc_outbox_backlog',
      help: 'Outbox rows not yet sent (pending or in flight), by platform.',
      labelNames: ['platform'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const p of fresh().outbox.byPlatform) this.set({ platform: p.platform }, p.rows);
      },
    });
    new Gauge({
      name: 'dondoc_outbox_oldest_age_seconds',
      help: 'Age of the oldest unsent outbox row, by platform.',
      labelNames: ['platform'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const p of fresh().outbox.byPlatform) this.set({ platform: p.platform }, p.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'dondoc_scheduler_last_tick_age_seconds',
      help: 'Seconds since the scheduler last ticked (any process); absent when it never did.',
      registers: [this.registry],
      collect() {
        const age = fresh().scheduler.ageSeconds;
        if (age === null) this.reset();
        else this.set(age);
      },
    });
    new Gauge({
      name: 'dondoc_lease_held',
      help: '1 when this process holds the lease (outbox: sends messages; scheduler: sends reminders).',
      labelNames: ['lease'],
      registers: [this.registry],
      collect() {
        const held = holding();
        this.set({ lease: 'outbox' }, held.outbox ? 1 : 0);
        this.set({ lease: 'scheduler' }, held.scheduler ? 1 : 0);
      },
    });
    new Gauge({
      name: 'dondoc_budget_messages',
      help: 'Messages sent this month on a platform with a monthly quota (kind=sent), and the quota (kind=quota).',
      labelNames: ['platform', 'kind'],
      registers: [this.registry],
      collect() {
        for (const b of fresh().budget) {
          this.set({ platform: b.platform, kind: 'sent' }, b.sent);
          this.set({ platform: b.platform, kind: 'quota' }, b.quota);
        }
      },
    });
  }

  /** The outbox worker's outcome of one row. */
  outcome(platform: string, outcome: 'sent' | 'unreachable' | 'failed' | 'rate_limited'): void {
    if (outcome === 'sent') this.sent.inc({ platform });
    else if (outcome === 'rate_limited') this.rateLimited.inc({ platform });
    else this.failed.inc({ platform, outcome });
  }

  replyRecorded(kind: string): void {
    this.replies.inc({ kind });
  }

  reminderLag(seconds: number): void {
    this.lag.observe(seconds);
  }

  private processMetrics = false;

  /** The Prometheus text format. Node's process metrics (event-loop delay, memory, GC) start at the first scrape. */
  async text(): Promise<{ contentType: string; body: string }> {
    if (!this.processMetrics) {
      this.processMetrics = true;
      collectDefaultMetrics({ register: this.registry, prefix: 'dondoc_' });
    }
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
