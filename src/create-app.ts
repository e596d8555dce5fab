import { join } from 'node:path';
import type { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { HttpServer } from './http/server.js';
import { openDatabase } from './store/database.js';
import { createStore, type Store } from './store/store.js';
import { LocalChat } from './transports/local/local-chat.js';
import { createBot, menuFor } from './transports/telegram/create-bot.js';
import { createOutboundApi, createTelegramSender } from './transports/telegram/telegram-sender.js';
import { StoredFiles } from './http/stored-files.js';
import { createZaloSender, linkPublisher, WEBHOOK_PATH as ZALO_WEBHOOK_PATH, ZaloBot } from './transports/zalo/zalo-bot.js';
import { ImageLinks } from './http/image-links.js';
import { ZaloClient } from './transports/zalo/zalo-client.js';
import { OutboxWorker, type ChannelSender } from './app/outbox-worker.js';
import { Scheduler } from './app/scheduler.js';
import { draftInThread, importInThread, PLAN_BATCH, planInThread, runInThread } from './app/plan-thread.js';
import { LeaseKeeper } from './app/lease.js';
import { weeklyDigests } from '../commands/summaries.js';
import { Notifier } from './app/notifier.js';
import { MessageBudget, monthlyQuotas } from './app/message-budget.js';
import type { Api } from 'grammy';
import { TelegramWebhook } from './transports/telegram/webhook.js';
import { UpdateInbox } from './app/update-inbox.js';
import { applyRegistry, readRegistry } from './app/agency-registry.js';
import { DEMO_MEMBERS, seedDemoMembers, seedDemoPlan } from './app/demo-seed.js';
import { Dispatcher } from '../commands/dispatcher.js';
import { rememberChoices } from '../commands/numbered-choices.js';
import { BACKUP_MESSAGES, REMINDER_MESSAGES } from '../commands/reminder-messages.js';
import { createServices, type Services } from './app/services.js';
import { HealthCheck } from './app/health.js';
import { Metrics } from './app/metrics.js';
import { mountHealth } from './http/health-routes.js';
import { BackupSchedule } from './app/backup-schedule.js';
import { NIGHTLY_ACTOR } from './app/retention.js';
import { WebDashboard } from './web/dashboard.js';
import { PageThread } from './web/page-thread.js';
import { renderPage } from './web/page-jobs.js';

import { DATA_DIR } from './app/data-file.js';

export { DATA_DIR };

export interface App {
  store: Store;
  services: Services;
  dispatcher: Dispatcher;
  localChat?: LocalChat;
  bot?: Bot;
  zalo?: ZaloBot;
  /** The Telegram client the outbox sends with (no auto-retry: the worker handles 429). */
  outboundApi?: Api;
  worker: OutboxWorker;
  scheduler: Scheduler;
  /** What GET /healthz and `npm run cli -- doctor` report. */
  health: HealthCheck;
  /** What GET /metrics serves. */
  metrics: Metrics;
  /**
   * Starts competing for the outbox and scheduler leases (start() does it too); says which this
   * process took at once. It keeps trying every 10 s, taking over when a holder stops or dies.
   */
  startBackground(): { outbox: boolean; scheduler: boolean };
  /** Starts HTTP and chat transports; resolves with the HTTP address and, when served, the local chat's. */
  start(): Promise<{ httpUrl?: string; localChatUrl?: string }>;
  /** Stops receiving, lets in-flight work finish, closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Builds the whole bot from its configuration with explicit dependencies (a test passes a fake clock). */
export function createApp(
  config: Config,
  deps: {
    logger: Logger;
    clock: Clock;
    dataDir?: string;
    /** A test hook for the Telegram transport: a full botInfo (no getMe call). */
    telegram?: { botInfo?: UserFromGetMe };
  },
): App {
  const { logger, clock } = deps;
  const dataDir = deps.dataDir ?? DATA_DIR;
  const store = createStore(openDatabase(config.DONDOC_DB_PATH));
  const registry = readRegistry(join(dataDir, 'agencies.json'));
  applyRegistry(store, registry, clock.now(), config.DONDOC_TIMEZONE);
  // Zalo's plans limit outbound messages a month: counted, and spared when tight (see MessageBudget).
  const quotas = monthlyQuotas(config);
  const notifier: Notifier = new Notifier(store, clock, REMINDER_MESSAGES, undefined, (): ReadonlySet<string> => new Set([...quotas.keys()].filter((p) => budget.tight(p))));
  const budget: MessageBudget = new MessageBudget(store, clock, config.DONDOC_TIMEZONE, quotas, notifier, REMINDER_MESSAGES);
  const services = createServices({
    store,
    clock,
    logger,
    dataDir,
    notifier,
    budget,
    settings: {
      provinceName: config.DONDOC_PROVINCE_NAME ?? registry.province,
      timeZone: config.DONDOC_TIMEZONE,
      inviteTtlHours: config.DONDOC_INVITE_TTL_HOURS,
      reportMaxLines: config.DONDOC_REPORT_MAX_LINES,
      ocrPageSeconds: config.DONDOC_OCR_PAGE_SECONDS,
      fileLinks: config.zalo?.publicUrl !== undefined,
      dataController: config.DONDOC_DATA_CONTROLLER,
      privacyContact: config.DONDOC_PRIVACY_CONTACT,
    },
  });
  if (config.demoData) {
    const seeded = seedDemoMembers(store, clock.now());
    if (seeded > 0) logger.info({ members: seeded }, 'seeded demo members');
  }
  const dispatcher = new Dispatcher(services, logger);
  const inbox = new UpdateInbox(store, clock, logger.child({ component: 'inbox' }));
  const telegramIntake = config.telegram?.intake;
  const zaloIntake = config.zalo?.intake;
  /** Where Zalo fetches charts and files by link (none: Zalo members get file names only). */
  const zaloPublicUrl = config.zalo?.publicUrl;
  const needHttp = config.localChat || telegramIntake?.kind === 'webhook' || zaloIntake?.kind === 'webhook' || zaloPublicUrl !== undefined || config.DONDOC_HEALTH_HTTP || config.web;
  const http = needHttp ? new HttpServer(logger) : undefined;
  // Health and metrics: the platforms' getMe probes are added below, once their clients exist.
  const probes: Record<string, (signal: AbortSignal) => Promise<unknown>> = {};
  const health = new HealthCheck({ store, clock, schedulerExpected: config.DONDOC_SCHEDULER, budget, probes });
  const metrics: Metrics = new Metrics(health, () => ({ outbox: outboxLease.holding, scheduler: schedulerLease?.holding ?? false }));
  services.statuses.onRecorded = (kind) => metrics.replyRecorded(kind);
  if (http) mountHealth(http, health, metrics, config.DONDOC_METRICS_TOKEN);
  const localChat = config.localChat
    ? new LocalChat(dispatcher, store, new Set(DEMO_MEMBERS.filter((m) => m.zaloStyle).map((m) => m.localId)), logger.child({ transport: 'local' }))
    : undefined;
  if (http && localChat) localChat.mount(http);
  const dashboard = http && config.web ? new WebDashboard(services, logger.child({ component: 'web' }), config.DONDOC_PUBLIC_URL) : undefined;
  if (http && dashboard) dashboard.mount(http);

  // Aborted first thing in stop(): calls to a Bot API or Zalo that does not answer end at once, and
  // their outbox rows stay queued for the next start.
  const stopping = new AbortController();
  const bot = config.telegram
    ? createBot(config.telegram.token, {
        dispatcher,
        logger: logger.child({ transport: 'telegram' }),
        signal: stopping.signal,
        ...(telegramIntake?.kind === 'webhook' ? {} : { inbox }),
        ...deps.telegram,
        ...(config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {}),
      })
    : undefined;
  const webhookPath = '/telegram/webhook';
  const telegramWebhook = bot && http && telegramIntake?.kind === 'webhook' ? new TelegramWebhook(bot, inbox, logger.child({ transport: 'telegram' })) : undefined;
  if (telegramWebhook && http && telegramIntake?.kind === 'webhook') telegramWebhook.mount(http, webhookPath, telegramIntake.secret);
  const storedFiles = new StoredFiles(store, clock, zaloPublicUrl);
  if (http) storedFiles.mount(http);
  const senders = new Map<string, ChannelSender>();
  const outboundApi = config.telegram ? createOutboundApi(config.telegram.token, config.telegram.apiRoot, stopping.signal) : undefined;
  if (outboundApi && config.telegram) {
    senders.set('telegram', createTelegramSender(outboundApi, { perSecond: config.telegram.perSecond, perChatGapMs: config.telegram.perChatGapMs }, storedFiles));
    // grammY types its signal with the abort-controller polyfill; Node's own AbortSignal is what it passes to fetch.
    probes.telegram = (signal) => outboundApi.getMe(signal as unknown as Parameters<Api['getMe']>[0]);
  }
  if (localChat) {
    senders.set('local', {
      platform: 'local',
      buttonsFor: (chatId) => localChat.hasButtons(chatId),
      perSecond: 1_000,
      perChatGapMs: 0,
      send: async (chatId, replies) => void localChat.deliver(chatId, replies),
    });
  }
  const worker = new OutboxWorker(store, senders, clock, logger.child({ component: 'outbox' }), {
    loadFile: (ref) => storedFiles.load(ref),
    onUnreachable: (row) => notifier.memberUnreachable(row),
    wakeOn: notifier.signal,
    onSentWithoutButtons: (platform, chatId, replies, now) => rememberChoices(store, platform, chatId, replies, null, now),
    budget,
    onOutcome: (platform, outcome) => metrics.outcome(platform, outcome),
    stopping: stopping.signal,
  });
  // A database file can be opened by a worker thread too: full re-plans, plan imports and Excel
  // exports run there, off the chat's event loop.
  const planOffThread = config.DONDOC_DB_PATH !== ':memory:';
  const threadContext = () => ({ dbPath: config.DONDOC_DB_PATH, dataDir, timeZone: config.DONDOC_TIMEZONE, now: clock.now().toISOString() });
  const scheduler = new Scheduler({
    messages: REMINDER_MESSAGES,
    store,
    planner: services.planner,
    notifier,
    calendar: services.calendar,
    policy: services.policy,
    reports: services.reportConfig,
    clock,
    logger: logger.child({ component: 'scheduler' }),
    timeZone: config.DONDOC_TIMEZONE,
    overdue: () => services.summaries.overdue(),
    overdueCounts: () => services.summaries.overdueCounts(),
    weeklyDigest: weeklyDigests(services),
    ...(planOffThread ? { planElsewhere: () => planInThread({ ...threadContext(), batch: PLAN_BATCH }) } : {}),
    onReminderLag: (seconds) => metrics.reminderLag(seconds),
    // Personal data past its period (data/retention.json), once a night where the scheduler runs.
    dailyPrune: { at: services.retention.settings.pruneAt, run: () => services.retention.prune(NIGHTLY_ACTOR) },
    dailyJobs: () => {
      const pruned = services.web.pruneExpired();
      if (pruned.tokens > 0) logger.info(pruned, 'expired web login links pruned');
    },
  });
  // One process on a database sends the outbox and (if DONDOC_SCHEDULER) runs the scheduler: the
  // holders of two leases in SQLite. Another process takes over when a holder stops or dies.
  const leaseLog = logger.child({ component: 'lease' });
  const outboxLease = new LeaseKeeper(store, 'outbox', leaseLog, {
    onAcquire: () => {
      worker.recover();
      worker.start();
    },
    onLose: () => worker.stop(),
  });
  // The daily backup (DONDOC_BACKUP_DIR) runs where the scheduler runs: one process a day makes it.
  const backups =
    config.DONDOC_BACKUP_DIR && config.DONDOC_DB_PATH !== ':memory:'
      ? new BackupSchedule(
          {
            dbPath: config.DONDOC_DB_PATH,
            dir: config.DONDOC_BACKUP_DIR,
            at: config.DONDOC_BACKUP_AT,
            keepDays: config.DONDOC_BACKUP_KEEP_DAYS,
            keepMonths: config.DONDOC_BACKUP_KEEP_MONTHS,
            timeZone: config.DONDOC_TIMEZONE,
          },
          { store, clock, logger: logger.child({ component: 'backup' }), notifier, messages: BACKUP_MESSAGES },
        )
      : undefined;
  const schedulerLease = config.DONDOC_SCHEDULER
    ? new LeaseKeeper(store, 'scheduler', leaseLog, {
        onAcquire: () => {
          scheduler.start();
          backups?.start();
        },
        onLose: () => {
          backups?.stop();
          return scheduler.stop();
        },
      })
    : undefined;
  // The dashboard's pages that read the whole province, rendered off the event loop (page-thread.ts).
  let pageThread: PageThread | undefined;
  const startBackground = () => {
    // The scheduler (this process's or another's, whichever holds the lease) plans in full off the
    // event loop; a command's re-plan here covers the items it changed and leaves the rest to it.
    if (schedulerLease && planOffThread) services.planner.fullPlanElsewhere = true;
    if (planOffThread) {
      services.plans.offThread = (fileName, data, meta, { onPage, ...options }) =>
        importInThread(threadContext(), { kind: 'import', fileName, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), meta, options }, undefined, onPage);
      services.scoring.offThread = async (period, asOf) => Buffer.from(await runInThread(threadContext(), { kind: 'export', period, asOf }));
      services.draftFiles.offThread = (request, limits) => draftInThread(threadContext(), { kind: 'draft', request, limits, provinceName: services.settings.provinceName });
      if (dashboard && !pageThread) {
        pageThread = new PageThread({ dbPath: config.DONDOC_DB_PATH, dataDir, settings: services.settings }, () => clock.now(), (job) => renderPage(services, job), logger.child({ component: 'web' }));
        const thread = pageThread;
        dashboard.offThread = (job) => thread.render(job);
      }
    }
    outboxLease.start();
    schedulerLease?.start();
    return { outbox: outboxLease.holding, scheduler: schedulerLease?.holding ?? false };
  };
  const imageLinks = new ImageLinks(clock);
  if (http) imageLinks.mount(http);
  const publish = linkPublisher(zaloPublicUrl, storedFiles, imageLinks);
  const zaloClient = config.zalo ? new ZaloClient(config.zalo.token, config.zalo.apiRoot, stopping.signal) : undefined;
  const zalo = zaloClient ? new ZaloBot(zaloClient, dispatcher, logger.child({ transport: 'zalo' }), publish, inbox, budget) : undefined;
  if (zaloClient && config.zalo) {
    senders.set('zalo', createZaloSender(zaloClient, { perSecond: config.zalo.perSecond, perChatGapMs: config.zalo.perChatGapMs }, publish));
    probes.zalo = (signal) => zaloClient.call('getMe', {}, signal);
  }
  if (zalo && http && zaloIntake?.kind === 'webhook') zalo.mountWebhook(http, zaloIntake.secret);

  let stopped = false;
  let polling: Promise<void> | undefined;

  return {
    store,
    services,
    dispatcher,
    ...(localChat ? { localChat } : {}),
    ...(bot ? { bot } : {}),
    ...(outboundApi ? { outboundApi } : {}),
    ...(zalo ? { zalo } : {}),
    worker,
    scheduler,
    health,
    metrics,
    startBackground,
    async start() {
      if (config.demoData) await seedDemoPlan(services, dataDir, logger);
      let httpUrl: string | undefined;
      if (http) {
        const address = await http.listen(config.DONDOC_HTTP_HOST, config.DONDOC_HTTP_PORT);
        httpUrl = `http://${address.address}:${address.port}/`;
        // Login links from /web point at the public URL, or at this loopback address (port 0 resolved).
        if (config.web) services.web.baseUrl = config.DONDOC_PUBLIC_URL ?? (address.family === 'IPv6' ? `http://[${address.address}]:${address.port}/` : `http://${address.address}:${address.port}/`);
        logger.info({ address: httpUrl }, 'http server listening');
      }
      if (bot) {
        await bot.init();
        await bot.api.setMyCommands(menuFor(null)).catch((error: unknown) => {
          logger.warn({ err: error }, 'could not set the default Telegram command menu');
        });
        if (telegramIntake?.kind === 'webhook') {
          const url = new URL(webhookPath, telegramIntake.publicUrl).toString();
          await bot.api.setWebhook(url, { secret_token: telegramIntake.secret, allowed_updates: ['message', 'callback_query'] });
          logger.info({ url }, 'telegram webhook set');
          telegramWebhook?.replay();
        } else {
          await bot.api.deleteWebhook();
          polling = bot.start({ allowed_updates: ['message', 'callback_query'], onStart: (me) => logger.info({ bot: me.username }, 'telegram polling started') });
          polling.catch((error: unknown) => logger.error({ err: error }, 'telegram polling stopped with an error'));
        }
      }
      // A token Zalo refuses: one error line, and dondoc runs on without Zalo (its rows wait in the outbox).
      if (zalo && !(await zalo.checkToken())) {
        senders.delete('zalo');
      } else if (zalo) {
        if (zaloIntake?.kind === 'webhook') {
          const url = new URL(ZALO_WEBHOOK_PATH, zaloIntake.publicUrl).toString();
          await zalo.replay();
          await zalo.setWebhook(url, zaloIntake.secret);
          logger.info({ url }, 'zalo webhook set');
        } else {
          await zalo.replay();
          await zalo.startPolling();
          logger.info('zalo polling started');
        }
      }
      startBackground();
      return { ...(httpUrl ? { httpUrl } : {}), ...(httpUrl && localChat ? { localChatUrl: httpUrl } : {}) };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      stopping.abort();
      // grammY's stop confirms the last updates with one more getUpdates: aborted with the rest.
      if (bot?.isRunning()) await bot.stop().catch((error: unknown) => logger.debug({ err: error }, 'telegram polling stopped without confirming its last updates'));
      await telegramWebhook?.drain();
      await polling?.catch(() => undefined);
      await zalo?.stop();
      await schedulerLease?.stop();
      await outboxLease.stop();
      await scheduler.stop();
      await worker.stop();
      if (http) await http.close();
      await pageThread?.stop();
      store.close();
      logger.info('stopped');
    },
  };
}
