import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { readDataFile } from './data-file.js';
import type { Actor, PrivacyService } from './privacy-service.js';

/**
 * Retention as data (issue 30): how long each kind of personal data that serves only a passing
 * purpose is kept (data/retention.json), and the prune that blanks or deletes what is past its
 * period — nightly in the running bot, or `npm run cli -- prune`. The agency's record (status
 * events, the evidence files attached to them) and the audit log are never pruned.
 */

/** The kinds of personal data kept for a while only, as data/retention.json names them and `prune --json` counts them. */
export const PRUNE_KINDS = ['outbox', 'incomingUpdates', 'heldEvidence', 'webSessions', 'numberedChoices'] as const;
export type PruneKind = (typeof PRUNE_KINDS)[number];
export type PruneCounts = Record<PruneKind, number>;

/** Who prunes at night: the running bot itself (the audit log shows no member). */
export const NIGHTLY_ACTOR: Actor = { memberId: null, via: 'scheduler' };

const DAY_MS = 86_400_000;

function days(min: number, max: number, why = '') {
  const range = `cần số ngày nguyên từ ${min} đến ${max}${why}`;
  return z.number({ error: range }).int(range).min(min, range).max(max, range);
}

const retentionSchema = z.object({
  pruneAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'cần giờ dạng HH:mm, ví dụ 03:00'),
  days: z.object({
    outbox: days(1, 3650),
    // A platform re-delivers an update within a day; dondoc must still recognise it then.
    incomingUpdates: days(2, 365, ' (ít nhất 2 ngày để nhận ra tin Telegram, Zalo gửi lặp)'),
    heldEvidence: days(1, 30),
    webSessions: days(1, 3650),
    numberedChoices: days(1, 365),
  }),
});

/** The retention periods and the time of the nightly prune (data/retention.json). */
export type Retention = z.infer<typeof retentionSchema>;

/** Reads and validates data/retention.json; throws one Vietnamese line naming the bad field. */
export function loadRetention(dataDir: string): Retention {
  return readDataFile(join(dataDir, 'retention.json'), retentionSchema, 'Thời gian lưu dữ liệu');
}

/** What one prune did (or, dry, would do): rows blanked or deleted per kind. */
export interface PruneOutcome {
  dryRun: boolean;
  counts: PruneCounts;
  total: number;
}

/** Prunes personal data past its retention period; one audit entry for each prune that removed something. */
export class RetentionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly privacy: PrivacyService,
    readonly settings: Retention,
  ) {}

  /**
   * In one transaction: blanks the chat id and text of finished outbox messages, and deletes
   * received updates, never-attached held files, ended web sessions and expired numbered lists —
   * each only when past its period. `dryRun` counts the same rows and changes nothing.
   */
  prune(actor: Actor, options: { dryRun?: boolean } = {}): PruneOutcome {
    const dryRun = options.dryRun ?? false;
    const now = this.clock.now().getTime();
    const before = (kind: PruneKind) => new Date(now - this.settings.days[kind] * DAY_MS);
    const { store } = this;
    return store.transaction(() => {
      const counts: PruneCounts = {
        outbox: store.outbox.blankFinishedBefore(before('outbox'), dryRun),
        incomingUpdates: store.updates.prune(before('incomingUpdates'), dryRun),
        heldEvidence: store.statuses.pruneHeld(before('heldEvidence'), dryRun),
        webSessions: store.web.pruneSessions(before('webSessions'), dryRun),
        numberedChoices: store.choices.pruneExpired(before('numberedChoices'), dryRun),
      };
      const total = PRUNE_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
      if (!dryRun && total > 0) this.privacy.record(actor, 'prune', null, { counts, days: this.settings.days });
      return { dryRun, counts, total };
    });
  }
}
