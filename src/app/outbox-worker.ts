import type { Clock } from '../clock.js';
import { QuotaExceededError, RateLimitedError, UnreachableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { OutboxRow } from '../store/outbox-repo.js';
import { decodeReplies } from './reply-codec.js';
import { BUDGET_PURPOSE } from './message-budget.js';
import type { Reply } from './reply.js';

/** Failed attempts at an attachment after which it is replaced by a text note (it would only loop). */
export const ATTACHMENT_GIVE_UP = 2;

/** Where a send of several platform messages resumes: the first `done` were delivered before. */
export interface PartProgress {
  done: number;
  /** Failed attempts in a row at the next message. */
  failures: number;
  /** Called after each message is delivered (the worker records it at once). */
  sent(): void;
}

/**
 * Walks the platform messages of one send: skips those delivered before, reports each one
 * delivered, and says when the next is an attachment that failed too often (send a note instead).
 */
export function partSteps(progress?: PartProgress): { step(send: () => Promise<unknown>): Promise<void>; givingUp(): boolean } {
  let index = 0;
  return {
    async step(send) {
      const i = index;
      index += 1;
      if (progress && i < progress.done) return;
      await send();
      progress?.sent();
    },
    givingUp: () => progress !== undefined && index === progress.done && progress.failures >= ATTACHMENT_GIVE_UP,
  };
}

/**
 * Sends reply models to one chat on one platform; throws RateLimitedError or UnreachableError
 * (src/errors.ts), anything else is transient.
 */
export interface ChannelSender {
  platform: string;
  /** Messages per second for the whole platform (Telegram: 30). */
  perSecond: number;
  /** Minimum gap between two messages to the same chat, in ms (Telegram: 1000). */
  perChatGapMs: number;
  /** False where a chat sees choices as numbered lines (Zalo): the worker then remembers them for it. */
  buttonsFor(chatId: string): boolean;
  /** How many platform messages these replies become (default 1): each counts against the budgets. */
  cost?(chatId: string, replies: Reply[]): number;
  send(chatId: string, replies: Reply[], progress?: PartProgress): Promise<void>;
}

export interface OutboxWorkerOptions {
  /** Attempts before a message is failed with its last error (default 6). */
  maxAttempts?: number;
  /** Messages in flight at once per platform (default 8). */
  concurrency?: number;
  /** Backoff for network errors: base × 2^(attempt−1) ms (default 2,000). */
  backoffBaseMs?: number;
  /** Called when a member turns out unreachable (to tell Sở Nội vụ). */
  onUnreachable?: (row: OutboxRow) => void;
  /** The bytes of a stored file an outbox row names (a broadcast's attachment). */
  loadFile?: (ref: string) => Buffer | undefined;
  /** Fired when messages were queued: the worker sends at once instead of at its next poll. */
  wakeOn?: { listen(listener: () => void): void };
  /** A monthly message budget per platform (Zalo): checked before a row goes, counted per message delivered. */
  budget?: { allows(platform: string, cost: number): boolean; spent(platform: string, n: number): void; exhausted(platform: string): void };
  /** Called after replies went to a chat without buttons (the chat layer remembers their numbered choices). */
  onSentWithoutButtons?: (platform: string, chatId: string, replies: Reply[], now: Date) => void;
  /**
   * Aborted when dondoc stops (the senders' calls take the same signal): a row whose send it cut
   * short goes back to the queue as it was, its attempt not counted, for the next start.
   */
  stopping?: AbortSignal;
  /** Told each row's outcome (/metrics): sent, ended unreachable or failed, or refused with 429. */
  onOutcome?: (platform: string, outcome: 'sent' | 'unreachable' | 'failed' | 'rate_limited') => void;
}

/** A real-time poll interval (not pacing: pacing waits go through the clock). */
const poll = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The window the per-second budget is counted over. A little over a second: the platform counts
 * arrivals, and network jitter must not push 31 messages into one of its seconds.
 */
const BUDGET_WINDOW_MS = 1_100;

/**
 * Drains the outbox per platform within the platform's limits: a global messages-per-second
 * budget, a minimum gap per chat, a platform-wide pause on 429, unreachable on 403, retries with
 * backoff on network errors. Every row ends sent, unreachable or failed with its reason.
 */
export class OutboxWorker {
  /** Messages in flight per platform, not yet counted by the budget. */
  private readonly reserved = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly lastToChat = new Map<string, number>();
  private readonly sentAt = new Map<string, number[]>();
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly senders: Map<string, ChannelSender>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    options.wakeOn?.listen(() => this.kick());
  }

  /** Puts back messages a crash left "sending" (they may have gone out: logged as possible duplicates). */
  recover(): number {
    const rows = this.store.outbox.recoverInFlight();
    if (rows.length > 0) {
      this.logger.warn({ count: rows.length, ids: rows.map((r) => r.id) }, 'messages were in flight at the last stop; sending them again');
    }
    return rows.length;
  }

  /** Starts the background loop (call kick() after queueing to send at once). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const sent = await this.drainOnce();
        if (!this.running) break;
        if (sent === 0) await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 1_000);
        });
      }
    })();
  }

  kick(): void {
    this.wake?.();
  }

  /** Stops taking new messages and waits for those in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Sends everything ready now. With `untilIdle`, also waits out rate-limit pauses until nothing
   * is ready any more (or `timeoutMs`, default 60 s, passes); rows waiting for a backoff stay queued.
   */
  async drain(options: { untilIdle?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      if ((await this.drainOnce()) > 0) continue;
      const ready = [...this.senders.keys()].some((p) => {
        const allowed = this.options.budget?.allows(p, 1) ?? true;
        return this.store.outbox.ready(p, this.clock.now(), 200).some((row) => allowed || row.purpose === BUDGET_PURPOSE);
      });
      if (!ready || !options.untilIdle || Date.now() > deadline) return;
      // Rows are waiting for a platform's pause to end: wait it out on the clock.
      const pause = this.pauseRemaining();
      if (pause > 0) await this.clock.sleep(pause);
      else await poll(25);
    }
  }

  /** Milliseconds until the first paused platform may send again (0: none is paused). */
  private pauseRemaining(): number {
    const now = this.nowMs();
    const waits = [...this.pausedUntil.values()].map((until) => until - now).filter((ms) => ms > 0);
    return waits.length > 0 ? Math.min(...waits) : 0;
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  private async drainOnce(): Promise<number> {
    let started = 0;
    for (const sender of this.senders.values()) {
      const paused = this.pausedUntil.get(sender.platform) ?? 0;
      if (this.nowMs() < paused) continue;
      const rows = this.store.outbox.ready(sender.platform, this.clock.now(), 200);
      const concurrency = this.options.concurrency ?? 8;
      for (const row of rows) {
        if (!this.running && this.loop) break;
        if (this.nowMs() < (this.pausedUntil.get(sender.platform) ?? 0)) break;
        while (this.inFlight.size >= concurrency) await Promise.race(this.inFlight);
        let replies: Reply[] | Error;
        try {
          replies = decodeReplies(row.payload, this.options.loadFile);
        } catch (error) {
          replies = error instanceof Error ? error : new Error(String(error));
        }
        const cost = replies instanceof Error ? 1 : (sender.cost?.(row.chatId, replies) ?? 1);
        // The month's budget on this platform is used up: the rows wait (the month turns, or an admin resumes).
        // Messages in flight count too, so that concurrent sends cannot overshoot the month's budget.
        const needed = Math.max(1, cost - row.partsSent);
        const reserved = this.reserved.get(sender.platform) ?? 0;
        if (this.options.budget && row.purpose !== BUDGET_PURPOSE && !this.options.budget.allows(sender.platform, reserved + needed)) continue;
        await this.waitForBudget(sender, row.chatId, cost);
        if (!this.store.outbox.markSending(row.id)) continue;
        this.reserved.set(sender.platform, (this.reserved.get(sender.platform) ?? 0) + needed);
        const job = this.sendOne(sender, row, replies).finally(() => {
          this.inFlight.delete(job);
          this.reserved.set(sender.platform, (this.reserved.get(sender.platform) ?? 0) - needed);
        });
        this.inFlight.add(job);
        started += 1;
      }
    }
    await Promise.allSettled([...this.inFlight]);
    return started;
  }

  /** Waits until `cost` messages fit the platform's per-second budget and the chat's gap, then reserves them. */
  private async waitForBudget(sender: ChannelSender, chatId: string, cost: number): Promise<void> {
    const n = Math.max(1, Math.min(cost, sender.perSecond));
    for (;;) {
      const now = this.nowMs();
      const recent = (this.sentAt.get(sender.platform) ?? []).filter((t) => now - t < BUDGET_WINDOW_MS);
      this.sentAt.set(sender.platform, recent);
      const chatKey = `${sender.platform}:${chatId}`;
      const chatReady = (this.lastToChat.get(chatKey) ?? 0) + sender.perChatGapMs;
      const paused = this.pausedUntil.get(sender.platform) ?? 0;
      const over = recent.length + n - sender.perSecond;
      if (over <= 0 && now >= chatReady && now >= paused) {
        for (let i = 0; i < n; i += 1) recent.push(now);
        // The sender paces a multi-message row by the chat gap: the next row to this chat waits for all of it.
        this.lastToChat.set(chatKey, now + (n - 1) * sender.perChatGapMs);
        return;
      }
      const waitGlobal = over > 0 ? recent[over - 1]! + BUDGET_WINDOW_MS - now : 0;
      await this.clock.sleep(Math.max(1, waitGlobal, chatReady - now, paused - now));
    }
  }

  private async sendOne(sender: ChannelSender, row: OutboxRow, decoded: Reply[] | Error): Promise<void> {
    const log = this.logger.child({ outbox: row.id, platform: row.platform });
    try {
      if (decoded instanceof Error) throw decoded;
      const replies = decoded;
      const progress: PartProgress = {
        done: row.partsSent,
        failures: row.partFailures,
        sent: () => {
          this.store.outbox.markPartSent(row.id);
          this.options.budget?.spent(sender.platform, 1);
        },
      };
      await sender.send(row.chatId, replies, progress);
      this.store.outbox.markSent(row.id, this.clock.now());
      this.options.onOutcome?.(row.platform, 'sent');
      if (!sender.buttonsFor(row.chatId)) this.options.onSentWithoutButtons?.(sender.platform, row.chatId, replies, this.clock.now());
    } catch (error) {
      if (this.options.stopping?.aborted) {
        this.store.outbox.retryLater(row.id, this.clock.now(), 'dondoc dừng khi đang gửi', false);
        log.info('stopped while sending: the message stays queued');
        return;
      }
      if (error instanceof RateLimitedError) {
        const until = this.nowMs() + error.retryAfterSeconds * 1_000;
        this.pausedUntil.set(sender.platform, Math.max(until, this.pausedUntil.get(sender.platform) ?? 0));
        this.store.outbox.retryLater(row.id, this.clock.now(), `429: chờ ${error.retryAfterSeconds}s`, false);
        log.warn({ retryAfter: error.retryAfterSeconds }, 'rate limited: pausing the platform');
        this.options.onOutcome?.(row.platform, 'rate_limited');
        return;
      }
      if (error instanceof QuotaExceededError) {
        this.options.budget?.exhausted(sender.platform);
        this.store.outbox.retryLater(row.id, this.clock.now(), 'hết hạn mức tin nhắn tháng này', false);
        log.warn('monthly quota exceeded: sending on this platform stops until the month turns or an admin resumes');
        return;
      }
      if (error instanceof UnreachableError) {
        this.store.outbox.finish(row.id, 'unreachable', error.message);
        log.warn({ member: row.memberId }, 'member unreachable');
        this.options.onOutcome?.(row.platform, 'unreachable');
        this.options.onUnreachable?.(row);
        return;
      }
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      if (attempts >= (this.options.maxAttempts ?? 6)) {
        this.store.outbox.finish(row.id, 'failed', message);
        log.error({ err: error, attempts }, 'message failed for good');
        this.options.onOutcome?.(row.platform, 'failed');
        return;
      }
      const delay = (this.options.backoffBaseMs ?? 2_000) * 2 ** (attempts - 1);
      this.store.outbox.retryLater(row.id, new Date(this.clock.now().getTime() + delay), message);
      log.warn({ err: error, attempts, delay }, 'send failed; will retry');
    }
  }
}
